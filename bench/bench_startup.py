"""Start-up time: process start to the main window shown with the demo audit, next to a bare PySide6 window.

Each run is a fresh process (python main.py open DEMO), as a user would start it; the figure is the
time from just before the process is spawned to the moment the main window's first paint is done
(the event after its first Paint event). The floor is the same measurement for an empty QMainWindow.
Offscreen by default.
"quit while counting" is the time from the window closed right after its first paint (background
counts still running) to the process gone; "navigator counted" (with --audit) is the time until
every background count and computation has delivered.

    python bench/bench_startup.py [RUNS] [--audit FILE]   (with --audit: first paint and navigator counted)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Timed the same way as the app (gui/app.py quit_when_painted): when its first paint is done.
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 820)
def shown():
    print(f"shown-at {time.time():.6f}", flush=True)
    app.quit()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, shown)
        return False
first_paint = FirstPaint()
window.installEventFilter(first_paint)
window.show()
app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str, float | None, float]:
    """(seconds to first paint, notes, seconds until the background counts are done or None,
    seconds from the window asked to quit to the process gone)."""
    started = time.time()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600, check=True)
    ended = time.time()
    lines = result.stdout.splitlines()
    parts = next(line for line in lines if line.startswith("shown-at ")).split()
    counted_at = next((float(line.split()[1]) for line in lines if line.startswith("counted-at ")), None)
    counted = None if counted_at is None else counted_at - started
    quit_from = counted_at if counted_at is not None else float(parts[1])
    return float(parts[1]) - started, " ".join(parts[2:]), counted, ended - quit_from


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=int, nargs="?", default=5)
    parser.add_argument(
        "--audit",
        type=Path,
        help="open this audit (e.g. from bench/large_audit.py) instead of the demo; "
        "also reports when the navigator is counted",
    )
    args = parser.parse_args()
    runs = args.runs
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # As installed (pip compiles every module): bytecode is cached, in a folder of its own, so that
    # no run pays for compiling the sources (with PYTHONDONTWRITEBYTECODE every run compiled ~1 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "fieldaudit-bench" / "pycache")
    with tempfile.TemporaryDirectory() as folder:
        audit = args.audit
        if audit is None:
            audit = Path(folder) / "demo.fieldaudit"
            subprocess.run([sys.executable, "main.py", "demo", str(audit)], cwd=ROOT, check=True, capture_output=True)
        app_env = {**env, "FIELDAUDIT_SETTINGS": str(Path(folder) / "bench.ini")}
        command = [sys.executable, "main.py", "open", str(audit)]
        timed([sys.executable, "-c", BARE_WINDOW], env)  # warm-up: bytecode cached, files in the page cache
        timed(command, {**app_env, "FIELDAUDIT_QUIT_WHEN_SHOWN": "1"})
        floor: list[float] = []
        app: list[float] = []
        quits: list[float] = []
        counted: list[float] = []
        notes = set()
        for _ in range(runs):  # interleaved, so that a busy machine slows both alike
            floor.append(timed([sys.executable, "-c", BARE_WINDOW], env)[0])
            # Quit as soon as the window is painted: the background counts are still running.
            seconds, note, _counted, quit_seconds = timed(command, {**app_env, "FIELDAUDIT_QUIT_WHEN_SHOWN": "1"})
            app.append(seconds)
            quits.append(quit_seconds)
            notes.add(note)
            if args.audit is not None:
                counted_seconds = timed(command, {**app_env, "FIELDAUDIT_QUIT_WHEN_SHOWN": "counted"})[2]
                if counted_seconds is not None:
                    counted.append(counted_seconds)
    name = "the demo audit" if args.audit is None else args.audit.name
    print(f"start-up, {runs} runs each, seconds                    median   min    max")
    print(
        f"  bare PySide6 window (floor)                        {statistics.median(floor):6.3f} {min(floor):6.3f} {max(floor):6.3f}"
    )
    print(f"  first paint, FieldAudit with {name:<22}{statistics.median(app):6.3f} {min(app):6.3f} {max(app):6.3f}")
    print(
        f"  first paint / floor (median)                       {statistics.median(app) / statistics.median(floor):6.1f}x"
    )
    print(
        f"  quit while counting                                {statistics.median(quits):6.3f} "
        f"{min(quits):6.3f} {max(quits):6.3f}"
    )
    if counted:
        print(
            f"  navigator counted                                  {statistics.median(counted):6.3f} "
            f"{min(counted):6.3f} {max(counted):6.3f}"
        )
    print(f"  at start-up: {', '.join(sorted(notes))}")


if __name__ == "__main__":
    main()
