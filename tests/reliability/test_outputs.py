"""Outputs never replace an audit and are never left half-written; a full disk is one line, and a
committed import says so (exit 0) even when the disk fills while the audit is being closed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.errors import AuditError
from tests.cli_support import run_cli


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def audit(tmp_path: Path) -> Path:
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("note", {"title": "kept"})
    return path


def test_export_onto_the_audit_is_refused_by_any_name(
    audit: Path, tmp_path: Path, figure: Callable[[str], None]
) -> None:
    before = digest(audit)
    names = [audit, tmp_path / "." / audit.name]
    if sys.platform != "win32":
        os.symlink(audit, tmp_path / "link.json")
        os.link(audit, tmp_path / "hard.json")
        names += [tmp_path / "link.json", tmp_path / "hard.json", Path(f"{audit}-wal")]
    for name in names:
        result = run_cli("export", audit, "-o", name)
        assert result.returncode == 1 and "the audit itself" in result.stderr, (name, result.stderr)
    assert digest(audit) == before
    with AuditDocument.open(audit, read_only=True) as document:
        assert document.records.count("note") == 1
    figure(f"exports onto the audit refused {len(names)}/{len(names)}; audit bytes changed 0")


def test_the_report_and_save_as_never_replace_the_audit(audit: Path) -> None:
    from audit.report.export import export_report

    before = digest(audit)
    with pytest.raises(AuditError, match="the audit itself"):
        export_report(audit, audit)
    assert digest(audit) == before


def test_save_as_onto_itself_is_refused_and_a_copy_is_one_file(audit: Path, tmp_path: Path) -> None:
    with AuditDocument.open(audit, author="Chen") as document:
        with pytest.raises(AuditError, match="the audit itself"):
            document.save_copy(audit)
        document.save_copy(tmp_path / "copy.fieldaudit")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.fieldaudit", "plant.fieldaudit"]
    with AuditDocument.open(tmp_path / "copy.fieldaudit", read_only=True) as copy:
        assert copy.records.count("note") == 1


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def fail(temporary: Path) -> None:
        temporary.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    from audit.output_files import DiskFullError, write_atomically, write_bytes_atomically

    with pytest.raises(DiskFullError):
        write_atomically(target, fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    write_bytes_atomically(target, b"new")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["out.json"]


# -- a real full disk: a small tmpfs (root only) ---------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real full disk needs a tmpfs mount: run as root on Linux (CI does)")
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)], check=True)
    try:
        yield mount_point
    finally:
        # Lazy: a connection the garbage collector has not closed yet must not leave the mount behind.
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _notes_json(path: Path, count: int, size: int) -> Path:
    notes = [{"values": {"title": f"note {i}", "body": "x" * size}} for i in range(count)]
    path.write_text(
        json.dumps({"format": "fieldaudit-records", "format_version": 1, "records": {"note": notes}}), encoding="utf-8"
    )
    return path


def _notes(path: Path) -> int:
    with AuditDocument.open(path, read_only=True) as document:
        assert document.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return document.records.count("note")


def _one_line_disk_full(result: subprocess.CompletedProcess[str]) -> None:
    assert "disk full" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_disk_full_is_one_line_and_exit_0_means_committed(
    small_disk: Path, tmp_path: Path, figure: Callable[[str], None]
) -> None:
    audit = small_disk / "plant.fieldaudit"
    assert run_cli("new", audit).returncode == 0
    committed_exit_0 = refused_exit_1 = committed_with_wal_left = 0
    # Imports of growing size on a 3 MB disk: some fit, some fit only in the WAL (folding it back at
    # close fails), the rest do not fit at all. Whatever happened, exit 0 <=> the records are in.
    for size_kb in (100, 300, 500, 700, 900, 1100, 1300, 1600):
        before = _notes(audit)
        data = _notes_json(tmp_path / f"notes-{size_kb}.json", 20, size_kb * 1024 // 20)
        result = run_cli("import", audit, data)
        after = _notes(audit)
        assert "Traceback" not in result.stderr, result.stderr
        if result.returncode == 0:
            assert after == before + 20, (size_kb, result.stderr)
            committed_exit_0 += 1
            committed_with_wal_left += Path(f"{audit}-wal").exists() and Path(f"{audit}-wal").stat().st_size > 0
        else:
            _one_line_disk_full(result)
            assert after == before, size_kb
            refused_exit_1 += 1
    assert refused_exit_1 > 0, "the disk never filled: make the imports bigger"
    # A full disk: `new`, `export` and `demo` fail in one line and leave no file behind.
    left_before = sorted(p.name for p in small_disk.iterdir())
    result = run_cli("export", audit, "-o", small_disk / "all.json")
    if result.returncode != 0:
        _one_line_disk_full(result)
    result_new = run_cli("new", small_disk / "second.fieldaudit")
    if result_new.returncode != 0:
        _one_line_disk_full(result_new)
    result_demo = run_cli("demo", small_disk / "demo.fieldaudit")
    assert result_demo.returncode == 1, "the demo fitted on a full disk"
    _one_line_disk_full(result_demo)
    left_after = sorted(p.name for p in small_disk.iterdir())
    expected = set(left_before) | ({"all.json"} if result.returncode == 0 else set())
    expected |= {"second.fieldaudit"} if result_new.returncode == 0 else set()
    assert set(left_after) == expected, left_after
    figure(
        f"imports on a 3 MB disk: committed and exit 0 {committed_exit_0} (WAL left to fold later "
        f"{committed_with_wal_left}), refused in one line and exit 1 {refused_exit_1}, committed but exit 1: 0"
    )
    # Space freed (the disk grown): the audit opens, folds its WAL, and takes edits again.
    subprocess.run(["mount", "-o", "remount,size=16m", str(small_disk)], check=True)
    with AuditDocument.open(audit, author="Chen") as document:
        document.records.add("note", {"title": "after space was freed"})
    check = sqlite3.connect(audit)
    try:
        assert check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        check.close()


def test_a_demo_that_does_not_fit_leaves_nothing_behind(small_disk: Path) -> None:
    # 2 MB: room to create the audit, not to fill it with the demo (2.5 MB).
    subprocess.run(["mount", "-o", "remount,size=2m", str(small_disk)], check=True)
    result = run_cli("demo", small_disk / "demo.fieldaudit")
    assert result.returncode == 1
    _one_line_disk_full(result)
    assert list(small_disk.iterdir()) == []
