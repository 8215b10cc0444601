"""Rules on boilers, furnaces and steam: below GB 24500, hot flue gas, excess air, condensate not returned."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.findings._common import evidence, sources_of, value
from audit.findings._inputs import Row
from audit.findings._measures import Draft, Estimate, Saving, as_inputs
from audit.measures.combustion import CombustionPoint, excess_air_fraction, fuel_savings
from audit.measures.condensate_recovery import condensate_recovery
from audit.measures.flue_gas_heat_recovery import flue_gas_heat_recovery
from audit.results import Limit, Verdict
from forms.spec import Text

FUEL_SAVING_TYPES = {"natural_gas": ("natural_gas", "m3")}


@rule(
    "boiler.below_gb24500",
    Text("Boiler below GB 24500 grade 3", "锅炉热效率低于GB 24500三级"),
    "heat",
    "GB 24500-2020",
    "Tables 1–4, grade 3 (能效限定值)",
)
def below_gb24500(context: FindingContext) -> Iterator[Hit | Missing]:
    """An industrial boiler whose thermal efficiency is below the grade-3 limit of GB 24500 for its fuel and
    size should be tuned, retrofitted (economiser, condensing) or replaced."""
    for grading in context.gradings("boiler"):
        row = context.row(grading.uuid)
        if row is None or row.get("status", "running") != "running":
            continue
        if grading.verdict is Verdict.CANNOT_GRADE:
            yield Missing(
                (grading.uuid,), Text(f"{grading.tag}: {grading.reason.en}", f"{grading.tag}：{grading.reason.zh}")
            )
        elif grading.verdict is Verdict.BELOW_GRADE_3 and grading.compared is not None:
            yield Hit(
                (grading.uuid,),
                Text(f"{grading.tag}: efficiency below GB 24500 grade 3", f"{grading.tag}：热效率低于GB 24500三级"),
                Severity.HIGH,
                evidence=(grading.compared,),
                limit=grading.compared.limit,
                limit_sources=grading.compared.sources,
            )


def _test(context: FindingContext, uuid: str) -> Row | None:
    tests = [t for t in context.inputs.of("boiler_combustion_test") if t.get("equipment") == uuid]
    return max(tests, key=lambda t: str(t.get("tested_at", ""))) if tests else None


def _annual_fuel(row: Row, test: Row | None) -> tuple[float | None, str, str]:
    """Annual fuel of a boiler or furnace in its native unit: the furnace record, else the combustion test's
    sub-meter flow over the operating hours."""
    if row.number("annual_fuel") is not None and row.get("fuel_unit"):
        return row.number("annual_fuel"), str(row.get("fuel_unit")), "annual fuel on the record"
    hours = row.number("annual_operating_hours")
    if test is not None and test.number("fuel_flow") is not None and hours is not None:
        unit = str(test.get("fuel_flow_unit", "m3/h")).split("/")[0]
        # The test is taken at a typical load; its flow is taken for the whole operating year.
        return float(test.number("fuel_flow") or 0) * hours, unit, "test fuel flow × operating hours"
    return None, "", ""


def _point(row: Row, test: Row | None) -> tuple[float | None, float | None, float]:
    flue = test.number("flue_temperature_c") if test else None
    o2 = test.number("flue_o2_pct") if test else None
    air = (test.number("combustion_air_temperature_c") if test else None) or 20.0
    flue = flue if flue is not None else (row.number("flue_gas_temperature_c") or row.number("flue_temperature_c"))
    o2 = o2 if o2 is not None else (row.number("flue_gas_o2_pct") or row.number("flue_o2_pct"))
    return flue, o2, air


def _combustion_draft(
    context: FindingContext, row: Row, method: str, flue: float, o2: float, air: float, fuel: float, unit: str
) -> Draft:
    energy_type = "natural_gas" if row.get("fuel") == "natural_gas" else str(row.get("fuel"))
    if method == "burner_tuning":
        target = context.default("combustion.target_o2_gas_fraction")
        cost = context.default("cost.burner_tuning_yuan")
        extra: dict[str, tuple[float, str]] = {
            "target_o2_pct": (target.value * 100, "%"),
            "investment_yuan": value(cost),
        }
        used = (target, cost)
    else:
        target = context.default("flue.recovered_temperature_c")
        cost = context.default("cost.economiser_yuan_per_kw")
        rated_kw = (row.number("rated_heat_input_kw") or (row.number("rated_heat_output_mw") or 0) * 1000) or 1000.0
        extra = {"recovered_flue_c": value(target), "cost_yuan_per_kw": value(cost), "rated_heat_kw": (rated_kw, "kW")}
        used = (target, cost)
    life = context.default(f"life.{'burner_tuning' if method == 'burner_tuning' else 'flue_gas_heat_recovery'}")
    inputs = as_inputs(
        {
            "flue_c": (flue, "°C"),
            "o2_pct": (o2, "%"),
            "combustion_air_c": (air, "°C"),
            "annual_fuel": (fuel, unit),
            **extra,
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        if method == "burner_tuning":
            now = CombustionPoint(v["flue_c"], v["o2_pct"] / 100, v["combustion_air_c"])
            result = fuel_savings(
                now, CombustionPoint(v["flue_c"], v["target_o2_pct"] / 100, v["combustion_air_c"]), v["annual_fuel"]
            )
            investment = v["investment_yuan"]
        else:
            result = flue_gas_heat_recovery(
                v["flue_c"], v["recovered_flue_c"], v["o2_pct"] / 100, v["combustion_air_c"], v["annual_fuel"]
            )
            investment = v["rated_heat_kw"] * v["cost_yuan_per_kw"]
        return Estimate(
            (Saving(energy_type, max(0.0, result.annual_fuel_saved_mj), unit, v["annual_fuel"]),),
            investment,
            v["useful_life_years"],
            as_inputs(
                {
                    "available_heat_now_pct": (result.available_heat_now * 100, "%"),
                    "available_heat_new_pct": (result.available_heat_new * 100, "%"),
                }
            ),
        )

    title = (
        Text(
            f"Tune the burner of {row.tag} to {target.value * 100:.0f} % O₂",
            f"{row.tag} 燃烧调整至含氧量 {target.value * 100:.0f}%",
        )
        if method == "burner_tuning"
        else Text(f"Flue-gas heat recovery on {row.tag}", f"{row.tag} 加装烟气余热回收")
    )
    return Draft(
        method,
        row.uuid,
        title,
        inputs,
        evaluate,
        "fuel saved = fuel·(AH_new − AH_now)/AH_new (MEASUR available heat, natural gas)",
        sources_of(*used, life),
        hours=row.number("annual_operating_hours"),
    )


def _fired(context: FindingContext) -> Iterator[tuple[str, Row]]:
    for form_id in ("boiler", "furnace"):
        for row in context.running(form_id):
            if row.get("fuel") in ("electric", "electricity", "waste_heat", "steam", "thermal_oil"):
                continue
            yield form_id, row


def _combustion_hit(
    row: Row,
    test: Row | None,
    text: Text,
    measured: tuple[str, Text, float, str],
    key: str,
    limit: float,
    drafts: tuple[Draft, ...],
    missing: tuple[Text, ...],
) -> Hit:
    """A combustion finding on `row`: the measured flue quantity (indicator key, label, value, unit) above `limit`."""
    indicator, label, measured_value, unit = measured
    return Hit(
        (row.uuid,) + ((test.uuid,) if test else ()),
        text,
        Severity.MEDIUM,
        evidence=(
            evidence(
                indicator,
                label,
                measured_value,
                unit,
                {"from": "combustion test" if test else "record"},
                about=(row.uuid,),
            ),
        ),
        threshold=key,
        limit=Limit("<=", limit, unit),
        drafts=drafts,
        measure_missing=missing,
    )


@rule(
    "boiler.high_flue_temperature",
    Text("Flue gas leaves too hot", "排烟温度过高"),
    "heat",
    "GB/T 15317-2009",
    "工业锅炉节能监测: flue-gas temperature (limits not read, [U]); furnaces: practice",
    ("boiler.max_flue_c.natural_gas", "boiler.max_flue_c.other", "furnace.max_flue_c"),
)
def high_flue_temperature(context: FindingContext) -> Iterator[Hit | Missing]:
    """Each 10–15 °C of flue-gas temperature is about 1 % of fuel; a hot stack on a boiler, furnace or
    direct-fired stenter without heat recovery is a candidate for an economiser or exhaust heat exchanger."""
    for form_id, row in _fired(context):
        if row.get("waste_heat_recovered"):
            continue
        test = _test(context, row.uuid)
        flue, o2, air = _point(row, test)
        if flue is None:
            yield Missing((row.uuid,), Text(f"no flue-gas temperature for {row.tag}", f"{row.tag} 缺少排烟温度"))
            continue
        key = (
            "furnace.max_flue_c"
            if form_id == "furnace"
            else (
                "boiler.max_flue_c.natural_gas"
                if row.get("fuel") in ("natural_gas", "fuel_oil")
                else "boiler.max_flue_c.other"
            )
        )
        limit = context.threshold(key).value
        if flue <= limit:
            continue
        fuel, unit, _ = _annual_fuel(row, test)
        drafts: tuple[Draft, ...] = ()
        missing: tuple[Text, ...] = ()
        if fuel is None or o2 is None:
            missing = (Text(f"no annual fuel or flue O₂ for {row.tag}", f"{row.tag} 缺少年燃料量或烟气含氧量"),)
        else:
            drafts = (_combustion_draft(context, row, "flue_gas_heat_recovery", flue, o2, air, fuel, unit),)
        yield _combustion_hit(
            row,
            test,
            Text(
                f"{row.tag}: flue gas {flue:.0f} °C (limit {limit:g} °C)",
                f"{row.tag}：排烟温度 {flue:.0f} °C（限值 {limit:g} °C）",
            ),
            ("finding.flue_temperature", Text("Flue-gas temperature", "排烟温度"), flue, "°C"),
            key,
            limit,
            drafts,
            missing,
        )


@rule(
    "boiler.high_excess_air",
    Text("Too much excess air", "过量空气系数偏高"),
    "heat",
    "Engineering practice",
    "flue O₂ 2–4 % for gas, 4–7 % for coal (STANDARDS.md §6, [U])",
    ("boiler.max_o2_pct.natural_gas", "boiler.max_o2_pct.other"),
)
def high_excess_air(context: FindingContext) -> Iterator[Hit | Missing]:
    """Air beyond what combustion needs is heated and blown up the stack; tuning the burner (or an O₂ trim
    controller) cuts it."""
    for form_id, row in _fired(context):
        if form_id != "boiler":
            continue
        test = _test(context, row.uuid)
        flue, o2, air = _point(row, test)
        if o2 is None:
            yield Missing((row.uuid,), Text(f"no flue-gas O₂ for {row.tag}", f"{row.tag} 缺少烟气含氧量"))
            continue
        key = (
            "boiler.max_o2_pct.natural_gas"
            if row.get("fuel") in ("natural_gas", "fuel_oil")
            else "boiler.max_o2_pct.other"
        )
        limit = context.threshold(key).value
        if o2 <= limit:
            continue
        fuel, unit, _ = _annual_fuel(row, test)
        drafts: tuple[Draft, ...] = ()
        missing: tuple[Text, ...] = ()
        if fuel is None or flue is None:
            missing = (Text(f"no annual fuel or flue temperature for {row.tag}", f"{row.tag} 缺少年燃料量或排烟温度"),)
        else:
            drafts = (_combustion_draft(context, row, "burner_tuning", flue, o2, air, fuel, unit),)
        alpha = 21.0 / (21.0 - o2)
        yield _combustion_hit(
            row,
            test,
            Text(
                f"{row.tag}: flue O₂ {o2:.1f} % (excess air {excess_air_fraction(o2 / 100) * 100:.0f} %, α ≈ {alpha:.2f})",
                f"{row.tag}：烟气含氧量 {o2:.1f}%（过量空气系数 α≈{alpha:.2f}）",
            ),
            ("finding.flue_o2", Text("Flue-gas O₂ (dry)", "烟气含氧量（干基）"), o2, "%"),
            key,
            limit,
            drafts,
            missing,
        )


@rule(
    "steam.condensate_not_recovered",
    Text("Condensate not returned", "蒸汽冷凝水回收率低"),
    "heat",
    "Engineering practice",
    "condensate return (STANDARDS.md §6: 10.0 kgce heat + 1 t water per tonne returned)",
    ("condensate.min_return_pct",),
)
def condensate(context: FindingContext) -> Iterator[Hit | Missing]:
    """Condensate drained instead of returned throws away its heat (about 10 kgce per tonne at 90 °C) and a
    tonne of treated water; a running steam boiler with a low return rate is a finding."""
    minimum = context.threshold("condensate.min_return_pct").value
    for row in context.running("boiler"):
        if row.get("medium") != "steam":
            continue
        returned = row.number("condensate_return_pct")
        if returned is None:
            yield Missing((row.uuid,), Text(f"no condensate return rate for {row.tag}", f"{row.tag} 缺少冷凝水回收率"))
            continue
        if returned >= minimum:
            continue
        yield Hit(
            (row.uuid,),
            Text(f"{row.tag}: {returned:.0f} % of condensate returned", f"{row.tag}：冷凝水回收率 {returned:.0f}%"),
            Severity.MEDIUM,
            threshold="condensate.min_return_pct",
            limit=Limit(">=", minimum, "%"),
            drafts=_condensate_draft(context, row, returned),
        )


def _condensate_draft(context: FindingContext, row: Row, returned: float) -> tuple[Draft, ...]:
    capacity, hours = row.number("rated_capacity_t_per_h"), row.number("annual_operating_hours")
    if capacity is None or hours is None:
        return ()
    target = context.default("condensate.target_return_fraction")
    make_up = context.default("condensate.make_up_c")
    efficiency = context.default("boiler.efficiency_default")
    cost = context.default("cost.condensate_yuan_per_t_per_h")
    life = context.default("life.condensate_recovery")
    measured = row.number("measured_efficiency_pct")
    gas_ncv = context.reference.coefficients["natural_gas"].ncv_kj_per_unit or 35544.0
    inputs = as_inputs(
        {
            "steam_t_per_h": capacity,
            "load_pct": (70.0, "%"),
            "annual_hours": (hours, "h"),
            "returned_pct": (returned, "%"),
            "target_return_pct": (target.value * 100, "%"),
            "condensate_c": (90.0, "°C"),
            "make_up_c": value(make_up),
            "boiler_efficiency_pct": (measured if measured is not None else efficiency.value * 100, "%"),
            "gas_ncv_kj_per_m3": (float(gas_ncv), "kJ/m³"),
            "cost_yuan_per_t_per_h": value(cost),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        steam = v["steam_t_per_h"] * v["load_pct"] / 100 * v["annual_hours"]
        extra = steam * max(0.0, v["target_return_pct"] - v["returned_pct"]) / 100
        result = condensate_recovery(extra, v["condensate_c"], v["make_up_c"], v["boiler_efficiency_pct"] / 100)
        gas = result.fuel_saved_mj * 1000 / v["gas_ncv_kj_per_m3"]
        return Estimate(
            (Saving("natural_gas", gas, "m3"), Saving("water", result.water_saved_m3, "m3")),
            v["steam_t_per_h"] * v["cost_yuan_per_t_per_h"],
            v["useful_life_years"],
            as_inputs({"extra_condensate_t": (extra, "t")}),
        )

    return (
        Draft(
            "condensate_recovery",
            row.uuid,
            Text(f"Return condensate to {row.tag}", f"{row.tag} 冷凝水回收"),
            inputs,
            evaluate,
            "fuel = m·4.1868·(T_c − T_make-up)/η; water = m",
            sources_of(target, make_up, efficiency, cost, life),
            hours=hours,
        ),
    )
