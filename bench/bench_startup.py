"""Start-up time: process start to the main window shown with the demo audit, next to a bare PySide6 window.

Each run is a fresh process (python main.py open DEMO), as a user would start it; the figure is the
time from just before the process is spawned to the moment the main window's first paint is done
(the event after its first Paint event). The floor is the same measurement for an empty QMainWindow.
Offscreen by default.
"quit while counting" is the time from the window closed right after its first paint (background
counts still running) to the process gone; "navigator counted" (with --audit) is the time until
every background count and computation has delivered.

    python bench/bench_startup.py [RUNS] [--audit FILE [--paint-only]]   (--audit: also navigator counted)

Both processes print their CPU time at their first paint (interpreter start included): on a shared,
busy machine the CPU ratio is the steadier one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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
    print(f"shown-at {time.time():.6f} cpu={time.process_time():.6f}", flush=True)
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


@dataclass
class Run:
    seconds: float  # from just before the process was spawned to its first paint done
    cpu_s: float  # the process's CPU time by then (interpreter start included), steadier when busy
    notes: str
    counted_s: float | None  # until the background counts were done (FIELDAUDIT_QUIT_WHEN_SHOWN=counted)
    quit_s: float  # from the window asked to quit to the process gone


def timed(command: list[str], env: dict[str, str]) -> Run:
    started = time.time()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600, check=True)
    ended = time.time()
    lines = result.stdout.splitlines()
    parts = next(line for line in lines if line.startswith("shown-at ")).split()
    cpu_s = next(float(part[4:]) for part in parts if part.startswith("cpu="))
    notes = " ".join(part for part in parts[2:] if not part.startswith("cpu="))
    counted_at = next((float(line.split()[1]) for line in lines if line.startswith("counted-at ")), None)
    counted = None if counted_at is None else counted_at - started
    quit_from = counted_at if counted_at is not None else float(parts[1])
    return Run(float(parts[1]) - started, cpu_s, notes, counted, ended - quit_from)


def measure(audit: Path, runs: int, counted: bool, env: dict[str, str], folder: str) -> tuple[list[Run], list[Run]]:
    """The bare window and the app, alternately (a busy machine slows both alike); app runs with
    counted=True also wait for the background counts."""
    app_env = {**env, "FIELDAUDIT_SETTINGS": str(Path(folder) / "bench.ini")}
    command = [sys.executable, "main.py", "open", str(audit)]
    bare = [sys.executable, "-c", BARE_WINDOW]
    timed(bare, env)  # warm-up: bytecode cached, files in the page cache
    timed(command, {**app_env, "FIELDAUDIT_QUIT_WHEN_SHOWN": "1"})
    floor: list[Run] = []
    app: list[Run] = []
    for _ in range(runs):
        floor.append(timed(bare, env))
        # Quit as soon as the window is painted: the background counts are still running.
        app.append(timed(command, {**app_env, "FIELDAUDIT_QUIT_WHEN_SHOWN": "1"}))
        if counted:
            app.append(timed(command, {**app_env, "FIELDAUDIT_QUIT_WHEN_SHOWN": "counted"}))
    return floor, app


def line(label: str, values: list[float]) -> str:
    return f"  {label:<51}{statistics.median(values):6.3f} {min(values):6.3f} {max(values):6.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=int, nargs="?", default=5)
    parser.add_argument(
        "--audit",
        type=Path,
        help="open this audit (e.g. from bench/large_audit.py) instead of the demo; "
        "also reports when the navigator is counted",
    )
    parser.add_argument("--paint-only", action="store_true", help="with --audit: leave out 'navigator counted'")
    args = parser.parse_args()
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
        floor, runs = measure(audit, args.runs, args.audit is not None and not args.paint_only, env, folder)
    app = [run for run in runs if run.counted_s is None]
    counted = [run.counted_s for run in runs if run.counted_s is not None]
    name = "the demo audit" if args.audit is None else args.audit.name
    floor_s, app_s = [run.seconds for run in floor], [run.seconds for run in app]
    floor_cpu, app_cpu = [run.cpu_s for run in floor], [run.cpu_s for run in app]
    print(f"start-up, {args.runs} runs each, seconds                    median   min    max")
    print(line("bare PySide6 window (floor), wall", floor_s))
    print(line(f"first paint, FieldAudit with {name}, wall", app_s))
    print(line("bare PySide6 window (floor), CPU", floor_cpu))
    print(line(f"first paint, FieldAudit with {name}, CPU", app_cpu))
    wall_ratio = statistics.median(app_s) / statistics.median(floor_s)
    cpu_ratio = statistics.median(app_cpu) / statistics.median(floor_cpu)
    print(
        f"  first paint / floor: wall {wall_ratio:.1f}x (best {min(app_s) / min(floor_s):.1f}x), CPU {cpu_ratio:.1f}x"
    )
    print(line("quit while counting", [run.quit_s for run in app]))
    if counted:
        print(line("navigator counted", counted))
    print(f"  at start-up: {', '.join(sorted({run.notes for run in app}))}")


if __name__ == "__main__":
    main()
