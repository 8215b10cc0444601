"""Centrifugal and axial fans by GB 19761-2020."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from audit.indicators.equipment.common import Graded, grade_of, missing, no_reference
from audit.reference import ReferenceData
from audit.results import Indicator
from forms.spec import Text

FORM_ID = "fan"
STANDARD = "GB 19761-2020"
ORDER = 30


def _bin(value: float, bins: Sequence[Sequence[float | None]]) -> int | None:
    for index, (low, high) in enumerate(bins):
        if value >= float(low or 0) - 1e-9 and (high is None or value < float(high)):
            return index
    return None


def grade(values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData) -> Graded:
    name = "equipment/fans_gb19761_2020.json"
    table = reference.raw[name]
    efficiency = values.get("nameplate_efficiency_pct")
    number = values.get("machine_number")
    kind = values.get("fan_type")
    if kind not in ("centrifugal", "axial"):
        raise no_reference(f"fan type {kind}", "该类型风机")
    if efficiency is None:
        raise missing("fan efficiency", "风机效率")
    if number is None:
        raise missing("machine number", "机号")
    inputs: dict[str, Any] = {"fan_type": kind, "machine_number": number, "efficiency_pct": efficiency}
    if kind == "centrifugal":
        psi, ns = values.get("pressure_coefficient"), values.get("specific_speed")
        if psi is None or ns is None:
            raise missing("pressure coefficient ψ and specific speed n_s", "压力系数ψ和比转速n_s")
        row = next(
            (
                r
                for r in table["centrifugal"]["rows"]
                if r["psi"][0] <= float(psi) < r["psi"][1] and r["ns"][0] <= float(ns) <= r["ns"][1]
            ),
            None,
        )
        if row is None:
            raise no_reference(f"ψ {psi:g}, n_s {ns:g}", f"ψ {psi:g}、n_s {ns:g}")
        column = _bin(float(number), table["centrifugal"]["machine_number_bins"])
        inputs.update({"pressure_coefficient": psi, "specific_speed": ns})
    else:
        hub = values.get("hub_ratio")
        if hub is None:
            raise missing("hub ratio γ", "轮毂比γ")
        row = next((r for r in table["axial"]["rows"] if r["hub_ratio"][0] <= float(hub) < r["hub_ratio"][1]), None)
        if row is None:
            raise no_reference(f"hub ratio {hub:g}", f"轮毂比 {hub:g}")
        column = _bin(float(number), table["axial"]["machine_number_bins"])
        inputs["hub_ratio"] = hub
    if column is None:
        raise no_reference(f"machine number No{number:g}", f"机号 No{number:g}")
    cell = row["by_machine_number"][column]
    limits = [cell.get("1"), cell.get("2"), cell.get("3")]
    inputs["limits_pct"] = limits
    verdict, grade = grade_of(float(efficiency), limits, higher_is_better=True)
    compared = Indicator(
        "equipment.fan.efficiency",
        Text("Fan efficiency", "风机效率"),
        float(efficiency),
        "%",
        inputs,
        (reference.source_of(name),),
    )
    return Graded(verdict, grade, compared)


def operating(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> list[Indicator]:
    """No operating figures are computed for this kind yet."""
    return []
