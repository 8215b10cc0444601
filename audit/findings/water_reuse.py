"""Wastewater discharged that could be treated and reused: the wastewater reuse rate of the water balance
against its GB/T 7119 threshold, with the wastewater-reuse measure."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.findings._common import sources_of, value
from audit.findings._measures import Draft, Estimate, Saving, as_inputs, price, wastewater_price
from audit.findings.water import WASTEWATER_REUSE as COMPARISON
from audit.measures.wastewater_reuse import wastewater_reuse
from audit.results import Outcome
from forms.spec import Text


@rule(
    "water.wastewater_not_reused",
    Text("Wastewater discharged that could be reused", "废水外排而未回用"),
    "water",
    "GB/T 7119-2018",
    "废水回用率 V_wr / (V_wr + Vd) against the threshold of resources/water/gbt7119_thresholds.json",
)
def wastewater_not_reused(context: FindingContext) -> Iterator[Hit | Missing]:
    """A plant that discharges wastewater while its reuse rate is below the water-saving threshold pays twice
    for the same m³ (intake and discharge); treating part of the discharge for reuse (rinsing, washing,
    cooling make-up) saves both, less the treatment's electricity and running cost."""
    comparison = next((c for c in context.analysis.water.comparisons if c.key == COMPARISON), None)
    if comparison is None or comparison.outcome in (None, Outcome.CANNOT_EVALUATE):
        note = comparison.note if comparison is not None and comparison.note else None
        yield Missing(
            (),
            Text(
                f"no wastewater reuse rate ({note.en if note else 'no water balance'})",
                f"无废水回用率（{note.zh if note else '无水平衡测试'}）",
            ),
        )
        return
    if comparison.outcome is not Outcome.FAIL or comparison.limit is None:
        return
    rate_indicator = context.analysis.indicator("water.wastewater_reuse_rate")
    volumes = rate_indicator.input_map() if rate_indicator is not None else {}
    discharged, reused = float(volumes.get("Vd_m3_per_d") or 0.0), float(volumes.get("V_wr_m3_per_d") or 0.0)
    if discharged <= 0:
        return
    target = comparison.limit.threshold
    extra_m3_per_d = target / 100 * (reused + discharged) - reused
    drafts, missing = _reuse(context, extra_m3_per_d, target)
    rate = comparison.value or 0.0
    yield Hit(
        comparison.about,
        Text(
            f"Wastewater reuse rate {rate:.1f} % while {discharged:.0f} m³/d is discharged; reusing "
            f"{extra_m3_per_d:.0f} m³/d more reaches {target:g} %",
            f"废水回用率 {rate:.1f}%，外排废水 {discharged:.0f} m³/d；再回用 {extra_m3_per_d:.0f} m³/d 可达 {target:g}%",
        ),
        Severity.MEDIUM,
        evidence=(comparison,) if rate_indicator is None else (comparison, rate_indicator),
        limit=comparison.limit,
        limit_sources=comparison.sources,
        drafts=drafts,
        measure_missing=missing,
    )


def _working_days(context: FindingContext) -> float | None:
    enterprise = next(iter(context.inputs.of("enterprise")), None)
    return enterprise.number("working_days") if enterprise is not None else None


def _reuse(context: FindingContext, extra_m3_per_d: float, target: float) -> tuple[tuple[Draft, ...], tuple[Text, ...]]:
    days = _working_days(context)
    if days is None:
        return (), (Text("no working days on the enterprise form", "企业概况未填写年工作日"),)
    water = price("water", "m3", None, context.inputs)
    kwh = context.default("reuse.treatment_kwh_per_m3")
    running = context.default("reuse.treatment_cost_yuan_per_m3")
    cost = context.default("cost.wastewater_reuse_yuan_per_m3_per_d")
    life = context.default("life.wastewater_reuse")
    inputs = as_inputs(
        {
            "reused_m3_per_d": (extra_m3_per_d, "m³/d"),
            "working_days": (days, "d"),
            "water_price_yuan_per_m3": (water.yuan or 0.0, "yuan/m³"),
            "wastewater_price_yuan_per_m3": (wastewater_price(context.inputs) or 0.0, "yuan/m³"),
            "treatment_kwh_per_m3": value(kwh),
            "treatment_cost_yuan_per_m3": value(running),
            "investment_yuan_per_m3_per_d": value(cost),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        reused_m3 = v["reused_m3_per_d"] * v["working_days"]
        # Electricity is valued by the measure at the audit's price, so it is left out of the method's money here.
        result = wastewater_reuse(
            reused_m3,
            v["water_price_yuan_per_m3"],
            v["wastewater_price_yuan_per_m3"],
            v["treatment_kwh_per_m3"],
            v["treatment_cost_yuan_per_m3"],
            0.0,
        )
        return Estimate(
            (Saving("water", result.water_saved_m3, "m3"), Saving("electricity", -result.treatment_kwh, "kWh")),
            v["reused_m3_per_d"] * v["investment_yuan_per_m3_per_d"],
            v["useful_life_years"],
            as_inputs({"wastewater_avoided_m3": result.wastewater_avoided_m3, "treatment_kwh": result.treatment_kwh}),
            other_savings_yuan=result.annual_savings_yuan - reused_m3 * v["water_price_yuan_per_m3"],
        )

    return (
        Draft(
            "wastewater_reuse",
            COMPARISON,
            Text(f"Treat and reuse wastewater up to {target:g} %", f"废水处理回用至 {target:g}%"),
            inputs,
            evaluate,
            "V = (r·(V_wr + Vd) − V_wr) × days; saving = water + discharge charge − treatment cost − treatment kWh",
            sources_of(kwh, running, cost, life),
        ),
    ), ()
