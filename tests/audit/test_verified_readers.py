"""A background reader of the audit the app has verified skips quick_check, only while the file is the
one that passed it (issue 15: 0.09 s of each read-only open of a large audit)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import audit.document
from audit.document import AuditDocument, file_identity, verified_files


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files SQLite's quick_check runs on from now on (the real check, counted)."""
    ran: list[Path] = []
    real = audit.document._quick_check

    def counted(connection: object, path: Path) -> None:
        ran.append(Path(path))
        real(connection, path)  # type: ignore[arg-type]

    monkeypatch.setattr(audit.document, "_quick_check", counted)
    return ran


def _read(path: Path) -> int:
    with AuditDocument.open(path, read_only=True) as reader:
        return reader.records.count("motor")


def test_readers_skip_the_check_only_after_it_passed_on_the_same_unchanged_file(
    demo_path: Path, tmp_path: Path, checks: list[Path]
) -> None:
    path = tmp_path / "plant.fieldaudit"
    shutil.copy(demo_path, path)
    motors = _read(path)
    assert checks == [path]  # nothing verified yet: checked
    document = AuditDocument.open(path, author="tester", check_later=True)
    try:
        assert _read(path) == motors and len(checks) == 2  # the open's own check has not run yet
        document.verify()
        assert len(checks) == 3 and str(path.resolve()) in verified_files()
        assert _read(path) == motors and len(checks) == 3  # verified, unchanged: not checked again
        # An edit goes to the -wal: the file is the one checked, and a reader sees the edit unchecked.
        document.records.add("motor", {"tag": "M-NEW"})
        assert _read(path) == motors + 1 and len(checks) == 3
        # Folded back into the file (a checkpoint): no longer the file that was checked.
        before = file_identity(path)
        document.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert file_identity(path) != before
        assert _read(path) == motors + 1 and len(checks) == 4
        # Another file (a copy of this one) is always checked.
        copy = tmp_path / "copy.fieldaudit"
        shutil.copy(path, copy)
        _read(copy)
        assert checks[-1] == copy and len(checks) == 5
    finally:
        document.close()
    assert str(path.resolve()) not in verified_files()  # closed: the next opener checks again
    _read(path)
    assert len(checks) == 6
