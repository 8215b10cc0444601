"""Rules on motors, pumps and fans: below GB 18613 grade 3 or outdated, oversized, throttled flow control."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.findings._common import below_grade_gradings, latest, sources_of, value
from audit.findings._measures import Draft, Estimate, Saving, as_inputs, price
from audit.measures.motor_replacement import MotorReplacementInputs, motor_replacement
from audit.measures.variable_speed_drive import DutyPoint, SystemCurve, VsdInputs, hydraulic_kw, variable_speed_drive
from audit.results import Input, Limit, Verdict
from forms.spec import Text


@rule(
    "motor.below_grade_3",
    Text("Motor below GB 18613 grade 3 or in an outdated catalogue", "电机能效低于GB 18613三级或属淘汰目录"),
    "motors",
    "GB 18613-2020",
    "Table 1, grade 3 (能效限定值); MIIT 淘汰目录",
)
def below_grade_3(context: FindingContext) -> Iterator[Hit | Missing]:
    """A motor whose nameplate efficiency is below the grade-3 limit, or whose model is in an outdated-equipment
    catalogue, wastes energy every hour it runs and may not be kept in use: propose a grade-2 motor (replace now,
    on failure, or rewind, by MEASUR's payback rule)."""
    for judged in below_grade_gradings(context, "motor"):
        if isinstance(judged, Missing):
            yield judged
            continue
        grading, _row, outdated = judged
        compared = grading.compared
        limits = compared.input("limits_pct") if compared is not None else None
        why_en = "below grade 3" if grading.verdict is Verdict.BELOW_GRADE_3 else ""
        why_zh = "低于三级能效" if why_en else ""
        if outdated and grading.outdated is not None:
            item = grading.outdated.item
            why_en = f"{why_en + '; ' if why_en else ''}outdated model ({item})"
            why_zh = f"{why_zh + '；' if why_zh else ''}淘汰型号（{item}）"
        message = Text(f"{grading.tag}: {why_en}", f"{grading.tag}：{why_zh}")
        drafts, missing = _replacement(context, grading.uuid, limits)
        yield Hit(
            (grading.uuid,),
            message,
            Severity.HIGH,
            evidence=(compared,) if compared is not None else (),
            limit=Limit(">=", float(limits[2]), "%") if limits and limits[2] is not None else None,
            limit_sources=(compared.sources if compared is not None else ())
            + ((grading.outdated.source,) if grading.outdated is not None else ()),
            drafts=drafts,
            measure_missing=missing,
        )


def _replacement(
    context: FindingContext, uuid: str, limits: list[float | None] | None
) -> tuple[tuple[Draft, ...], tuple[Text, ...]]:
    row = context.row(uuid)
    assert row is not None
    missing: list[Text] = []
    kw, efficiency = row.number("rated_power_kw"), row.number("nameplate_efficiency_pct")
    load, hours = _load_pct(context, uuid), row.number("annual_operating_hours")
    for value_, en, zh in (
        (load, "load factor", "负载率"),
        (hours, "annual operating hours", "年运行小时数"),
        (efficiency, "nameplate efficiency", "铭牌效率"),
    ):
        if value_ is None:
            missing.append(Text(f"no {en} for {row.tag}", f"{row.tag} 缺少{zh}"))
    if missing or kw is None or limits is None or limits[1] is None:
        return (), tuple(missing) or (Text(f"no grade-2 efficiency for {row.tag}", f"{row.tag} 无二级能效值"),)
    threshold = context.default("motor.payback_threshold_years")
    rewind = context.default("motor.rewind_efficiency_loss")
    cost = context.default("cost.motor_yuan_per_kw")
    life = context.default("life.motor_replacement")
    # MEASUR's replace-now / on-failure / rewind decision needs the price; the measure's money uses it too.
    unit_price = price("electricity", "kWh", hours, context.inputs).yuan
    inputs = as_inputs(
        {
            "rated_power_kw": kw,
            "load_factor_pct": load,
            "annual_hours": (hours, "h"),
            "efficiency_existing_pct": efficiency,
            "efficiency_new_pct": float(limits[1]),
            "rewind_efficiency_loss_pct": (rewind.value * 100, "%"),
            "motor_cost_yuan_per_kw": value(cost),
            "rewind_cost_share_pct": (40.0, "%"),
            "payback_threshold_years": value(threshold),
            "useful_life_years": value(life),
            "electricity_price_yuan_per_kwh": (unit_price or 0.0, "yuan/kWh"),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        result = motor_replacement(
            MotorReplacementInputs(
                rated_output_kw=v["rated_power_kw"],
                load_fraction=v["load_factor_pct"] / 100,
                annual_hours=v["annual_hours"],
                efficiency_existing=v["efficiency_existing_pct"] / 100,
                efficiency_new=v["efficiency_new_pct"] / 100,
                rewind_efficiency_loss=v["rewind_efficiency_loss_pct"] / 100,
                purchase_cost_yuan=v["rated_power_kw"] * v["motor_cost_yuan_per_kw"],
                rewind_cost_yuan=v["rated_power_kw"] * v["motor_cost_yuan_per_kw"] * v["rewind_cost_share_pct"] / 100,
                electricity_price_yuan_per_kwh=v["electricity_price_yuan_per_kwh"],
                payback_threshold_years=v["payback_threshold_years"],
            )
        )
        return Estimate(
            (Saving("electricity", result.annual_savings_kwh, "kWh", result.existing_kwh),),
            v["rated_power_kw"] * v["motor_cost_yuan_per_kw"],
            v["useful_life_years"],
            (
                *as_inputs(
                    {"existing_kwh": result.existing_kwh, "new_kwh": result.new_kwh, "rewound_kwh": result.rewound_kwh}
                ),
                Input("decision", result.decision.value if v["electricity_price_yuan_per_kwh"] > 0 else "no price"),
            ),
        )

    title = Text(f"Replace {row.tag} with a GB 18613 grade-2 motor", f"{row.tag} 更换为GB 18613二级能效电机")
    draft = Draft(
        "motor_replacement",
        uuid,
        title,
        inputs,
        evaluate,
        "E = P·β·h/η; saving = E(η_existing) − E(η_new)",
        sources_of(threshold, rewind, cost, life),
        hours=hours,
    )
    return (draft,), ()


def _load_pct(context: FindingContext, uuid: str) -> float | None:
    grading = context.grading(uuid)
    if grading is not None:
        for extra in grading.extras:
            if extra.key == "equipment.motor.load" and extra.value is not None:
                return float(extra.value) * (100.0 if extra.unit != "%" else 1.0)
    row = context.row(uuid)
    return row.number("load_factor_pct") if row is not None else None


@rule(
    "motor.low_load",
    Text("Motor oversized for its load", "电机负载率过低（大马拉小车）"),
    "motors",
    "GB/T 12497-2006",
    "三相异步电动机经济运行: uneconomic load region",
    ("motor.low_load_pct",),
)
def low_load(context: FindingContext) -> Iterator[Hit | Missing]:
    """A motor running below about 40 % load works at poor efficiency and power factor; it is a candidate for a
    smaller motor or a permanent-magnet motor sized to the load."""
    limit = context.threshold("motor.low_load_pct").value
    for row in context.running("motor"):
        load = _load_pct(context, row.uuid)
        if load is None:
            yield Missing((row.uuid,), Text(f"no load factor for {row.tag}", f"{row.tag} 缺少负载率"))
            continue
        if load < limit:
            grading = context.grading(row.uuid)
            shown = tuple(e for e in (grading.extras if grading else ()) if e.key == "equipment.motor.load")
            yield Hit(
                (row.uuid,),
                Text(
                    f"{row.tag}: load {load:.0f} % (below {limit:g} %)",
                    f"{row.tag}：负载率 {load:.0f}%（低于 {limit:g}%）",
                ),
                Severity.MEDIUM,
                evidence=shown,
                threshold="motor.low_load_pct",
                limit=Limit(">=", limit, "%"),
            )


# Flow controls that keep the machine at full speed and burn the excess (on/off cycling does not: it runs
# near its best point and stops), each with what the finding says.
CONTROLS_WASTING_HEAD: dict[str, Callable[[str], Text]] = {
    "throttle": lambda tag: Text(f"{tag}: flow controlled by throttling", f"{tag}：采用阀门/挡板节流调节"),
    "bypass": lambda tag: Text(
        f"{tag}: flow controlled by bypass — the excess is pumped round and returned to the suction at full power",
        f"{tag}：采用旁通回流调节——多余流量满功率输送后回流至吸入侧",
    ),
}


@rule(
    "pump_fan.throttled",
    Text("Pump or fan throttled or bypassed", "水泵/风机节流或旁通调节"),
    "motors",
    "GB/T 13469-2008",
    "系统经济运行: throttling and bypass as flow control; VSD by the system curve (MEASUR)",
)
def throttled(context: FindingContext) -> Iterator[Hit | Missing]:
    """A pump or fan controlled by a throttling valve, damper or bypass burns the pressure it makes; a
    variable-speed drive meets the same flow at the head the system needs (static head plus friction, not the
    bare cube law)."""
    for form_id in ("pump", "fan"):
        for row in context.running(form_id):
            control = row.get("control_method")
            if control not in CONTROLS_WASTING_HEAD:
                continue
            draft, missing = _vsd(context, form_id, row.uuid)
            yield Hit(
                (row.uuid,),
                CONTROLS_WASTING_HEAD[control](row.tag),
                Severity.MEDIUM,
                drafts=draft,
                measure_missing=missing,
            )


def _vsd(context: FindingContext, form_id: str, uuid: str) -> tuple[tuple[Draft, ...], tuple[Text, ...]]:
    row = context.row(uuid)
    assert row is not None
    kw, hours = row.number("rated_power_kw"), row.number("annual_operating_hours")
    measured = row.number("measured_input_kw") or latest(context.measurements.get(uuid, ()), "active_power")
    load = row.number("load_factor_pct")
    if measured is None and kw is not None and load is not None:
        measured = kw * load / 100 / 0.9
    if kw is None or hours is None or measured is None:
        return (), (
            Text(f"no input power or load factor and hours for {row.tag}", f"{row.tag} 缺少输入功率或负载率及运行小时"),
        )
    drive = context.default("vsd.drive_efficiency")
    exponent = context.default("vsd.pump_curve_exponent" if form_id == "pump" else "vsd.fan_curve_exponent")
    static = context.default("vsd.static_head_share")
    flow_share = context.default("vsd.throttled_flow_fraction")
    machine = context.default("vsd.machine_efficiency")
    cost = context.default("cost.vsd_yuan_per_kw")
    life = context.default("life.variable_speed_drive")
    design_flow = row.number("rated_flow_m3_per_h") or 100.0
    head = row.number("rated_head_m")
    # Design hydraulic power: from rated flow and head for a pump; for a fan (or a pump without head), the
    # motor rating times the machine efficiency.
    design_hydraulic = hydraulic_kw(design_flow, head, 1000.0) if head else kw * machine.value
    inputs = as_inputs(
        {
            "baseline_input_kw": measured,
            "annual_hours": (hours, "h"),
            "design_hydraulic_kw": design_hydraulic,
            "flow_fraction_pct": (flow_share.value * 100, "%"),
            "static_head_share_pct": (static.value * 100, "%"),
            "curve_exponent": value(exponent),
            "machine_efficiency_pct": (machine.value * 100, "%"),
            "motor_efficiency_pct": (row.number("nameplate_efficiency_pct") or 92.0, "%"),
            "drive_efficiency_pct": (drive.value * 100, "%"),
            "vsd_cost_yuan_per_kw": value(cost),
            "rated_power_kw": kw,
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        # Normalised curve: design flow 1, design head 1 (static share s + friction 1 − s); ρ·g folded into the
        # design hydraulic power.
        flow = v["flow_fraction_pct"] / 100
        curve = SystemCurve(
            v["static_head_share_pct"] / 100, 1 - v["static_head_share_pct"] / 100, 1.0, v["curve_exponent"]
        )
        scale = v["design_hydraulic_kw"] / hydraulic_kw(1.0, 1.0, 1000.0)
        result = variable_speed_drive(
            VsdInputs(
                curve,
                (DutyPoint(flow, v["annual_hours"], v["baseline_input_kw"]),),
                1000.0 * scale,
                v["machine_efficiency_pct"] / 100,
                v["motor_efficiency_pct"] / 100,
                v["drive_efficiency_pct"] / 100,
            )
        )
        return Estimate(
            (Saving("electricity", max(0.0, result.annual_savings_kwh), "kWh", result.baseline_kwh),),
            v["rated_power_kw"] * v["vsd_cost_yuan_per_kw"],
            v["useful_life_years"],
            as_inputs({"vsd_input_kw": result.vsd_input_kw[0], "head_share_at_flow_pct": curve.head_m(flow) * 100}),
        )

    title = Text(f"Variable-speed drive on {row.tag}", f"{row.tag} 加装变频调速")
    formula = "P_vsd = P_h,design·q·(s + (1 − s)·qⁿ)/(η_machine·η_motor·η_drive); saving = (P_throttled − P_vsd)·h"
    draft = Draft(
        "variable_speed_drive",
        uuid,
        title,
        inputs,
        evaluate,
        formula,
        sources_of(drive, exponent, static, flow_share, machine, cost, life),
        hours=hours,
    )
    return (draft,), ()
