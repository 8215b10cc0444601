"""`import` reports conflicts; `conflicts FILE` lists them in either language; `--take` settles one."""

from __future__ import annotations

from pathlib import Path

from audit.conflicts import count_conflicts
from audit.document import AuditDocument
from tests.cli_support import run_cli as run


def _two_copies_changed_on_both_sides(tmp_path: Path) -> tuple[Path, Path, str]:
    auditor, office = tmp_path / "auditor.fieldaudit", tmp_path / "office.fieldaudit"
    with AuditDocument.create(auditor, author="li.auditor") as document:
        motor = document.records.add("motor", {"tag": "M-07", "rated_power_kw": 30, "location": "泵房"})
    assert run("export", auditor, "-o", tmp_path / "one.json").returncode == 0
    assert run("new", office).returncode == 0
    assert run("import", office, tmp_path / "one.json").returncode == 0
    with AuditDocument.open(office, author="wang.office") as document:
        document.records.update(motor, {"rated_power_kw": 37})
    with AuditDocument.open(auditor, author="li.auditor") as document:
        document.records.update(motor, {"rated_power_kw": 45, "location": "空压站"})
    assert run("export", auditor, "-o", tmp_path / "two.json").returncode == 0
    return auditor, office, motor


def test_conflicts_are_reported_listed_and_settled_from_the_command_line(tmp_path: Path) -> None:
    _, office, motor = _two_copies_changed_on_both_sides(tmp_path)
    imported = run("import", office, tmp_path / "two.json")
    assert imported.returncode == 0, imported.stderr
    assert "0 updated" in imported.stdout and "1 conflict(s)" in imported.stdout
    assert f"python main.py conflicts {office}" in imported.stdout
    listed = run("conflicts", office)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("Motors M-07 [") and motor in lines[0]
    assert "here revision 2 by wang.office" in lines[0] and "revision 2 by li.auditor" in lines[0]
    assert "    Rated power (kW): 37 | 45" in lines and "    Location (workshop, line): 泵房 | 空压站" in lines
    assert "1 conflict(s)" in lines[-1]
    chinese = run("conflicts", office, language="zh").stdout
    assert "本方第2版（wang.office" in chinese and "额定功率 (kW)：37 | 45" in chinese
    settled = run("conflicts", office, "--record", motor[:8], "--take", "theirs")
    assert settled.returncode == 0, settled.stderr
    with AuditDocument.open(office, read_only=True) as document:
        record = document.records.get(motor)
        assert (record["rated_power_kw"], record["location"]) == (45, "空压站") and count_conflicts(document) == 0
    assert "no conflicts" in run("conflicts", office).stdout
    again = run("import", office, tmp_path / "two.json")
    assert "0 updated" in again.stdout and "0 conflict(s)" in again.stdout


def test_settling_an_unknown_record_fails_in_one_line(tmp_path: Path) -> None:
    office = tmp_path / "office.fieldaudit"
    assert run("new", office).returncode == 0
    result = run("conflicts", office, "--record", "abc", "--take", "mine")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "names 0 conflicting records" in result.stderr
