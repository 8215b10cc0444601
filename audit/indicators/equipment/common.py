"""What every equipment grader shares: the stop signal, grade bands, measured power, the outdated catalogue."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audit.reference import ReferenceData, Source
from audit.results import Indicator, Verdict
from forms.spec import Text


@dataclass(frozen=True)
class OutdatedMatch:
    entry_id: str
    item: str
    reason: str
    suspected: bool
    source: Source

    def message(self) -> Text:
        if self.suspected:
            return Text(f"Suspected outdated model: {self.item}", f"疑似淘汰型号：{self.item}")
        return Text(f"Outdated model: {self.item}", f"淘汰型号：{self.item}")


class CannotGrade(Exception):
    """Grading stops: a value is missing on the record, or the table has no reference value for it."""

    def __init__(self, message: Text, verdict: Verdict = Verdict.CANNOT_GRADE) -> None:
        super().__init__(message.en)
        self.message = message
        self.verdict = verdict


def missing(en: str, zh: str) -> CannotGrade:
    return CannotGrade(Text(f"Cannot grade: missing {en}", f"无法评级：缺少{zh}"))


def no_reference(en: str, zh: str) -> CannotGrade:
    return CannotGrade(Text(f"Cannot grade: no reference value for {en}", f"无法评级：无{zh}的参考值"))


class NoLimit(CannotGrade):
    """The value meets grade `grade`, but the table has no limit for the grade just better: it may be better."""

    def __init__(self, grade: int, absent: int) -> None:
        super().__init__(
            Text(
                f"Cannot grade: no grade-{absent} limit in the table (the value meets grade {grade}; a better "
                "grade cannot be ruled out)",
                f"无法评级：表中无{absent}级限值（已达到{grade}级，不能排除更高等级）",
            )
        )
        self.grade = grade


def grade_of(value: float, limits: Sequence[float | None], higher_is_better: bool) -> tuple[Verdict, int | None]:
    """Grade of `value` against grade 1/2/3 limits (3 = the minimum allowed); ties meet the limit.

    A missing limit is never read as "not met" (that gave a lower grade than the machine's): when the value
    meets a grade whose better neighbour has no limit, NoLimit says so instead of a grade.
    """
    if limits[2] is None:
        raise no_reference("grade 3", "3级")

    def meets(limit: float) -> bool:
        return value >= limit - 1e-9 if higher_is_better else value <= limit + 1e-9

    for grade, limit in ((1, limits[0]), (2, limits[1]), (3, limits[2])):
        if limit is None or not meets(limit):
            continue
        if grade > 1 and limits[grade - 2] is None:
            raise NoLimit(grade, grade - 1)
        return Verdict.GRADE, grade
    return Verdict.BELOW_GRADE_3, None


# -- helpers --------------------------------------------------------------------------------------


def latest_measurement(measurements: Sequence[Mapping[str, Any]], quantity: str) -> Mapping[str, Any] | None:
    rows = [m for m in measurements if m.get("quantity_measured") == quantity and m.get("value") is not None]
    return max(rows, key=lambda m: str(m.get("measured_at") or "")) if rows else None


def measured_input_kw(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]]
) -> tuple[float | None, dict[str, Any]]:
    """Input power from the record, else the latest spot measurement of active power (W converted to kW)."""
    if values.get("measured_input_kw"):
        return float(values["measured_input_kw"]), {"input_kw_from": "record"}
    row = latest_measurement(measurements, "active_power")
    if row is None:
        return None, {}
    value = float(row["value"]) / (1000.0 if row.get("unit") == "W" else 1.0)
    return value, {
        "input_kw_from": "spot measurement",
        "measured_at": row.get("measured_at"),
        "instrument": row.get("instrument"),
        "calibration_date": row.get("calibration_date"),
    }


_OUTDATED = "equipment/outdated_catalogue.json"


def _outdated(entry: Mapping[str, Any], suspected: bool, reference: ReferenceData) -> OutdatedMatch:
    """A catalogue hit with its source (looked up only for a hit: most records match no entry)."""
    source = reference.source_of(_OUTDATED, entry["source"], entry["status"])
    return OutdatedMatch(entry["id"], entry["item"], entry["reason"], suspected, source)


class _Entry:
    """A catalogue entry with its model lists normalised once (2,000 records are matched against it)."""

    def __init__(self, entry: Mapping[str, Any]) -> None:
        self.entry = entry
        self.forms = entry["forms"]
        self.exact = {m.upper().replace(" ", "") for m in entry.get("exact", [])}
        self.prefixes = tuple(prefix.upper() for prefix in entry.get("prefixes", []))
        self.size_prefix = bool(entry.get("size_prefix"))


# The prepared entries by the catalogue they come from (kept alive with it, so its id is not reused).
_PREPARED: dict[int, tuple[Any, list[_Entry]]] = {}


def _entries(document: Mapping[str, Any]) -> list[_Entry]:
    kept = _PREPARED.get(id(document))
    if kept is None or kept[0] is not document:
        if len(_PREPARED) >= 8:
            _PREPARED.clear()  # tests build many reference sets; the app has one
        kept = _PREPARED[id(document)] = (document, [_Entry(entry) for entry in document["entries"]])
    return kept[1]


def match_outdated(form_id: str, values: Mapping[str, Any], reference: ReferenceData) -> OutdatedMatch | None:
    model = " ".join(str(values.get("model") or "").upper().split())
    compact = model.replace(" ", "")
    for prepared in _entries(reference.raw[_OUTDATED]):
        entry = prepared.entry
        if form_id not in prepared.forms:
            continue
        if "fuel" in entry:
            if values.get("fuel") != entry["fuel"]:
                continue
            capacity = boiler_capacity_t_per_h(values, reference)
            if capacity is None:
                return _outdated(entry, True, reference)
            if capacity <= entry["max_capacity_t_per_h"] + 1e-9:
                return _outdated(entry, False, reference)
            continue
        if not model:
            continue
        candidate = re.sub(r"^[0-9.]+", "", model) if prepared.size_prefix else model
        # Most models start with no listed prefix: one test of them all before the careful one.
        hit = compact in prepared.exact or (
            candidate.startswith(prepared.prefixes)
            and any(_series_match(candidate, prefix) for prefix in prepared.prefixes)
        )
        if hit:
            suspected = bool(entry.get("conditions")) or bool(entry.get("suspected_only"))
            return _outdated(entry, suspected, reference)
    return None


def _series_match(model: str, prefix: str) -> bool:
    """`model` belongs to the series `prefix`: not a longer series name (JZ vs JZR) and not a later
    generation written as prefix + digit + "-" (YB vs YB2-160M-4)."""
    if not model.startswith(prefix):
        return False
    rest = model[len(prefix) :]
    return not (rest[:1].isalpha() or re.match(r"\d-", rest))


def boiler_capacity_t_per_h(values: Mapping[str, Any], reference: ReferenceData) -> float | None:
    if values.get("medium") == "steam":
        return values.get("rated_capacity_t_per_h")
    mw = values.get("rated_heat_output_mw")
    if mw is None:
        return None
    per = reference.raw["equipment/boilers_gb24500_2020.json"]["mw_per_t_per_h"]["value"]
    return float(mw) / float(per)


@dataclass(frozen=True)
class Graded:
    """What a kind's `grade()` returns: the verdict, the grade (1–3 or None) and the value compared."""

    verdict: Verdict
    grade: int | None
    compared: Indicator
    # The standard actually applied when it depends on the record (GB 20052-2020 or -2024).
    standard: str | None = None
    # Said after the verdict when the grade rests on weaker data than the standard asks (nameplate only).
    qualifier: Text | None = None
