"""Evaluation indicators of the water-balance test (STANDARDS.md 2.4), each formula beside its code.

Quantities are test-day averages in m³/d unless a formula says annual (× production days). Every
indicator carries its inputs and the verification status of its formula; an indicator whose inputs
are incomplete has no value and says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from audit.results import Indicator, Status
from audit.water.inputs import ProductInput, UnitInput, WaterInputs
from audit.water.model import Flag, Severity, TestSetup, Totals, UnitBalance
from forms.definitions.water_source import NONCONVENTIONAL_TYPES
from forms.spec import Text

# Condensate density for D·h/ρ: steam output in t/h over hours gives t; 1 t of condensate ≈ 1 m³.
CONDENSATE_DENSITY_T_PER_M3 = 1.0


def _incomplete(names: list[str]) -> Text:
    if not names:
        return Text("There are no water-using units in the test.", "测试中没有用水单元。")
    return Text(
        f"The balance is incomplete (no complete data for: {', '.join(names)}).",
        f"水平衡不完整（以下单元数据不完整：{'、'.join(names)}）。",
    )


def _none_of(kind_en: str, kind_zh: str) -> Text:
    return Text(f"No {kind_en} units in the test.", f"测试中没有{kind_zh}单元。")


def _zero(name_en: str, name_zh: str) -> Text:
    return Text(f"{name_en} is zero, the rate is undefined.", f"{name_zh}为零，无法计算。")


@dataclass
class WaterContext:
    """What the water indicators read: the test, the balances and the enterprise totals (m³/d, m³/a)."""

    setup: TestSetup
    inputs: WaterInputs
    units: list[UnitBalance]
    enterprise: Totals
    annual: Totals
    leaves: list[UnitBalance] = field(init=False)
    unit_inputs: dict[str, UnitInput] = field(init=False)

    def __post_init__(self) -> None:
        self.leaves = [u for u in self.units if u.is_leaf]
        self.unit_inputs = {u.uuid: u for u in self.inputs.units}

    @property
    def ent(self) -> dict[str, float]:
        return self.enterprise.values

    @property
    def est(self) -> dict[str, float]:
        return self.enterprise.estimated

    @property
    def whole(self) -> Text | None:
        """Why enterprise-wide indicators have no value (None when the balance is complete)."""
        return None if self.enterprise.complete else _incomplete(self.enterprise.missing_units)

    @property
    def any_estimate(self) -> bool:
        return any(v > 0 for v in self.est.values())

    @property
    def days(self) -> int:
        return self.setup.production_days

    @property
    def vf(self) -> float:
        return self.ent.get("vf", 0.0)

    @property
    def vr(self) -> float:
        return self.ent.get("vr", 0.0)

    @property
    def vd(self) -> float:
        return self.ent.get("vd", 0.0)


class _Builder:
    def __init__(self) -> None:
        self.items: list[Indicator] = []

    def add(
        self,
        key: str,
        label: Text,
        unit: str,
        formula: str,
        status: str,
        inputs: dict[str, object],
        compute: Callable[[], float | None],
        reason: Text | None = None,
        estimated: bool = False,
    ) -> None:
        value = None if reason is not None else compute()
        if unit == "%" and value is not None and value > 100.0 + RATE_SLACK_PCT:
            # A share of a whole above 100 % means the inputs contradict each other: never shown (issue 10).
            inputs = {**inputs, OVER_100_INPUT: value}
            reason, value = _over_100(label, value, inputs), None
        self.items.append(
            Indicator(
                f"water.{key}",
                label,
                value,
                unit,
                dict(inputs),
                note=reason,
                status=Status(status),
                formula=formula,
                estimated=estimated,
            )
        )


RATE_SLACK_PCT = 1e-9
OVER_100_INPUT = "computed_pct_over_100"


def _over_100(label: Text, value: float, inputs: dict[str, object]) -> Text:
    shown = ", ".join(
        f"{name} = {'、'.join(map(str, v)) if isinstance(v, list | tuple) else v}"
        for name, v in inputs.items()
        if name != OVER_100_INPUT
    )
    return Text(
        f"{label.en} came out at {value:.1f} %, above 100 %: the inputs contradict each other ({shown}). "
        "Check the records they come from; no rate is shown.",
        f"{label.zh}计算结果为 {value:.1f}%，超过 100%：输入数据相互矛盾（{shown}）。请核对相应记录；不给出该比率。",
    )


def rate_flags(indicators: list[Indicator], units: list[UnitBalance]) -> list[Flag]:
    """A warning for each rate withheld because it came out above 100 %, naming the units its inputs came
    from (the first one's record opens on a double click), else the enterprise."""
    by_name = {u.name: u.uuid for u in units}
    flags = []
    for indicator in indicators:
        if indicator.input(OVER_100_INPUT) is None or indicator.note is None:
            continue
        named = indicator.input("units")
        names = [str(n) for n in named] if isinstance(named, list | tuple) else []
        flags.append(
            Flag(
                "water.rate_over_100",
                Severity.WARNING,
                indicator.note,
                "、".join(names) or indicator.key,
                by_name.get(names[0]) if names else None,
            )
        )
    return flags


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator * 100.0


def _group(leaves: list[UnitBalance], *types: str) -> tuple[list[UnitBalance], list[str]]:
    group = [u for u in leaves if u.unit_type in types]
    return group, [u.name for u in group if not u.complete]


def repeated_utilisation(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    ent = c.ent
    est = c.est
    whole = c.whole
    # (1) R = Vr / Vt × 100 %, Vt = Vr + Vf   [V]
    vf, vr = ent.get("vf", 0.0), ent.get("vr", 0.0)
    b.add(
        "repeated_utilisation_rate",
        Text("Repeated utilisation rate R", "重复利用率 R"),
        "%",
        "R = Vr / (Vf + Vr) × 100",
        "V",
        {"Vr_m3_per_d": vr, "Vf_m3_per_d": vf, "Vt_m3_per_d": vf + vr},
        lambda: _ratio(vr, vf + vr),
        whole or (_zero("Vt", "用水量 Vt") if vf + vr == 0 else None),
        est.get("vr", 0) + est.get("vf", 0) > 0,
    )
    return b.items


def cooling_recycling(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    leaves = c.leaves
    # (2) r_c = V_cr / (V_cr + V_cf) × 100 % over indirect-cooling units   [V]
    # (2') the same for direct cooling (steel threshold)   [U: by analogy]
    for key, unit_type, label, status in (
        (
            "indirect_cooling_recycling_rate",
            "indirect_cooling",
            Text("Indirect cooling water recycling rate r_c", "间接冷却水循环率 r_c"),
            "V",
        ),
        (
            "direct_cooling_recycling_rate",
            "direct_cooling",
            Text("Direct cooling water recycling rate", "直接冷却水循环率"),
            "U",
        ),
    ):
        group, missing = _group(leaves, unit_type)
        cr = sum(u.average["vr"] for u in group if u.complete)
        cf = sum(u.average["vf"] for u in group if u.complete)
        reason = (
            _none_of(unit_type.replace("_", " "), "间接冷却水" if unit_type == "indirect_cooling" else "直接冷却水")
            if not group
            else _incomplete(missing)
            if missing
            else _zero("Circulating plus make-up water", "循环水量与补充水量之和")
            if cr + cf == 0
            else None
        )
        b.add(
            key,
            label,
            "%",
            "r_c = V_cr / (V_cr + V_cf) × 100",
            status,
            {"V_cr_m3_per_d": cr, "V_cf_m3_per_d": cf, "units": [u.name for u in group]},
            lambda cr=cr, cf=cf: _ratio(cr, cr + cf),  # type: ignore[misc]
            reason,
            any(u.estimated.get("vr", 0) + u.estimated.get("vf", 0) > 0 for u in group),
        )
    return b.items


def process_reuse(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    leaves = c.leaves
    # (3) r_g = V_gr / (V_gr + V_gf) × 100 % over production-process units   [V]
    group, missing = _group(leaves, "production")
    gr = sum(u.average["vr"] for u in group if u.complete)
    gf = sum(u.average["vf"] for u in group if u.complete)
    b.add(
        "process_water_reuse_rate",
        Text("Process water reuse rate r_g", "工艺水回用率 r_g"),
        "%",
        "r_g = V_gr / (V_gr + V_gf) × 100",
        "V",
        {"V_gr_m3_per_d": gr, "V_gf_m3_per_d": gf, "units": [u.name for u in group]},
        lambda: _ratio(gr, gr + gf),
        _none_of("production-process", "生产工艺用水")
        if not group
        else _incomplete(missing)
        if missing
        else _zero("Process water", "工艺用水量")
        if gr + gf == 0
        else None,
        any(u.estimated.get("vr", 0) + u.estimated.get("vf", 0) > 0 for u in group),
    )
    return b.items


def condensate_recovery(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    leaves = c.leaves
    inputs = c.inputs
    # (4) r_b = V_br / (D · h / ρ) × 100 %: condensate recovered per day over steam raised per day   [V]
    # (V_br and h over the same period, here one day [C]).
    unit_inputs = {u.uuid: u for u in inputs.units}
    group, missing = _group(leaves, "boiler")
    steam_m3 = 0.0
    no_steam = []
    for unit in group:
        data = unit_inputs[unit.uuid]
        if data.steam_output_t_per_h is None or data.steam_hours_per_day is None:
            no_steam.append(unit.name)
        else:
            steam_m3 += data.steam_output_t_per_h * data.steam_hours_per_day / CONDENSATE_DENSITY_T_PER_M3
    br = sum(u.average["vr"] for u in group if u.complete and u.recycle_kind == "condensate")
    reason = None
    if not group:
        reason = _none_of("boiler", "锅炉")
    elif missing:
        reason = _incomplete(missing)
    elif no_steam:
        reason = Text(
            f"No steam output D or hours h for {', '.join(no_steam)}.",
            f"{'、'.join(no_steam)}未填蒸汽产量 D 或运行时间 h。",
        )
    elif steam_m3 == 0:
        reason = _zero("Steam raised", "产汽量")
    b.add(
        "condensate_recovery_rate",
        Text("Condensate recovery rate r_b", "蒸汽冷凝水回用率 r_b"),
        "%",
        "r_b = V_br / (D · h / ρ) × 100",
        "V",
        {
            "V_br_m3_per_d": br,
            "D_h_over_rho_m3_per_d": steam_m3,
            "rho_t_per_m3": CONDENSATE_DENSITY_T_PER_M3,
            "units": [u.name for u in group],
        },
        lambda: _ratio(br, steam_m3),
        reason,
        any(u.estimated.get("vr", 0) > 0 for u in group),
    )
    return b.items


def bills_m3_per_a(c: WaterContext) -> float | None:
    """The year's intake from the water bills: every source's annual quantity, None unless all are given."""
    quantities = [s.annual_quantity_m3 for s in c.inputs.sources]
    if not quantities or any(q is None for q in quantities):
        return None
    return float(sum(q for q in quantities if q is not None))


def _products(products: list[ProductInput], what_en: str, what_zh: str) -> tuple[float, str, Text | None]:
    """Total output, its unit, and why it cannot be a denominator (None when it can)."""
    units = sorted({p.unit for p in products})
    output = sum(p.annual_output for p in products)
    if not products:
        return 0.0, "?", Text(f"No {what_en}.", f"没有{what_zh}。")
    if len(units) > 1:
        return (
            output,
            "?",
            Text(
                f"The products are counted in different units ({', '.join(units)}); water cannot be shared among them.",
                f"产品计量单位不同（{'、'.join(units)}），无法分摊取水量。",
            ),
        )
    if output == 0:
        return output, units[0], _zero("Output", "产量")
    return output, units[0], None


def new_water_per_product(c: WaterContext) -> list[Indicator]:
    """(5) V_uf = V_yf / Q [V]: the year's new water from the bills when they are there (the usual boundary
    intake), else the test-day mean × production days, labelled as such; both are always shown, and new water
    per unit product over the test itself when the test's production is entered (issue 10)."""
    b = _Builder()
    whole = c.whole
    any_estimate = c.any_estimate
    inputs = c.inputs
    annualised = c.annual.values.get("vf", 0.0)
    bills = bills_m3_per_a(c)
    output, unit_label, product_reason = _products(
        inputs.products, "products with annual output on the enterprise form", "企业概况中的主要产品年产量"
    )
    names = [p.name for p in inputs.products]
    if bills is not None:
        yf, basis, reason = bills, "water bills: the sources' annual quantities", product_reason
    else:
        yf, basis, reason = (
            annualised,
            "test-day mean × production days (annualised test; no bills on every source)",
            whole or product_reason,
        )
    b.add(
        "new_water_per_product",
        Text("New water per unit product V_uf", "单位产品取水量 V_uf"),
        f"m³/{unit_label}",
        "V_uf = V_yf / Q",
        "V",
        {
            "V_yf_m3_per_a": yf,
            "Q": output,
            "Q_unit": unit_label,
            "products": names,
            "basis": basis,
            "V_yf_bills_m3_per_a": bills,
            "V_yf_annualised_test_m3_per_a": annualised,
        },
        lambda: yf / output,
        reason,
        any_estimate and bills is None,
    )
    b.add(
        "new_water_per_product_annualised_test",
        Text("New water per unit product, annualised test", "单位产品取水量（测试年化）"),
        f"m³/{unit_label}",
        "V_uf = (test-day mean Vf × production days) / Q",
        "V",
        {"V_yf_m3_per_a": annualised, "Q": output, "Q_unit": unit_label, "production_days": c.days},
        lambda: annualised / output,
        whole or product_reason,
        any_estimate,
    )
    test_output, test_unit, test_reason = _products(
        [ProductInput(p.name, p.unit, p.annual_output) for p in inputs.test_production],
        "production entered for the test days (water-balance test form)",
        "测试期间产量（水平衡测试表）",
    )
    test_vf = c.ent.get("vf", 0.0) * c.setup.days
    b.add(
        "new_water_per_product_test_period",
        Text("New water per unit product over the test", "测试期单位产品取水量"),
        f"m³/{test_unit}",
        "V_uf,test = Σ test-day Vf / Q_test",
        "V",
        {"V_f_test_m3": test_vf, "test_days": c.setup.days, "Q_test": test_output, "Q_unit": test_unit},
        lambda: test_vf / test_output,
        whole or test_reason,
        any_estimate,
    )
    return b.items


def new_water_per_value(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    annualised = c.annual.values.get("vf", 0.0)
    bills = bills_m3_per_a(c)
    whole = c.whole
    any_estimate = c.any_estimate
    inputs = c.inputs
    # (6) V_wf = V_yf / Z, Z output value in 10k yuan   [V]; per value added   [C]; bills first, as for V_uf
    for key, field_name, label, status in (
        (
            "new_water_per_10k_output",
            "output_value_10k_yuan",
            Text("New water per 10k yuan output value V_wf", "万元产值取水量 V_wf"),
            "V",
        ),
        (
            "new_water_per_10k_value_added",
            "value_added_10k_yuan",
            Text("New water per 10k yuan value added", "万元工业增加值取水量"),
            "C",
        ),
    ):
        z = inputs.enterprise.get(field_name)
        missing_z = Text(f"The enterprise form has no {field_name}.", "企业概况未填写该产值。") if not z else None
        for suffix, yf, reason, basis in (
            (
                "",
                bills if bills is not None else annualised,
                missing_z if bills is not None else whole or missing_z,
                "water bills" if bills is not None else "annualised test (no bills on every source)",
            ),
            ("_annualised_test", annualised, whole or missing_z, "test-day mean × production days"),
        ):
            shown = label if not suffix else Text(f"{label.en}, annualised test", f"{label.zh}（测试年化）")
            b.add(
                key + suffix,
                shown,
                "m³/10k yuan",
                "V_wf = V_yf / Z",
                status,
                {
                    "V_yf_m3_per_a": yf,
                    "Z_10k_yuan": z,
                    "basis": basis + "; all new water of the enterprise, domestic included",
                },
                lambda z=z, yf=yf: yf / z,  # type: ignore[misc]
                reason,
                any_estimate and (suffix != "" or bills is None),
            )
    return b.items


def domestic_per_employee(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    leaves = c.leaves
    days = c.days
    inputs = c.inputs
    # (7) V_lf = V_ylf / (n · d): domestic new water per employee and day   [V]
    group, missing = _group(leaves, "domestic")
    n = inputs.enterprise.get("employees")
    ylf = sum(u.average["vf"] for u in group if u.complete) * days
    reason = None
    if not group:
        reason = _none_of("domestic", "生活用水")
    elif missing:
        reason = _incomplete(missing)
    elif not n:
        reason = Text("The enterprise form has no number of employees.", "企业概况未填写职工人数。")
    b.add(
        "domestic_per_employee_day",
        Text("Domestic new water per employee and day V_lf", "职工人均生活日新水量 V_lf"),
        "L/(person·d)",
        "V_lf = V_ylf / (n · d)",
        "V",
        {"V_ylf_m3_per_a": ylf, "n_employees": n, "d_days": days},
        lambda: ylf / ((n or 1) * days) * 1000.0,
        reason,
        any(u.estimated.get("vf", 0) > 0 for u in group),
    )
    return b.items


def wastewater_reuse(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    leaves = c.leaves
    ent = c.ent
    whole = c.whole
    any_estimate = c.any_estimate
    # (8) wastewater reuse rate = V_wr / (V_wr + Vd) × 100 %, V_wr = treated wastewater reused, Vd leaving the plant   [U]
    # With reuse streams listed, the treated-wastewater part of a unit's Vr is their share (issue 10).
    wr = 0.0
    for u in leaves:
        if not u.complete:
            continue
        share = c.unit_inputs[u.uuid].stream_share("treated_wastewater") if u.uuid in c.unit_inputs else None
        if share is not None:
            wr += u.average["vr"] * share
        elif u.recycle_kind == "treated_wastewater":
            wr += u.average["vr"]
    vd = ent.get("vd", 0.0)
    b.add(
        "wastewater_reuse_rate",
        Text("Wastewater reuse rate", "废水回用率"),
        "%",
        "V_wr / (V_wr + Vd) × 100",
        "U",
        {"V_wr_m3_per_d": wr, "Vd_m3_per_d": vd},
        lambda: _ratio(wr, wr + vd),
        whole or (_zero("Wastewater", "废水量") if wr + vd == 0 else None),
        any_estimate,
    )
    return b.items


def leak(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    ent = c.ent
    est = c.est
    whole = c.whole
    vf = c.vf
    # (9) leak rate = Vl / Vf × 100 %   [U]
    vl = ent.get("vl", 0.0)
    b.add(
        "leak_rate",
        Text("Comprehensive leak rate", "用水综合漏失率"),
        "%",
        "Vl / Vf × 100",
        "U",
        {"Vl_m3_per_d": vl, "Vf_m3_per_d": vf},
        lambda: _ratio(vl, vf),
        whole or (_zero("Vf", "新水量") if vf == 0 else None),
        est.get("vl", 0) > 0,
    )
    return b.items


def nonconventional_substitution(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    inputs = c.inputs
    # (10) non-conventional substitution = non-conventional intake / all intake × 100 % (annual source quantities)   [U]
    sources = [s for s in inputs.sources if s.annual_quantity_m3 is not None]
    total_source = sum(s.annual_quantity_m3 or 0.0 for s in sources)
    nonconventional = sum(s.annual_quantity_m3 or 0.0 for s in sources if s.source_type in NONCONVENTIONAL_TYPES)
    b.add(
        "nonconventional_substitution_rate",
        Text("Non-conventional water substitution rate", "非常规水资源替代率"),
        "%",
        "V_nc / V_f(all sources) × 100 (annual source quantities)",
        "U",
        {"nonconventional_m3_per_a": nonconventional, "all_sources_m3_per_a": total_source},
        lambda: _ratio(nonconventional, total_source),
        Text("No water sources with annual quantities.", "没有填写年取水量的水源。") if total_source == 0 else None,
    )
    return b.items


def metering_by_level(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    units = c.units
    # (11) metering rate by level = Vf passing meters of level-k units / Vf of all level-k units × 100 %   [U]
    #      equipment rate by level = level-k units with an intake meter / level-k units × 100 %   [U]
    for level in (1, 2, 3):
        at_level = [u for u in units if u.level == level]
        missing_level = [u.name for u in at_level if not u.complete]
        metered = sum(u.average["vf"] for u in at_level if u.complete and u.vf_metered)
        total = sum(u.average["vf"] for u in at_level if u.complete)
        with_meter = sum(1 for u in at_level if u.has_inlet_meter)
        unit_count = len(at_level)
        empty = Text(f"No level-{level} units.", f"没有{level}级用水单元。")
        b.add(
            f"metering_rate_level_{level}",
            Text(f"Water metering rate, level {level}", f"{level}级水计量率"),
            "%",
            "Σ metered Vf / Σ Vf (level k) × 100",
            "U",
            {"metered_m3_per_d": metered, "total_m3_per_d": total},
            lambda metered=metered, total=total: _ratio(metered, total),  # type: ignore[misc]
            empty
            if not at_level
            else _incomplete(missing_level)
            if missing_level
            else _zero("Vf", "新水量")
            if total == 0
            else None,
        )
        b.add(
            f"equipment_rate_level_{level}",
            Text(f"Meter equipment rate, level {level}", f"{level}级水计量器具配备率"),
            "%",
            "units with intake meter / units (level k) × 100",
            "U",
            {"units_with_meter": with_meter, "units": len(at_level)},
            lambda with_meter=with_meter, count=unit_count: _ratio(with_meter, count),  # type: ignore[misc]
            empty if not at_level else None,
        )
    return b.items


def discharge(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    whole = c.whole
    any_estimate = c.any_estimate
    vf = c.vf
    vd = c.vd
    # (12) discharge rate = Vd / Vf × 100 %   [U]; (13) consumption coefficient = (Vf − Vd) / Vf   [U]
    b.add(
        "discharge_rate",
        Text("Discharge rate", "排水率"),
        "%",
        "Vd / Vf × 100",
        "U",
        {"Vd_m3_per_d": vd, "Vf_m3_per_d": vf},
        lambda: _ratio(vd, vf),
        whole or (_zero("Vf", "新水量") if vf == 0 else None),
        any_estimate,
    )
    b.add(
        "consumption_coefficient",
        Text("New-water consumption coefficient", "新水利用系数（耗水率）"),
        "",
        "(Vf − Vd) / Vf",
        "U",
        {"Vd_m3_per_d": vd, "Vf_m3_per_d": vf},
        lambda: (vf - vd) / vf,
        whole or (_zero("Vf", "新水量") if vf == 0 else None),
        any_estimate,
    )
    return b.items


def cycles_of_concentration(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    inputs = c.inputs
    # (14) cycles of concentration N = C_circulating / C_make-up (lowest over the cooling units)   [U]
    cooling = [u for u in inputs.units if u.unit_type in ("indirect_cooling", "direct_cooling")]
    ratios = {
        u.name: u.circulating_concentration_mg_l / u.makeup_concentration_mg_l
        for u in cooling
        if u.circulating_concentration_mg_l and u.makeup_concentration_mg_l
    }
    b.add(
        "cycles_of_concentration",
        Text("Cycles of concentration N (cooling water)", "浓缩倍数 N（循环冷却水）"),
        "",
        "N = C_circulating / C_make-up (lowest unit)",
        "U",
        {"per_unit": ratios},
        lambda: min(ratios.values()),
        None
        if ratios
        else Text("No cooling unit with both concentrations measured.", "没有同时测定循环水与补充水浓度的冷却水单元。"),
    )
    return b.items


def treated_water(c: WaterContext) -> list[Indicator]:
    b = _Builder()
    leaves = c.leaves
    unit_inputs = c.unit_inputs
    # (15) treated-water production coefficient = raw water in / treated water out   [U]
    group, missing = _group(leaves, "water_treatment")
    with_output = [u for u in group if u.complete and unit_inputs[u.uuid].treated_output_m3_per_d]
    produced = sum(unit_inputs[u.uuid].treated_output_m3_per_d or 0.0 for u in with_output)
    raw = sum(u.average["vf"] for u in with_output)
    b.add(
        "treated_water_coefficient",
        Text("Softened / demineralised water production coefficient", "软化水/除盐水制取系数"),
        "",
        "Vf(raw) / V(treated)",
        "U",
        {"raw_m3_per_d": raw, "treated_m3_per_d": produced},
        lambda: raw / produced,
        _none_of("water-treatment", "制水")
        if not group
        else _incomplete(missing)
        if missing
        else Text("No treated-water output entered.", "未填制水产水量。")
        if produced == 0
        else None,
    )
    return b.items


WATER_INDICATORS: tuple[Callable[[WaterContext], list[Indicator]], ...] = (
    repeated_utilisation,
    cooling_recycling,
    process_reuse,
    condensate_recovery,
    new_water_per_product,
    new_water_per_value,
    domestic_per_employee,
    wastewater_reuse,
    leak,
    nonconventional_substitution,
    metering_by_level,
    discharge,
    cycles_of_concentration,
    treated_water,
)


def compute_indicators(
    setup: TestSetup,
    inputs: WaterInputs,
    units: list[UnitBalance],
    enterprise: Totals,
    annual: Totals,
) -> list[Indicator]:
    """Every water indicator, in the order of WATER_INDICATORS."""
    context = WaterContext(setup, inputs, units, enterprise, annual)
    return [indicator for compute in WATER_INDICATORS for indicator in compute(context)]
