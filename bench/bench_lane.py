"""How long a panel's first analysis waits while the report's diagrams are drawn ahead (issue 15).

    python bench/bench_lane.py --audit /tmp/bench-NAME/large-1.fieldaudit --runs 3

The worker pool's own code (gui/worker_pool.py, real worker processes, no window): the normal lane is
warmed up as in the app (two workers that have run a pass), then the pre-draw starts (fresh cache:
matplotlib is imported and both languages drawn), and 0.5 s later two normal jobs arrive at once:
the analysis a panel asks for when first shown (`analysis_of`) and the navigator's problems
(`problem_counts`). Three cases, run alternately: no pre-draw; the pre-draw as a normal job (what
main did before the low-priority lane: it holds one of the two workers); the pre-draw in the
low-priority lane. Printed: medians of the time each normal job waited for a worker and took from
its submission to its result, and when the pre-draw finished.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.background import analysis_of, predraw_diagrams, problem_counts, todo_items  # noqa: E402
from audit.document import AuditDocument  # noqa: E402
from audit.water.diagram_cache import REPORT_DPI  # noqa: E402
from audit.worker import FAILED, FINISHED  # noqa: E402
from gui.worker_pool import WorkerPool  # noqa: E402

CASES = ("no pre-draw", "pre-draw as a normal job", "pre-draw in the low lane")


class Timed:
    """A job handed to the pool: when it was submitted, got a worker and ended."""

    def __init__(self) -> None:
        self.submitted = time.perf_counter()
        self.started = 0.0
        self.ended_at = 0.0
        self.kind = ""
        self._pid: int | None = None
        self.done = threading.Event()

    @property
    def process_id(self) -> int | None:
        return self._pid

    @process_id.setter
    def process_id(self, pid: int | None) -> None:
        self._pid, self.started = pid, time.perf_counter()

    def deliver(self, kind: str, payload: Any) -> None:
        if kind in (FINISHED, FAILED):
            self.kind, self.ended_at = kind, time.perf_counter()
            self.done.set()

    def worker_ended(self, exit_code: int | None) -> None:
        self.kind, self.ended_at = f"exit {exit_code}", time.perf_counter()
        self.done.set()


def run_case(case: str, audit: Path, empty: Path, work: Path) -> dict[str, float]:
    pool = WorkerPool()
    try:
        warm = [Timed(), Timed()]
        for job in warm:
            pool.submit(job, todo_items, (empty,))
        for job in warm:
            job.done.wait()
        cache = Path(tempfile.mkdtemp(dir=work))
        predraw = Timed()
        if case != CASES[0]:
            arguments = (audit, ("zh", "en"), REPORT_DPI, None, cache)
            pool.submit(predraw, predraw_diagrams, arguments, case == CASES[2])
            time.sleep(0.5)
        panel, problems = Timed(), Timed()
        pool.submit(panel, analysis_of, (audit,))
        pool.submit(problems, problem_counts, (audit,))
        for job in (panel, problems, *([predraw] if case != CASES[0] else [])):
            job.done.wait()
            assert job.kind == FINISHED, job.kind
        return {
            "panel waited": panel.started - panel.submitted,
            "panel result": panel.ended_at - panel.submitted,
            "problems waited": problems.started - problems.submitted,
            "problems result": problems.ended_at - problems.submitted,
            "pre-draw done": predraw.ended_at - panel.submitted if case != CASES[0] else 0.0,
        }
    finally:
        pool.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audit", type=Path, required=True, help="the audit to read (copied first)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench-lane")
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    audit = options.work / "audit.fieldaudit"
    shutil.copy(options.audit, audit)
    empty = options.work / "empty.fieldaudit"
    empty.unlink(missing_ok=True)
    AuditDocument.create(empty, author="bench").close()
    results: dict[str, list[dict[str, float]]] = {case: [] for case in CASES}
    for _ in range(options.runs):
        for case in CASES:
            results[case].append(run_case(case, audit, empty, options.work))
    print(f"{options.audit} ({audit.stat().st_size / 1e6:.0f} MB), runs {options.runs}, load {os.getloadavg()[0]:.1f}")
    print("medians, s from the two jobs' submission | " + " | ".join(results[CASES[0]][0]))
    for case, runs in results.items():
        medians = [statistics.median(run[key] for run in runs) for key in runs[0]]
        print(f"{case:<26} | " + " | ".join(f"{value:6.2f}" for value in medians))


if __name__ == "__main__":
    main()
