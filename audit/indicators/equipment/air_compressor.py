"""Fixed-speed positive-displacement air compressors by GB 19153-2019 (specific power)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from audit.indicators.equipment.common import Graded, grade_of, measured_input_kw, missing, no_reference
from audit.reference import ReferenceData, Source
from audit.results import Indicator
from forms.spec import Text

FORM_ID = "air_compressor"
STANDARD = "GB 19153-2019"
ORDER = 40


def grade(values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData) -> Graded:
    name = "equipment/compressors_gb19153_2019.json"
    table = reference.raw[name]
    if values.get("compressor_type") not in table["applies_to"]:
        raise no_reference(f"compressor type {values.get('compressor_type')}", "该类型压缩机")
    if values.get("control") == "vsd":
        raise no_reference(
            "variable-speed compressors (GB 19153 variable-speed table not transcribed)", "变频压缩机（变频表未录入）"
        )
    # GB 19153-2019 specific power is input power over the flow actually delivered. Dividing a measured input
    # by the rated flow hides exactly what wear does (less air for the same power), so it is never done:
    # measured specific power, else measured input ÷ measured flow, else the label's (nameplate) value, said so.
    specific = values.get("measured_specific_power")
    basis = "measured specific power"
    if specific is None:
        input_kw, _where = measured_input_kw(values, measurements)
        flow = values.get("measured_free_air_delivery_m3_per_min")
        if input_kw is not None and flow:
            specific = input_kw / float(flow)
            basis = "measured input power ÷ measured free air delivery"
    if specific is None and values.get("nameplate_specific_power"):
        specific = values["nameplate_specific_power"]
        basis = "nameplate data only (energy label or test sheet), not measured"
    if specific is None:
        raise missing(
            "measured specific power, measured input power with measured free air delivery, or the label's specific power",
            "实测比功率、实测输入功率及实测容积流量，或能效标识上的比功率",
        )
    kw = values.get("rated_power_kw")
    pressure = values.get("rated_pressure_mpa")
    cooling = values.get("cooling")
    if not kw or not pressure or cooling not in ("air", "liquid"):
        raise missing("rated power, pressure or cooling", "额定功率、压力或冷却方式")
    columns = [p for p in table["pressure_columns_mpa"] if p >= float(pressure) - 1e-6]
    if not columns:
        raise no_reference(f"{pressure} MPa", f"{pressure} MPa")
    column = columns[0]
    cells = {
        c["grade"]: c[cooling]
        for c in table["cells"]
        if abs(c["kw"] - float(kw)) < 1e-6 and abs(c["pressure_mpa"] - column) < 1e-6
    }
    limits: list[float | None] = [cells.get(1), cells.get(2), cells.get(3)]
    if limits[2] is None:
        raise no_reference(
            f"{kw:g} kW at {column} MPa, {cooling}-cooled",
            f"{kw:g} kW、{column} MPa、{'风冷' if cooling == 'air' else '水冷'}",
        )
    sources: tuple[Source, ...] = (reference.source_of(name),)
    if abs(column - float(pressure)) > 1e-6:
        rule = table["pressure_rule"]
        sources += (reference.source_of(name, status=rule["status"], note=rule["note"]),)
    verdict, grade = grade_of(float(specific), limits, higher_is_better=False)
    inputs = {
        "specific_power": round(float(specific), 4),
        "basis": basis,
        "rated_power_kw": kw,
        "rated_pressure_mpa": pressure,
        "pressure_column_mpa": column,
        "cooling": cooling,
        "limits": limits,
    }
    nameplate = basis.startswith("nameplate")
    compared = Indicator(
        "equipment.air_compressor.specific_power",
        Text("Specific power (nameplate data)", "比功率（铭牌数据）")
        if nameplate
        else Text("Specific power", "比功率"),
        float(specific),
        "kW/(m³/min)",
        inputs,
        sources,
    )
    qualifier = Text("from nameplate data only, not measured", "仅按铭牌数据评定，未实测") if nameplate else None
    return Graded(verdict, grade, compared, qualifier=qualifier)


def operating(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> list[Indicator]:
    """No operating figures are computed for this kind yet."""
    return []
