"""Comprehensive energy consumption by GB/T 2589-2020: tce by type and month, structure, intensity, change."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit.indicators.result import Indicator, merge_sources
from audit.indicators.settings import IndicatorSettings, Period
from audit.reference import EnergyCoefficient, ReferenceData, Source, Sourced
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
    counted = flow != "onsite_generated" and (category != "medium" or settings.include_media)
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
    sign = FLOW_SIGN.get(flow, 1.0) if counted else 0.0
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


@dataclass
class EnergyBalance:
    """Every converted line of one period, with totals by type and by month."""

    period: Period
    lines: list[EnergyLine] = field(default_factory=list)

    def total(self, basis: str = "equivalent") -> float:
        return sum(self._tce(line, basis) for line in self.lines)

    @staticmethod
    def _tce(line: EnergyLine, basis: str) -> float:
        return line.tce_equal_value if basis == "equal_value" else line.tce_equivalent

    def sources(self, basis: str = "equivalent") -> tuple[Source, ...]:
        groups = [line.sources for line in self.lines if line.counted]
        if basis == "equal_value":
            groups += [line.equal_sources for line in self.lines if line.counted]
        return merge_sources(*groups)

    def types(self) -> list[str]:
        order = [choice.code for choice in ENERGY_TYPES]
        present = {line.energy_type for line in self.lines}
        return [code for code in order if code in present]

    def by_type(self, basis: str = "equivalent") -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        for line in self.lines:
            totals[line.energy_type] += self._tce(line, basis)
        return dict(totals)

    def by_month(self, basis: str = "equivalent") -> dict[str, float]:
        totals = {month: 0.0 for month in self.period.months()}
        for line in self.lines:
            totals[line.month] = totals.get(line.month, 0.0) + self._tce(line, basis)
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

    def cost_yuan(self) -> float:
        return sum(line.cost_yuan or 0.0 for line in self.lines if line.flow == "purchased")


def build_balance(
    records: Sequence[tuple[str, Mapping[str, Any]]],
    period: Period,
    settings: IndicatorSettings,
    reference: ReferenceData,
) -> EnergyBalance:
    balance = EnergyBalance(period)
    for uuid, values in records:
        if period.contains_month(str(values.get("month") or "")):
            balance.lines.append(energy_line(uuid, values, settings, reference))
    return balance


def _label(en: str, zh: str) -> Text:
    return Text(en, zh)


def energy_indicators(
    audit: EnergyBalance | None,
    comparison: EnergyBalance | None,
    settings: IndicatorSettings,
    denominators: Mapping[str, Mapping[str, float | None]],
    products: Mapping[str, tuple[float, str]],
) -> list[Indicator]:
    """Totals, structure, intensities and change; `denominators` holds output value and value added per period."""
    results: list[Indicator] = []
    main_basis = settings.electricity_basis
    for tag, balance in (("audit", audit), ("comparison", comparison)):
        if balance is None:
            results.append(
                Indicator(
                    f"energy.{tag}.total",
                    _label(
                        f"Comprehensive energy consumption ({tag} period)",
                        "综合能耗（审计期）" if tag == "audit" else "综合能耗（对比期）",
                    ),
                    None,
                    "tce",
                    note=_label("The period is not set on the audit form.", "诊断项目表中未填写该期间。"),
                )
            )
            continue
        period_zh = "审计期" if tag == "audit" else "对比期"
        skipped = [line.energy_type for line in balance.lines if line.problem]
        excluded = sorted({line.energy_type for line in balance.lines if not line.counted and not line.problem})
        base_inputs = {
            "period": balance.period.label(),
            "records": len(balance.lines),
            "not_counted": excluded,
            "not_convertible": skipped,
        }
        for basis, basis_en, basis_zh in (
            ("equivalent", "equivalent value", "当量值"),
            ("equal_value", "equal value", "等价值"),
        ):
            key = f"energy.{tag}.total" if basis == main_basis else f"energy.{tag}.total_{basis}"
            by_type = {code: round(v, 4) for code, v in balance.by_type(basis).items()}
            results.append(
                Indicator(
                    key,
                    _label(
                        f"Comprehensive energy consumption, {tag} period ({basis_en})",
                        f"综合能耗（{period_zh}，电力按{basis_zh}）",
                    ),
                    balance.total(basis),
                    "tce",
                    {**base_inputs, "by_type_tce": by_type},
                    balance.sources(basis),
                )
            )
        if tag == "audit":
            total = balance.total(main_basis)
            for code, type_tce in balance.by_type(main_basis).items():
                if not any(line.counted for line in balance.lines if line.energy_type == code):
                    continue
                line_sources = merge_sources(
                    *(
                        line.sources + (line.equal_sources if main_basis == "equal_value" else ())
                        for line in balance.lines
                        if line.energy_type == code
                    )
                )
                label = type_label(code)
                results.append(
                    Indicator(
                        f"energy.audit.share.{code}",
                        _label(f"Share of {label.en} in the energy structure", f"{label.zh}占综合能耗比例"),
                        type_tce / total * 100.0 if total else None,
                        "%",
                        {"type_tce": round(type_tce, 4), "total_tce": round(total, 4)},
                        line_sources,
                    )
                )
    if audit is not None:
        costs: dict[str, float] = defaultdict(float)
        for line in audit.lines:
            if line.flow == "purchased" and line.cost_yuan:
                costs[line.energy_type] += float(line.cost_yuan)
        results.append(
            Indicator(
                "energy.audit.cost",
                _label("Energy cost, audit period (purchased, as recorded)", "能源费用（审计期，外购，按记录）"),
                sum(costs.values()) if costs else None,
                "yuan",
                {"by_type_yuan": {code: round(v, 2) for code, v in costs.items()}},
                note=None if costs else _label("No costs are recorded.", "未记录费用。"),
            )
        )
        total = audit.total(main_basis)
        sources = audit.sources(main_basis)
        for key, en, zh, denominator_key in (
            ("energy.intensity.output_value", "Energy per 10k yuan output value", "单位产值综合能耗", "output_value"),
            (
                "energy.intensity.value_added",
                "Energy per 10k yuan value added",
                "单位工业增加值综合能耗",
                "value_added",
            ),
        ):
            denominator = denominators.get("audit", {}).get(denominator_key)
            results.append(
                Indicator(
                    key,
                    _label(en, zh),
                    total / denominator if denominator else None,
                    "tce/10k yuan",
                    {"total_tce": round(total, 4), f"{denominator_key}_10k_yuan": denominator},
                    sources,
                    None
                    if denominator
                    else _label("The denominator is not entered on the enterprise form.", "企业概况中未填写分母。"),
                )
            )
        units = {unit for _, unit in products.values()}
        for name, (output, unit) in products.items():
            results.append(
                Indicator(
                    f"energy.intensity.product.{name}",
                    _label(f"Whole-plant energy per unit of {name}", f"单位产品综合能耗（全厂能耗/{name}产量）"),
                    total * 1000.0 / output if output else None,
                    f"kgce/{unit}",
                    {"total_tce": round(total, 4), "output": output, "unit": unit},
                    sources,
                    _label(
                        "Whole-plant energy divided by this product's output; allocate energy to products for a true unit-product figure.",
                        "按全厂综合能耗除以该产品产量计算；如需真实单位产品能耗，应按产品分摊能耗。",
                    ),
                )
            )
        if len(products) > 1 and len(units) == 1:
            unit = next(iter(units))
            output = sum(o for o, _ in products.values())
            results.append(
                Indicator(
                    "energy.intensity.product.all",
                    _label("Energy per unit of all products", "单位产品综合能耗（全部产品）"),
                    total * 1000.0 / output if output else None,
                    f"kgce/{unit}",
                    {"total_tce": round(total, 4), "output": output, "unit": unit},
                    sources,
                )
            )
    if audit is not None and comparison is not None:
        now, before = audit.total(main_basis), comparison.total(main_basis)
        sources = merge_sources(audit.sources(main_basis), comparison.sources(main_basis))
        results.append(
            Indicator(
                "energy.change.total",
                _label("Change in comprehensive energy consumption vs comparison period", "综合能耗较对比期变化"),
                (now - before) / before * 100.0 if before else None,
                "%",
                {"audit_tce": round(now, 4), "comparison_tce": round(before, 4)},
                sources,
            )
        )
        for denominator_key, en, zh in (
            ("output_value", "Change in energy per 10k yuan output value", "单位产值综合能耗较对比期变化"),
            ("value_added", "Change in energy per 10k yuan value added", "单位增加值综合能耗较对比期变化"),
        ):
            d_now = denominators.get("audit", {}).get(denominator_key)
            d_before = denominators.get("comparison", {}).get(denominator_key)
            value: float | None = None
            if d_now and d_before and before:
                value = ((now / d_now) / (before / d_before) - 1.0) * 100.0
            results.append(
                Indicator(
                    f"energy.change.intensity_{denominator_key}",
                    _label(en, zh),
                    value,
                    "%",
                    {
                        "audit_tce": round(now, 4),
                        "comparison_tce": round(before, 4),
                        "audit_10k_yuan": d_now,
                        "comparison_10k_yuan": d_before,
                    },
                    sources,
                    None
                    if value is not None
                    else _label("A denominator for one of the periods is missing.", "缺少某一期间的分母数据。"),
                )
            )
    return results
