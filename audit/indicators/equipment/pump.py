"""Clean-water centrifugal pumps by GB 19762; measured unit efficiency."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from audit.indicators.equipment.common import Graded, grade_of, measured_input_kw, missing, no_reference
from audit.reference import ReferenceData
from audit.results import Indicator
from forms.spec import Text

FORM_ID = "pump"
STANDARD = "GB 19762-2025"
ORDER = 20
GRAVITY = 9.81  # m/s², with water at 1 000 kg/m³ for the hydraulic power of a pump


def pump_limits(
    pump_type: str, flow_m3_h: float, head_m: float, speed_rpm: float, stages: int, reference: ReferenceData
) -> tuple[list[float | None], dict[str, Any]]:
    """GB 19762 grade 1/2/3 efficiencies (%) of a clean-water pump at its rated point."""
    table = reference.raw["equipment/pumps_gb19762.json"]
    row = next(
        (r for r in table["types"] if r["pump_type"] == pump_type and r["q_min"] <= flow_m3_h <= r["q_max"]), None
    )
    if row is None:
        raise no_reference(f"{pump_type} at {flow_m3_h:g} m³/h", f"{flow_m3_h:g} m³/h 的该类型泵")
    q_s = flow_m3_h / 3600.0 / (2.0 if pump_type == "single_stage_double_suction" else 1.0)
    ns = 3.65 * speed_rpm * math.sqrt(q_s) / (head_m / stages) ** 0.75
    k = table["coefficients"][row["formula"]]
    ln_ns, ln_q = math.log(ns), math.log(flow_m3_h)
    base = k["a"] * ln_ns**2 + k["b"] * ln_q**2 + k["c"] * ln_ns * ln_q + k["d"] * ln_ns + k["e"] * ln_q
    limits: list[float | None] = [base - c for c in row["c"]]
    return limits, {
        "specific_speed": round(ns, 2),
        "formula": row["formula"],
        "c_i": row["c"],
        "limits_pct": [round(v or 0, 2) for v in limits],
    }


def grade(values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData) -> Graded:
    name = "equipment/pumps_gb19762.json"
    table = reference.raw[name]
    kind = values.get("pump_type")
    if kind not in {r["pump_type"] for r in table["types"]}:
        raise no_reference(f"pump type {kind}", "该类型泵")
    flow, head, speed, efficiency = (
        values.get(f) for f in ("rated_flow_m3_per_h", "rated_head_m", "rated_speed_rpm", "nameplate_efficiency_pct")
    )
    if not speed:
        raise missing("rated speed", "额定转速")
    if efficiency is None:
        raise missing("pump efficiency", "水泵效率")
    if not flow or not head:
        raise missing("rated flow or head", "额定流量或扬程")
    stages = int(values.get("stages") or 1)
    if kind == "multistage" and not values.get("stages"):
        raise missing("number of stages", "级数")
    limits, inputs = pump_limits(str(kind), float(flow), float(head), float(speed), stages, reference)
    edition = table["edition_note"]
    sources = (reference.source_of(name), reference.source_of(name, status=edition["status"], note=edition["note"]))
    verdict, grade = grade_of(float(efficiency), limits, higher_is_better=True)
    inputs.update(
        {
            "rated_flow_m3_per_h": flow,
            "rated_head_m": head,
            "rated_speed_rpm": speed,
            "stages": stages,
            "efficiency_pct": efficiency,
        }
    )
    compared = Indicator(
        "equipment.pump.efficiency", Text("Pump efficiency", "水泵效率"), float(efficiency), "%", inputs, sources
    )
    return Graded(verdict, grade, compared)


def operating(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> list[Indicator]:
    """The measured efficiency of pump and motor together, from measured flow, head and input power."""
    flow, head = values.get("measured_flow_m3_per_h"), values.get("measured_head_m")
    input_kw, where = measured_input_kw(values, measurements)
    if not flow or not head or not input_kw:
        return []
    hydraulic_kw = 1000.0 * GRAVITY * float(flow) / 3600.0 * float(head) / 1000.0
    return [
        Indicator(
            "equipment.pump.unit_efficiency",
            Text("Measured unit efficiency (pump + motor)", "实测机组效率（泵+电机）"),
            hydraulic_kw / input_kw * 100.0,
            "%",
            {
                "measured_flow_m3_per_h": flow,
                "measured_head_m": head,
                "input_kw": input_kw,
                "hydraulic_kw": round(hydraulic_kw, 3),
                **where,
            },
        )
    ]
