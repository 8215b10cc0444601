"""Result types of the water-balance test: flags, unit balances, totals (plain data; indicators are audit.results)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from audit.results import Indicator
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


class Origin(StrEnum):
    READING = "reading"
    CALCULATED = "calculated"
    ESTIMATED = "estimated"
    NONE = "none"


class Severity(StrEnum):
    ERROR = "error"  # data refused: nothing is computed from it
    WARNING = "warning"  # computed, but a person should look (closure beyond tolerance, a gap)


@dataclass(frozen=True)
class Flag:
    """A problem found in the test data, naming the meter or unit it concerns."""

    code: str
    severity: Severity
    message: Text
    subject: str = ""
    subject_uuid: str | None = None


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
    # Repeated-use rate of the unit, Vr / (Vr + Vf) × 100 (test means), None when incomplete or no water.
    repeated_rate_pct: float | None = None
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
    # The averages × production days, m³/a (the report's unit table shows the year too).
    annual: dict[str, float] = field(default_factory=dict)

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


@dataclass
class Totals:
    """Summed quantities (m³/d, or m³/a when annualised) of a level or of the enterprise."""

    values: dict[str, float] = field(default_factory=dict)
    estimated: dict[str, float] = field(default_factory=dict)
    reuse_in_m3: float = 0.0
    closure_pct: float | None = None
    complete: bool = True
    missing_units: list[str] = field(default_factory=list)


@dataclass
class DayTotals:
    """The enterprise on one test day (m³): its balance, closure, and the intake meters against the units' Vf."""

    day: dt.date
    values: dict[str, float] = field(default_factory=dict)
    closure_pct: float | None = None
    # The enterprise's intake meters (source meters, else the level-1 units' inlet meters) that day, and the
    # sum of the level-1 units' Vf: difference % = (metered − units) / metered × 100.
    metered_intake_m3: float | None = None
    units_intake_m3: float | None = None
    difference_pct: float | None = None


@dataclass
class SourceSummary:
    uuid: str
    name: str
    source_type: str
    nonconventional: bool
    annual_quantity_m3: float | None
    metered_m3_per_d: float | None


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
    # Comparisons with GB/T 7119 and GB/T 24789 thresholds: indicators with an outcome and a limit.
    comparisons: list[Indicator] = field(default_factory=list)
    industry: Text | None = None
    industry_code: str = ""
    # Per test day (issue 10): enterprise totals and closure, and the main meters against the level-1 inflows.
    daily: list[DayTotals] = field(default_factory=list)

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

    def comparisons_for(self, key: str) -> list[Indicator]:
        return [c for c in self.comparisons if c.key == key]

    def errors(self) -> list[Flag]:
        return [f for f in self.flags if f.severity is Severity.ERROR]
