"""Rules on water: indicators below GB/T 7119, balance not closing, metering below GB/T 24789, once-through
cooling, low cooling-tower cycles of concentration."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.findings._common import evidence, sources_of, value
from audit.findings._inputs import Row
from audit.findings._measures import Draft, Estimate, Saving, as_inputs, wastewater_price
from audit.measures.cooling_tower import cycles_of_concentration, evaporation_from_range_m3_per_h, raise_cycles
from audit.measures.metering import metering
from audit.results import Indicator, Limit, Outcome
from forms.spec import Text

WASTEWATER_REUSE = "gbt7119.wastewater_reuse_rate"


@rule(
    "water.indicator_below_threshold",
    Text("Water indicator below the GB/T 7119 requirement", "用水指标未达GB/T 7119要求"),
    "water",
    "GB/T 7119-2018",
    "water-saving enterprise technical indicators and basic requirements",
)
def indicator_below(context: FindingContext) -> Iterator[Hit | Missing]:
    """Every comparison of a water indicator with its GB/T 7119 threshold that fails is a finding; one that cannot
    be evaluated says which data is missing."""
    for comparison in context.analysis.water.comparisons:
        if not comparison.key.startswith("gbt7119.") or comparison.key == WASTEWATER_REUSE:
            continue  # the reuse rate is judged by water.wastewater_not_reused, which proposes the measure
        if comparison.outcome is Outcome.FAIL:
            yield Hit(
                comparison.about,
                Text(
                    f"{comparison.label.en}: {_shown(comparison.value)} {comparison.unit}",
                    f"{comparison.label.zh}：{_shown(comparison.value)} {comparison.unit}",
                ),
                Severity.MEDIUM,
                evidence=(comparison,),
                limit=comparison.limit,
                limit_sources=comparison.sources,
            )
        elif comparison.outcome is Outcome.CANNOT_EVALUATE:
            note = comparison.note or Text("not evaluated", "无法评价")
            yield Missing(
                comparison.about, Text(f"{comparison.label.en}: {note.en}", f"{comparison.label.zh}：{note.zh}")
            )


def _shown(number: float | None) -> str:
    return "—" if number is None else f"{number:.3g}"


@rule(
    "metering.below_gbt24789",
    Text("Water metering below GB/T 24789", "水计量器具配备未达GB/T 24789要求"),
    "water",
    "GB/T 24789-2022",
    "metering equipment and metering rates by level",
)
def metering_below(context: FindingContext) -> Iterator[Hit | Missing]:
    """A water user whose meters fall short of the GB/T 24789 equipment or metering rate cannot account for its
    water; the missing meters are a low-cost measure."""
    for comparison in context.analysis.water.comparisons:
        if not comparison.key.startswith("gbt24789."):
            continue
        if comparison.outcome is Outcome.FAIL:
            yield Hit(
                comparison.about,
                Text(
                    f"{comparison.label.en}: {_shown(comparison.value)} {comparison.unit}",
                    f"{comparison.label.zh}：{_shown(comparison.value)} {comparison.unit}",
                ),
                Severity.LOW,
                evidence=(comparison,),
                limit=comparison.limit,
                limit_sources=comparison.sources,
                drafts=_meters(context, comparison),
            )
        elif comparison.outcome is Outcome.CANNOT_EVALUATE:
            note = comparison.note or Text("not evaluated", "无法评价")
            yield Missing(
                comparison.about, Text(f"{comparison.label.en}: {note.en}", f"{comparison.label.zh}：{note.zh}")
            )


def _meters(context: FindingContext, comparison: Indicator) -> tuple[Draft, ...]:
    """Meters needed for an equipment-rate shortfall: the water indicator of the same name counts the units."""
    key = comparison.key
    if "equipment_rate" not in key:
        return ()
    counted = next((i for i in context.analysis.water.indicators if i.key == key.replace("gbt24789.", "water.")), None)
    installed = counted.input("units_with_meter") if counted else None
    required = counted.input("units") if counted else None
    rate = comparison.limit.threshold if comparison.limit else None
    if not isinstance(installed, (int, float)) or not isinstance(required, (int, float)):
        return ()
    annual = context.analysis.water.annual.values.get("vf") if context.analysis.water.annual else None
    cost = context.default("cost.meter_yuan")
    fraction = context.default("metering.savings_fraction")
    life = context.default("life.metering")
    inputs = as_inputs(
        {
            "required_rate_pct": (float(rate) if isinstance(rate, (int, float)) else 100.0, "%"),
            "meters_installed": (float(installed), ""),
            "meters_required": (float(required), ""),
            "cost_yuan_per_meter": value(cost),
            "annual_intake_m3": (float(annual or 0.0), "m³"),
            "savings_share_pct": (fraction.value * 100, "%"),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        result = metering(
            v["required_rate_pct"] / 100,
            int(v["meters_installed"]),
            int(v["meters_required"]),
            v["cost_yuan_per_meter"],
            v["annual_intake_m3"],
            v["savings_share_pct"] / 100,
        )
        return Estimate(
            (Saving("water", result.annual_savings, "m3"),),
            result.investment_yuan,
            v["useful_life_years"],
            as_inputs({"meters_needed": (float(result.meters_needed), "")}),
        )

    return (
        Draft(
            "metering",
            key,
            Text("Install the missing water meters", "补充配备水计量器具"),
            inputs,
            evaluate,
            "meters = ⌈rate·required − installed⌉; water saved = intake × assumed share ([U])",
            sources_of(cost, fraction, life),
        ),
    )


@rule(
    "water.balance_not_closing",
    Text("Water balance does not close", "水量平衡不闭合"),
    "water",
    "GB/T 12452-2022",
    "balance tolerance of a unit (Vf + Vr = Vco + Vd + Vl + Vr)",
)
def balance_not_closing(context: FindingContext) -> Iterator[Hit | Missing]:
    """A unit whose measured intake and outputs differ by more than the tolerance has a missing meter, a leak or a
    wrong estimate; the test result cannot be signed until it is explained."""
    water = context.analysis.water
    if not water.ready:
        yield Missing((), Text("no water-balance test in the audit", "审计中无水平衡测试"))
        return
    for unit in water.units:
        if unit.within_tolerance is False and unit.closure_pct is not None:
            yield Hit(
                (unit.uuid,),
                Text(
                    f"{unit.name}: balance off by {unit.closure_pct:.1f} %",
                    f"{unit.name}：平衡差 {unit.closure_pct:.1f}%",
                ),
                Severity.MEDIUM,
                evidence=(
                    evidence(
                        "finding.water.closure",
                        Text("Balance closure", "水平衡闭合差"),
                        unit.closure_pct,
                        "%",
                        {"unit": unit.name},
                        about=(unit.uuid,),
                    ),
                ),
                limit=Limit("<=", water.test.unit_tolerance_pct if water.test else 0.0, "%"),
            )


@rule(
    "water.once_through_cooling",
    Text("Once-through cooling water", "冷却水直流使用未循环"),
    "water",
    "GB/T 7119-2018",
    "indirect cooling water circulation (target ≥ 95 % in textile notices)",
)
def once_through(context: FindingContext) -> Iterator[Hit | Missing]:
    """Cooling water used once and discharged wastes intake and discharge charges; a cooling tower or closed loop
    recirculates it."""
    water = context.analysis.water
    for unit in water.units if water.ready else ():
        if unit.is_leaf and unit.unit_type in ("indirect_cooling", "direct_cooling") and unit.recycle_kind == "none":
            yield Hit(
                (unit.uuid,),
                Text(f"{unit.name}: cooling water used once", f"{unit.name}：冷却水直流排放"),
                Severity.MEDIUM,
            )


@rule(
    "cooling.low_cycles",
    Text("Cooling-tower cycles of concentration too low", "循环冷却水浓缩倍数偏低"),
    "water",
    "GB/T 50050-2017",
    "open recirculating systems: cycles of concentration not below 5.0 (not read, [U])",
    ("cooling.min_cycles",),
)
def low_cycles(context: FindingContext) -> Iterator[Hit | Missing]:
    """A tower blown down at few cycles of concentration throws away make-up water; treatment and
    conductivity-controlled blowdown let it run at five or more."""
    minimum = context.threshold("cooling.min_cycles").value
    for row in context.running("cooling_tower"):
        up, circ = row.number("make_up_concentration"), row.number("circulating_concentration")
        if not up or not circ:
            yield Missing(
                (row.uuid,),
                Text(f"no make-up and circulating concentration for {row.tag}", f"{row.tag} 缺少补充水与循环水浓度"),
            )
            continue
        cycles = cycles_of_concentration(circ, up)
        if cycles >= minimum:
            continue
        shown = evidence(
            "finding.cooling.cycles",
            Text("Cycles of concentration", "浓缩倍数"),
            cycles,
            "",
            {"make_up_concentration": up, "circulating_concentration": circ},
            about=(row.uuid,),
            formula="N = C_circulating/C_make-up",
        )
        yield Hit(
            (row.uuid,),
            Text(f"{row.tag}: {cycles:.1f} cycles of concentration", f"{row.tag}：浓缩倍数 {cycles:.1f}"),
            Severity.LOW,
            evidence=(shown,),
            threshold="cooling.min_cycles",
            limit=Limit(">=", minimum, ""),
            drafts=_cycles(context, row, cycles, minimum),
        )


def _cycles(context: FindingContext, row: Row, cycles: float, target: float) -> tuple[Draft, ...]:
    flow, hot, cold, hours = (
        row.number("circulating_flow_m3_per_h"),
        row.number("hot_water_c"),
        row.number("cold_water_c"),
        row.number("annual_operating_hours"),
    )
    if flow is None or hot is None or cold is None or hours is None:
        return ()
    loss = context.default("cooling.evaporation_loss_per_k")
    cost = context.default("cost.cooling_treatment_yuan")
    life = context.default("life.cooling_tower_cycles")
    inputs = as_inputs(
        {
            "circulating_m3_per_h": flow,
            "range_k": (hot - cold, "K"),
            "evaporation_per_k": value(loss),
            "drift_pct": (row.number("drift_pct") or 0.0, "%"),
            "cycles_now": (cycles, ""),
            "cycles_target": (target, ""),
            "annual_hours": (hours, "h"),
            "wastewater_price_yuan_per_m3": (wastewater_price(context.inputs) or 0.0, "yuan/m³"),
            "investment_yuan": value(cost),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        evaporation = evaporation_from_range_m3_per_h(v["circulating_m3_per_h"], v["range_k"], v["evaporation_per_k"])
        result = raise_cycles(
            evaporation,
            v["circulating_m3_per_h"],
            v["drift_pct"] / 100,
            v["cycles_now"],
            v["cycles_target"],
            v["annual_hours"],
        )
        # The water saved is blowdown that is no longer discharged: it also saves the wastewater charge.
        return Estimate(
            (Saving("water", result.annual_water_saved_m3, "m3"),),
            v["investment_yuan"],
            v["useful_life_years"],
            as_inputs({"evaporation_m3_per_h": evaporation, "make_up_now_m3": result.make_up_now_m3}),
            other_savings_yuan=result.annual_water_saved_m3 * v["wastewater_price_yuan_per_m3"],
        )

    return (
        Draft(
            "cooling_tower_cycles",
            row.uuid,
            Text(f"Raise {row.tag} to {target:g} cycles", f"{row.tag} 浓缩倍数提高至 {target:g}"),
            inputs,
            evaluate,
            "E = k·Δt·Q; make-up = E + drift + E/(N − 1)",
            sources_of(loss, cost, life),
            hours=hours,
        ),
    )
