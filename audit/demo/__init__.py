"""The demo audit: a mid-size Zhejiang textile-dyeing plant, built from the part modules in this package.

Each part module defines ORDER (int) and populate(document, context); parts run in ORDER so that
later parts can refer to records earlier parts made (context.handles).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import random
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from audit.document import AuditDocument, read_header
from audit.locking import AuditLock

DEMO_SEED = 20251
AUDIT_YEAR = 2025
COMPARISON_YEAR = 2024


@dataclass
class DemoContext:
    rng: random.Random
    audit_year: int = AUDIT_YEAR
    comparison_year: int = COMPARISON_YEAR
    # Records later parts need: "audit", "enterprise", equipment tags -> uuid, water units by name ...
    handles: dict[str, str] = field(default_factory=dict)


def parts() -> list[ModuleType]:
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    return sorted((m for m in modules if hasattr(m, "populate")), key=lambda m: (m.ORDER, m.__name__))


def build_demo(
    path: Path | str, author: str = "演示审计员 Demo Auditor", seed: int = DEMO_SEED, replace: bool = False
) -> Path:
    """Write the demo audit to `path`; with `replace`, an existing audit there is replaced whole.

    The demo is built beside the target and moved into place, so a failure leaves any old file as it
    was; the old file's lock is taken first, so an audit someone has open is never replaced.
    """
    target = Path(path)
    if not replace or not target.exists():
        existed = os.path.lexists(target)
        try:
            _populate(target, author, seed)
        except BaseException:
            # A full disk or a Ctrl+C part-way: no half-built demo is left under the name asked for.
            if not existed:
                _remove_with_companions(target)
            raise
        return target
    lock = AuditLock(target, author)
    lock.acquire()
    try:
        read_header(target)
        partial = target.with_name(f".{target.name}.{os.getpid()}.building")
        for leftover in (partial, *(Path(f"{partial}{suffix}") for suffix in ("-wal", "-shm", ".lock"))):
            leftover.unlink(missing_ok=True)
        try:
            _populate(partial, author, seed)
        except BaseException:
            _remove_with_companions(partial)
            raise
        # A -wal or -shm of the old file must never be applied to the new one.
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(partial, target)
        Path(f"{partial}.lock").unlink(missing_ok=True)
    finally:
        lock.release()
    return target


def _remove_with_companions(path: Path) -> None:
    for leftover in (path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)


def _populate(path: Path, author: str, seed: int) -> None:
    context = DemoContext(rng=random.Random(seed))
    with AuditDocument.create(path, author=author) as document:
        for part in parts():
            part.populate(document, context)
