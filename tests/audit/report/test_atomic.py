"""A report is written whole or not at all: cancel, full disk and a target held open leave the old file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from audit.errors import AuditError
from audit.report.export import export_report

OLD = b"last week's report"


class Cancelled(Exception):
    """What the GUI's progress callback raises when the user presses Cancel."""


def target_with_old_report(tmp_path: Path) -> Path:
    target = tmp_path / "out" / "report.xlsx"
    target.parent.mkdir()
    target.write_bytes(OLD)
    return target


def assert_untouched(target: Path) -> None:
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.xlsx"]  # no temporary file left


def test_cancel_halfway_leaves_the_old_report(demo_path: Path, tmp_path: Path) -> None:
    target = target_with_old_report(tmp_path)
    seen: list[str] = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(message)
        if done == 1:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_report(demo_path, target, "en", progress)
    assert len(seen) == 2
    assert_untouched(target)


def test_full_disk_says_so_and_leaves_the_old_report(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = target_with_old_report(tmp_path)

    def no_space(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(AuditError) as raised:
        export_report(demo_path, target, "zh")
    assert "disk full" in raised.value.message.en and "磁盘已满" in raised.value.message.zh
    assert_untouched(target)


def test_target_open_in_another_program_gives_a_clear_message(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = target_with_old_report(tmp_path)
    real_open = os.open

    def excel_has_it(path: object, flags: int, *args: object) -> int:
        # What Windows does while Excel or WPS has the workbook open.
        if Path(str(path)) == target:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", excel_has_it)
    with pytest.raises(AuditError) as raised:
        export_report(demo_path, target, "en")
    assert "open in another program" in raised.value.message.en and str(target) in raised.value.message.en
    assert "其他程序" in raised.value.message.zh
    assert_untouched(target)


def test_a_rename_refused_leaves_the_old_report(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = target_with_old_report(tmp_path)

    def refused(source: object, destination: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(AuditError) as raised:
        export_report(demo_path, target, "en")
    assert str(target) in raised.value.message.en and "cannot be written" in raised.value.message.en
    assert_untouched(target)


def test_missing_folder_is_named(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "report.xlsx"
    with pytest.raises(AuditError) as raised:
        export_report(demo_path, target, "en")
    assert str(target) in raised.value.message.en and "cannot be written" in raised.value.message.en
    assert not target.parent.exists()


def test_the_audit_itself_is_never_overwritten(demo_path: Path, tmp_path: Path) -> None:
    audit = tmp_path / "copy.fieldaudit"
    audit.write_bytes(demo_path.read_bytes())
    with pytest.raises(AuditError) as raised:
        export_report(audit, audit, "en")
    assert "the audit itself" in raised.value.message.en
    assert audit.read_bytes() == demo_path.read_bytes()


def test_a_good_export_replaces_the_old_report(demo_path: Path, tmp_path: Path) -> None:
    target = target_with_old_report(tmp_path)
    export_report(demo_path, target, "en")
    assert target.read_bytes()[:2] == b"PK"  # a zip: the new workbook
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.xlsx"]
