"""Indicators of an audit: energy (GB/T 2589-2020), carbon, equipment grades; each result with inputs and sources.

`compute_indicators(document)` reads the records once and returns an IndicatorReport; the functions in
the submodules are pure and take plain values, so tests and other stages can call them directly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audit.indicators.carbon import CarbonBalance, build_carbon, carbon_indicators
from audit.indicators.energy import EnergyBalance, build_balance, energy_indicators
from audit.indicators.equipment import GRADED_FORMS, EquipmentResult, grade_record
from audit.indicators.result import Indicator
from audit.indicators.settings import IndicatorSettings, Period
from audit.reference import ReferenceData, reference_data
from forms.spec import Text

if TYPE_CHECKING:
    from audit.document import AuditDocument

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


@dataclass
class IndicatorReport:
    settings: IndicatorSettings
    audit_balance: EnergyBalance | None
    comparison_balance: EnergyBalance | None
    audit_carbon: CarbonBalance | None
    energy: list[Indicator] = field(default_factory=list)
    carbon: list[Indicator] = field(default_factory=list)
    equipment: list[EquipmentResult] = field(default_factory=list)
    problems: list[Text] = field(default_factory=list)

    def indicators(self) -> list[Indicator]:
        return [*self.energy, *self.carbon]

    def indicator(self, key: str) -> Indicator | None:
        return next((i for i in self.indicators() if i.key == key), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "settings": {
                "audit_period": self.settings.audit_period.label() if self.settings.audit_period else None,
                "comparison_period": self.settings.comparison_period.label()
                if self.settings.comparison_period
                else None,
                "electricity_basis": self.settings.electricity_basis,
                "steam_practice": self.settings.steam_practice,
                "include_media": self.settings.include_media,
                "grid_region": self.settings.grid_region,
                "grid_year": self.settings.grid_year,
                "fuel_set": self.settings.fuel_set,
                "carbon_industry_average": self.settings.carbon_industry_average,
            },
            "energy": [i.as_dict() for i in self.energy],
            "energy_table": self.audit_balance.table() if self.audit_balance else {},
            "carbon": [i.as_dict() for i in self.carbon],
            "equipment": [e.as_dict() for e in self.equipment],
            "problems": [{"en": p.en, "zh": p.zh} for p in self.problems],
        }


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


def _products(
    production: Sequence[Mapping[str, Any]], period: Period | None, enterprise_products: Sequence[Mapping[str, Any]]
) -> tuple[dict[str, tuple[float, str]], list[Text]]:
    totals: dict[str, float] = defaultdict(float)
    units: dict[str, str] = {}
    problems: list[Text] = []
    for row in production:
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
        totals[name] += float(row.get("quantity") or 0.0)
    if not totals:
        for row in enterprise_products:
            if row.get("product_name") and row.get("annual_output"):
                totals[str(row["product_name"])] = float(row["annual_output"])
                units[str(row["product_name"])] = str(row.get("unit") or "")
    return {name: (total, units[name]) for name, total in totals.items()}, problems


def compute_indicators(document: AuditDocument, reference: ReferenceData | None = None) -> IndicatorReport:
    """Every indicator of an open audit (the document may be read-only)."""
    reference = reference or reference_data()
    records = document.records
    audit = records.singleton("audit")
    enterprise = records.singleton("enterprise")
    settings = IndicatorSettings.from_audit(audit.values if audit else None)
    energy_records = [(r.uuid, r.values) for r in records.list("energy_use")]
    values_by_uuid = dict(energy_records)
    production = [r.values for r in records.list("production")]
    enterprise_values = enterprise.values if enterprise else {}
    enterprise_products = [c.values for c in enterprise.children.get("products", [])] if enterprise else []

    audit_balance = (
        build_balance(energy_records, settings.audit_period, settings, reference) if settings.audit_period else None
    )
    comparison_balance = (
        build_balance(energy_records, settings.comparison_period, settings, reference)
        if settings.comparison_period
        else None
    )
    denominators = _denominators(
        enterprise_values, production, {"audit": settings.audit_period, "comparison": settings.comparison_period}
    )
    products, problems = _products(production, settings.audit_period, enterprise_products)

    report = IndicatorReport(settings, audit_balance, comparison_balance, None, problems=problems)
    report.energy = energy_indicators(audit_balance, comparison_balance, settings, denominators, products)
    for balance in (audit_balance, comparison_balance):
        for line in balance.lines if balance else []:
            if line.problem:
                report.problems.append(
                    Text(
                        f"Energy record {line.uuid[:8]} ({line.month}): {line.problem}",
                        f"能源记录 {line.uuid[:8]}（{line.month}）：{line.problem}",
                    )
                )
    if audit_balance is not None:
        report.audit_carbon = build_carbon(audit_balance, values_by_uuid, settings, reference)
        comparison_carbon = (
            build_carbon(comparison_balance, values_by_uuid, settings, reference) if comparison_balance else None
        )
        report.carbon = carbon_indicators(report.audit_carbon, comparison_carbon, settings, denominators, reference)

    measurements: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in records.list("spot_measurement"):
        if row.values.get("equipment"):
            measurements[str(row.values["equipment"])].append(row.values)
    for form_id in GRADED_FORMS:
        for record in records.list(form_id):
            report.equipment.append(
                grade_record(form_id, record.uuid, record.values, measurements.get(record.uuid, []), reference)
            )
    return report


__all__ = ["FIELDS_READ", "IndicatorReport", "IndicatorSettings", "compute_indicators"]
