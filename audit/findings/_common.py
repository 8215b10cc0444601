"""Small helpers the rule modules share: evidence indicators, operating hours, spot measurements."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from audit.findings import FindingContext, Missing
from audit.findings._inputs import Row
from audit.reference import ReferenceData, Source, Sourced
from audit.results import Indicator, Input, Status, Verdict
from forms.spec import Text

if TYPE_CHECKING:
    from audit.indicators.equipment import Grading

HOURS_PER_YEAR = 8760.0


def evidence(
    key: str,
    label: Text,
    value: float | None,
    unit: str,
    inputs: Mapping[str, Any] | tuple[Input, ...] = (),
    sources: tuple[Source, ...] = (),
    about: tuple[str, ...] = (),
    formula: str = "",
    status: Status = Status.V,
) -> Indicator:
    """An indicator computed by a rule from field data (leak share, cycles of concentration …)."""
    return Indicator(key, label, value, unit, inputs, sources, status=status, formula=formula, about=about)


def hours(row: Row, name: str = "annual_operating_hours") -> float | None:
    return row.number(name)


def latest(measurements: Sequence[Mapping[str, Any]], quantity: str) -> float | None:
    rows = [m for m in measurements if m.get("quantity_measured") == quantity and m.get("value") is not None]
    if not rows:
        return None
    row = max(rows, key=lambda m: str(m.get("measured_at") or ""))
    return float(row["value"]) / (1000.0 if row.get("unit") == "W" else 1.0)


def value(parameter: Sourced) -> tuple[float, str]:
    """A default as an (value, unit) pair for `as_inputs`."""
    return parameter.value, parameter.unit


def sources_of(*parameters: Sourced) -> tuple[Source, ...]:
    return tuple(dict.fromkeys(p.source for p in parameters))


def tag(row: Row | None, uuid: str = "") -> str:
    return row.tag if row is not None else uuid[:8]


def gas_ncv_kj_per_m3(reference: ReferenceData) -> float:
    gas = reference.coefficients["natural_gas"]
    return float(gas.ncv_kj_per_unit or 35544.0)


def ncv_source(context: object) -> Source:
    """The natural-gas NCV the tce table carries is unverified (its own ncv_status), whatever the row's status."""
    reference: ReferenceData = context.reference  # type: ignore[attr-defined]
    gas = reference.coefficients["natural_gas"]
    return dataclasses.replace(gas.source, status="U", note="natural-gas NCV used to turn heat into m³")


def below_grade_gradings(context: FindingContext, form_id: str) -> Iterator[tuple[Grading, Row, bool] | Missing]:
    """The gradings of running `form_id` rows a below-grade-3 rule must judge, as (grading, row, outdated),
    or Missing where the grading could not be made and the model is not catalogued as outdated."""
    for grading in context.gradings(form_id):
        row = context.row(grading.uuid)
        if row is None or row.get("status", "running") != "running":
            continue
        outdated = grading.outdated is not None and not grading.outdated.suspected
        if grading.verdict is Verdict.CANNOT_GRADE and not outdated:
            yield Missing(
                (grading.uuid,), Text(f"{grading.tag}: {grading.reason.en}", f"{grading.tag}：{grading.reason.zh}")
            )
            continue
        if grading.verdict is not Verdict.BELOW_GRADE_3 and not outdated:
            continue
        yield grading, row, outdated
