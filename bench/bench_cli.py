"""The command line's fixed cost: `python main.py -h` and `info` on an empty audit, next to `python -c "import sqlite3"`.

Wall time of the whole process, as a user waits for it; the floor and the commands alternate. Run
twice: with Python's bytecode cache (as an installed FieldAudit runs: pip compiles it; here written
to a scratch folder on a first, unmeasured run) and without it (PYTHONDONTWRITEBYTECODE=1, as a
shell on this machine runs: every module of ours is compiled on every command).

    python bench/bench_cli.py [RUNS]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT, machine

FLOOR = "floor: python -c 'import sqlite3'"


def wall(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run: CPU time is what a busy shared machine inflates least."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=env)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each command, the commands run in turn `runs` times (after one warm-up)."""
    for command in commands.values():
        wall(command, env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall(command, env))
    return {
        name: (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values))
        for name, values in times.items()
    }


def main(runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as folder:
        audit = Path(folder) / "empty.fieldaudit"
        subprocess.run([sys.executable, "main.py", "new", str(audit)], cwd=ROOT, check=True, capture_output=True)
        commands = {
            FLOOR: [sys.executable, "-c", "import sqlite3"],
            "python main.py -h": [sys.executable, "main.py", "-h"],
            "python main.py info EMPTY": [sys.executable, "main.py", "info", str(audit)],
        }
        base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
        settings = {
            "bytecode cached (as installed)": {**base, "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")},
            "no bytecode cache (PYTHONDONTWRITEBYTECODE=1)": {**base, "PYTHONDONTWRITEBYTECODE": "1"},
        }
        results = {label: measure(commands, env, runs) for label, env in settings.items()}
    print(
        f"command-line fixed cost, {runs} runs each, median seconds   ({machine()})   goal: <= 0.15 s above the floor"
    )
    for label, medians in results.items():
        print(f"  {label}")
        floor_wall, floor_cpu = medians[FLOOR]
        for name, (seconds, cpu) in medians.items():
            print(
                f"    {name:<36} wall {seconds:6.3f} (above the floor {seconds - floor_wall:6.3f})"
                f"   CPU {cpu:6.3f} (above the floor {cpu - floor_cpu:6.3f})"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
