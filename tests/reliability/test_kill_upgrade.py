"""SIGKILL while an older audit is upgraded and then made smaller (VACUUM): every row is always still
there, the file is always sound and opens for writing at the current schema (issue 15)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from audit.document import AuditDocument
from audit.schema import SCHEMA_VERSION
from tests.audit.test_schema_upgrade import every_row, layout_of, unpacked4, with_free_pages

ROOT = Path(__file__).resolve().parents[2]
PADDING_MB = 20  # kept and freed each: rebuilding 20 MB takes long enough (~0.4 s) to be killed in

OPEN = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from audit import lean_sqlite_utils
    from audit.document import AuditDocument
    lean_sqlite_utils.load()
    os.write(1, b"start\\n")
    AuditDocument.open(Path(sys.argv[1]), author="upgrader").close()
    os.write(1, b"done\\n")
    """
)


def _open_killed_after(path: Path, delay_s: float | None) -> float:
    """Open `path` for writing in another process and SIGKILL it `delay_s` after the open began
    (None: let it finish); the seconds the open took or ran."""
    child = subprocess.Popen(
        [sys.executable, "-c", OPEN, str(path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"start\n"
    started = time.perf_counter()
    with child.stdout:
        if delay_s is None:
            assert child.stdout.readline() == b"done\n"
        else:
            time.sleep(delay_s)
            child.send_signal(signal.SIGKILL)
        child.wait()
    return time.perf_counter() - started


def _state(path: Path) -> tuple[int, int]:
    """(schema version, free pages) as SQLite sees the file after recovering from the kill."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        return version, int(connection.execute("PRAGMA freelist_count").fetchone()[0])
    finally:
        connection.close()


def test_a_kill_during_the_upgrade_or_its_vacuum_loses_nothing(tmp_path: Path) -> None:
    (tmp_path / "original").mkdir()
    original = with_free_pages(unpacked4(tmp_path / "original"), PADDING_MB)
    layout = layout_of(original)
    layout["record_index"].remove("parent_uuid")  # the view m005 leaves has no parent column
    before = every_row(original, layout)
    size_before = original.stat().st_size
    whole = tmp_path / "whole" / "audit.fieldaudit"
    whole.parent.mkdir()
    whole.write_bytes(original.read_bytes())
    took_s = _open_killed_after(whole, None)
    assert _state(whole) == (SCHEMA_VERSION, 0)
    assert whole.stat().st_size < size_before * 0.6  # half of it was free
    states: list[tuple[int, int]] = []
    for step in range(1, 8):
        copy = tmp_path / f"kill{step}" / "audit.fieldaudit"
        copy.parent.mkdir()
        copy.write_bytes(original.read_bytes())
        _open_killed_after(copy, took_s * step / 8)
        states.append(_state(copy))
        # Nothing lost, whatever the moment: the old file, the upgraded one, or the upgraded smaller one.
        assert every_row(copy, layout) == before, step
        with AuditDocument.open(copy, author="next") as document:
            assert document.schema_version() == SCHEMA_VERSION
        assert _state(copy)[0] == SCHEMA_VERSION  # (a kill during the rebuild leaves the free pages: reused later)
        assert every_row(copy, layout) == before
    # Some kills came after the upgrade committed and before the rebuild did (upgraded, still free pages).
    assert any(version == SCHEMA_VERSION and free > 0 for version, free in states), states
