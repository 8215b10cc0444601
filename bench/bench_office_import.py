"""Benchmark: import 200 signed audit packages into one office database; time per package as it grows.

Each package is the demo audit under its own audit id (a copy of the demo file with a new id),
exported and signed by a registered auditor key, as an auditor would send it. The office imports
them one by one through `import_package` (verify, check the records, merge in one transaction,
refresh the register when installed). Printed: the time per package in blocks of 20 (the goal is
flat: the 200th costs what the 1st did), split into verify / check / merge / register, and the
office file's size.

    python bench/bench_office_import.py [--packages 200] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BLOCK = 20


def make_packages(folder: Path, count: int) -> tuple[Path, list[Path]]:
    """(public key file, package files): the demo audit under `count` audit ids, each exported and signed."""
    from audit.demo import build_demo
    from audit.document import AuditDocument
    from audit.packages.bag import export_package
    from audit.packages.keys import load_or_create_key

    key = load_or_create_key("Bench Auditor", folder / "key")
    key_file = folder / "auditor.pub.json"
    key_file.write_bytes(key.public.file_bytes())
    demo = build_demo(folder / "demo.fieldaudit")
    packages: list[Path] = []
    with AuditDocument.open(demo, read_only=True) as template:
        for number in range(count):
            copy = folder / f"audit-{number:03d}.fieldaudit"
            template.save_copy(copy)
            with AuditDocument.open(copy) as document:
                document.set_meta("audit_uuid", str(uuid.uuid4()))
                target = folder / f"package-{number:03d}.zip"
                export_package(document, target, key)
            copy.unlink()
            packages.append(target)
    return key_file, packages


class Split:
    """Seconds spent in each step of one import (the import's own functions, timed where they are called)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def timed(module: Any, name: str, split: Split, label: str) -> None:
    """Wrap module.name so that its time is added to `split` under `label`."""
    original: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with split.step(label):
            return original(*args, **kwargs)

    setattr(module, name, wrapper)


def run(folder: Path, count: int) -> None:
    import audit.office.importing as importing
    import audit.packages.verify as verify
    from audit.office.auditors import register_auditor
    from audit.office.database import OfficeDatabase

    started = time.perf_counter()
    key_file, packages = make_packages(folder, count)
    print(
        f"made {count} packages of the demo audit in {time.perf_counter() - started:.1f} s "
        f"({packages[0].stat().st_size / 1024:.0f} KB each)"
    )
    split = Split()
    timed(verify, "read_package", split, "verify")
    timed(importing, "_check_values", split, "check")
    timed(importing, "_write", split, "merge")
    timed(importing, "refresh_register", split, "register")
    office_path = folder / "county.office"
    per_package: list[float] = []
    steps: list[dict[str, float]] = []
    with OfficeDatabase.create(office_path, officer="bench") as office:
        register_auditor(office, key_file)
        for path in packages:
            split.seconds = {}
            start = time.perf_counter()
            outcome = importing.import_package(office, path)
            per_package.append(time.perf_counter() - start)
            steps.append(dict(split.seconds))
            if not outcome.merged:
                raise SystemExit(f"{path.name} refused: {outcome.refused}")
        records = office.connection.execute("SELECT count(*) FROM office_record").fetchone()[0]
    report(per_package, steps, records, office_path)


def report(per_package: list[float], steps: list[dict[str, float]], records: int, office_path: Path) -> None:
    print(f"{'packages':>10} {'ms/package':>11} {'verify':>8} {'check':>8} {'merge':>8} {'register':>9}")
    for start in range(0, len(per_package), BLOCK):
        block = slice(start, start + BLOCK)
        median = statistics.median(per_package[block]) * 1000

        def step(name: str, block: slice = block) -> float:
            return statistics.median(s.get(name, 0.0) for s in steps[block]) * 1000

        print(
            f"{start + 1:>4}-{min(start + BLOCK, len(per_package)):<5} {median:>11.0f} {step('verify'):>8.0f} "
            f"{step('check'):>8.0f} {step('merge'):>8.0f} {step('register'):>9.0f}"
        )
    first = statistics.median(per_package[:BLOCK])
    last = statistics.median(per_package[-BLOCK:])
    size_mb = office_path.stat().st_size / 1024**2
    print(
        f"total {sum(per_package):.1f} s for {len(per_package)} packages; last block / first block = "
        f"{last / first:.2f}; office holds {records} records, {size_mb:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--packages", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.keep, args.packages)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder), args.packages)


if __name__ == "__main__":
    main()
