"""Result types of the water-balance test: flags, unit balances, indicators, comparisons (plain data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from forms.spec import Text

QUANTITIES = ("vf", "vr", "vco", "vd", "vl")

QUANTITY_LABELS = {
    "vf": Text("New water Vf", "新水量 Vf"),
    "vr": Text("Recycled / reused Vr", "重复利用水量 Vr"),
    "vco": Text("Consumed Vco", "耗水量 Vco"),
    "vd": Text("Discharged Vd", "排水量 Vd"),
    "vl": Text("Leaked Vl", "漏溢水量 Vl"),
    "vt": Text("Total use Vt", "用水量 Vt"),
}

# Verification status of a number or formula, as in STANDARDS.md: V quoted, D derived, C corroborated,
# U unverified. A result is as weak as the weakest thing it used.
STATUS_ORDER = {"V": 0, "D": 1, "C": 2, "U": 3}


def weakest(*statuses: str) -> str:
    known = [s for s in statuses if s in STATUS_ORDER]
    return max(known, key=STATUS_ORDER.__getitem__) if known else "U"


class Origin(StrEnum):
    READING = "reading"
    CALCULATED = "calculated"
    ESTIMATED = "estimated"
    NONE = "none"


class Severity(StrEnum):
    ERROR = "error"  # data refused: nothing is computed from it
    WARNING = "warning"  # computed, but a person should look (closure beyond tolerance, a gap)


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    CANNOT_EVALUATE = "cannot_evaluate"


@dataclass(frozen=True)
class Flag:
    """A problem found in the test data, naming the meter or unit it concerns."""

    code: str
    severity: Severity
    message: Text
    subject: str = ""
    subject_uuid: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": text_dict(self.message),
            "subject": self.subject,
            "subject_uuid": self.subject_uuid,
        }


@dataclass
class UnitDay:
    day: dt.date
    values: dict[str, float] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    reuse_in_m3: float = 0.0
    closure_pct: float | None = None
    valid: bool = False


@dataclass
class UnitBalance:
    """One unit over the test: daily balances (leaves) or the sum of its children (parents), in m³/d."""

    uuid: str
    name: str
    level: int
    unit_type: str
    recycle_kind: str
    parent_uuid: str | None
    children: list[str] = field(default_factory=list)
    reuse_from_uuid: str | None = None
    days: list[UnitDay] = field(default_factory=list)
    complete: bool = False
    # Averages over the test days, m³/d; empty when the unit is incomplete.
    average: dict[str, float] = field(default_factory=dict)
    # Part of each average that was estimated / calculated rather than read off a meter, m³/d.
    estimated: dict[str, float] = field(default_factory=dict)
    calculated: dict[str, float] = field(default_factory=dict)
    # Vr that arrives from another unit's discharge (cascade, treated wastewater), m³/d.
    reuse_in_m3: float = 0.0
    closure_pct: float | None = None
    within_tolerance: bool | None = None
    # Own inlet/source meters (average m³/d) and, for parents, the children's intake against it.
    metered_intake_m3: float | None = None
    children_intake_m3: float | None = None
    children_difference_pct: float | None = None
    has_inlet_meter: bool = False
    vf_metered: bool = False

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def total_use(self) -> float | None:
        if not self.complete:
            return None
        return self.average["vf"] + self.average["vr"]

    def origin_mark(self, quantity: str) -> str:
        """≈ if any part was estimated, * if calculated from the balance (shown beside values)."""
        if self.estimated.get(quantity, 0.0) > 0:
            return "≈"
        if self.calculated.get(quantity, 0.0) > 0:
            return "*"
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "name": self.name,
            "level": self.level,
            "unit_type": self.unit_type,
            "recycle_kind": self.recycle_kind,
            "parent_uuid": self.parent_uuid,
            "children": list(self.children),
            "complete": self.complete,
            "average_m3_per_d": dict(self.average),
            "estimated_m3_per_d": dict(self.estimated),
            "calculated_m3_per_d": dict(self.calculated),
            "reuse_in_m3_per_d": self.reuse_in_m3,
            "closure_pct": self.closure_pct,
            "within_tolerance": self.within_tolerance,
            "metered_intake_m3_per_d": self.metered_intake_m3,
            "children_intake_m3_per_d": self.children_intake_m3,
            "children_difference_pct": self.children_difference_pct,
            "days": [
                {
                    "day": d.day.isoformat(),
                    "values_m3": dict(d.values),
                    "origins": dict(d.origins),
                    "reuse_in_m3": d.reuse_in_m3,
                    "closure_pct": d.closure_pct,
                    "valid": d.valid,
                }
                for d in self.days
            ],
        }


@dataclass
class Totals:
    """Summed quantities (m³/d, or m³/a when annualised) of a level or of the enterprise."""

    values: dict[str, float] = field(default_factory=dict)
    estimated: dict[str, float] = field(default_factory=dict)
    reuse_in_m3: float = 0.0
    closure_pct: float | None = None
    complete: bool = True
    missing_units: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "values": dict(self.values),
            "estimated": dict(self.estimated),
            "reuse_in": self.reuse_in_m3,
            "closure_pct": self.closure_pct,
            "complete": self.complete,
            "missing_units": list(self.missing_units),
        }


@dataclass
class Indicator:
    key: str
    label: Text
    value: float | None
    unit: str
    formula: str
    status: str
    inputs: dict[str, Any] = field(default_factory=dict)
    reason: Text | None = None  # why there is no value
    estimated: bool = False  # an input was estimated

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": text_dict(self.label),
            "value": self.value,
            "unit": self.unit,
            "formula": self.formula,
            "status": self.status,
            "inputs": self.inputs,
            "reason": text_dict(self.reason) if self.reason else None,
            "estimated": self.estimated,
        }


@dataclass
class Comparison:
    key: str
    label: Text
    outcome: Outcome
    reason: Text
    value: float | None = None
    operator: str = ""
    threshold: float | None = None
    unit: str = ""
    standard: str = ""
    edition: str = ""
    clause: str = ""
    status: str = "U"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": text_dict(self.label),
            "outcome": str(self.outcome),
            "reason": text_dict(self.reason),
            "value": self.value,
            "operator": self.operator,
            "threshold": self.threshold,
            "unit": self.unit,
            "standard": self.standard,
            "edition": self.edition,
            "clause": self.clause,
            "status": self.status,
        }


@dataclass
class SourceSummary:
    uuid: str
    name: str
    source_type: str
    nonconventional: bool
    annual_quantity_m3: float | None
    metered_m3_per_d: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "name": self.name,
            "source_type": self.source_type,
            "nonconventional": self.nonconventional,
            "annual_quantity_m3": self.annual_quantity_m3,
            "metered_m3_per_d": self.metered_m3_per_d,
        }


@dataclass
class TestSetup:
    title: str
    start: dt.datetime
    days: int
    production_days: int
    unit_tolerance_pct: float
    unit_tolerance_status: str
    intake_tolerance_pct: float
    intake_tolerance_status: str

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(days=self.days)

    def boundaries(self) -> list[dt.datetime]:
        return [self.start + dt.timedelta(days=i) for i in range(self.days + 1)]

    def day_dates(self) -> list[dt.date]:
        return [(self.start + dt.timedelta(days=i)).date() for i in range(self.days)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "production_days_per_year": self.production_days,
            "unit_closure_tolerance_pct": self.unit_tolerance_pct,
            "unit_closure_tolerance_status": self.unit_tolerance_status,
            "intake_tolerance_pct": self.intake_tolerance_pct,
            "intake_tolerance_status": self.intake_tolerance_status,
        }


@dataclass
class WaterResult:
    """Everything the water-balance test yields; `ready` is False when there is no test to compute."""

    ready: bool
    enterprise_name: str = ""
    test: TestSetup | None = None
    flags: list[Flag] = field(default_factory=list)
    units: list[UnitBalance] = field(default_factory=list)
    sources: list[SourceSummary] = field(default_factory=list)
    enterprise: Totals = field(default_factory=Totals)
    levels: dict[int, Totals] = field(default_factory=dict)
    annual: Totals = field(default_factory=Totals)
    indicators: list[Indicator] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    industry: Text | None = None
    industry_code: str = ""

    def unit(self, uuid: str) -> UnitBalance:
        for unit in self.units:
            if unit.uuid == uuid:
                return unit
        raise KeyError(uuid)

    def unit_named(self, name: str) -> UnitBalance:
        for unit in self.units:
            if unit.name == name:
                return unit
        raise KeyError(name)

    def indicator(self, key: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.key == key:
                return indicator
        raise KeyError(key)

    def comparisons_for(self, key: str) -> list[Comparison]:
        return [c for c in self.comparisons if c.key == key]

    def _unit_dict(self, unit: UnitBalance) -> dict[str, Any]:
        data = unit.to_dict()
        # The report's unit balance table shows the year too: test-day average × production days.
        days = self.test.production_days if self.test else 0
        data["annual_m3_per_a"] = {q: v * days for q, v in unit.average.items()}
        return data

    def errors(self) -> list[Flag]:
        return [f for f in self.flags if f.severity is Severity.ERROR]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "enterprise": self.enterprise_name,
            "industry_code": self.industry_code,
            "industry": text_dict(self.industry) if self.industry else None,
            "test": self.test.to_dict() if self.test else None,
            "flags": [f.to_dict() for f in self.flags],
            "sources": [s.to_dict() for s in self.sources],
            "units": [self._unit_dict(u) for u in self.units],
            "enterprise_balance_m3_per_d": self.enterprise.to_dict(),
            "levels_m3_per_d": {str(k): v.to_dict() for k, v in self.levels.items()},
            "annual_balance_m3_per_a": self.annual.to_dict(),
            "indicators": [i.to_dict() for i in self.indicators],
            "comparisons": [c.to_dict() for c in self.comparisons],
        }


def text_dict(text: Text) -> dict[str, str]:
    return {"en": text.en, "zh": text.zh}
