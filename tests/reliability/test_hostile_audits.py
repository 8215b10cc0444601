"""Corrupt and hostile audit files: refused in one line, bytes unchanged; healthy ones open even read-only."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.errors import AuditError, AuditFileError, ReadOnlyFolderError
from tests.cli_support import run_cli
from tests.reliability.conftest import LONG

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file system features")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make(path: Path) -> Path:
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("enterprise", {"name": "Hengsheng Dyeing"})
        for i in range(5):
            document.records.add("motor", {"tag": f"M{i}", "rated_power_kw": 15.0 + i})
        document.records.add("note", {"title": "kept"})
    return path


def _one_line(error: AuditError) -> None:
    assert "\n" not in error.message.en and len(error.message.en) < 400, error.message.en
    assert "\n" not in error.message.zh


def _stale_wal_copy(source: Path, target: Path, statement: str) -> None:
    """`target` = `source` plus a -wal (left by a crash) that holds `statement`'s change, main file unchanged."""
    connection = sqlite3.connect(source, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute(statement)
    shutil.copyfile(source, target)
    shutil.copyfile(f"{source}-wal", f"{target}-wal")
    connection.close()


@pytest.fixture
def audit(tmp_path: Path) -> Path:
    return _make(tmp_path / "plant.fieldaudit")


@pytest.mark.parametrize(
    ("statement", "expected"),
    [("PRAGMA user_version = 7", "newer FieldAudit"), ("PRAGMA application_id = 1", "not a FieldAudit audit")],
)
def test_a_stale_wal_cannot_smuggle_a_newer_version_or_another_application_id(
    audit: Path, tmp_path: Path, statement: str, expected: str
) -> None:
    hostile = tmp_path / "hostile.fieldaudit"
    _stale_wal_copy(audit, hostile, statement)
    before = digest(hostile)
    for read_only in (True, False):
        with pytest.raises(AuditFileError) as caught:
            AuditDocument.open(hostile, read_only=read_only).close()
        assert expected in caught.value.message.en
        _one_line(caught.value)
    info = run_cli("info", hostile)
    assert info.returncode == 1 and expected in info.stderr and "Traceback" not in info.stderr
    assert digest(hostile) == before


HOSTILE_SCHEMA = {
    "trigger that erases the change log": "CREATE TRIGGER wipe AFTER INSERT ON note BEGIN DELETE FROM change_log; END",
    "trigger that rewrites every motor": "CREATE TRIGGER rewrite AFTER UPDATE ON enterprise BEGIN UPDATE motor SET rated_power_kw = 1; END",
    "recursive view": "CREATE VIEW forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c",
    "view in place of a table": "DROP TABLE lighting; CREATE VIEW lighting AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x AS uuid FROM c",
    "expression index": "CREATE INDEX sly ON motor (abs(rated_power_kw))",
    "partial index": "CREATE INDEX some ON motor (tag) WHERE rated_power_kw > 100",
    "generated column in a form's table": "ALTER TABLE motor ADD COLUMN twice REAL GENERATED ALWAYS AS (rated_power_kw * 2)",
    "unknown table": "CREATE TABLE payload (x)",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_SCHEMA))
def test_schema_objects_fieldaudit_never_makes_are_refused_before_they_run(
    audit: Path, name: str, figure: Callable[[str], None]
) -> None:
    connection = sqlite3.connect(audit, isolation_level=None)
    connection.executescript(HOSTILE_SCHEMA[name])
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = digest(audit)
    started = time.monotonic()
    # Every command on the case that used to hang them; `check` (which said "no problems") on the rest.
    for command in ("info", "check", "export") if name == "recursive view" else ("check",):
        result = run_cli(command, audit)
        assert result.returncode == 1, (command, result.stdout)
        assert "did not create" in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(AuditFileError):
        AuditDocument.open(audit, author="Chen").close()
    assert digest(audit) == before
    figure(f"{name}: refused by the commands and by open in {time.monotonic() - started:.1f} s; bytes changed 0")


def test_missing_tables_are_one_line_not_a_traceback(audit: Path) -> None:
    connection = sqlite3.connect(audit, isolation_level=None)
    connection.execute("DROP TABLE attachment_link")
    connection.close()
    before = digest(audit)
    for command in ("info", "check", "export"):
        result = run_cli(command, audit)
        assert result.returncode == 1 and "incomplete" in result.stderr and "Traceback" not in result.stderr, command
    assert digest(audit) == before


@POSIX
def test_a_fifo_under_the_audits_name_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "plant.fieldaudit"
    os.mkfifo(fifo)
    for read_only in (True, False):
        with pytest.raises(AuditFileError) as caught:
            AuditDocument.open(fifo, read_only=read_only)
        assert "not a regular file" in caught.value.message.en


@POSIX
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_an_unreadable_audit_is_one_line(audit: Path) -> None:
    audit.chmod(0)
    try:
        result = run_cli("info", audit)
    finally:
        audit.chmod(0o644)
    assert result.returncode == 1 and "permission denied" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a closed, healthy audit, that nobody can write (a write-protected stick)."""
    folder = tmp_path / "stick"
    folder.mkdir()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Root ignores permission bits: a read-only mount is what a locked stick really is.
        if shutil.which("mount") is None:
            pytest.skip("running as root without mount(8): cannot make a read-only folder")
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], check=True)
        try:
            _make(folder / "plant.fieldaudit")
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield folder
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        return
    _make(folder / "plant.fieldaudit")
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)


@POSIX
def test_a_healthy_audit_in_a_read_only_folder_opens_read_only(read_only_folder: Path) -> None:
    audit = read_only_folder / "plant.fieldaudit"
    before = digest(audit)
    for command in ("info", "check", "export", "indicators", "water"):
        result = run_cli(command, audit)
        assert result.returncode in (0, 1) and "damaged" not in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.stderr, (command, result.stderr)
    assert "Hengsheng Dyeing" in run_cli("info", audit).stdout
    with AuditDocument.open(audit, read_only=True) as document:
        assert document.records.count("motor") == 5
    with pytest.raises(ReadOnlyFolderError) as caught:
        AuditDocument.open(audit, author="Chen")
    assert "read-only" in caught.value.message.en
    result = run_cli("import", audit, read_only_folder / "missing.json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert digest(audit) == before


def test_a_refused_import_does_not_rewrite_the_file(audit: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "fieldaudit-records",
                "format_version": 1,
                "records": {"motor": [{"values": {"rated_power_kw": "lots"}}]},
            }
        ),
        encoding="utf-8",
    )
    before = digest(audit)
    result = run_cli("import", audit, bad)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert digest(audit) == before


def _flip_bits(data: bytearray, rng: random.Random, count: int) -> None:
    for _ in range(count):
        position = rng.randrange(len(data))
        data[position] ^= 1 << rng.randrange(8)


def test_truncated_and_bit_flipped_audits_are_refused_or_read_never_a_traceback(
    audit: Path, tmp_path: Path, figure: Callable[[str], None]
) -> None:
    """SQLite has no content checksums: some flips change a value unseen (docs/reliability.md says so)."""
    original = audit.read_bytes()
    rng = random.Random(16)
    cases: list[tuple[str, bytes]] = [
        ("half", original[: len(original) // 2]),
        ("one page", original[:4096]),
        ("header only", original[:100]),
        ("empty", b""),
    ]
    flips = 400 if LONG else 60
    for i in range(flips):
        data = bytearray(original)
        _flip_bits(data, rng, 1 + i % 3)
        cases.append((f"flip {i}", bytes(data)))
    refused = opened = 0
    for name, data in cases:
        path = tmp_path / f"case-{name.replace(' ', '-')}.fieldaudit"
        path.write_bytes(data)
        try:
            with AuditDocument.open(path, read_only=True) as document:
                document.records.count("motor")
                document.records.list("motor")
            opened += 1
        except AuditError as error:
            _one_line(error)
            refused += 1
        assert path.read_bytes() == data, name
    figure(f"damaged files {len(cases)}: refused {refused}, opened {opened}, tracebacks 0, bytes changed 0")
    assert refused >= 4


def test_check_names_values_no_edit_could_have_stored(audit: Path, figure: Callable[[str], None]) -> None:
    """Text in a number column crashed `check`; unknown choice codes and non-dates passed it."""
    with AuditDocument.open(audit, author="tester") as document:
        document.records.add("audit", {"title": "2025 audit", "period_start": "2025-01-01"})
    connection = sqlite3.connect(audit, isolation_level=None)
    connection.execute("UPDATE motor SET rated_power_kw = 'lots' WHERE tag = 'M1'")
    connection.execute("UPDATE motor SET efficiency_class = 'IE9' WHERE tag = 'M2'")
    connection.execute("UPDATE audit SET period_start = '2025-13-45'")
    connection.close()
    result = run_cli("check", audit)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    named = [
        line
        for line in result.stdout.splitlines()
        if ("rated_power_kw" in line and "not a number" in line)
        or ("efficiency_class" in line and "IE9" in line)
        or ("period_start" in line and "2025-13-45" in line)
    ]
    figure(f"values no edit could store, named by check {len(named)}/3")
    assert len(named) == 3, result.stdout
