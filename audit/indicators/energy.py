"""Comprehensive energy consumption by GB/T 2589-2020: tce by type and month, structure, intensity, change."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit.indicators.settings import IndicatorSettings, Period
from audit.reference import EnergyCoefficient, ReferenceData, Source, Sourced
from audit.results import merge_sources
from forms.definitions.energy_use import ENERGY_TYPES
from forms.spec import Text

# Counted: bought or received (+) and supplied to others (−). Generated on site is the product of
# energy already counted as input (or of sun and wind), so it is shown but not added again (GB/T 2589 practice).
FLOW_SIGN = {"purchased": 1.0, "exported": -1.0, "onsite_generated": 0.0}
ZERO_CARBON_SOURCES = ("pv", "wind")

MEASURED_NCV_SOURCE = Source(
    "GB/T 2589",
    "2020",
    "measured NCV ÷ 29 307.6 kJ/kgce (standard coal 7 000 kcal/kg)",
    "D",
    "measured net calorific value entered on the energy-use record",
)


class EnergyError(ValueError):
    """A record that cannot be converted: unknown type or unit, or a unit of the wrong kind."""


def type_label(code: str) -> Text:
    for choice in ENERGY_TYPES:
        if choice.code == code:
            return choice.label
    return Text(code, code)


def display_unit(code: str) -> str:
    """The unit an energy type is shown in: the first unit the energy-use form offers for it."""
    for choice in ENERGY_TYPES:
        if choice.code == code and choice.units:
            return choice.units[0]
    return ""


def convert(
    quantity: float, unit: str, target: str, reference: ReferenceData, density_t_per_m3: float | None = None
) -> float:
    """A quantity in `unit` expressed in `target` (mass and volume convert through a density, water 1 t/m³)."""
    units = reference.units
    if unit not in units or target not in units:
        raise EnergyError(f"unknown unit {unit if unit not in units else target}")
    source, goal = units[unit], units[target]
    base = quantity * source.factor
    if source.dimension == goal.dimension:
        return base / goal.factor
    if density_t_per_m3 and {source.dimension, goal.dimension} == {"mass", "volume"}:
        kg_per_m3 = density_t_per_m3 * 1000.0
        base = base * kg_per_m3 if source.dimension == "volume" else base / kg_per_m3
        return base / goal.factor
    raise EnergyError(f"{unit} cannot be converted to {target}")


def saturated_steam_enthalpy(pressure_mpa_abs: float, reference: ReferenceData) -> Sourced:
    """Enthalpy of saturated steam, kJ/kg, interpolated linearly in the steam table of resources/energy/steam.json."""
    name = "energy/steam.json"
    table = reference.raw[name]["saturated_vapour_enthalpy"]
    rows: list[list[float]] = table["rows"]
    source = reference.source_of(name, table["source"], table["status"])
    if pressure_mpa_abs <= rows[0][0]:
        return Sourced(rows[0][1], "kJ/kg", source)
    for (p1, h1), (p2, h2) in itertools.pairwise(rows):
        if p1 <= pressure_mpa_abs <= p2:
            return Sourced(h1 + (h2 - h1) * (pressure_mpa_abs - p1) / (p2 - p1), "kJ/kg", source)
    return Sourced(rows[-1][1], "kJ/kg", source)


def steam_heat_gj_per_t(
    pressure_mpa_gauge: float | None, reference: ReferenceData, purpose: str
) -> tuple[float, tuple[Source, ...], dict[str, Any]]:
    """Heat content of one tonne of saturated steam, GJ/t, counted from the reference water (`energy` or `carbon`)."""
    name = "energy/steam.json"
    data = reference.raw[name]
    sources: list[Source] = []
    if pressure_mpa_gauge is None:
        default = reference.sourced(name, data["default_pressure_mpa_gauge"])
        pressure_mpa_gauge = default.value
        sources.append(default.source)
    atmosphere = reference.sourced(name, data["atmospheric_pressure_mpa"])
    enthalpy = saturated_steam_enthalpy(pressure_mpa_gauge + atmosphere.value, reference)
    water = reference.sourced(name, data[f"reference_water_enthalpy_{purpose}"])
    sources += [enthalpy.source, water.source]
    heat = (enthalpy.value - water.value) / 1000.0
    inputs = {
        "steam_pressure_mpa_gauge": pressure_mpa_gauge,
        "saturated_enthalpy_kj_per_kg": round(enthalpy.value, 2),
        "reference_water_enthalpy_kj_per_kg": water.value,
        "heat_gj_per_t": round(heat, 5),
    }
    return heat, tuple(sources), inputs


@dataclass(frozen=True)
class Conversion:
    """kgce per unit of the record's own unit, on the equivalent and on the equal-value basis."""

    equivalent: float
    equal_value: float
    sources: tuple[Source, ...]
    inputs: dict[str, Any]
    # Sources used only on the equal-value basis (the electricity equal value).
    equal_sources: tuple[Source, ...] = ()


def electricity_equal_value(
    settings: IndicatorSettings, year: int | None, reference: ReferenceData
) -> tuple[float, Source, dict[str, Any]]:
    """The equal value of electricity: the audit's own setting, else the table value of the previous year."""
    if settings.equal_value_kgce_per_kwh:
        source = Source("audit setting", "-", "electricity equal value entered on the audit form", "D")
        return (
            settings.equal_value_kgce_per_kwh,
            source,
            {"equal_value_kgce_per_kwh": settings.equal_value_kgce_per_kwh},
        )
    name = "energy/electricity_equal_value.json"
    years = reference.raw[name]["years"]
    wanted = (year - 1) if year else None
    available = sorted(int(y) for y in years)
    chosen = max((y for y in available if wanted is None or y <= wanted), default=available[0])
    entry = reference.sourced(name, years[str(chosen)])
    note = "" if chosen == wanted else f"no value for {wanted}; latest earlier year {chosen} used"
    source = Source(
        entry.source.standard, str(chosen), entry.source.clause, entry.source.status, entry.source.via, note
    )
    return entry.value, source, {"equal_value_year": chosen, "equal_value_kgce_per_kwh": entry.value}


def conversion(
    values: Mapping[str, Any], settings: IndicatorSettings, reference: ReferenceData, year: int | None
) -> Conversion:
    code = values.get("energy_type")
    unit = values.get("unit")
    coefficient: EnergyCoefficient | None = reference.coefficients.get(str(code))
    if coefficient is None:
        raise EnergyError(f"no coefficient for energy type {code!r}")
    if code == "steam":
        return _steam_conversion(values, settings, reference)
    ncv = values.get("measured_ncv_kj_per_unit")
    if ncv and coefficient.category == "fuel":
        standard_coal = reference.raw["energy/coefficients.json"]["standard_coal_kj_per_kgce"]["value"]
        per_unit = float(ncv) / float(standard_coal)
        factor = convert(1.0, str(unit), coefficient.per, reference, coefficient.density_t_per_m3) * per_unit
        measured = {"measured_ncv_kj_per_unit": ncv, "kgce_per_" + coefficient.per: round(per_unit, 5)}
        return Conversion(factor, factor, (MEASURED_NCV_SOURCE,), measured)
    factor = convert(1.0, str(unit), coefficient.per, reference, coefficient.density_t_per_m3) * coefficient.value
    inputs: dict[str, Any] = {"coefficient": coefficient.value, "coefficient_unit": coefficient.unit}
    if code == "electricity":
        equal, equal_source, equal_inputs = electricity_equal_value(settings, year, reference)
        per_kwh = convert(1.0, str(unit), "kWh", reference)
        inputs.update(equal_inputs)
        return Conversion(factor, per_kwh * equal, (coefficient.source,), inputs, (equal_source,))
    return Conversion(factor, factor, (coefficient.source,), inputs)


def _steam_conversion(values: Mapping[str, Any], settings: IndicatorSettings, reference: ReferenceData) -> Conversion:
    unit = str(values.get("unit"))
    name = "energy/steam.json"
    heat = reference.coefficients["heat"]
    if unit == "GJ":
        factor = 1000.0 * heat.value
        return Conversion(factor, factor, (heat.source,), {"coefficient": heat.value, "coefficient_unit": heat.unit})
    practice = settings.steam_practice if settings.steam_practice in ("fixed", "enthalpy") else "fixed"
    entry = reference.sourced(name, reference.raw[name]["practices"][practice])
    kg = convert(1.0, unit, "kg", reference)
    if practice == "fixed":
        factor = kg * entry.value
        inputs: dict[str, Any] = {
            "steam_practice": practice,
            "coefficient": entry.value,
            "coefficient_unit": entry.unit,
        }
        return Conversion(factor, factor, (entry.source,), inputs)
    heat_gj_per_t, sources, inputs = steam_heat_gj_per_t(values.get("steam_pressure_mpa"), reference, "energy")
    factor = kg / 1000.0 * heat_gj_per_t * 1000.0 * entry.value
    inputs.update({"steam_practice": practice, "coefficient": entry.value, "coefficient_unit": entry.unit})
    if values.get("steam_temperature_c"):
        inputs["note"] = "superheat not counted: saturated enthalpy at the pressure used"
    return Conversion(factor, factor, (entry.source, *sources), inputs)


@dataclass(frozen=True)
class EnergyLine:
    """One energy-use record, converted."""

    uuid: str
    month: str
    energy_type: str
    category: str
    flow: str
    generation_source: str | None
    quantity: float
    unit: str
    display_quantity: float
    display_unit: str
    cost_yuan: float | None
    counted: bool
    tce_equivalent: float  # signed by flow; 0 when not counted
    tce_equal_value: float
    sources: tuple[Source, ...]
    inputs: dict[str, Any]
    problem: str | None = None
    equal_sources: tuple[Source, ...] = ()


def energy_line(
    uuid: str, values: Mapping[str, Any], settings: IndicatorSettings, reference: ReferenceData
) -> EnergyLine:
    code = str(values.get("energy_type") or "")
    unit = str(values.get("unit") or "")
    quantity = float(values.get("quantity") or 0.0)
    flow = str(values.get("flow") or "purchased")
    month = str(values.get("month") or "")
    coefficient = reference.coefficients.get(code)
    category = coefficient.category if coefficient else "unknown"
    shown_unit = display_unit(code)
    # On-site PV and wind power is energy consumed inside the boundary (GB/T 2589-2020 3.5, [U]): its lines are
    # counted here and the balance takes the self-consumed part out again when the audit excludes it. Power
    # or steam made from fuels (or waste heat) already counted is not counted twice.
    renewable = (
        flow == "onsite_generated" and code == "electricity" and values.get("generation_source") in ZERO_CARBON_SOURCES
    )
    counted = (flow != "onsite_generated" or renewable) and (category != "medium" or settings.include_media)
    year = int(month[:4]) if month[:4].isdigit() else None
    try:
        factor = conversion(values, settings, reference, year)
        try:
            shown = convert(
                quantity, unit, shown_unit, reference, coefficient.density_t_per_m3 if coefficient else None
            )
        except EnergyError:
            # Steam entered as heat (GJ) has no tonnage: it is shown in its own unit.
            shown, shown_unit = quantity, unit
    except EnergyError as error:
        return EnergyLine(
            uuid,
            month,
            code,
            category,
            flow,
            values.get("generation_source"),
            quantity,
            unit,
            quantity,
            unit,
            values.get("cost_yuan"),
            False,
            0.0,
            0.0,
            (),
            {},
            str(error),
        )
    sign = (1.0 if renewable else FLOW_SIGN.get(flow, 1.0)) if counted else 0.0
    inputs = {"quantity": quantity, "unit": unit, "flow": flow, **factor.inputs}
    return EnergyLine(
        uuid=uuid,
        month=month,
        energy_type=code,
        category=category,
        flow=flow,
        generation_source=values.get("generation_source"),
        quantity=quantity,
        unit=unit,
        display_quantity=shown,
        display_unit=shown_unit,
        cost_yuan=values.get("cost_yuan"),
        counted=counted,
        tce_equivalent=sign * quantity * factor.equivalent / 1000.0,
        tce_equal_value=sign * quantity * factor.equal_value / 1000.0,
        sources=factor.sources,
        inputs=inputs,
        equal_sources=factor.equal_sources,
    )


# The convention itself is unverified (resources/energy/conventions.json): a total that depends on it says so.
RENEWABLE_CONVENTION = Source(
    "GB/T 2589",
    "2020",
    "3.5 综合能耗: self-consumed on-site PV/wind counted as energy consumed inside the boundary (wording not read)",
    "U",
    "resources/energy/conventions.json",
)


@dataclass
class EnergyBalance:
    """Every converted line of one period, with totals by type and by month.

    Self-consumed on-site PV and wind (generated − exported, per month, not below 0) is in `gross_total`;
    `total` leaves it out when `exclude_renewables` (the audit's choice), so both conventions are at hand.
    """

    period: Period
    lines: list[EnergyLine] = field(default_factory=list)
    exclude_renewables: bool = False

    def gross_total(self, basis: str = "equivalent") -> float:
        return sum(self._tce(line, basis) for line in self.lines)

    def renewable_self_use(self, basis: str = "equivalent", month: str | None = None) -> float:
        """tce of on-site PV/wind power used on site: Σ per month max(generated − exported electricity, 0)."""
        generated: dict[str, float] = defaultdict(float)
        exported: dict[str, float] = defaultdict(float)
        for line in self.lines:
            if month is not None and line.month != month:
                continue
            if line.energy_type == "electricity" and line.flow == "onsite_generated" and line.counted:
                generated[line.month] += self._tce(line, basis)
            elif line.energy_type == "electricity" and line.flow == "exported" and line.counted:
                exported[line.month] -= self._tce(line, basis)
        return sum(max(generated[m] - exported.get(m, 0.0), 0.0) for m in generated)

    def total(self, basis: str = "equivalent") -> float:
        deducted = self.renewable_self_use(basis) if self.exclude_renewables else 0.0
        return self.gross_total(basis) - deducted

    @staticmethod
    def _tce(line: EnergyLine, basis: str) -> float:
        return line.tce_equal_value if basis == "equal_value" else line.tce_equivalent

    def sources(self, basis: str = "equivalent") -> tuple[Source, ...]:
        groups = [line.sources for line in self.lines if line.counted]
        if basis == "equal_value":
            groups += [line.equal_sources for line in self.lines if line.counted]
        if self.renewable_self_use(basis):
            groups.append((RENEWABLE_CONVENTION,))  # counted or subtracted, the total rests on the convention
        return merge_sources(*groups)

    def types(self) -> list[str]:
        order = [choice.code for choice in ENERGY_TYPES]
        present = {line.energy_type for line in self.lines}
        return [code for code in order if code in present]

    def by_type(self, basis: str = "equivalent") -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        for line in self.lines:
            totals[line.energy_type] += self._tce(line, basis)
        if self.exclude_renewables and "electricity" in totals:
            totals["electricity"] -= self.renewable_self_use(basis)
        return dict(totals)

    def by_month(self, basis: str = "equivalent") -> dict[str, float]:
        totals = {month: 0.0 for month in self.period.months()}
        for line in self.lines:
            totals[line.month] = totals.get(line.month, 0.0) + self._tce(line, basis)
        if self.exclude_renewables:
            for month in totals:
                totals[month] -= self.renewable_self_use(basis, month)
        return totals

    def table(self) -> list[dict[str, Any]]:
        """Rows of the type × month grid: energy type, display unit, and per month the quantity (net of
        exports), what was generated on site, and tce on the equivalent basis."""
        order = [choice.code for choice in ENERGY_TYPES]
        rows: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
        for line in self.lines:
            months = rows.setdefault((line.energy_type, line.display_unit), {})
            cell = months.setdefault(line.month, {"quantity": 0.0, "generated": 0.0, "tce": 0.0})
            if line.flow == "onsite_generated":
                cell["generated"] += line.display_quantity
            else:
                cell["quantity"] += FLOW_SIGN.get(line.flow, 1.0) * line.display_quantity
            cell["tce"] += line.tce_equivalent
        keys = sorted(rows, key=lambda k: (order.index(k[0]) if k[0] in order else len(order), k[1]))
        return [
            {
                "energy_type": code,
                "unit": unit,
                "counted": any(line.counted for line in self.lines if line.energy_type == code),
                "months": rows[(code, unit)],
            }
            for code, unit in keys
        ]

    def electricity_kwh(self) -> float:
        """Electricity used inside the boundary, kWh: purchased − exported + generated on site (any source)."""
        total = 0.0
        for line in self.lines:
            if line.energy_type != "electricity" or line.problem or line.display_unit != "kWh":
                continue
            total += -line.display_quantity if line.flow == "exported" else line.display_quantity
        return total

    def cost_yuan(self) -> float:
        return sum(line.cost_yuan or 0.0 for line in self.lines if line.flow == "purchased")


def build_balance(
    records: Sequence[tuple[str, Mapping[str, Any]]],
    period: Period,
    settings: IndicatorSettings,
    reference: ReferenceData,
) -> EnergyBalance:
    balance = EnergyBalance(period, exclude_renewables=settings.renewable_self_use == "excluded")
    for uuid, values in records:
        if period.contains_month(str(values.get("month") or "")):
            balance.lines.append(energy_line(uuid, values, settings, reference))
    return balance
