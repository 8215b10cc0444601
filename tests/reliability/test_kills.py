"""SIGKILL at random moments of every kind of write the app and the command line make: nothing
committed is ever lost, no half-made import or photo is ever seen, the lock is always recovered.

One helper process imports the app once and forks a writer per round (so 100 kills cost seconds,
not 100 interpreter starts); the writer prints an acknowledgement only after each commit returned.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from audit.document import AuditDocument
from tests.reliability.conftest import LONG

ROOT = Path(__file__).resolve().parents[2]
KILLS = 1000 if LONG else 100
MODES = ("add", "update", "import", "photo")

HELPER = textwrap.dedent(
    """
    import io, os, sys, uuid
    from pathlib import Path
    from PIL import Image
    from audit import lean_sqlite_utils
    from audit.attachments import add_photo
    from audit.document import AuditDocument
    from audit.jsonio import import_records

    # Writers store through sqlite-utils, loaded on first use: load it once here, before forking,
    # so that no child spends the kill window importing it.
    lean_sqlite_utils.load()

    path, scratch = Path(sys.argv[1]), Path(sys.argv[2])

    def say(line):
        os.write(1, (line + "\\n").encode())

    def work(mode, round_no):
        # The same domain calls the GUI's undo commands and the CLI's import make.
        document = AuditDocument.open(path, author=f"round {round_no}")
        say(f"opened {round_no}")
        i = 0
        while True:
            if mode == "add":
                document.records.add("note", {"title": f"add-{round_no}-{i}", "body": "x" * 500})
                say(f"ack add-{round_no}-{i}")
            elif mode == "update":
                enterprise = document.records.singleton("enterprise")
                document.records.update(enterprise.uuid, {"name": f"v-{round_no}-{i}"})
                say(f"ack v-{round_no}-{i}")
            elif mode == "import":
                batch = f"batch-{round_no}-{i}"
                notes = [{"values": {"title": batch, "body": str(n)}} for n in range(100)]
                import_records(document, {"note": notes}, source=batch)
                say(f"ack {batch}")
            else:
                picture = scratch / f"p-{round_no}-{i}.png"
                Image.new("RGB", (64, 48), (round_no % 256, i % 256, 7)).save(picture)
                photo = add_photo(document, picture)
                say(f"ack {photo}")
            i += 1

    for line in sys.stdin:
        mode, round_no = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                work(mode, int(round_no))
            finally:
                os._exit(3)
        say(f"started {pid}")
        sys.stdin.readline()  # "reap", sent after the test killed the writer
        os.waitpid(pid, 0)
        say("reaped")
    """
)


class Helper:
    def __init__(self, audit: Path, scratch: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HELPER, str(audit), str(scratch)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put("eof")

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def next_line(self, timeout_s: float = 30) -> str:
        return self.lines.get(timeout=timeout_s)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()


def _round(helper: Helper, mode: str, round_no: int, delay_s: float) -> list[str]:
    """Start a writer, SIGKILL it after delay_s, and return what it acknowledged."""
    helper.send(f"{mode} {round_no}")
    started = helper.next_line()
    assert started.startswith("started "), started
    pid = int(started.split()[1])
    acks: list[str] = []
    deadline = time.monotonic() + delay_s
    while time.monotonic() < deadline:
        try:
            line = helper.lines.get(timeout=max(0.001, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line.startswith("ack "):
            acks.append(line[4:])
    os.kill(pid, signal.SIGKILL)
    helper.send("reap")
    while (line := helper.next_line()) != "reaped":
        assert line != "eof", "the helper died"
        if line.startswith("ack "):
            acks.append(line[4:])
    return acks


def _lost(audit: Path, mode: str, acks: list[str]) -> int:
    """Acknowledged edits missing after the kill; also asserts nothing half-made is visible."""
    with AuditDocument.open(audit, read_only=True) as document:
        connection = document.connection
        if mode == "add":
            titles = {row[0] for row in connection.execute("SELECT title FROM note WHERE title LIKE 'add-%'")}
            return sum(ack not in titles for ack in acks)
        if mode == "update":
            enterprise = document.records.singleton("enterprise")
            assert enterprise is not None
            if not acks:
                return 0

            # The stored name is the last acknowledged one or a later one (committed, not yet acknowledged).
            def order(name: str) -> tuple[int, int]:
                _, round_no, i = name.split("-")
                return int(round_no), int(i)

            return int(order(str(enterprise.values["name"])) < order(acks[-1]))
        if mode == "import":
            batches = dict(
                connection.execute(
                    "SELECT title, count(*) FROM note WHERE title LIKE 'batch-%' GROUP BY title"
                ).fetchall()
            )
            assert all(count == 100 for count in batches.values()), "a partial import is visible"
            return sum(ack not in batches for ack in acks)
        stored = {row[0] for row in connection.execute("SELECT uuid FROM attachment WHERE length(data) > 0")}
        assert (
            connection.execute("SELECT count(*) FROM attachment WHERE data IS NULL OR thumbnail IS NULL").fetchone()[0]
            == 0
        )
        return sum(ack not in stored for ack in acks)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")
def test_kills_at_random_moments_lose_no_committed_edit(tmp_path: Path, figure: Callable[[str], None]) -> None:
    audit = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(audit, author="tester") as document:
        document.records.add("enterprise", {"name": "v-0-0"})
    scratch = tmp_path / "photos"
    scratch.mkdir()
    rng = random.Random(1616)
    helper = Helper(audit, scratch)
    survived = lost = acknowledged = 0
    started = time.monotonic()
    try:
        for round_no in range(1, KILLS + 1):
            mode = MODES[round_no % len(MODES)]
            # Some kills land while the audit is still being opened (the lock, the checks), most mid-write.
            acks = _round(helper, mode, round_no, rng.uniform(0.02, 0.35))
            acknowledged += len(acks)
            lost_now = _lost(audit, mode, acks)
            lost += lost_now
            survived += lost_now == 0
    finally:
        helper.close()
    with AuditDocument.open(audit, author="after") as document:
        assert document.lock is not None
        assert document.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    figure(
        f"kills survived {survived}/{KILLS}, committed edits lost {lost} "
        f"({acknowledged} acknowledged commits, {time.monotonic() - started:.0f} s)"
    )
    assert survived == KILLS and lost == 0
    assert acknowledged > KILLS, "the writers were killed before they committed anything"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_import_commands_leave_all_or_nothing(tmp_path: Path, figure: Callable[[str], None]) -> None:
    """The command line itself (`main.py import`), killed at random moments of a 2,000-record import."""
    import json

    audit = tmp_path / "plant.fieldaudit"
    AuditDocument.create(audit, author="tester").close()
    rng = random.Random(16)
    kills = 30 if LONG else 6
    outcomes = {"nothing": 0, "everything": 0}
    for kill in range(kills):
        data = tmp_path / f"batch-{kill}.json"
        notes = [{"values": {"title": f"cli-{kill}", "body": "y" * 200}} for _ in range(2000)]
        data.write_text(
            json.dumps({"format": "fieldaudit-records", "format_version": 1, "records": {"note": notes}}),
            encoding="utf-8",
        )
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "import", str(audit), str(data)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.5))
        finished = process.poll() is not None
        process.kill()
        process.wait()
        with AuditDocument.open(audit, read_only=True) as document:
            count = document.connection.execute(
                "SELECT count(*) FROM note WHERE title = ?", [f"cli-{kill}"]
            ).fetchone()[0]
        assert count in (0, 2000), f"a partial import: {count} of 2000"
        assert not (finished and process.returncode == 0 and count == 0), "exit 0 but nothing imported"
        outcomes["everything" if count else "nothing"] += 1
    with AuditDocument.open(audit, author="after") as document:
        assert document.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    figure(
        f"import commands killed {kills}: partial imports 0 "
        f"(nothing {outcomes['nothing']}, everything {outcomes['everything']})"
    )
