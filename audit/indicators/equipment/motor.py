"""Motors by GB 18613-2020 (three-phase induction ≤1000 V); load and operating efficiency from input power."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from audit.indicators.equipment.common import CannotGrade, Graded, grade_of, measured_input_kw, missing, no_reference
from audit.reference import ReferenceData, Source
from audit.results import Indicator, Verdict
from forms.spec import Text

FORM_ID = "motor"
STANDARD = "GB 18613-2020"
ORDER = 10


def poles_of(values: Mapping[str, Any]) -> tuple[int | None, str]:
    if values.get("poles"):
        return int(values["poles"]), "record"
    speed = values.get("rated_speed_rpm")
    if speed:
        # 50 Hz: synchronous speed 3000/(poles/2) r/min; the rated speed is a little lower (slip).
        return 2 * round(3000.0 / float(speed)), "rated speed at 50 Hz"
    return None, ""


def motor_limits(
    kw: float, poles: int, reference: ReferenceData
) -> tuple[list[float | None], dict[str, Any], tuple[Source, ...]]:
    name = "equipment/motors_gb18613_2020.json"
    table = reference.raw[name]
    if poles not in table["poles"]:
        raise no_reference(f"{poles} poles", f"{poles}极电机")
    rows = table["rows"]
    if kw < rows[0]["kw"] - 1e-9 or kw > rows[-1]["kw"] + 1e-9:
        raise no_reference(f"{kw:g} kW (table covers 0.12–1000 kW)", f"{kw:g} kW（表列范围0.12～1000 kW）")
    row = max((r for r in rows if r["kw"] <= kw + 1e-9), key=lambda r: r["kw"])
    index = table["poles"].index(poles)
    limits: list[float | None] = [row["grades"][g][index] for g in ("1", "2", "3")]
    sources: tuple[Source, ...] = (reference.source_of(name),)
    inputs: dict[str, Any] = {"table_row_kw": row["kw"], "poles": poles, "limits_pct": limits}
    if abs(row["kw"] - kw) > 1e-9:
        rule = table["between_ratings"]
        sources += (reference.source_of(name, status=rule["status"], note=rule["note"]),)
    return limits, inputs, sources


def grade(values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData) -> Graded:
    if values.get("motor_type") not in (None, "induction_lv"):
        raise CannotGrade(
            Text(
                "Not graded: GB 18613-2020 Table 1 covers three-phase induction motors ≤1000 V only",
                "不适用：GB 18613-2020 表1仅适用于1000 V及以下三相异步电动机",
            ),
            Verdict.NOT_APPLICABLE,
        )
    voltage = values.get("rated_voltage_v")
    if voltage is not None and float(voltage) > 1000:
        raise CannotGrade(
            Text(
                "Not graded: GB 18613-2020 covers motors ≤1000 V (high-voltage motors: GB 30254)",
                "不适用：GB 18613-2020 适用于1000 V及以下电机（高压电机见 GB 30254）",
            ),
            Verdict.NOT_APPLICABLE,
        )
    kw = values.get("rated_power_kw")
    if not kw:
        raise missing("rated power", "额定功率")
    poles, poles_from = poles_of(values)
    if poles is None:
        raise missing("poles or rated speed", "极数或额定转速")
    efficiency = values.get("nameplate_efficiency_pct")
    if efficiency is None:
        raise missing("nameplate efficiency", "铭牌效率")
    limits, inputs, sources = motor_limits(float(kw), poles, reference)
    verdict, grade = grade_of(float(efficiency), limits, higher_is_better=True)
    inputs.update({"rated_power_kw": kw, "poles_from": poles_from, "nameplate_efficiency_pct": efficiency})
    compared = Indicator(
        "equipment.motor.efficiency", Text("Nameplate efficiency", "铭牌效率"), float(efficiency), "%", inputs, sources
    )
    return Graded(verdict, grade, compared)


def motor_load(input_kw: float, rated_kw: float, rated_efficiency: float, fixed_share: float) -> tuple[float, float]:
    """(load β, operating efficiency) from input power: P_in = β·P + k·L + (1 − k)·β²·L, L = P·(1/η − 1)."""
    losses = rated_kw * (1.0 / rated_efficiency - 1.0)
    a = (1.0 - fixed_share) * losses
    b = rated_kw
    c = fixed_share * losses - input_kw
    if input_kw <= fixed_share * losses:
        return 0.0, 0.0
    beta = (-b + math.sqrt(b * b - 4.0 * a * c)) / (2.0 * a) if a > 0 else -c / b
    return beta, beta * rated_kw / input_kw


def operating(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> list[Indicator]:
    """Load and operating efficiency from the input power (or the load factor as entered)."""
    kw = values.get("rated_power_kw")
    efficiency = values.get("nameplate_efficiency_pct")
    input_kw, where = measured_input_kw(values, measurements)
    if not kw or not efficiency or input_kw is None:
        if values.get("load_factor_pct") is not None:
            return [
                Indicator(
                    "equipment.motor.load",
                    Text("Load factor (as entered)", "负载率（录入值）"),
                    float(values["load_factor_pct"]),
                    "%",
                    {"load_factor_pct": values["load_factor_pct"]},
                )
            ]
        return []
    name = "equipment/motor_part_load.json"
    share = reference.sourced(name, reference.raw[name]["fixed_loss_share"])
    beta, operating = motor_load(input_kw, float(kw), float(efficiency) / 100.0, share.value)
    inputs = {
        "input_kw": input_kw,
        "rated_power_kw": kw,
        "nameplate_efficiency_pct": efficiency,
        "fixed_loss_share": share.value,
        **where,
    }
    return [
        Indicator(
            "equipment.motor.load",
            Text("Motor load (from input power)", "电机负载率（按输入功率）"),
            beta * 100.0,
            "%",
            inputs,
            (share.source,),
        ),
        Indicator(
            "equipment.motor.operating_efficiency",
            Text("Estimated operating efficiency", "估算运行效率"),
            operating * 100.0,
            "%",
            inputs,
            (share.source,),
        ),
    ]
