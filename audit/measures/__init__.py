"""Savings methods for conservation measures: one module per method, found by module discovery.

Each method module defines `METHOD = MethodSpec(...)` and pure functions over frozen, typed inputs in SI
(and Chinese practice) units: kW, kWh, m³, MJ, °C, kPa, yuan. Coefficients a method needs from a
standard or a tool (a default drive efficiency, a leak-control factor) are not written here: they are
read from resources/measures/defaults.json by the caller and passed in, so the method stays testable
against independent values. The methods follow DOE MEASUR (MEASURES.md), re-written in SI.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from forms.spec import Text


class CostClass(StrEnum):
    """BuildingSync CostCategory: what the expert sorts a measure list by first."""

    LOW_COST = "low_cost"
    CAPITAL = "capital"


@dataclass(frozen=True)
class MethodSpec:
    """What a savings method is, how it is cited and how it is classified."""

    id: str
    label: Text
    # IAC Assessment Recommendation Code (FIELDWORK.md §4); the same code a report lists the measure under.
    iac_code: str
    # V: code and description confirmed (FIELDWORK.md §4.3 ✓); C: code confirmed, description from memory;
    # U: code not confirmed (a group code or a best guess).
    iac_status: str
    # BuildingSync SystemCategoryAffected, lower case: motor, pump, fan, compressed_air, electrical, boiler,
    # steam, thermal, lighting, water, metering.
    category: str
    cost_class: CostClass
    # The calculation method the numbers follow, for the reader (a tool, a standard, an identity).
    reference: str


def _discover() -> dict[str, MethodSpec]:
    import audit.measures as package

    found: dict[str, MethodSpec] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in (getattr(module, "METHOD", None), *getattr(module, "METHODS", ())):
            if isinstance(value, MethodSpec):
                if value.id in found:
                    raise ValueError(f"two savings methods share the id {value.id!r}")
                found[value.id] = value
    return found


@lru_cache(maxsize=1)
def methods() -> dict[str, MethodSpec]:
    """Every savings method by id (modules of audit.measures whose name does not start with '_')."""
    return _discover()


def payback_years(investment_yuan: float, annual_savings_yuan: float) -> float | None:
    """Simple payback; None when nothing is saved (never pays back), 0 for a no-cost measure."""
    if investment_yuan <= 0:
        return 0.0
    if annual_savings_yuan <= 0:
        return None
    return investment_yuan / annual_savings_yuan
