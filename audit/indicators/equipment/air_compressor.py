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
    specific = values.get("measured_specific_power")
    basis = "measured specific power"
    if specific is None:
        input_kw, _where = measured_input_kw(values, measurements)
        if input_kw is not None and values.get("free_air_delivery_m3_per_min"):
            specific = input_kw / float(values["free_air_delivery_m3_per_min"])
            basis = "measured input power ÷ rated free air delivery"
    if specific is None:
        raise missing("measured specific power or measured input power", "实测比功率或实测输入功率")
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
    compared = Indicator(
        "equipment.air_compressor.specific_power",
        Text("Specific power", "比功率"),
        float(specific),
        "kW/(m³/min)",
        inputs,
        sources,
    )
    return Graded(verdict, grade, compared)


def operating(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> list[Indicator]:
    """No operating figures are computed for this kind yet."""
    return []
