"""Industrial boilers by GB 24500-2020 (design thermal efficiency); measured efficiency beside it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from audit.indicators.equipment.common import (
    CannotGrade,
    Graded,
    boiler_capacity_t_per_h,
    grade_of,
    missing,
    no_reference,
)
from audit.reference import ReferenceData, Source
from audit.results import Indicator, Verdict
from forms.spec import Text

FORM_ID = "boiler"
STANDARD = "GB 24500-2020"
ORDER = 50


def grade(values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData) -> Graded:
    name = "equipment/boilers_gb24500_2020.json"
    table = reference.raw[name]
    fuel = values.get("fuel")
    if fuel == "waste_heat":
        raise CannotGrade(
            Text("Not graded: GB 24500-2020 does not cover waste-heat boilers", "不适用：GB 24500-2020 不含余热锅炉"),
            Verdict.NOT_APPLICABLE,
        )
    if fuel == "coal":
        raise missing("coal class and combustion type (GB 24500 Tables 1–2)", "煤种和燃烧方式（GB 24500 表1～表2）")
    efficiency = values.get("design_efficiency_pct")
    if efficiency is None:
        raise missing("design thermal efficiency", "设计热效率")
    capacity = boiler_capacity_t_per_h(values, reference)
    condensing = bool(values.get("condensing"))
    candidates = []
    for row in table["rows"]:
        if row["fuel"] != fuel:
            continue
        if "condensing" in row and row["condensing"] != condensing:
            continue
        if "max_capacity_t_per_h" in row and (capacity is None or capacity > row["max_capacity_t_per_h"]):
            continue
        if "min_capacity_t_per_h" in row and (capacity is None or capacity <= row["min_capacity_t_per_h"]):
            continue
        candidates.append(row)
    if not candidates:
        raise no_reference(f"{fuel} boilers", "该燃料锅炉")
    row = candidates[0]
    limits = row["limits"]
    inputs = {
        "fuel": fuel,
        "condensing": condensing,
        "capacity_t_per_h": capacity,
        "clause": row["clause"],
        "limits_pct": limits,
        "design_efficiency_pct": efficiency,
    }
    sources: tuple[Source, ...] = (reference.source_of(name),)
    scope = table.get("scope_notes", {}).get(str(values.get("medium")))
    if scope is not None:
        sources += (reference.source_of(name, scope["source"], scope["status"], scope["note"]),)
    compared = Indicator(
        "equipment.boiler.design_efficiency",
        Text("Design thermal efficiency", "设计热效率"),
        float(efficiency),
        "%",
        inputs,
        sources,
    )
    if limits[0] is None and limits[1] is None:
        met = float(efficiency) >= float(limits[2]) - 1e-9
        return Graded(Verdict.MEETS_LIMIT if met else Verdict.BELOW_GRADE_3, None, compared)
    verdict, grade = grade_of(float(efficiency), limits, higher_is_better=True)
    return Graded(verdict, grade, compared)


def operating(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> list[Indicator]:
    """The thermal efficiency measured on site, shown beside the grade (or alone when not graded)."""
    if values.get("measured_efficiency_pct") is None:
        return []
    return [
        Indicator(
            "equipment.boiler.measured_efficiency",
            Text("Measured operating thermal efficiency", "实测运行热效率"),
            float(values["measured_efficiency_pct"]),
            "%",
            {"measured_efficiency_pct": values["measured_efficiency_pct"]},
        )
    ]
