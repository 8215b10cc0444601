"""Energy (GB/T 2589-2020), carbon and equipment: the inputs read from an audit and the pure stages.

`load_energy_inputs` / `load_equipment_inputs` read the records once (the only part that touches
storage); `energy_stage`, `carbon_stage` and `equipment_stage` compute from those values alone, so the
office can compute from merged records. `audit.analysis.analyse` calls them with water in one pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audit.indicators.carbon import CarbonBalance, build_carbon
from audit.indicators.carbon_indicators import CarbonContext, compute_carbon_indicators
from audit.indicators.energy import EnergyBalance, build_balance
from audit.indicators.energy_indicators import EnergyContext, Product, compute_energy_indicators
from audit.indicators.equipment import Grading, grade_record, graded_forms
from audit.indicators.settings import IndicatorSettings, Period
from audit.reference import ReferenceData
from audit.results import NOT_IN_JSON, Indicator
from forms.spec import Text

if TYPE_CHECKING:
    from audit.document import AuditDocument

Values = Mapping[str, Any]

# Field names the indicators read, per form: a test checks each exists in its form definition.
FIELDS_READ: dict[str, tuple[str, ...]] = {
    "audit": (
        "period_start",
        "period_end",
        "comparison_start",
        "comparison_end",
        "electricity_basis",
        "electricity_equal_value_kgce_per_kwh",
        "steam_practice",
        "include_media_in_tce",
        "grid_factor_region",
        "grid_factor_year",
        "fuel_factor_set",
        "carbon_industry_average_t_per_10k_yuan",
    ),
    "enterprise": (
        "output_value_10k_yuan",
        "value_added_10k_yuan",
        "comparison_output_value_10k_yuan",
        "comparison_value_added_10k_yuan",
    ),
    "energy_use": (
        "month",
        "energy_type",
        "quantity",
        "unit",
        "cost_yuan",
        "flow",
        "generation_source",
        "steam_pressure_mpa",
        "steam_temperature_c",
        "measured_ncv_kj_per_unit",
    ),
    "production": ("month", "product_name", "quantity", "unit", "output_value_10k_yuan"),
    "spot_measurement": (
        "equipment",
        "quantity_measured",
        "value",
        "unit",
        "measured_at",
        "instrument",
        "calibration_date",
    ),
    "motor": (
        "tag",
        "name",
        "model",
        "motor_type",
        "rated_power_kw",
        "poles",
        "rated_speed_rpm",
        "nameplate_efficiency_pct",
        "load_factor_pct",
        "measured_input_kw",
    ),
    "air_compressor": (
        "tag",
        "model",
        "compressor_type",
        "rated_power_kw",
        "rated_pressure_mpa",
        "free_air_delivery_m3_per_min",
        "cooling",
        "control",
        "measured_input_kw",
        "measured_specific_power",
    ),
    "transformer": (
        "tag",
        "model",
        "transformer_type",
        "core_material",
        "vector_group",
        "insulation_class",
        "rated_capacity_kva",
        "primary_voltage_kv",
        "no_load_loss_kw",
        "load_loss_kw",
        "purchase_date",
        "standard_edition",
        "measured_load_kva",
        "power_factor",
        "annual_operating_hours",
    ),
    "fan": (
        "tag",
        "model",
        "fan_type",
        "machine_number",
        "nameplate_efficiency_pct",
        "pressure_coefficient",
        "specific_speed",
        "hub_ratio",
    ),
    "pump": (
        "tag",
        "model",
        "pump_type",
        "rated_flow_m3_per_h",
        "rated_head_m",
        "rated_speed_rpm",
        "nameplate_efficiency_pct",
        "stages",
        "measured_flow_m3_per_h",
        "measured_head_m",
        "measured_input_kw",
    ),
    "boiler": (
        "tag",
        "model",
        "fuel",
        "medium",
        "rated_capacity_t_per_h",
        "rated_heat_output_mw",
        "design_efficiency_pct",
        "measured_efficiency_pct",
        "condensing",
    ),
}


@dataclass(frozen=True)
class EnergyInputs:
    """The records energy and carbon are computed from, as plain values (uuid, values) pairs."""

    audit: Values
    enterprise: Values
    enterprise_products: tuple[tuple[str, Values], ...] = ()
    energy_use: tuple[tuple[str, Values], ...] = ()
    production: tuple[tuple[str, Values], ...] = ()

    @property
    def settings(self) -> IndicatorSettings:
        return IndicatorSettings.from_audit(self.audit)


@dataclass(frozen=True)
class EquipmentInputs:
    """Graded records as (form id, uuid, values), and spot measurements by the equipment they measured."""

    records: tuple[tuple[str, str, Values], ...] = ()
    measurements: Mapping[str, tuple[Values, ...]] = field(default_factory=dict)


def load_energy_inputs(document: AuditDocument) -> EnergyInputs:
    records = document.records
    audit = records.singleton("audit")
    enterprise = records.singleton("enterprise")
    products = tuple((c.uuid, c.values) for c in enterprise.children.get("products", [])) if enterprise else ()
    return EnergyInputs(
        audit=audit.values if audit else {},
        enterprise=enterprise.values if enterprise else {},
        enterprise_products=products,
        energy_use=tuple((r.uuid, r.values) for r in records.list("energy_use")),
        production=tuple((r.uuid, r.values) for r in records.list("production")),
    )


def load_equipment_inputs(document: AuditDocument, read: Mapping[str, Iterable[Any]] | None = None) -> EquipmentInputs:
    """The graded forms' records and the spot measurements. `read`: records of some forms already read
    (anything with `uuid` and `values`, in the store's order), e.g. for the findings: not read again."""
    records = document.records
    measurements: dict[str, list[Values]] = defaultdict(list)
    for row in records.list("spot_measurement"):
        if row.values.get("equipment"):
            measurements[str(row.values["equipment"])].append(row.values)
    read = read or {}
    graded = tuple(
        (form_id, r.uuid, r.values)
        for form_id in graded_forms()
        for r in (read[form_id] if form_id in read else records.list(form_id))
    )
    return EquipmentInputs(graded, {uuid: tuple(rows) for uuid, rows in measurements.items()})


@dataclass(frozen=True)
class EnergyResult:
    """Energy indicators, and the balances the energy table and charts draw (left out of JSON: the table is in)."""

    settings: IndicatorSettings
    indicators: tuple[Indicator, ...]
    table: tuple[dict[str, Any], ...]
    problems: tuple[Text, ...]
    audit_balance: EnergyBalance | None = field(default=None, metadata=NOT_IN_JSON)
    comparison_balance: EnergyBalance | None = field(default=None, metadata=NOT_IN_JSON)
    denominators: Mapping[str, Mapping[str, float | None]] = field(default_factory=dict, metadata=NOT_IN_JSON)
    products: tuple[Product, ...] = field(default=(), metadata=NOT_IN_JSON)


@dataclass(frozen=True)
class CarbonResult:
    indicators: tuple[Indicator, ...] = ()
    balance: CarbonBalance | None = field(default=None, metadata=NOT_IN_JSON)


def energy_stage(inputs: EnergyInputs, reference: ReferenceData) -> EnergyResult:
    settings = inputs.settings
    balances = {
        tag: build_balance(inputs.energy_use, period, settings, reference) if period else None
        for tag, period in (("audit", settings.audit_period), ("comparison", settings.comparison_period))
    }
    production = [values for _, values in inputs.production]
    denominators = _denominators(
        inputs.enterprise, production, {"audit": settings.audit_period, "comparison": settings.comparison_period}
    )
    products, problems = _products(inputs, settings.audit_period)
    before = _comparison_products(inputs, settings.comparison_period, products)
    context = EnergyContext(
        settings, balances["audit"], balances["comparison"], denominators, tuple(products), tuple(before)
    )
    for balance in balances.values():
        for line in balance.lines if balance else []:
            if line.problem:
                problems.append(
                    Text(
                        f"Energy record {line.uuid[:8]} ({line.month}): {line.problem}",
                        f"能源记录 {line.uuid[:8]}（{line.month}）：{line.problem}",
                    )
                )
    audit_balance = balances["audit"]
    return EnergyResult(
        settings,
        tuple(compute_energy_indicators(context)),
        tuple(audit_balance.table()) if audit_balance else (),
        tuple(problems),
        audit_balance,
        balances["comparison"],
        denominators,
        tuple(products),
    )


def carbon_stage(inputs: EnergyInputs, energy: EnergyResult, reference: ReferenceData) -> CarbonResult:
    if energy.audit_balance is None:
        return CarbonResult()
    values_by_uuid = dict(inputs.energy_use)
    settings = energy.settings
    carbon = build_carbon(energy.audit_balance, values_by_uuid, settings, reference)
    comparison = (
        build_carbon(energy.comparison_balance, values_by_uuid, settings, reference)
        if energy.comparison_balance
        else None
    )
    context = CarbonContext(carbon, comparison, settings, energy.denominators, reference, energy.products)
    return CarbonResult(tuple(compute_carbon_indicators(context)), carbon)


def equipment_stage(inputs: EquipmentInputs, reference: ReferenceData) -> tuple[Grading, ...]:
    return tuple(
        grade_record(form_id, uuid, values, inputs.measurements.get(uuid, ()), reference)
        for form_id, uuid, values in inputs.records
    )


def _denominators(
    enterprise: Mapping[str, Any], production: Sequence[Mapping[str, Any]], periods: Mapping[str, Period | None]
) -> dict[str, dict[str, float | None]]:
    result: dict[str, dict[str, float | None]] = {}
    for tag, period in periods.items():
        prefix = "" if tag == "audit" else "comparison_"
        output = enterprise.get(f"{prefix}output_value_10k_yuan")
        added = enterprise.get(f"{prefix}value_added_10k_yuan")
        if output is None and period is not None:
            summed = [
                p.get("output_value_10k_yuan") for p in production if period.contains_month(str(p.get("month") or ""))
            ]
            output = sum(v for v in summed if v) or None
        result[tag] = {"output_value": output, "value_added": added}
    return result


def _comparison_products(inputs: EnergyInputs, period: Period | None, products: Sequence[Product]) -> list[Product]:
    """The comparison period's output of each audit-period product (same name and unit), from the production
    records only, keyed by the audit-period product's record so both periods' figures pair up."""
    if period is None:
        return []
    before, _ = _products(inputs, period, annual_fallback=False)
    by_name = {p.name: p for p in before}
    return [
        Product(p.uuid, p.name, by_name[p.name].output, p.unit)
        for p in products
        if p.name in by_name and by_name[p.name].unit == p.unit
    ]


def _products(
    inputs: EnergyInputs, period: Period | None, annual_fallback: bool = True
) -> tuple[list[Product], list[Text]]:
    """Output per product over the period, each named by a record: the enterprise's product row of that
    name, else the first production record of it. Without production records in the period, the
    enterprise's annual outputs stand in (audit period only: `annual_fallback`)."""
    totals: dict[str, float] = defaultdict(float)
    units: dict[str, str] = {}
    uuids = {
        str(v.get("product_name")): uuid for uuid, v in reversed(inputs.enterprise_products) if v.get("product_name")
    }
    problems: list[Text] = []
    for uuid, row in inputs.production:
        if period is None or not period.contains_month(str(row.get("month") or "")):
            continue
        name, unit = str(row.get("product_name") or ""), str(row.get("unit") or "")
        if name in units and units[name] != unit:
            problems.append(
                Text(
                    f"Production of {name} is recorded in {units[name]} and {unit}; only {units[name]} is summed.",
                    f"{name}产量同时以{units[name]}和{unit}记录，仅汇总{units[name]}。",
                )
            )
            continue
        units[name] = unit
        uuids.setdefault(name, uuid)
        totals[name] += float(row.get("quantity") or 0.0)
    if not totals and annual_fallback:
        for _uuid, row in inputs.enterprise_products:
            if row.get("product_name") and row.get("annual_output"):
                totals[str(row["product_name"])] = float(row["annual_output"])
                units[str(row["product_name"])] = str(row.get("unit") or "")
    return [Product(uuids[name], name, total, units[name]) for name, total in totals.items()], problems


__all__ = [
    "FIELDS_READ",
    "CarbonResult",
    "EnergyInputs",
    "EnergyResult",
    "EquipmentInputs",
    "IndicatorSettings",
    "carbon_stage",
    "energy_stage",
    "equipment_stage",
    "load_energy_inputs",
    "load_equipment_inputs",
]
