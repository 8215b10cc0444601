"""Two processes on one audit, and a writer killed with SIGKILL: nothing committed is ever lost."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.errors import AuditInUseError
from audit.history import record_history

ROOT = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent(
    """
    import sys, time
    from audit.document import AuditDocument
    document = AuditDocument.open(sys.argv[1], author="Li Min")
    print("ready", flush=True)
    time.sleep(60)
    """
)

WRITER = textwrap.dedent(
    """
    import sys
    from audit.document import AuditDocument
    document = AuditDocument.open(sys.argv[1], author="writer")
    i = 0
    while True:
        document.records.add("note", {"title": f"note {i}", "body": "x" * 2000})
        # Printed only after the commit returned: everything up to i is promised to be on disk.
        print(i, flush=True)
        i += 1
    """
)


def start(script: str, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_second_writer_is_told_who_has_it_and_can_read(audit_path: Path) -> None:
    with AuditDocument.create(audit_path) as document:
        document.records.add("note", {"title": "before"})
    holder = start(HOLDER, audit_path)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(AuditInUseError) as caught:
            AuditDocument.open(audit_path, author="Chen")
        message = caught.value.message
        assert "Li Min" in message.en and f"process {holder.pid}" in message.en and "read-only" in message.en
        # The machine named as socket.gethostname() names it (read without the socket module).
        assert caught.value.holder["host"] == socket.gethostname() and socket.gethostname() in message.en
        assert "只读" in message.zh
        assert caught.value.holder["pid"] == holder.pid
        with AuditDocument.open(audit_path, read_only=True) as reader:
            assert [r["title"] for r in reader.records.list("note")] == ["before"]
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # The holder died without closing: its OS lock went with it, so the file opens again,
    # and the app knows it recovered a stale lock (to tell the user).
    with AuditDocument.open(audit_path, author="Chen") as document:
        assert document.lock is not None and document.lock.recovered_stale is not None
        assert document.lock.recovered_stale["author"] == "Li Min"
        assert document.records.count("note") == 1


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("delay_s", [0.05, 0.3, 0.8])
def test_writer_killed_mid_write_keeps_every_committed_edit(audit_path: Path, delay_s: float) -> None:
    AuditDocument.create(audit_path).close()
    writer = start(WRITER, audit_path)
    assert writer.stdout is not None
    # Start the clock at the first commit: the interpreter takes a while to start.
    last_committed = int(writer.stdout.readline())
    deadline = time.monotonic() + delay_s
    while time.monotonic() < deadline:
        line = writer.stdout.readline()
        if line.strip().isdigit():
            last_committed = int(line)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    # Lines already in the pipe were committed too.
    for line in writer.stdout.read().split():
        last_committed = max(last_committed, int(line))
    writer.stdout.close()
    assert last_committed > 0, "the writer never committed anything"
    # A reader (e.g. `check`) sees the committed edits straight from the WAL the killed writer left.
    with AuditDocument.open(audit_path, read_only=True) as reader:
        assert reader.records.count("note") >= last_committed + 1
    with AuditDocument.open(audit_path) as document:
        assert document.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = {r["title"] for r in document.records.list("note")}
        assert {f"note {i}" for i in range(last_committed + 1)} <= titles
        # Each committed note's history shows its creation, by the writer, when it was created.
        for note in document.records.list("note"):
            created = [entry for entry in record_history(document, note.uuid) if entry.operation.en == "Created"]
            assert [(entry.author, entry.changed_at) for entry in created] == [
                ("writer", note.created_at.replace("T", " "))
            ]
