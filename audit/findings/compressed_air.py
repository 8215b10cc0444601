"""Rules on compressed air: specific power above GB 19153, leaks, pressure above end-use needs, heat not recovered."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.findings._common import evidence, ncv_source, sources_of, value
from audit.findings._inputs import Row
from audit.findings._measures import Draft, Estimate, Saving, as_inputs
from audit.measures.air_leak_repair import (
    OrificeLeak,
    leak_kwh,
    load_unload_leak_m3_per_min,
    orifice_leak_m3_per_min,
    pump_down_leak_m3_per_min,
)
from audit.measures.compressor_heat_recovery import HeatRecoveryInputs, compressor_heat_recovery
from audit.measures.pressure_reduction import PressureReductionInputs, pressure_reduction
from audit.results import Limit, Verdict
from forms.spec import Text

ATMOSPHERIC_KPA = 101.325
AIR_TEMPERATURE_C = 20.0  # free air at the compressor intake (GB/T 3853 reference conditions are 20 °C)


@rule(
    "compressor.specific_power_above_limit",
    Text("Air compressor specific power above its GB 19153 limit", "空压机比功率超过GB 19153能效限定值"),
    "compressed_air",
    "GB 19153-2019",
    "Table 1, grade 3 (能效限定值)",
)
def specific_power(context: FindingContext) -> Iterator[Hit | Missing]:
    """A compressor drawing more power per m³/min of free air than the grade-3 limit should be overhauled or
    replaced (a grade-1 permanent-magnet variable-speed unit typically)."""
    for grading in context.gradings("air_compressor"):
        row = context.row(grading.uuid)
        if row is None or row.get("status", "running") != "running":
            continue
        if grading.verdict is Verdict.CANNOT_GRADE:
            yield Missing(
                (grading.uuid,), Text(f"{grading.tag}: {grading.reason.en}", f"{grading.tag}：{grading.reason.zh}")
            )
        elif grading.verdict is Verdict.BELOW_GRADE_3 and grading.compared is not None:
            compared = grading.compared
            yield Hit(
                (grading.uuid,),
                Text(
                    f"{grading.tag}: specific power {compared.value:.2f} kW/(m³/min), above the grade-3 limit",
                    f"{grading.tag}：比功率 {compared.value:.2f} kW/(m³/min)，超过三级能效限定值",
                ),
                Severity.HIGH,
                evidence=(compared,),
                limit=compared.limit,
                limit_sources=compared.sources,
            )


def _leak_m3_per_min(context: FindingContext, system: Row) -> tuple[float | None, str, Text | None]:
    method = system.get("leak_method", "not_tested")
    discharge = context.default("air.discharge_coefficient").value
    if method == "orifice_survey":
        leaks = [
            OrificeLeak(
                float(r["hole_diameter_mm"]),
                int(r.get("count") or 1),
                float(r.get("pressure_mpa") or system.number("header_pressure_mpa") or 0.7) * 1000,
            )
            for r in system.children.get("leaks", ())
            if r.get("hole_diameter_mm") and not r.get("repaired")
        ]
        if not leaks:
            return None, method, Text("no leak with a hole diameter in the survey", "泄漏点普查无孔径数据")
        total = sum(orifice_leak_m3_per_min(leak, discharge, AIR_TEMPERATURE_C, ATMOSPHERIC_KPA) for leak in leaks)
        return total, method, None
    if method == "ultrasonic":
        flows = [
            float(r["estimated_flow_m3_per_min"]) * int(r.get("count") or 1)
            for r in system.children.get("leaks", ())
            if r.get("estimated_flow_m3_per_min") and not r.get("repaired")
        ]
        return (sum(flows), method, None) if flows else (None, method, Text("no estimated leak flows", "无估算泄漏量"))
    if method == "pump_down":
        needed = [
            system.number(n)
            for n in ("system_volume_m3", "pump_down_start_mpa", "pump_down_end_mpa", "pump_down_minutes")
        ]
        if any(n is None for n in needed):
            return None, method, Text("pump-down test incomplete", "保压试验数据不全")
        volume, start, end, minutes = (float(n or 0) for n in needed)
        return pump_down_leak_m3_per_min(volume, start * 1000, end * 1000, minutes, ATMOSPHERIC_KPA), method, None
    if method == "load_unload":
        main = context.row(str(system.get("main_compressor"))) if system.get("main_compressor") else None
        fad = main.number("free_air_delivery_m3_per_min") if main else None
        loaded, unloaded = system.number("test_loaded_s"), system.number("test_unloaded_s")
        if fad is None or loaded is None or unloaded is None:
            return (
                None,
                method,
                Text(
                    "load/unload test needs the main compressor's FAD and both times", "加卸载试验缺少主机排气量或时间"
                ),
            )
        return load_unload_leak_m3_per_min(fad, loaded, unloaded), method, None
    return None, method, Text(f"no leak test for {system.tag}", f"{system.tag} 未做泄漏测试")


def _control_factor(context: FindingContext, system: Row) -> float:
    main = context.row(str(system.get("main_compressor"))) if system.get("main_compressor") else None
    control = str(main.get("control", "load_unload")) if main else "load_unload"
    key = f"air.control_factor.{control}"
    return (
        context.default(key).value
        if key in context.parameters.defaults
        else context.default("air.control_factor.load_unload").value
    )


@rule(
    "air.leaks",
    Text("Compressed-air leaks", "压缩空气泄漏"),
    "compressed_air",
    "MEASUR compressed-air leak survey",
    "leak share of compressor output (STANDARDS.md §6, [C])",
    ("air.max_leak_fraction",),
)
def leaks(context: FindingContext) -> Iterator[Hit | Missing]:
    """Leaks are often a tenth to a third of a plant's compressed air; above about 10 % of the output a leak
    survey and repair campaign pays back within months."""
    limit = context.threshold("air.max_leak_fraction").value
    for system in context.inputs.of("compressed_air_system"):
        leak, method, problem = _leak_m3_per_min(context, system)
        flow = system.number("measured_flow_m3_per_min")
        if leak is None or flow is None:
            yield Missing(
                (system.uuid,), problem or Text(f"no measured flow for {system.tag}", f"{system.tag} 缺少实测供气量")
            )
            continue
        share = leak / flow
        shown = evidence(
            "finding.air.leak_share",
            Text("Leak share of the air supplied", "泄漏量占供气量比例"),
            share * 100,
            "%",
            {"leak_m3_per_min": round(leak, 3), "measured_flow_m3_per_min": flow, "method": method},
            (context.default("air.discharge_coefficient").source,) if method == "orifice_survey" else (),
            (system.uuid,),
            "leak ÷ measured flow",
        )
        if share <= limit:
            continue
        yield Hit(
            (system.uuid,),
            Text(
                f"{system.tag}: leaks {leak:.2f} m³/min, {share * 100:.1f} % of the air supplied",
                f"{system.tag}：泄漏 {leak:.2f} m³/min，占供气量 {share * 100:.1f}%",
            ),
            Severity.HIGH if share > 2 * limit else Severity.MEDIUM,
            evidence=(shown,),
            threshold="air.max_leak_fraction",
            limit=Limit("<=", limit * 100, "%"),
            drafts=_leak_draft(context, system, leak),
        )


def _leak_draft(context: FindingContext, system: Row, leak: float) -> tuple[Draft, ...]:
    kw, flow, hours = (
        system.number("measured_input_kw"),
        system.number("measured_flow_m3_per_min"),
        system.number("annual_hours"),
    )
    if kw is None or flow is None or hours is None:
        return ()
    repair = context.default("air.leak_repair_fraction")
    cost = context.default("cost.leak_repair_yuan_per_leak")
    life = context.default("life.air_leak_repair")
    count = sum(int(r.get("count") or 1) for r in system.children.get("leaks", ())) or 10
    inputs = as_inputs(
        {
            "leak_m3_per_min": (leak, "m³/min"),
            "repaired_share_pct": (repair.value * 100, "%"),
            "specific_power_kw_per_m3_per_min": (kw / flow, "kW/(m³/min)"),
            "control_factor": (_control_factor(context, system), "1"),
            "annual_hours": (hours, "h"),
            "station_input_kw": kw,
            "leak_count": (float(count), ""),
            "repair_cost_yuan_per_leak": value(cost),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        saved = leak_kwh(
            v["leak_m3_per_min"] * v["repaired_share_pct"] / 100,
            v["annual_hours"],
            v["specific_power_kw_per_m3_per_min"],
            v["control_factor"],
        )
        return Estimate(
            (Saving("electricity", saved, "kWh", v["station_input_kw"] * v["annual_hours"]),),
            v["leak_count"] * v["repair_cost_yuan_per_leak"],
            v["useful_life_years"],
        )

    control = context.default("air.control_factor.load_unload")
    return (
        Draft(
            "air_leak_repair",
            system.uuid,
            Text(f"Repair the leaks of {system.tag}", f"{system.tag} 泄漏点修复"),
            inputs,
            evaluate,
            "kWh = leak × repaired share × specific power × hours × control factor",
            sources_of(repair, cost, life, control, context.default("air.discharge_coefficient")),
            hours=hours,
        ),
    )


@rule(
    "air.pressure_above_need",
    Text("Compressed-air pressure above what end uses need", "供气压力高于用气端需求"),
    "compressed_air",
    "MEASUR compressed-air pressure reduction",
    "highest end-use need plus distribution margin (practice, [U])",
    ("air.distribution_margin_mpa",),
)
def pressure_above_need(context: FindingContext) -> Iterator[Hit | Missing]:
    """Every 0.1 MPa of discharge pressure above what the most demanding end use needs (plus the distribution
    drop) costs roughly 5–8 % of compressor power and feeds leaks and open blowing."""
    margin = context.threshold("air.distribution_margin_mpa")
    for system in context.inputs.of("compressed_air_system"):
        needs = [
            float(r["required_pressure_mpa"])
            for r in system.children.get("end_uses", ())
            if r.get("required_pressure_mpa")
        ]
        present = system.number("header_pressure_mpa") or system.number("unload_pressure_mpa")
        if not needs or present is None:
            yield Missing(
                (system.uuid,),
                Text(
                    f"no end-use pressure needs or header pressure for {system.tag}",
                    f"{system.tag} 缺少用气端所需压力或总管压力",
                ),
            )
            continue
        target = max(needs) + margin.value
        if present <= target + 1e-9:
            continue
        yield Hit(
            (system.uuid,),
            Text(
                f"{system.tag}: {present:.2f} MPa supplied, end uses need at most {max(needs):.2f} MPa",
                f"{system.tag}：供气 {present:.2f} MPa，用气端最高仅需 {max(needs):.2f} MPa",
            ),
            Severity.MEDIUM,
            threshold="air.distribution_margin_mpa",
            limit=Limit("<=", target, "MPa"),
            drafts=_pressure_draft(context, system, present, target),
        )


def _pressure_draft(context: FindingContext, system: Row, present: float, target: float) -> tuple[Draft, ...]:
    kw, hours = system.number("measured_input_kw"), system.number("annual_hours")
    if kw is None or hours is None:
        return ()
    exponent = context.default("air.compression_exponent")
    unregulated = context.default("air.unregulated_demand_fraction")
    cost = context.default("cost.pressure_reduction_yuan")
    life = context.default("life.pressure_reduction")
    inputs = as_inputs(
        {
            "station_input_kw": kw,
            "annual_hours": (hours, "h"),
            "present_mpa": present,
            "proposed_mpa": target,
            "compression_exponent": value(exponent),
            "unregulated_demand_pct": (unregulated.value * 100, "%"),
            "investment_yuan": value(cost),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        result = pressure_reduction(
            PressureReductionInputs(
                v["station_input_kw"],
                v["annual_hours"],
                v["present_mpa"] * 1000,
                v["proposed_mpa"] * 1000,
                ATMOSPHERIC_KPA,
                v["compression_exponent"],
                v["unregulated_demand_pct"] / 100,
            )
        )
        return Estimate(
            (Saving("electricity", result.annual_savings_kwh, "kWh", result.baseline_kwh),),
            v["investment_yuan"],
            v["useful_life_years"],
            as_inputs({"power_ratio": (result.power_ratio, ""), "demand_ratio": (result.demand_ratio, "")}),
        )

    return (
        Draft(
            "pressure_reduction",
            system.uuid,
            Text(f"Lower the pressure of {system.tag} to what end uses need", f"{system.tag} 供气压力降至用气需求"),
            inputs,
            evaluate,
            "E_new = E·[(p₂/pₐ)^c − 1]/[(p₁/pₐ)^c − 1]·(1 − (1 − p₂/p₁)·u)",
            sources_of(exponent, unregulated, cost, life),
            hours=hours,
        ),
    )


@rule(
    "air.heat_not_recovered",
    Text("Compressor heat not recovered", "空压机余热未回收"),
    "compressed_air",
    "Engineering practice",
    "60–70 % of compressor input recoverable as hot water (STANDARDS.md §6, [C])",
    ("air.heat_recovery_min_kw",),
)
def heat_not_recovered(context: FindingContext) -> Iterator[Hit | Missing]:
    """Almost all a compressor's input ends up as heat; a station of some size with a use for warm water should
    recover it (boiler feed water, washing, space heating)."""
    minimum = context.threshold("air.heat_recovery_min_kw").value
    for system in context.inputs.of("compressed_air_system"):
        kw = system.number("measured_input_kw")
        if system.get("heat_recovery_installed"):
            continue
        if kw is None:
            yield Missing(
                (system.uuid,), Text(f"no station input power for {system.tag}", f"{system.tag} 缺少空压站输入功率")
            )
            continue
        if kw < minimum:
            continue
        yield Hit(
            (system.uuid,),
            Text(
                f"{system.tag}: {kw:.0f} kW of compressor heat goes to the air",
                f"{system.tag}：约 {kw:.0f} kW 压缩热直接排放",
            ),
            Severity.LOW,
            threshold="air.heat_recovery_min_kw",
            limit=Limit("<", minimum, "kW"),
            drafts=_heat_draft(context, system, kw),
        )


def _heat_draft(context: FindingContext, system: Row, kw: float) -> tuple[Draft, ...]:
    hours = system.number("annual_hours")
    if hours is None:
        return ()
    recoverable = context.default("air.heat_recoverable_fraction")
    used = context.default("air.heat_utilisation_fraction")
    heater = context.default("air.displaced_heater_efficiency")
    cost = context.default("cost.heat_recovery_yuan_per_kw")
    life = context.default("life.compressor_heat_recovery")
    gas = context.reference.coefficients["natural_gas"]
    ncv_kj = float(gas.ncv_kj_per_unit or 35544.0)
    inputs = as_inputs(
        {
            "station_input_kw": kw,
            "annual_hours": (hours, "h"),
            "recoverable_share_pct": (recoverable.value * 100, "%"),
            "used_share_pct": (used.value * 100, "%"),
            "heater_efficiency_pct": (heater.value * 100, "%"),
            "gas_ncv_kj_per_m3": (ncv_kj, "kJ/m³"),
            "cost_yuan_per_kw": value(cost),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        result = compressor_heat_recovery(
            HeatRecoveryInputs(
                v["station_input_kw"],
                v["annual_hours"],
                v["recoverable_share_pct"] / 100,
                v["used_share_pct"] / 100,
                v["heater_efficiency_pct"] / 100,
            )
        )
        gas_m3 = result.displaced_fuel_heat_mj * 1000 / v["gas_ncv_kj_per_m3"]
        return Estimate(
            (Saving("natural_gas", gas_m3, "m3"),),
            v["station_input_kw"] * v["cost_yuan_per_kw"],
            v["useful_life_years"],
            as_inputs({"recovered_heat_mj": (result.recovered_heat_mj, "MJ")}),
        )

    return (
        Draft(
            "compressor_heat_recovery",
            system.uuid,
            Text(f"Recover the heat of {system.tag} for hot water", f"{system.tag} 余热回收制热水"),
            inputs,
            evaluate,
            "gas = P·h·3.6·recoverable·used/η_heater ÷ NCV",
            (*sources_of(recoverable, used, heater, cost, life), ncv_source(context)),
            hours=hours,
        ),
    )
