"""Indicators in the report: one row each with value, unit, status, formula and source, as the app shows them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from audit.report.cells import SheetWriter, cell_name
from audit.results import Indicator, Outcome, Status
from forms.spec import Text
from forms.units import unit_label

STATUS_TEXT = {
    Status.V: Text("[V] verified", "[V] 已核实"),
    Status.D: Text("[D] derived", "[D] 推导"),
    Status.C: Text("[C] corroborated", "[C] 佐证"),
    Status.U: Text("[U] unverified", "[U] 未核实"),
}
OUTCOME_TEXT = {
    Outcome.PASS: (Text("pass", "达标"), "pass"),
    Outcome.FAIL: (Text("fail", "不达标"), "fail"),
    Outcome.CANNOT_EVALUATE: (Text("cannot evaluate", "无法评价"), "text"),
}
INDICATOR_COLUMNS = (
    (Text("Indicator", "指标"), None),
    (Text("Value", "数值"), None),
    (Text("Unit", "单位"), None),
    (Text("Status", "核实状态"), None),
    (Text("Formula", "计算公式"), None),
    (Text("Source", "依据"), None),
)


def number_format(unit: str, value: float | None = None) -> str:
    """The number format for a value in `unit`: coefficients with four decimals, large amounts grouped."""
    if unit.startswith("kgce/") and unit not in ("kgce/万米",) and (value is None or abs(value) < 10):
        return "coefficient"
    if value is not None and abs(value) >= 10_000:
        return "decimal1"
    return "decimal2"


def value_style(indicator: Indicator) -> str:
    return "unverified" if indicator.status is Status.U else "text"


def status_text(indicator: Indicator) -> Text:
    return STATUS_TEXT[indicator.status]


def sources_text(indicator: Indicator, language: str = "en") -> str:
    """The sources cited in the report's language (a source with a bilingual citation gives it)."""
    return "; ".join(dict.fromkeys(source.cite_in(language) for source in indicator.sources))


def write_indicator_value(writer: SheetWriter, row: int, col: int, indicator: Indicator) -> None:
    """The value (a number, empty when it cannot be computed) in the status's style."""
    writer.number(row, col, indicator.value, number_format(indicator.unit, indicator.value), value_style(indicator))


# A formula for an indicator's value cell, given where every other indicator (or input) of the table is.
FormulaOf = Callable[[Callable[[str], str]], str]


def write_indicators(
    writer: SheetWriter,
    row: int,
    indicators: Iterable[Indicator],
    header: bool = True,
    formulas: Mapping[str, FormulaOf] | None = None,
    cells: Mapping[str, str] | None = None,
    brief: bool = False,
) -> int:
    """A table of indicators (label, value, unit, status, formula, source); returns the next free row.

    `formulas` makes chosen values Excel formulas over the other rows (by key) and over `cells`
    (inputs written above the table, by name); the value analyse() gave is stored with each.
    `brief` leaves out the formula and source columns (the summary; the detail sheets have them).
    """
    shown = list(indicators)
    if header:
        writer.headers(row, INDICATOR_COLUMNS[:4] if brief else INDICATOR_COLUMNS)
        row += 1
    where = {indicator.key: cell_name(row + n, 1) for n, indicator in enumerate(shown)} | dict(cells or {})
    for indicator in shown:
        writer.text(row, 0, indicator.label)
        make = (formulas or {}).get(indicator.key)
        if make is not None and indicator.value is not None:
            fmt = number_format(indicator.unit, indicator.value)
            writer.formula(row, 1, make(where.__getitem__), indicator.value, fmt, value_style(indicator))
        else:
            write_indicator_value(writer, row, 1, indicator)
        writer.text(row, 2, unit_label(indicator.unit, writer.language))
        writer.text(row, 3, status_text(indicator), value_style(indicator))
        if brief:
            row += 1
            continue
        formula = indicator.formula
        if indicator.value is None and indicator.note is not None:
            formula = writer.tr(indicator.note)
        writer.text(row, 4, formula)
        writer.text(row, 5, sources_text(indicator, writer.language))
        row += 1
    return row


COMPARISON_COLUMNS = (
    (Text("Indicator", "指标"), None),
    (Text("Value", "数值"), None),
    (Text("Unit", "单位"), None),
    (Text("Requirement", "要求"), None),
    (Text("Outcome", "结论"), None),
    (Text("Status", "核实状态"), None),
    (Text("Source", "依据"), None),
)


def write_comparisons(writer: SheetWriter, row: int, comparisons: Iterable[Indicator]) -> int:
    """Values against the thresholds of a standard: requirement, pass / fail / cannot evaluate (with why)."""
    writer.headers(row, COMPARISON_COLUMNS)
    row += 1
    for comparison in comparisons:
        writer.text(row, 0, comparison.label)
        write_indicator_value(writer, row, 1, comparison)
        writer.text(row, 2, unit_label(comparison.unit, writer.language))
        writer.text(row, 3, comparison.limit.text() if comparison.limit is not None else "")
        outcome, style = OUTCOME_TEXT.get(
            comparison.outcome or Outcome.CANNOT_EVALUATE, OUTCOME_TEXT[Outcome.CANNOT_EVALUATE]
        )
        shown = writer.tr(outcome)
        if comparison.outcome is Outcome.CANNOT_EVALUATE and comparison.note is not None:
            shown += ": " + writer.tr(comparison.note)
        writer.text(row, 4, shown, style)
        writer.text(row, 5, status_text(comparison), value_style(comparison))
        writer.text(row, 6, sources_text(comparison, writer.language))
        row += 1
    return row


INPUT_COLUMNS = ((Text("Input", "输入"), None), (Text("Value", "数值"), None), (Text("Unit", "单位"), None))


def write_inputs(
    writer: SheetWriter, row: int, inputs: Iterable[tuple[str, Text, float | None, str]]
) -> tuple[int, dict[str, str]]:
    """Input values formulas below refer to (name, label, value, unit); returns the next row and their cells."""
    writer.headers(row, INPUT_COLUMNS)
    cells: dict[str, str] = {}
    for name, label, value, unit in inputs:
        row += 1
        writer.text(row, 0, label)
        writer.number(row, 1, value, number_format(unit, value))
        writer.text(row, 2, unit_label(unit, writer.language))
        cells[name] = cell_name(row, 1)
    return row + 2, cells
