"""Start-up time: process start to the main window shown with the demo audit, next to a bare PySide6 window.

Each run is a fresh process (python main.py open DEMO), as a user would start it; the figure is the
time from just before the process is spawned to the moment the window has been shown and the event
loop is running. The floor is the same measurement for an empty QMainWindow. Offscreen by default.

    python bench/bench_startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 820)
window.show()
def shown():
    print(f"shown-at {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.time()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("shown-at "))
    parts = line.split()
    return float(parts[1]) - started, " ".join(parts[2:])


def main(runs: int = 5) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.fieldaudit"
        subprocess.run([sys.executable, "main.py", "demo", str(demo)], cwd=ROOT, check=True, capture_output=True)
        app_env = {**env, "FIELDAUDIT_QUIT_WHEN_SHOWN": "1", "FIELDAUDIT_SETTINGS": str(Path(folder) / "bench.ini")}
        floor: list[float] = []
        app: list[float] = []
        notes = set()
        for _ in range(runs):  # interleaved, so that a busy machine slows both alike
            floor.append(timed([sys.executable, "-c", BARE_WINDOW], env)[0])
            seconds, note = timed([sys.executable, "main.py", "open", str(demo)], app_env)
            app.append(seconds)
            notes.add(note)
    print(f"start-up to window shown, {runs} runs each, seconds   median   min    max")
    print(
        f"  bare PySide6 window (floor)                        {statistics.median(floor):6.3f} {min(floor):6.3f} {max(floor):6.3f}"
    )
    print(
        f"  FieldAudit with the demo audit                     {statistics.median(app):6.3f} {min(app):6.3f} {max(app):6.3f}"
    )
    print(
        f"  FieldAudit minus floor (median)                    {statistics.median(app) - statistics.median(floor):6.3f}"
    )
    print(f"  at start-up: {', '.join(sorted(notes))}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
