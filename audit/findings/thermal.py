"""Rules on insulation: bare or poorly insulated hot pipes, valves, tanks and walls from the surface survey."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.findings._common import evidence, gas_ncv_kj_per_m3, ncv_source, sources_of, value
from audit.findings._inputs import Row
from audit.findings._measures import Draft, Estimate, Saving, as_inputs
from audit.measures.insulation import annual_heat_mj, bare_pipe_w_per_m, flat_surface_w_per_m2, insulated_pipe_w_per_m
from audit.results import Limit
from forms.spec import Text

PIPE_KINDS = ("pipe", "valve", "flange")


@rule(
    "thermal.uninsulated_surface",
    Text("Hot surface bare or poorly insulated", "热表面裸露或保温不良"),
    "thermal",
    "GB/T 4272-2008",
    "设备及管道绝热技术通则: outer surface temperature (limit not read, [U])",
    ("insulation.max_surface_c",),
)
def uninsulated(context: FindingContext) -> Iterator[Hit | Missing]:
    """A bare or damaged hot surface above about 50 °C loses heat by convection and radiation all the hours it is
    hot; insulating it (50 mm mineral wool with a jacket) saves most of that heat and protects people."""
    limit = context.threshold("insulation.max_surface_c").value
    for row in context.inputs.of("surface_survey"):
        if row.get("insulation") == "insulated":
            continue
        surface = row.number("surface_c")
        if surface is None or surface <= limit:
            continue
        drafts, missing = _draft(context, row)
        yield Hit(
            (row.uuid,),
            Text(
                f"{row.tag}: {row.get('insulation')} surface at {surface:.0f} °C",
                f"{row.tag}：表面温度 {surface:.0f} °C",
            ),
            Severity.MEDIUM if surface > 2 * limit else Severity.LOW,
            evidence=(
                evidence(
                    "finding.surface_temperature",
                    Text("Surface temperature", "表面温度"),
                    surface,
                    "°C",
                    {"ambient_c": row.number("ambient_c")},
                    about=(row.uuid,),
                ),
            ),
            threshold="insulation.max_surface_c",
            limit=Limit("<=", limit, "°C"),
            drafts=drafts,
            measure_missing=missing,
        )


def _heat_carrier(context: FindingContext, row: Row) -> tuple[str, str, float, str]:
    """What the lost heat costs: (energy type, unit, MJ of that unit, how decided)."""
    source = context.row(str(row.get("heat_source"))) if row.get("heat_source") else None
    if source is not None and source.get("fuel") == "natural_gas":
        efficiency = (
            source.number("measured_efficiency_pct") or context.default("boiler.efficiency_default").value * 100
        ) / 100
        return "natural_gas", "m3", gas_ncv_kj_per_m3(context.reference) / 1000 * efficiency, f"gas-fired {source.tag}"
    # Steam, condensate and hot water heated by steam are valued at the steam they cost.
    buys_steam = any(p.get("item") == "steam" for p in context.inputs.of("energy_price"))
    if row.get("medium") in ("steam", "condensate") or (row.get("medium") == "hot_water" and buys_steam):
        steam = context.reference.coefficients["steam"]
        mj_per_t = steam.value * 1000 * 29.3076  # kgce/kg × 1000 kg/t × MJ/kgce: the steam coefficient's heat
        return "steam", "t", mj_per_t, "purchased steam at its tce coefficient"
    return "heat", "GJ", 1000.0, "heat"


def _geometry_missing(row: Row, pipe: bool) -> Text | None:
    """Why the surface's heat loss cannot be estimated, or None when its dimensions are known."""
    if pipe and (row.number("outer_diameter_mm") is None or row.number("length_m") is None):
        return Text(f"no diameter or length for {row.tag}", f"{row.tag} 缺少外径或长度")
    if not pipe and row.number("area_m2") is None:
        return Text(f"no area for {row.tag}", f"{row.tag} 缺少表面积")
    return None


def _losses(v: Mapping[str, float], pipe: bool) -> tuple[float, float, float]:
    """Heat loss now and once insulated (W), and the insulated area (m²)."""
    wind = v["wind_m_per_s"]
    if pipe:
        d = v["outer_diameter_m"]
        before = bare_pipe_w_per_m(d, v["surface_c"], v["ambient_c"], v["bare_emissivity"], wind) * v["length_m"]
        after = (
            insulated_pipe_w_per_m(
                d,
                v["medium_c"],
                v["ambient_c"],
                v["insulation_thickness_m"],
                v["conductivity_w_per_m_k"],
                v["jacket_emissivity"],
                wind,
            )
            * v["length_m"]
        )
        area = math.pi * (d + 2 * v["insulation_thickness_m"]) * v["length_m"]
    else:
        area = v["area_m2"]
        before = flat_surface_w_per_m2(1.0, v["surface_c"], v["ambient_c"], v["bare_emissivity"], wind) * area
        # Flat insulation: conduction through the layer in series with the outside film (about 10 W/(m²·K)).
        after = (
            (v["medium_c"] - v["ambient_c"]) / (v["insulation_thickness_m"] / v["conductivity_w_per_m_k"] + 0.1) * area
        )
    return before, after, area


def _evaluator(pipe: bool, energy_type: str, unit: str) -> Callable[[Mapping[str, float]], Estimate]:
    """The insulation measure's estimate: the heat saved, valued in `energy_type`."""

    def evaluate(v: Mapping[str, float]) -> Estimate:
        before, after, area = _losses(v, pipe)
        saved_mj = annual_heat_mj(max(0.0, before - after), v["annual_hours"], 1.0)
        return Estimate(
            (Saving(energy_type, saved_mj / v["heat_mj_per_unit"], unit),),
            area * v["cost_yuan_per_m2"],
            v["useful_life_years"],
            as_inputs(
                {"loss_now_w": (before, "W"), "loss_insulated_w": (after, "W"), "heat_saved_mj": (saved_mj, "MJ")}
            ),
        )

    return evaluate


def _draft(context: FindingContext, row: Row) -> tuple[tuple[Draft, ...], tuple[Text, ...]]:
    surface, ambient, hours = row.number("surface_c"), row.number("ambient_c"), row.number("annual_hours")
    medium = row.number("medium_c") or surface or 0.0
    if surface is None or ambient is None or hours is None:
        return (), (Text(f"no ambient temperature or hours for {row.tag}", f"{row.tag} 缺少环境温度或运行小时"),)
    pipe = row.get("kind") in PIPE_KINDS
    missing = _geometry_missing(row, pipe)
    if missing is not None:
        return (), (missing,)
    thickness = context.default("insulation.thickness_m")
    conductivity = context.default("insulation.conductivity_w_per_m_k")
    bare_e = context.default("insulation.bare_emissivity")
    jacket_e = context.default("insulation.jacket_emissivity")
    cost = context.default("cost.insulation_yuan_per_m2")
    life = context.default("life.insulation")
    energy_type, unit, mj_per_unit, carrier = _heat_carrier(context, row)
    inputs = as_inputs(
        {
            "surface_c": (surface, "°C"),
            "medium_c": (float(medium), "°C"),
            "ambient_c": (ambient, "°C"),
            "wind_m_per_s": (row.number("wind_m_per_s") or 0.0, "m/s"),
            "outer_diameter_m": ((row.number("outer_diameter_mm") or 0) / 1000, "m"),
            "length_m": (row.number("length_m") or 0.0, "m"),
            "area_m2": (row.number("area_m2") or 0.0, "m²"),
            "annual_hours": (hours, "h"),
            "insulation_thickness_m": value(thickness),
            "conductivity_w_per_m_k": value(conductivity),
            "bare_emissivity": value(bare_e),
            "jacket_emissivity": value(jacket_e),
            "heat_mj_per_unit": (mj_per_unit, f"MJ/{unit}"),
            "cost_yuan_per_m2": value(cost),
            "useful_life_years": value(life),
        }
    )

    sources = sources_of(thickness, conductivity, bare_e, jacket_e, cost, life)
    if energy_type == "natural_gas":
        sources += (ncv_source(context),)
    return (
        Draft(
            "insulation",
            row.uuid,
            Text(f"Insulate {row.tag}", f"{row.tag} 加装保温"),
            inputs,
            _evaluator(pipe, energy_type, unit),
            f"heat saved = (bare loss − insulated loss)·h, valued as {carrier}",
            sources,
            hours=hours,
        ),
    ), ()
