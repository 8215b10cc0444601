"""How results are written for a reader, once for every surface: numbers, trust tags, units, outcomes, grades.

The GUI, the command line and the report format through here, so a number reads the same everywhere
and a [U] value is never shown without its tag.
"""

from __future__ import annotations

from audit.results import Outcome, Status, Verdict
from forms.spec import Text
from forms.units import unit_label as _unit_label

EMPTY = "—"


def format_number(value: float | None, digits: int | None = None, empty: str = EMPTY) -> str:
    """A value with thousands separators; `digits` fixed, or chosen by size (0 from 1 000, 1 from 100,
    2 from 1, else 4). None is `empty`; a value that rounds to zero never shows as -0."""
    if value is None:
        return empty
    if digits is None:
        size = abs(value)
        digits = 0 if size >= 1000 else 1 if size >= 100 else 2 if size >= 1 else 4
    if abs(value) < 0.5 * 10**-digits:
        value = 0.0
    return f"{value:,.{digits}f}"


STATUS_WORDS = {
    Status.C: Text("corroborated", "旁证"),
    Status.U: Text("unverified", "未核实"),
}


def status_tag(status: Status | str, language: str) -> str:
    """What stands beside a number whose sources are not all verified: "" for [V]/[D], "[C]", "⚠ unverified"."""
    status = Status(status)
    if status is Status.U:
        return "⚠ " + STATUS_WORDS[Status.U].get(language)
    if status is Status.C:
        return "[C]"
    return ""


def with_status(text: str, status: Status | str, language: str) -> str:
    """`text` followed by its status tag, if any."""
    tag = status_tag(status, language)
    return f"{text} {tag}" if tag else text


def unit_label(unit: str | None, language: str) -> str:
    """A unit as a reader of `language` writes it (tce/10k yuan → tce/万元)."""
    return _unit_label(unit, language)


def value_with_unit(value: float | None, unit: str, language: str, digits: int | None = None) -> str:
    shown = format_number(value, digits)
    label = unit_label(unit, language)
    return f"{shown} {label}" if label and value is not None else shown


OUTCOME_WORDS = {
    Outcome.PASS: Text("PASS", "达标"),
    Outcome.FAIL: Text("FAIL", "未达标"),
    Outcome.CANNOT_EVALUATE: Text("N/A", "无法评价"),
}


def outcome_word(outcome: Outcome | None, language: str) -> str:
    return OUTCOME_WORDS[outcome or Outcome.CANNOT_EVALUATE].get(language)


def verdict_text(verdict: Verdict, grade: int | None) -> Text:
    """A grading as a reader says it: "Grade 2", "Below grade 3", "Meets the limit", "Not graded"."""
    if verdict is Verdict.GRADE:
        return Text(f"Grade {grade}", f"{grade}级")
    if verdict is Verdict.BELOW_GRADE_3:
        return Text("Below grade 3 (under the minimum allowed)", "低于3级（未达能效限定值）")
    if verdict is Verdict.MEETS_LIMIT:
        return Text("Meets the limit", "达到限定值")
    return Text("Not graded", "未评级")
