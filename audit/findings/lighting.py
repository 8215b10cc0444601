"""Rules on lighting: inefficient light sources (fluorescent tubes, metal halide, sodium, mercury, incandescent)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.findings._common import sources_of, value
from audit.findings._inputs import Row
from audit.findings._measures import Draft, Estimate, Saving, as_inputs
from audit.measures.lighting import LightingGroup, led_lighting
from forms.spec import Text


@rule(
    "lighting.inefficient",
    Text("Inefficient light sources", "照明光源能效低"),
    "lighting",
    "GB 50034-2013",
    "efficient light sources (not read, [U]); LED ratios MEASUR/STANDARDS.md §6",
)
def inefficient(context: FindingContext) -> Iterator[Hit | Missing]:
    """Fluorescent tubes, metal-halide, sodium and mercury lamps and incandescent lamps use two to six times the
    power of LED for the same light; replacing them is a short-payback measure where lights burn long hours."""
    codes, listed = context.parameters.lists["lighting.inefficient_lamp_types"]
    for row in context.running("lighting"):
        if row.get("lamp_type") not in codes:
            continue
        drafts, missing = _draft(context, row)
        yield Hit(
            (row.uuid,),
            Text(
                f"{row.tag}: {row.get('quantity', 1)} × {row.get('lamp_power_w', '?')} W {row.get('lamp_type')}",
                f"{row.tag}：{row.get('quantity', 1)} 盏 {row.get('lamp_power_w', '?')} W",
            ),
            Severity.LOW,
            limit_sources=(listed.source,),
            drafts=drafts,
            measure_missing=missing,
        )


def _draft(context: FindingContext, row: Row) -> tuple[tuple[Draft, ...], tuple[Text, ...]]:
    watts, hours = row.number("lamp_power_w"), row.number("annual_operating_hours")
    if watts is None or hours is None:
        return (), (Text(f"no lamp power or hours for {row.tag}", f"{row.tag} 缺少灯具功率或运行小时"),)
    ratio = context.default(f"lighting.led_power_ratio.{row.get('lamp_type')}")
    cost = context.default("cost.led_yuan_per_w")
    life = context.default("life.led_lighting")
    inputs = as_inputs(
        {
            "lamps": (float(row.get("quantity", 1)), ""),
            "lamp_power_w": (watts, "W"),
            "led_power_ratio": value(ratio),
            "annual_hours": (hours, "h"),
            "cost_yuan_per_w": value(cost),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        lamps = int(v["lamps"])
        led_w = v["lamp_power_w"] * v["led_power_ratio"]
        result = led_lighting(
            (LightingGroup(v["lamp_power_w"], 1, lamps, 1.0, v["annual_hours"]),),
            (LightingGroup(led_w, 1, lamps, 1.0, v["annual_hours"]),),
        )
        return Estimate(
            (Saving("electricity", result.annual_savings_kwh, "kWh", result.baseline_kwh),),
            lamps * led_w * v["cost_yuan_per_w"],
            v["useful_life_years"],
            as_inputs({"led_power_w": (led_w, "W")}),
        )

    return (
        Draft(
            "led_lighting",
            row.uuid,
            Text(f"LED lamps for {row.tag}", f"{row.tag} 更换LED灯具"),
            inputs,
            evaluate,
            "kWh = lamps·W·h/1000, before − after",
            sources_of(ratio, cost, life),
            hours=hours,
        ),
    ), ()
