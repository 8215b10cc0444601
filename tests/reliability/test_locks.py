"""One writer per audit, whatever name it is reached by; the lock never writes through a link."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.errors import AuditInUseError
from audit.locking import lock_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="links and flock are POSIX here")


def _make(path: Path) -> None:
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("note", {"title": "kept"})


def test_a_symlinked_lock_name_never_empties_the_file_it_points_to(
    tmp_path: Path, figure: Callable[[str], None]
) -> None:
    audit = tmp_path / "plant.fieldaudit"
    _make(audit)
    victim = tmp_path / "thesis.txt"
    victim.write_text("three years of work\n", encoding="utf-8")
    # Planted by another user of a shared folder, or unpacked from an archive.
    lock_path(audit).unlink(missing_ok=True)
    os.symlink(victim, lock_path(audit))
    with AuditDocument.open(audit, author="Chen") as document:
        document.records.add("note", {"title": "while the link was there"})
    assert victim.read_text(encoding="utf-8") == "three years of work\n"
    figure("bytes of the link's target changed 0")


def _second_ways(tmp_path: Path, audit: Path) -> dict[str, Callable[[], Path]]:
    def hard_link() -> Path:
        alias = tmp_path / "copy-by-link.fieldaudit"
        os.link(audit, alias)
        return alias

    def symlink() -> Path:
        alias = tmp_path / "shortcut.fieldaudit"
        os.symlink(audit, alias)
        return alias

    def other_spelling() -> Path:
        (tmp_path / "sub").mkdir()
        return tmp_path / "sub" / ".." / audit.name

    def lock_file_deleted() -> Path:
        lock_path(audit).unlink()
        return audit

    return {
        "hard link": hard_link,
        "symlink": symlink,
        "other spelling": other_spelling,
        "lock file deleted": lock_file_deleted,
    }


def test_no_second_writer_through_another_name_or_a_deleted_lock_file(
    tmp_path: Path, figure: Callable[[str], None]
) -> None:
    admitted = []
    ways = list(_second_ways(tmp_path, tmp_path / "plant.fieldaudit"))
    for way in ways:
        folder = tmp_path / way.replace(" ", "-")
        folder.mkdir()
        audit = folder / "plant.fieldaudit"
        _make(audit)
        first = AuditDocument.open(audit, author="Li Min")
        try:
            name = _second_ways(folder, audit)[way]()
            try:
                second = AuditDocument.open(name, author="Chen")
            except AuditInUseError as error:
                assert "Li Min" in error.message.en or way == "lock file deleted"
            else:
                admitted.append(way)
                second.close()
        finally:
            first.close()
    figure(f"second writers admitted {len(admitted)}/{len(ways)}")
    assert admitted == []


def test_closing_leaves_no_lock_file_beside_the_audit(tmp_path: Path) -> None:
    audit = tmp_path / "plant.fieldaudit"
    _make(audit)
    with AuditDocument.open(audit, author="Chen"):
        assert lock_path(audit).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plant.fieldaudit"]


def test_a_fifo_planted_as_the_lock_file_neither_hangs_nor_blocks(tmp_path: Path) -> None:
    audit = tmp_path / "plant.fieldaudit"
    _make(audit)
    lock_path(audit).unlink(missing_ok=True)
    os.mkfifo(lock_path(audit))
    with AuditDocument.open(audit, author="Chen") as document:
        assert document.records.count("note") == 1
