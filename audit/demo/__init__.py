"""The demo audit: a mid-size Zhejiang textile-dyeing plant, built from the part modules in this package.

Each part module defines ORDER (int) and populate(document, context); parts run in ORDER so that
later parts can refer to records earlier parts made (context.handles).
"""

from __future__ import annotations

import importlib
import pkgutil
import random
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from audit.document import AuditDocument

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


def build_demo(path: Path | str, author: str = "演示审计员 Demo Auditor", seed: int = DEMO_SEED) -> Path:
    """Write the demo audit to a new file at `path`."""
    context = DemoContext(rng=random.Random(seed))
    with AuditDocument.create(Path(path), author=author) as document:
        for part in parts():
            part.populate(document, context)
    return Path(path)
