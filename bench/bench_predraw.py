"""The report's water-balance diagrams drawn ahead of an export: how long after opening an audit they
are in the cache, and how long the event loop stalls meanwhile (issue 12).

    python bench/bench_predraw.py [--runs 3] [--work /tmp/bench-diagram12]

The whole app is built (main window, navigator, to-do list), the audit opened from a copy with an
empty diagram cache and fresh worker processes, and the event loop run as the app runs it until the
pre-draw has delivered. Figures: open (the synchronous `open_path`), the time from the start of the
open until the first to-do count and until the pictures are in the cache, and the longest stretch
the event loop could not answer after the open returned (overall, and while the pre-draw ran).
The audits: the demo and bench/bench_report.py's large audit (2,000 equipment, 50 meters with a
year of daily readings, 200 photos), built in --work.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from audit.water.diagram_cache import CACHE_ENV  # noqa: E402
from gui.app import create_application  # noqa: E402
from gui.jobs import cancel_all  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.preferences import Preferences  # noqa: E402

IDLE_S = 0.0005  # a processEvents that returns sooner did nothing
TIMEOUT_S = 300.0


@dataclass
class PredrawTimes:
    open_ms: float
    counted_ms: float  # from the start of the open until the first to-do count was shown
    started_ms: float  # ... until the pre-draw job started (its turn: no other background job running)
    cached_ms: float  # ... until the pre-draw delivered (the pictures are in the cache)
    longest_ms: float  # the longest event-loop stall after the open returned
    longest_drawing_ms: float  # ... while the pre-draw job ran
    drawn: int


def measure(app: QApplication, audit: Path, folder: Path) -> PredrawTimes:
    """Open a copy of `audit` with an empty cache and fresh workers; run the loop until the pre-draw ends."""
    cancel_all()  # fresh worker processes: the first pre-draw of a session imports matplotlib
    cache = folder / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ[CACHE_ENV] = str(cache)
    copy = folder / audit.name
    shutil.copy(audit, copy)
    preferences = Preferences(folder / "bench.ini")
    preferences.auditor_name, preferences.auditor_asked = "bench", True
    window = MainWindow(preferences)
    window.resize(1280, 820)
    window.show()
    started = time.perf_counter()
    window.open_path(copy)
    opened = time.perf_counter()
    assert window.workspace is not None and window.predraw is not None, "the audit did not open"
    marks: dict[str, float] = {}
    drawn: list[list[str]] = []
    window.workspace.review.todo.counted.connect(lambda *_: marks.setdefault("counted", time.perf_counter()))
    window.predraw.drawn.connect(drawn.append)
    longest = longest_drawing = 0.0
    while not drawn:
        if time.perf_counter() - started > TIMEOUT_S:
            raise TimeoutError("the pre-draw did not deliver")
        drawing = window.predraw.job is not None
        if drawing:
            marks.setdefault("started", time.perf_counter())
        begun = time.perf_counter()
        app.processEvents()
        spent = time.perf_counter() - begun
        if spent > IDLE_S:
            longest = max(longest, spent)
            if drawing:
                longest_drawing = max(longest_drawing, spent)
        time.sleep(0.001)
    cached = time.perf_counter()
    window.close()
    app.processEvents()
    return PredrawTimes(
        (opened - started) * 1000,
        (marks.get("counted", cached) - started) * 1000,
        (marks.get("started", cached) - started) * 1000,
        (cached - started) * 1000,
        longest * 1000,
        longest_drawing * 1000,
        len(drawn[0]),
    )


def built(work: Path, name: str) -> Path:
    """The demo ("demo") or bench/bench_report.py's large audit ("large"), built in `work` once."""
    path = work / f"{name}.fieldaudit"
    if not path.exists():
        from audit.demo import build_demo
        from bench.bench_report import build_large_audit

        work.mkdir(parents=True, exist_ok=True)
        (build_large_audit if name == "large" else build_demo)(path)
    return path


def report(name: str, runs: list[PredrawTimes]) -> None:
    def median(values: list[float]) -> str:
        return f"{statistics.median(values):9.0f}"

    print(
        f"  {name:<8}{median([r.open_ms for r in runs])}{median([r.counted_ms for r in runs])}"
        f"{median([r.started_ms for r in runs])}{median([r.cached_ms for r in runs])}{median([r.longest_ms for r in runs])}"
        f"{median([r.longest_drawing_ms for r in runs])}   (pictures drawn: {runs[0].drawn}; "
        f"longest while drawing: min {min(r.longest_drawing_ms for r in runs):.0f}, "
        f"max {max(r.longest_drawing_ms for r in runs):.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench-predraw")
    arguments = parser.parse_args()
    app = create_application()
    audits = {name: built(arguments.work, name) for name in ("demo", "large")}
    print(f"median of {arguments.runs} runs, ms from the open's start: open, first to-do count, pre-draw started,")
    print("pictures cached; longest event-loop stall after the open, longest while the pre-draw ran")
    for name, audit in audits.items():
        with tempfile.TemporaryDirectory() as folder:
            runs = [measure(app, audit, Path(folder)) for _ in range(arguments.runs)]
        report(name, runs)
    cancel_all()


if __name__ == "__main__":
    main()
