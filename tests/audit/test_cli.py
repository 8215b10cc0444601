"""The command line as a user runs it: `python main.py COMMAND`, exit codes and one-line messages."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli_support import run_cli as run

ROOT = Path(__file__).resolve().parents[2]


def assert_clean_failure(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for text in expected:
        assert text in lines[0]


def test_every_command_has_help_in_both_languages() -> None:
    from audit.cli import discover_commands

    commands = discover_commands()
    assert {"new", "demo", "info", "check", "import", "export"} <= set(commands)
    for command in commands.values():
        assert command.help.en and command.help.zh
    result = run("-h")
    assert result.returncode == 0 and "check" in result.stdout


def test_demo_audit_passes_check_with_no_problems(demo_path: Path) -> None:
    result = run("check", demo_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
    assert "warning" not in result.stdout


def test_demo_is_a_plausible_year_of_a_dyeing_plant(demo_path: Path) -> None:
    result = run("info", demo_path)
    assert result.returncode == 0
    assert "绍兴柯桥恒盛印染有限公司" in result.stdout
    result = run("info", demo_path, language="zh")
    assert "企业" in result.stdout


def test_new_export_import_round_trip(tmp_path: Path, demo_path: Path) -> None:
    exported = tmp_path / "demo.json"
    assert run("export", demo_path, "-o", exported).returncode == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "fieldaudit-records" and data["records"]["enterprise"]
    target = tmp_path / "copy.fieldaudit"
    assert run("new", target).returncode == 0
    result = run("import", target, exported)
    assert result.returncode == 0, result.stderr
    again = tmp_path / "again.json"
    assert run("export", target, "-o", again).returncode == 0
    second = json.loads(again.read_text(encoding="utf-8"))
    assert second["records"] == data["records"]
    # Importing the same file twice changes nothing.
    result = run("import", target, exported)
    assert result.returncode == 0 and " 0 added, 0 updated, " in result.stdout and " 0 conflict(s)" in result.stdout
    assert run("check", target).returncode == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "invalid JSON at line 1"),
        ('["a list"]', "expected an object of form ids"),
        ('{"pumps": []}', "unknown form id(s): pumps"),
        (
            '{"motor": [{"tag": "M1", "location": "x", "rated_power_kw": -5}]}',
            "motor[1].rated_power_kw: Rated power must be greater than 0 kW",
        ),
        ('{"motor": [{"tag": "M1", "location": "x", "rated_power": 5}]}', "has no field 'rated_power'"),
        (
            '{"energy_use": [{"month": "2025-13", "energy_type": "electricity", "quantity": 1, "unit": "kWh"}]}',
            "energy_use[1].month: Month 13 does not exist",
        ),
        (
            '{"note": [{"values": {"title": "x"}, "revision": "abc"}]}',
            "note[1]: envelope field 'revision' must be a whole number",
        ),
        (
            '{"note": [{"values": {"title": "x"}, "state": ["a"]}]}',
            "note[1]: envelope field 'state' must be draft or final",
        ),
        ('{"note": [{"values": {"title": "x"}, "form_version": 99}]}', "captured with version 99 of form note"),
        ('{"note": [{"uuid": "not-a-uuid", "title": "x"}]}', "envelope field 'uuid' must be a UUID"),
    ],
)
def test_bad_import_exits_nonzero_naming_file_record_and_field_and_changes_nothing(
    tmp_path: Path, content: str, expected: str
) -> None:
    target = tmp_path / "a.fieldaudit"
    assert run("new", target).returncode == 0
    data = tmp_path / "data.json"
    data.write_text(content, encoding="utf-8")
    before = run("export", target, "--live-only").stdout
    result = run("import", target, data)
    assert_clean_failure(result, expected)
    assert "data.json" in result.stderr
    assert json.loads(run("export", target, "--live-only").stdout)["records"] == json.loads(before)["records"]


def test_check_on_a_truncated_copy_fails_cleanly(tmp_path: Path, demo_path: Path) -> None:
    damaged = tmp_path / "truncated.fieldaudit"
    data = demo_path.read_bytes()
    damaged.write_bytes(data[: len(data) // 3])
    assert_clean_failure(run("check", damaged), "truncated.fieldaudit", "damaged")


def test_check_on_a_random_file_fails_cleanly(tmp_path: Path) -> None:
    junk = tmp_path / "junk.fieldaudit"
    junk.write_bytes(os.urandom(8192))
    assert_clean_failure(run("check", junk), "junk.fieldaudit", "not a FieldAudit audit")


def test_check_reports_each_problem_and_exits_1(tmp_path: Path) -> None:
    target = tmp_path / "a.fieldaudit"
    run("new", target)
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"motor": [{"tag": "M1", "location": "x"}]}), encoding="utf-8")
    assert run("import", target, data).returncode == 0
    result = run("check", target)
    assert result.returncode == 1
    assert "missing: motor «M1»" in result.stdout and "Rated power is required" in result.stdout


def test_missing_file_and_chinese_messages(tmp_path: Path) -> None:
    assert_clean_failure(run("info", tmp_path / "none.fieldaudit"), "none.fieldaudit", "file not found")
    assert_clean_failure(run("info", tmp_path / "none.fieldaudit", language="zh"), "文件不存在")


def test_demo_refuses_to_overwrite_unless_asked_and_never_replaces_an_open_audit(tmp_path: Path) -> None:
    from audit.document import AuditDocument

    target = tmp_path / "demo.fieldaudit"
    assert run("demo", target).returncode == 0
    assert_clean_failure(run("demo", target), "already exists")
    with AuditDocument.open(target) as document:
        document.records.add("note", {"title": "my own edit"})
        assert_clean_failure(run("demo", target, "--replace"), "open for editing")
        assert document.records.count("note") == 5
    result = run("demo", target, "--replace")
    assert result.returncode == 0, result.stderr
    with AuditDocument.open(target, read_only=True) as document:
        assert "my own edit" not in {r["title"] for r in document.records.list("note")}
    assert run("check", target).returncode == 0
    assert not [p.name for p in tmp_path.iterdir() if "building" in p.name]  # no half-built demo left behind


def test_a_hostile_json_file_is_refused_with_one_line(tmp_path: Path) -> None:
    target = tmp_path / "a.fieldaudit"
    assert run("new", target).returncode == 0
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert_clean_failure(run("import", target, deep), "deep.json", "nested too deeply")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert_clean_failure(run("import", target, binary), "binary.json", "not UTF-8")
