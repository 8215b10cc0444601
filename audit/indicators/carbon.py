"""CO2 emissions by source (scope 1 fuels, scope 2 electricity and heat), intensity and the Zhejiang carbon grade."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from audit.indicators.energy import (
    ZERO_CARBON_SOURCES,
    EnergyBalance,
    EnergyLine,
    convert,
    steam_heat_gj_per_t,
)
from audit.indicators.settings import IndicatorSettings
from audit.reference import ReferenceData, Source, Sourced
from audit.results import merge_sources
from forms.spec import Text

REGION_NAMES = {"national": "全国", "east_china": "华东", "zhejiang": "浙江"}


def grid_factor(
    settings: IndicatorSettings, reference: ReferenceData, region: str | None = None
) -> tuple[Sourced | None, dict[str, Any]]:
    """The grid factor the audit chose: region and data year (latest published when no year is set).

    A year the table lacks for the region falls back to the region's latest published year and says so in
    the source note: electricity never silently becomes 0 t CO2 (issue 10).
    """
    name = "carbon/grid_factors.json"
    wanted_region = REGION_NAMES.get(region or settings.grid_region, "全国")
    rows = [r for r in reference.raw[name]["factors"] if r["region"] == wanted_region and r["variant"] == "average"]
    if not rows:
        return None, {"region": wanted_region, "data_year": settings.grid_year}
    chosen = [r for r in rows if r["data_year"] == settings.grid_year] if settings.grid_year is not None else rows
    row = max(chosen or rows, key=lambda r: r["data_year"])
    factor = reference.sourced(name, row)
    inputs: dict[str, Any] = {
        "grid_factor_id": row["id"],
        "region": wanted_region,
        "data_year": row["data_year"],
        "grid_factor_kg_per_kwh": row["value"],
    }
    if settings.grid_year is not None and not chosen:
        years = ", ".join(str(r["data_year"]) for r in sorted(rows, key=lambda r: r["data_year"]))
        note = (
            f"The audit asks for data year {settings.grid_year}, which the table lacks for {wanted_region} "
            f"(it has {years}): the latest published year, {row['data_year']}, is used."
        )
        factor = Sourced(factor.value, factor.unit, replace(factor.source, note=note))
        inputs["requested_data_year"] = settings.grid_year
    return factor, inputs


def fuel_emission_factor(
    code: str, unit: str, settings: IndicatorSettings, reference: ReferenceData, measured_ncv_kj: float | None = None
) -> tuple[float, str, Source, dict[str, Any]] | None:
    """tCO2 per unit of the NCV basis (t or 10k m3): NCV × CC × OF × 44/12, with a measured NCV when given."""
    name = "carbon/fuel_factors.json"
    document = reference.raw[name]
    set_key = settings.fuel_set if settings.fuel_set in document["sets"] else document["default_set"]
    fuel_set = document["sets"][set_key]
    entry = fuel_set["fuels"].get(code)
    if entry is None:
        return None
    ncv = float(entry["ncv"])
    basis = "t" if entry["ncv_unit"] == "GJ/t" else "10k_m3"
    if measured_ncv_kj:
        # kJ/kg = 0.001 GJ/t; kJ/m³ × 10⁴ m³ = 0.01 GJ per 10⁴ m³
        ncv = float(measured_ncv_kj) * (0.001 if basis == "t" else 0.01)
    ratio = float(document["molar_ratio_co2_c"]["value"])
    factor = ncv * float(entry["carbon_content_tc_per_tj"]) / 1000.0 * float(entry["oxidation"]) * ratio
    source = reference.source_of(name, fuel_set["source"], entry["status"], entry.get("note", ""))
    inputs = {
        "fuel_factor_set": set_key,
        "ncv": round(ncv, 4),
        "ncv_unit": entry["ncv_unit"],
        "ncv_measured": bool(measured_ncv_kj),
        "carbon_content_tc_per_tj": entry["carbon_content_tc_per_tj"],
        "oxidation": entry["oxidation"],
        "emission_factor_t_per_" + basis: round(factor, 5),
    }
    return factor, basis, source, inputs


@dataclass(frozen=True)
class CarbonLine:
    uuid: str
    month: str
    energy_type: str
    scope: str  # scope1, scope2_electricity, scope2_heat, deduction, none
    tco2: float
    sources: tuple[Source, ...]
    inputs: dict[str, Any]
    problem: str | None = None


def carbon_line(
    line: EnergyLine, values: Mapping[str, Any], settings: IndicatorSettings, reference: ReferenceData
) -> list[CarbonLine]:
    """The CO2 of one energy-use record (a zero-carbon self-generation record gives a gross and a deduction line)."""
    sign = {"purchased": 1.0, "exported": -1.0}.get(line.flow, 0.0)
    if line.problem:
        return [CarbonLine(line.uuid, line.month, line.energy_type, "none", 0.0, (), {}, line.problem)]
    if line.category == "medium":
        return []
    if line.energy_type == "electricity":
        return _electricity_lines(line, sign, settings, reference)
    if line.energy_type in ("heat", "steam"):
        return _heat_lines(line, sign, values, reference)
    return _fuel_lines(line, sign, values, settings, reference)


def _electricity_lines(
    line: EnergyLine, sign: float, settings: IndicatorSettings, reference: ReferenceData
) -> list[CarbonLine]:
    """Scope 2 electricity at the grid factor (zero-carbon self-generation: a gross and a deduction line)."""
    factor, inputs = grid_factor(settings, reference)
    if factor is None:
        return [
            CarbonLine(
                line.uuid,
                line.month,
                "electricity",
                "scope2_electricity",
                0.0,
                (),
                inputs,
                "no grid factor for the chosen region and year",
            )
        ]
    kwh = convert(line.quantity, line.unit, "kWh", reference)
    if line.flow == "onsite_generated":
        if line.generation_source not in ZERO_CARBON_SOURCES:
            return []  # fuel-fired or waste-heat power: its CO2 is in the fuel already
        tco2 = kwh * factor.value / 1000.0
        common = {"kwh": kwh, "generation_source": line.generation_source, **inputs}
        return [
            CarbonLine(line.uuid, line.month, "electricity", "scope2_electricity", tco2, (factor.source,), common),
            CarbonLine(line.uuid, line.month, "electricity", "deduction", -tco2, (factor.source,), common),
        ]
    return [
        CarbonLine(
            line.uuid,
            line.month,
            "electricity",
            "scope2_electricity",
            sign * kwh * factor.value / 1000.0,
            (factor.source,),
            {"kwh": kwh, **inputs},
        )
    ]


def _heat_lines(line: EnergyLine, sign: float, values: Mapping[str, Any], reference: ReferenceData) -> list[CarbonLine]:
    """Scope 2 purchased (or exported) heat and steam at the heat factor."""
    if sign == 0.0:
        return []  # made on site from fuels already counted: no CO2 of its own, and no status either
    heat_factor = reference.sourced(
        "carbon/heat_factor.json", reference.raw["carbon/heat_factor.json"]["purchased_heat"]
    )
    sources: tuple[Source, ...] = (heat_factor.source,)
    heat_inputs: dict[str, Any] = {"heat_factor_t_per_gj": heat_factor.value}
    if line.unit in ("GJ", "MJ"):
        gj = convert(line.quantity, line.unit, "GJ", reference)
    else:
        per_t, steam_sources, steam_inputs = steam_heat_gj_per_t(values.get("steam_pressure_mpa"), reference, "carbon")
        gj = convert(line.quantity, line.unit, "t", reference) * per_t
        sources += steam_sources
        heat_inputs.update(steam_inputs)
    heat_inputs["gj"] = round(gj, 3)
    return [
        CarbonLine(
            line.uuid,
            line.month,
            line.energy_type,
            "scope2_heat",
            sign * gj * heat_factor.value,
            sources,
            heat_inputs,
        )
    ]


def _fuel_lines(
    line: EnergyLine, sign: float, values: Mapping[str, Any], settings: IndicatorSettings, reference: ReferenceData
) -> list[CarbonLine]:
    """Scope 1 fuel combustion: quantity on the NCV basis × the fuel's emission factor."""
    found = fuel_emission_factor(
        line.energy_type, line.unit, settings, reference, values.get("measured_ncv_kj_per_unit")
    )
    if found is None:
        return [
            CarbonLine(
                line.uuid, line.month, line.energy_type, "scope1", 0.0, (), {}, f"no CO2 factor for {line.energy_type}"
            )
        ]
    emission_factor, basis, source, fuel_inputs = found
    coefficient = reference.coefficients.get(line.energy_type)
    amount = convert(line.quantity, line.unit, basis, reference, coefficient.density_t_per_m3 if coefficient else None)
    fuel_inputs = {"quantity_" + basis: round(amount, 4), **fuel_inputs}
    return [
        CarbonLine(
            line.uuid, line.month, line.energy_type, "scope1", sign * amount * emission_factor, (source,), fuel_inputs
        )
    ]


@dataclass
class CarbonBalance:
    lines: list[CarbonLine]

    def total(self, scope: str | None = None) -> float:
        return sum(line.tco2 for line in self.lines if scope is None or line.scope == scope)

    def sources(self, scope: str | None = None) -> tuple[Source, ...]:
        # A 0 t line adds nothing to a total, so its factors cannot weaken the total's status either.
        return merge_sources(
            *(line.sources for line in self.lines if (scope is None or line.scope == scope) and line.tco2 != 0.0)
        )

    def by_type(self, scope: str) -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        for line in self.lines:
            if line.scope == scope:
                totals[line.energy_type] += line.tco2
        return dict(totals)

    def problems(self) -> list[str]:
        return sorted({line.problem for line in self.lines if line.problem})


def build_carbon(
    balance: EnergyBalance,
    values_by_uuid: Mapping[str, Mapping[str, Any]],
    settings: IndicatorSettings,
    reference: ReferenceData,
) -> CarbonBalance:
    lines: list[CarbonLine] = []
    for line in balance.lines:
        lines.extend(carbon_line(line, values_by_uuid.get(line.uuid, {}), settings, reference))
    return CarbonBalance(lines)


def _banded_row(
    table_key: str, bound_key: str, value: float, reference: ReferenceData
) -> tuple[dict[str, Any], Source]:
    """The first row of a DB33/T 1347-2023 band table whose upper bound (inclusive) holds `value`."""
    name = "carbon_efficiency/db33_1347_2023.json"
    table = reference.raw[name][table_key]
    source = reference.source_of(name, table["source"], table["status"])
    for row in table["rows"]:
        if row[bound_key] is None or value <= row[bound_key]:
            return row, source
    raise ValueError(f"the {table_key} table has no open-ended last row")


def carbon_grade(k: float, reference: ReferenceData) -> tuple[int, Text, Source]:
    """DB33/T 1347-2023 grade for K = enterprise intensity ÷ industry average (upper bounds inclusive)."""
    row, source = _banded_row("grades", "max_k", k, reference)
    return int(row["grade"]), Text(row["label_en"], row["label_zh"]), source


def carbon_level(intensity: float, reference: ReferenceData) -> tuple[str, Text, Source]:
    """DB33/T 1347-2023 carbon-intensity level of an enterprise (upper bounds inclusive)."""
    row, source = _banded_row("levels", "max_l", intensity, reference)
    return str(row["level"]), Text(row["label_en"], row["label_zh"]), source
