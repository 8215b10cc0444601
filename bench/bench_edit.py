"""One meter reading edited in the records table: how long the window is blocked, at the demo size and the large size.

    python bench/bench_edit.py [--edits 7] [--large FILE]

The whole app is built (main window, navigator, the meter-readings table with its record form
below), the audit is opened from a copy, and every background count is let finish first. Then a
reading is typed into the table (`setData`, what the cell editor calls) and the event loop is run,
as the app would run it, for a second and until every background job the edit started (the
navigator's problems, the to-do list) has delivered and been shown. The figures: the time
`setData` takes (the edit written, fsynced and the row shown), the longest stretch the event loop
could not answer in the first second (what a user feels: one frame is 16 ms) and the time the GUI
thread was busy then, and "later": the longest stretch after that, until the background jobs the
edit started have delivered (they run in worker processes; a thread of the app's own interpreter
would stall the event loop while it runs Python). "commit" is the part of setData spent in the
COMMIT (with synchronous=FULL it waits for the disk), "rest" setData without it: the view's and
the store's own work. The floor ("store") is one field of the same record written by the store
alone, alternated with the edits: its commit waits for the disk too, which no view can make
faster. The large audit is bench/large_audit.py's scale 1 (221,870 readings);
without --large it is taken from /tmp/fieldaudit-bench/large-1.fieldaudit, or built there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.app import create_application  # noqa: E402
from gui.jobs import running_count  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.preferences import Preferences  # noqa: E402
from gui.workspace import RecordsPage  # noqa: E402

GOAL_MS = 16.0
LARGE = Path("/tmp/fieldaudit-bench/large-1.fieldaudit")
FORM = "water_reading"
FIELD = "value"
# A call of processEvents that returns sooner than this did nothing (the loop was idle).
IDLE_S = 0.0005


class CommitClock:
    """The audit's connection as sqlite-utils sees it, timing each COMMIT: with synchronous=FULL the
    commit waits for the disk (fsync), which is the part of an edit no view can make shorter."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self.seconds = 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)

    def execute(self, sql: str, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return self._connection.execute(sql, *args)
        finally:
            if sql.strip().upper() == "COMMIT":
                self.seconds += time.perf_counter() - started


@dataclass
class EditTimes:
    set_data_ms: float
    commit_ms: float  # of setData: the COMMIT (the wait for the disk)
    longest_ms: float
    busy_ms: float
    store_ms: float  # the floor: the same record written by the store alone (fsync included), no GUI
    later_ms: float  # the longest block after the first second, until the background jobs delivered


def settle(app: QApplication, seconds: float, until_idle: bool = False) -> tuple[float, float]:
    """Run the event loop for `seconds` (and, with `until_idle`, until every background job the edit
    started has delivered and been shown): (longest single block, total busy time), in seconds."""
    longest = busy = 0.0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or (until_idle and running_count()):
        started = time.perf_counter()
        app.processEvents()
        spent = time.perf_counter() - started
        if spent > IDLE_S:
            longest = max(longest, spent)
            busy += spent
        time.sleep(0.001)
        if until_idle and time.perf_counter() >= end and running_count():
            end = time.perf_counter() + 0.3  # what a job delivered is shown in the loop's next turns
    return longest, busy


def wait_for_background(app: QApplication, timeout_s: float = 600.0) -> None:
    end = time.perf_counter() + timeout_s
    while time.perf_counter() < end:
        app.processEvents()
        if not running_count():
            settle(app, 1.0)
            if not running_count():
                return
        time.sleep(0.02)


def edit_times(app: QApplication, audit: Path, folder: Path, edits: int) -> list[EditTimes]:
    """Open `audit` in the whole app, show the readings table and type `edits` readings into it."""
    preferences = Preferences(folder / "bench.ini")
    preferences.auditor_name = "bench"
    preferences.auditor_asked = True
    window = MainWindow(preferences)
    window.resize(1280, 820)
    window.show()
    window.open_path(audit)
    assert window.workspace is not None, "the audit did not open"
    window.workspace.show_node(f"form:{FORM}")
    page = window.workspace.views[f"form:{FORM}"]
    assert isinstance(page, RecordsPage)
    model = page.table.model
    wait_for_background(app)
    column = model.column_of(FIELD)
    row = min(20, model.rowCount() - 1)
    index = model.index(row, column)
    page.table.table.scrollTo(index)
    page.table.select_cell(row)
    settle(app, 0.5)
    original = float(model.data(index))
    document = model.context.document
    record_uuid = model.uuid_at(row)
    assert record_uuid is not None
    clock = CommitClock(document.db.conn)
    document.db.conn = clock
    times = []
    for number in range(edits):
        text = f"{original + (0.001 if number % 2 == 0 else 0.0):.3f}"
        clock.seconds = 0.0
        started = time.perf_counter()
        stored = model.setData(index, text)
        set_data = time.perf_counter() - started
        commit = clock.seconds
        assert stored, f"the reading {text} was not stored"
        longest, busy = settle(app, 1.0)
        later, _later_busy = settle(app, 0.0, until_idle=True)
        assert model.data(index) == f"{float(text):.12g}", "the cell does not show the new reading"
        wait_for_background(app)
        # The floor, alternated with the edits: one field of the same record written and committed
        # (synchronous=FULL: the commit waits for the disk) by the store, with no view told of it.
        started = time.perf_counter()
        document.records.update(record_uuid, {"remarks": f"bench {number}"})
        store = time.perf_counter() - started
        times.append(
            EditTimes(
                set_data * 1000,
                commit * 1000,
                max(set_data, longest) * 1000,
                (set_data + busy) * 1000,
                store * 1000,
                later * 1000,
            )
        )
    window.close()
    app.processEvents()
    return times


def large_audit(path: Path | None) -> Path:
    if path is not None:
        return path
    if not LARGE.exists():
        LARGE.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "bench/large_audit.py", "--audit", str(LARGE)], cwd=ROOT, check=True)
    return LARGE


def report(name: str, times: list[EditTimes]) -> None:
    def median(values: list[float]) -> str:
        return f"{statistics.median(values):8.1f}"

    longest = [t.longest_ms for t in times]
    # Every edit, not only the typical one: the goal is that no edit holds the UI for a frame or more.
    met = "met by every edit" if max(longest) < GOAL_MS else "NOT met by every edit"
    print(
        f"  {name:<34}{median([t.store_ms for t in times])}{median([t.set_data_ms for t in times])}"
        f"{median([t.commit_ms for t in times])}{median([t.set_data_ms - t.commit_ms for t in times])}"
        f"{median(longest)}{median([t.busy_ms for t in times])}{median([t.later_ms for t in times])}"
        f"   (longest: min {min(longest):.1f}, "
        f"max {max(longest):.1f}; goal < {GOAL_MS:.0f} ms: {met})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--large", type=Path, help="the large audit (default: bench/large_audit.py scale 1)")
    args = parser.parse_args()
    app = create_application()
    results: dict[str, list[EditTimes]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        demo = folder / "demo.fieldaudit"
        subprocess.run([sys.executable, "main.py", "demo", str(demo)], cwd=ROOT, check=True, capture_output=True)
        large = folder / "large.fieldaudit"
        shutil.copyfile(large_audit(args.large), large)
        for name, audit in (("demo audit", demo), ("large audit (221,870 readings)", large)):
            results[name] = edit_times(app, audit, folder, args.edits)
    print(
        f"one reading edited in the table, {args.edits} edits each, median ms     "
        "store  setData  commit    rest  longest    busy    later"
    )
    for name, times in results.items():
        report(name, times)
    print(f"  goal: the longest block < {GOAL_MS:.0f} ms (one frame), independent of the table's size")
    print("  commit: of setData, the COMMIT (synchronous=FULL: the wait for the disk); rest: setData without it")
    print("  later: the longest block after the first second, while background jobs (problems, to-do) deliver")


if __name__ == "__main__":
    main()
