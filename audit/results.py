"""The one result vocabulary of the analysis: Indicator, Status, Verdict, Outcome, and one JSON writer.

Energy, carbon, equipment, water and standards comparisons all produce `Indicator`s; the GUI, the
command line and the report read only these. Keys are declared once in `audit.indicators.catalogue`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import lru_cache
from typing import Any, cast

from audit.reference import Source
from forms.spec import Text


class Status(StrEnum):
    """How far a number is checked (STANDARDS.md): quoted, derived by arithmetic, corroborated, unverified."""

    V = "V"
    D = "D"
    C = "C"
    U = "U"

    @property
    def rank(self) -> int:
        """0 for the most trustworthy (V), 3 for the least (U)."""
        return _RANK[self]


_RANK = {Status.V: 0, Status.D: 1, Status.C: 2, Status.U: 3}


def weakest(*statuses: Status | str) -> Status:
    """The least trustworthy of `statuses`; V when there are none.

    "No sources" means that no coefficient, threshold or formula of uncertain standing was used: the
    number is as good as the values entered (a sum of recorded costs, a load ratio from two nameplate
    values). V is the neutral element, so weakest(a, *nothing) == a. Strings that are not a status
    (e.g. "set by auditor") are ignored.
    """
    worst, worst_rank = Status.V, 0
    for given in statuses:
        status = _BY_VALUE.get(given)  # a Status or its string: equal and hashed alike
        if status is not None and _RANK[status] > worst_rank:
            worst, worst_rank = status, _RANK[status]
    return worst


_BY_VALUE: dict[str, Status] = {s.value: s for s in Status}


class Outcome(StrEnum):
    """A comparison with a threshold of a standard; CANNOT_EVALUATE carries its reason in the note."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    CANNOT_EVALUATE = "cannot_evaluate"


class Verdict(StrEnum):
    """An equipment grading: a grade 1–3, below grade 3, meets a single limit, or why there is no grade."""

    GRADE = "grade"
    BELOW_GRADE_3 = "below_grade_3"
    MEETS_LIMIT = "meets_limit"
    CANNOT_GRADE = "cannot_grade"
    NOT_APPLICABLE = "not_applicable"

    @property
    def decided(self) -> bool:
        return self in (Verdict.GRADE, Verdict.BELOW_GRADE_3, Verdict.MEETS_LIMIT)


# Units carried by input names (house style: names carry units), longest suffix first.
_NAME_UNITS = (
    ("_m3_per_min", "m³/min"),
    ("_m3_per_d", "m³/d"),
    ("_m3_per_a", "m³/a"),
    ("_m3_per_h", "m³/h"),
    ("_t_per_h", "t/h"),
    ("_kgce_per_kwh", "kgce/kWh"),
    ("_kj_per_kg", "kJ/kg"),
    ("_kj_per_unit", "kJ/unit"),
    ("_gj_per_t", "GJ/t"),
    ("_t_per_gj", "tCO2/GJ"),
    ("_kg_per_kwh", "kgCO2/kWh"),
    ("_tc_per_tj", "tC/TJ"),
    ("_10k_yuan", "10k yuan"),
    ("_yuan", "yuan"),
    ("_tco2", "tCO2"),
    ("_tce", "tce"),
    ("_kwh", "kWh"),
    ("_kva", "kVA"),
    ("_kw", "kW"),
    ("_mpa", "MPa"),
    ("_pct", "%"),
    ("_rpm", "r/min"),
    ("_m3", "m³"),
    ("_m", "m"),
    ("_kv", "kV"),
    ("_v", "V"),
    ("_mw", "MW"),
)
_BARE_UNITS = {"kwh": "kWh", "gj": "GJ", "tce": "tce", "tco2": "tCO2"}


@lru_cache(maxsize=4096)  # a few hundred distinct names, asked for on every indicator of every record
def unit_of_name(name: str) -> str:
    """The unit an input's name carries (`total_tce` → tce, `limits_pct` → %), "" when it carries none."""
    lowered = name.lower()
    if lowered in _BARE_UNITS:
        return _BARE_UNITS[lowered]
    for suffix, unit in _NAME_UNITS:
        if lowered.endswith(suffix):
            return unit
    return ""


@dataclass(frozen=True)
class Input:
    """One value an indicator was computed from: its name (as in the formula), value and unit."""

    name: str
    value: Any
    unit: str = ""
    label: Text | None = None


def inputs_of(values: Mapping[str, Any] | Iterable[Input]) -> tuple[Input, ...]:
    """Inputs from a name → value mapping, each with the unit its name carries."""
    if isinstance(values, Mapping):
        return tuple(Input(str(name), value, unit_of_name(str(name))) for name, value in values.items())
    return tuple(values)


@dataclass(frozen=True)
class Limit:
    """The threshold a value is compared with: `value operator threshold` (≥ or ≤) in `unit`."""

    operator: str
    threshold: float
    unit: str = ""

    def text(self) -> str:
        return f"{self.operator} {self.threshold:g} {self.unit}".strip()


@dataclass(frozen=True)
class Indicator:
    """One number an expert signs, or one comparison with a standard.

    `value` is None when it cannot be computed; `note` then says why. `status` is the weakest of the
    status given (the formula's or the rule's own) and of every source. `about` holds the uuids of
    the records the indicator is about (a motor, a product), for navigation and findings. A
    comparison has an `outcome` and a `limit`; its `note` is the reason.
    """

    key: str
    label: Text
    value: float | None
    unit: str
    inputs: tuple[Input, ...] | Mapping[str, Any] = ()
    sources: tuple[Source, ...] = ()
    note: Text | None = None
    status: Status = Status.V
    formula: str = ""
    estimated: bool = False
    about: tuple[str, ...] = ()
    headline: bool = False
    outcome: Outcome | None = None
    limit: Limit | None = None

    def __post_init__(self) -> None:
        # Frozen: normalise once here so every producer can pass a plain mapping of inputs. A copy made
        # with dataclasses.replace comes here again with everything normalised: that path stays cheap
        # (no re-hashing of sources), since every graded record copies its indicators.
        if not isinstance(self.inputs, tuple):
            object.__setattr__(self, "inputs", inputs_of(self.inputs))
        sources = self.sources
        if len(sources) > 1 or not isinstance(sources, tuple):
            sources = tuple(dict.fromkeys(sources))
            object.__setattr__(self, "sources", sources)
        object.__setattr__(self, "status", weakest(self.status, *(s.status for s in sources)))

    @property
    def unverified(self) -> bool:
        return self.status is Status.U

    @property
    def input_list(self) -> tuple[Input, ...]:
        """The inputs, in the order the formula reads them (always a tuple after construction)."""
        return cast("tuple[Input, ...]", self.inputs)

    def input(self, name: str, default: Any = None) -> Any:
        """The value of the input called `name`."""
        return next((i.value for i in self.input_list if i.name == name), default)

    def input_map(self) -> dict[str, Any]:
        return {i.name: i.value for i in self.input_list}


def merge_sources(*groups: Iterable[Source]) -> tuple[Source, ...]:
    """The sources of several groups, each once, in first-seen order."""
    merged: list[Source] = []
    for group in groups:
        merged.extend(group)
    return tuple(dict.fromkeys(merged))


def find(indicators: Iterable[Indicator], key: str) -> Indicator | None:
    return next((i for i in indicators if i.key == key), None)


def headline(indicators: Iterable[Indicator], prefix: str) -> Indicator | None:
    """The indicator marked as headline among those whose key starts with `prefix` (e.g. a total on the chosen basis)."""
    return next((i for i in indicators if i.key.startswith(prefix) and i.headline), None)


# Fields that hold working data for the GUI (balances with every converted line), not results.
NOT_IN_JSON: dict[str, Any] = {"json": False}


def to_json(value: Any) -> Any:
    """Any result (dataclasses, enums, Text, Source, dates, containers) as plain JSON values.

    Dataclass fields marked with `metadata=NOT_IN_JSON` are left out; NaN and infinities become None.
    """
    if isinstance(value, Text):
        return {"en": value.en, "zh": value.zh}
    if isinstance(value, Source):
        return value.as_dict()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_json(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.metadata.get("json", True) and not f.name.startswith("_")
        }
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


__all__ = [
    "NOT_IN_JSON",
    "Indicator",
    "Input",
    "Limit",
    "Outcome",
    "Status",
    "Verdict",
    "find",
    "headline",
    "inputs_of",
    "merge_sources",
    "to_json",
    "unit_of_name",
    "weakest",
]
