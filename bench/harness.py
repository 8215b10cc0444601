"""What the large-audit benchmarks share: the generated audits, a child process per measurement, the table.

Each measurement runs in a fresh Python process that times only the work (not its own start) and
reports its wall time, its CPU time and its peak memory; the floor and the path are run alternately,
so a busy machine slows both. On a shared machine the CPU-time ratio is the steadier of the two.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PRELUDE = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
_cpu_started = [0.0]
def start():
    # Wall time from here, and this process's CPU time from here (what a shared machine inflates least).
    _cpu_started[0] = time.process_time()
    return time.perf_counter()
def report(seconds, **extra):
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu_s = time.process_time() - _cpu_started[0]
    print("RESULT " + json.dumps({{"seconds": seconds, "cpu_s": cpu_s, "peak_mb": peak_mb, **extra}}), flush=True)
"""


def child(code: str) -> dict[str, float]:
    """Run `code` (which calls report(seconds)) in a fresh interpreter; its RESULT line as a dict."""
    result = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"benchmark child failed:\n{result.stderr[-3000:]}")
    parsed: dict[str, float] = json.loads(lines[-1][len("RESULT ") :])
    return parsed


def arguments(description: str, default_scales: str = "0.5,1") -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--scales", default=default_scales, help="audit sizes as fractions of the issue's (1 = 221,870 readings)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of the floor and of the path, alternately")
    parser.add_argument(
        "--work", type=Path, default=Path("/tmp/fieldaudit-bench"), help="where generated audits are kept"
    )
    return parser.parse_args()


def scales(args: argparse.Namespace) -> list[float]:
    return [float(value) for value in args.scales.split(",")]


def large_audit(scale: float, work: Path) -> tuple[Path, Path]:
    """(import JSON, audit file) of the generated audit at this scale, built once and kept in `work`."""
    from large_audit import build_audit, generate, write_json

    work.mkdir(parents=True, exist_ok=True)
    json_path = work / f"large-{scale:g}.json"
    audit_path = work / f"large-{scale:g}.fieldaudit"
    if not json_path.exists():
        write_json(generate(scale), json_path)
    if not audit_path.exists():
        build_audit(json_path, audit_path)
    return json_path, audit_path


def readings_in(audit: Path) -> int:
    import sqlite3

    connection = sqlite3.connect(f"{audit.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM water_reading").fetchone()[0])
    finally:
        connection.close()


def alternate(runs: int, floor: str, path: str) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Run the floor's code and the path's code alternately, each in a fresh process."""
    floors: list[dict[str, float]] = []
    paths: list[dict[str, float]] = []
    for _ in range(runs):
        floors.append(child(floor))
        paths.append(child(path))
    return floors, paths


def median(results: Sequence[dict[str, float]], key: str) -> float:
    return statistics.median(result[key] for result in results)


def machine() -> str:
    cpus = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.processor() or platform.machine()}, {cpus} cores, load {load:.1f}, Python {platform.python_version()}"


def print_table(title: str, rows: list[tuple[str, list[dict[str, float]], list[dict[str, float]]]], goal: str) -> None:
    """One line per size: path and floor (median seconds and peak MB) and their ratio (and the best runs' ratio)."""
    print(f"{title}   ({machine()})")
    print(
        f"  {'size':<28} {'path s':>8} {'floor s':>8} {'ratio':>6} {'best':>5} {'path CPU':>9} {'floor CPU':>10}"
        f" {'ratio':>6} {'path MB':>8} {'floor MB':>9}   goal: {goal}"
    )
    for label, floors, paths in rows:
        path_s, floor_s = median(paths, "seconds"), median(floors, "seconds")
        path_cpu, floor_cpu = median(paths, "cpu_s"), median(floors, "cpu_s")
        best = min(p["seconds"] for p in paths) / min(f["seconds"] for f in floors)
        print(
            f"  {label:<28} {path_s:8.2f} {floor_s:8.2f} {path_s / floor_s:5.1f}x {best:4.1f}x "
            f"{path_cpu:9.2f} {floor_cpu:10.2f} {path_cpu / floor_cpu:5.1f}x "
            f"{median(paths, 'peak_mb'):8.0f} {median(floors, 'peak_mb'):9.0f}"
        )
