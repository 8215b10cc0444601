"""Reads the water-balance records of an audit into plain values (the only part that touches storage)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.document import AuditDocument
    from audit.records import Record, RecordStore


# Every field the water calculations read, by form: a test checks each exists in its form definition,
# so renaming a field cannot silently turn a quantity into "not entered".
FIELDS_READ: dict[str, tuple[str, ...]] = {
    "water_test": (
        "title",
        "start_at",
        "test_days",
        "production_days_per_year",
        "unit_closure_tolerance_pct",
        "intake_tolerance_pct",
    ),
    "water_test.test_production": ("product_name", "unit", "quantity"),
    "water_unit.reuse_streams": ("kind", "from_unit", "quantity_m3_per_d"),
    "water_source": ("name", "source_type", "annual_quantity_m3"),
    "water_unit": (
        "name",
        "level",
        "parent_unit",
        "unit_type",
        "recycle_kind",
        "reuse_from_unit",
        "persons",
        "steam_output_t_per_h",
        "steam_hours_per_day",
        "circulating_concentration_mg_l",
        "makeup_concentration_mg_l",
        "treated_output_m3_per_d",
    ),
    "water_meter": (
        "meter_number",
        "unit",
        "position",
        "source",
        "reading_kind",
        "operating_hours_per_day",
        "accuracy_class",
    ),
    "water_reading": ("meter", "read_at", "value", "register_reset"),
    "water_flow": (
        "unit",
        "day",
        *(f"{q}_{part}" for q in ("vf", "vr", "vco", "vd", "vl") for part in ("origin", "m3", "method")),
    ),
    "enterprise": ("name", "industry_code", "employees", "output_value_10k_yuan", "value_added_10k_yuan"),
    "enterprise.products": ("product_name", "unit", "annual_output"),
    "production": ("month", "product_name", "quantity", "unit"),
}


@dataclass
class UnitInput:
    uuid: str
    name: str
    level: int | None
    parent_uuid: str | None
    unit_type: str
    recycle_kind: str
    reuse_from_uuid: str | None = None
    persons: int | None = None
    steam_output_t_per_h: float | None = None
    steam_hours_per_day: float | None = None
    circulating_concentration_mg_l: float | None = None
    makeup_concentration_mg_l: float | None = None
    treated_output_m3_per_d: float | None = None
    # Several kinds of reuse received at once: (kind, source unit uuid or None, mean m³/d) per stream.
    reuse_streams: list[tuple[str, str | None, float]] = field(default_factory=list)

    def stream_share(self, *kinds: str) -> float | None:
        """The share of the listed reuse streams that are of these kinds; None without streams."""
        total = sum(q for _, _, q in self.reuse_streams)
        if not self.reuse_streams or total <= 0:
            return None
        return sum(q for kind, _, q in self.reuse_streams if kind in kinds) / total


@dataclass
class MeterInput:
    uuid: str
    number: str
    unit_uuid: str | None
    position: str
    source_uuid: str | None
    reading_kind: str
    operating_hours_per_day: float | None
    accuracy_class: float | None = None


@dataclass(slots=True)
class ReadingInput:
    uuid: str
    meter_uuid: str
    read_at: dt.datetime
    value: float
    register_reset: bool = False


@dataclass
class FlowInput:
    uuid: str
    unit_uuid: str
    day: dt.date
    origins: dict[str, str | None] = field(default_factory=dict)
    values: dict[str, float | None] = field(default_factory=dict)
    methods: dict[str, str | None] = field(default_factory=dict)


@dataclass
class SourceInput:
    uuid: str
    name: str
    source_type: str
    annual_quantity_m3: float | None


@dataclass
class ProductInput:
    name: str
    unit: str
    annual_output: float


@dataclass
class WaterInputs:
    test: dict[str, Any] | None
    enterprise: dict[str, Any]
    products: list[ProductInput]
    sources: list[SourceInput]
    units: list[UnitInput]
    meters: list[MeterInput]
    readings: list[ReadingInput]
    flows: list[FlowInput]
    # Qualified output over all test days (water_test's repeat), for new water per unit product over the test.
    test_production: list[ProductInput] = field(default_factory=list)


def _level(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _unit(record: Record) -> UnitInput:
    v = record.values
    return UnitInput(
        uuid=record.uuid,
        name=str(v.get("name") or record.uuid[:8]),
        level=_level(v.get("level")),
        parent_uuid=v.get("parent_unit") if _level(v.get("level")) != 1 else None,
        unit_type=str(v.get("unit_type") or "other"),
        recycle_kind=str(v.get("recycle_kind") or "none"),
        reuse_from_uuid=v.get("reuse_from_unit"),
        persons=v.get("persons"),
        steam_output_t_per_h=v.get("steam_output_t_per_h"),
        steam_hours_per_day=v.get("steam_hours_per_day"),
        circulating_concentration_mg_l=v.get("circulating_concentration_mg_l"),
        makeup_concentration_mg_l=v.get("makeup_concentration_mg_l"),
        treated_output_m3_per_d=v.get("treated_output_m3_per_d"),
        reuse_streams=[
            (str(row.get("kind")), row.get("from_unit"), float(row.get("quantity_m3_per_d") or 0.0))
            for row in record.children.get("reuse_streams", [])
            if row.get("kind")
        ],
    )


def _annual_output(document: AuditDocument, product: str, unit: str, year: int | None, fallback: float) -> float:
    """Output of the year from the monthly production records when there are any, else the enterprise figure."""
    if year is None:
        return fallback
    total = 0.0
    found = False
    for record in document.records.list("production"):
        month = str(record.get("month", ""))
        if record.get("product_name") == product and month.startswith(f"{year}-") and record.get("unit") == unit:
            total += float(record.get("quantity", 0.0))
            found = True
    return total if found else fallback


def _readings(records: RecordStore) -> list[ReadingInput]:
    """Hundreds of thousands of readings: read as stored, as tuples of the four columns needed, and
    converted here once (float, bool), not as records. Meters are read at the same times (a year of
    daily readings is 365 times for any number of meters): each time is parsed once."""
    times: dict[str, dt.datetime] = {}

    def parse_time(text: str) -> dt.datetime:
        parsed = times.get(text)
        if parsed is None:
            parsed = times[text] = dt.datetime.fromisoformat(text)
        return parsed

    return [
        ReadingInput(reading_uuid, meter, parse_time(read_at), float(value), bool(reset))
        for reading_uuid, meter, read_at, value, reset in records.rows(
            "water_reading", ("meter", "read_at", "value", "register_reset"), decoded=False
        )
        if meter and read_at and value is not None
    ]


def load_inputs(document: AuditDocument) -> WaterInputs:
    records = document.records
    test_record = records.singleton("water_test")
    test = dict(test_record.values) if test_record else None
    enterprise_record = records.singleton("enterprise")
    enterprise = dict(enterprise_record.values) if enterprise_record else {}
    year: int | None = None
    if test and test.get("start_at"):
        year = int(str(test["start_at"])[:4])
    products: list[ProductInput] = []
    if enterprise_record is not None:
        for row in enterprise_record.children.get("products", []):
            name, unit, output = row.get("product_name"), row.get("unit"), row.get("annual_output")
            if name and unit and output is not None:
                products.append(ProductInput(name, unit, _annual_output(document, name, unit, year, float(output))))
    sources = [
        SourceInput(
            r.uuid, str(r.get("name", r.uuid[:8])), str(r.get("source_type", "tap")), r.get("annual_quantity_m3")
        )
        for r in records.list("water_source")
    ]
    units = [_unit(r) for r in records.list("water_unit", with_children=True)]
    meters = [
        MeterInput(
            uuid=r.uuid,
            number=str(r.get("meter_number", r.uuid[:8])),
            unit_uuid=r.get("unit"),
            position=str(r.get("position", "inlet")),
            source_uuid=r.get("source") if r.get("position") == "source" else None,
            reading_kind=str(r.get("reading_kind", "cumulative")),
            operating_hours_per_day=r.get("operating_hours_per_day"),
            accuracy_class=r.get("accuracy_class"),
        )
        for r in records.list("water_meter")
    ]
    readings = _readings(records)
    flows = []
    for r in records.list("water_flow"):
        if not r.get("unit") or not r.get("day"):
            continue
        flows.append(
            FlowInput(
                uuid=r.uuid,
                unit_uuid=r["unit"],
                day=dt.date.fromisoformat(r["day"]),
                origins={q: r.get(f"{q}_origin") for q in ("vf", "vr", "vco", "vd", "vl")},
                values={q: r.get(f"{q}_m3") for q in ("vf", "vr", "vco", "vd", "vl")},
                methods={q: r.get(f"{q}_method") for q in ("vf", "vr", "vco", "vd", "vl")},
            )
        )
    test_production = []
    if test_record is not None:
        for row in test_record.children.get("test_production", []):
            name, unit, quantity = row.get("product_name"), row.get("unit"), row.get("quantity")
            if name and unit and quantity is not None:
                test_production.append(ProductInput(str(name), str(unit), float(quantity)))
    return WaterInputs(test, enterprise, products, sources, units, meters, readings, flows, test_production)
