"""The command line's fixed cost: `python main.py -h` and `info` on an empty audit, next to `python -c "import sqlite3"`.

Wall time of the whole process, as a user waits for it; the floor and the commands alternate.

    python bench/bench_cli.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT, machine


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def main(runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as folder:
        audit = Path(folder) / "empty.fieldaudit"
        subprocess.run([sys.executable, "main.py", "new", str(audit)], cwd=ROOT, check=True, capture_output=True)
        commands = {
            "floor: python -c 'import sqlite3'": [sys.executable, "-c", "import sqlite3"],
            "python main.py -h": [sys.executable, "main.py", "-h"],
            "python main.py info EMPTY": [sys.executable, "main.py", "info", str(audit)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(wall(command))
    floor = statistics.median(times["floor: python -c 'import sqlite3'"])
    print(
        f"command-line fixed cost, {runs} runs each, median seconds   ({machine()})   goal: <= 0.15 s above the floor"
    )
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<36} {median:6.3f}   above the floor {median - floor:6.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
