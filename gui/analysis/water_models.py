"""Qt table models over a computed water-balance result: unit balances, indicators, comparisons, flags."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QBrush, QFont

from audit.presentation import format_number
from audit.results import Indicator, Outcome, Status
from audit.water.formula_text import formula_text
from audit.water.model import QUANTITIES, DayTotals, Flag, Totals, UnitBalance, WaterResult
from gui.analysis.indicators_models import _input_text, input_label
from gui.analysis.result_models import UUID_ROLE, RowsTableModel
from gui.theme import LIGHT

# Indicator units written with words (the "units" context is shared with the form editors).
INDICATOR_UNIT_WORDS = (
    QT_TRANSLATE_NOOP("units", "m³/10k yuan"),
    QT_TRANSLATE_NOOP("units", "L/(person·d)"),
)

BAD_BACKGROUND = LIGHT.colour("error_background")
PASS_COLOUR = LIGHT.colour("good")
FAIL_COLOUR = LIGHT.colour("error")
GREY = LIGHT.colour("missing")


def _number(value: float | None, digits: int = 1) -> str:
    return format_number(value, digits, empty="")


class _ResultModel(RowsTableModel):
    """Rows of one part of a water-balance result; headers are in translation context WaterBalance."""

    context = "WaterBalance"


class UnitBalanceModel(_ResultModel):
    """One row per unit in tree order; ≈ marks estimated and * calculated values; closures beyond tolerance are red."""

    headers = (
        QT_TRANSLATE_NOOP("WaterBalance", "Unit"),
        QT_TRANSLATE_NOOP("WaterBalance", "Level"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vf m³/d"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vr m³/d"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vco m³/d"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vd m³/d"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vl m³/d"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vt m³/d"),
        QT_TRANSLATE_NOOP("WaterBalance", "Closure %"),
        QT_TRANSLATE_NOOP("WaterBalance", "Meter vs sub-units %"),
        QT_TRANSLATE_NOOP("WaterBalance", "Repeated use %"),
    )
    QUANTITY_COLUMNS: ClassVar[dict[int, str]] = {2 + i: q for i, q in enumerate(QUANTITIES)}
    CLOSURE_COLUMN = 8

    def set_result(self, result: WaterResult, language: str) -> None:
        self.set_rows(result.units, language)

    def cell(self, unit: UnitBalance, column: int, role: int) -> Any:
        quantity = self.QUANTITY_COLUMNS.get(column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "    " * max(unit.level - 1, 0) + unit.name
            if column == 1:
                return str(unit.level)
            if not unit.complete:
                return QCoreApplication.translate("WaterBalance", "incomplete") if column == 2 else ""
            if quantity is not None:
                return unit.origin_mark(quantity) + _number(unit.average[quantity])
            if column == 7:
                return _number(unit.total_use())
            if column == 8:
                return _number(unit.closure_pct, 2)
            if column == 9:
                return _number(unit.children_difference_pct, 2)
            if column == 10:
                return _number(unit.repeated_rate_pct, 1)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        beyond = column == self.CLOSURE_COLUMN and unit.within_tolerance is False
        if role == Qt.ItemDataRole.BackgroundRole and (not unit.complete or beyond):
            return QBrush(BAD_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if column == 0 and not unit.is_leaf:
                font.setBold(True)
            if quantity is not None and unit.complete and unit.estimated.get(quantity, 0.0) > 0:
                font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and quantity is not None and unit.complete:
            parts = []
            if unit.estimated.get(quantity, 0.0) > 0:
                parts.append(
                    QCoreApplication.translate("WaterBalance", "estimated: %1 m³/d").replace(
                        "%1", _number(unit.estimated[quantity])
                    )
                )
            if unit.calculated.get(quantity, 0.0) > 0:
                parts.append(
                    QCoreApplication.translate("WaterBalance", "calculated from the balance: %1 m³/d").replace(
                        "%1", _number(unit.calculated[quantity])
                    )
                )
            return "\n".join(parts) or QCoreApplication.translate("WaterBalance", "from meter readings")
        if role == UUID_ROLE:
            return unit.uuid
        return None


class IndicatorsModel(_ResultModel):
    headers = (
        QT_TRANSLATE_NOOP("WaterBalance", "Indicator"),
        QT_TRANSLATE_NOOP("WaterBalance", "Value"),
        QT_TRANSLATE_NOOP("WaterBalance", "Unit of measure"),
        QT_TRANSLATE_NOOP("WaterBalance", "Status"),
        QT_TRANSLATE_NOOP("WaterBalance", "Formula"),
        QT_TRANSLATE_NOOP("WaterBalance", "Note"),
    )

    def cell(self, indicator: Indicator, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return indicator.label.get(self.language)
            if column == 1:
                return ("≈" if indicator.estimated and indicator.value is not None else "") + _number(
                    indicator.value, 2
                )
            if column == 2:
                return QCoreApplication.translate("units", indicator.unit) if indicator.unit else ""
            if column == 3:
                return f"[{indicator.status}]"
            if column == 4:
                return formula_text(indicator.formula).get(self.language)
            if column == 5:
                if indicator.note is not None:
                    return indicator.note.get(self.language)
                if indicator.status is Status.U:
                    return QCoreApplication.translate("WaterBalance", "formula unverified")
                return ""
        if role == Qt.ItemDataRole.ForegroundRole and (
            indicator.value is None or (column == 3 and indicator.status is Status.U)
        ):
            return QBrush(GREY)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 4):
            # Inputs in words with their units apart, as in the indicators panel: not raw names (V_cr_m3_per_d).
            return "\n".join(
                f"{input_label(item, self.language)}: {_input_text(item.value, self.language)}"
                for item in indicator.input_list
            )
        return None


OUTCOME_TEXT: dict[Outcome, Any] = {
    Outcome.PASS: QT_TRANSLATE_NOOP("WaterBalance", "pass"),
    Outcome.FAIL: QT_TRANSLATE_NOOP("WaterBalance", "fail"),
    Outcome.CANNOT_EVALUATE: QT_TRANSLATE_NOOP("WaterBalance", "cannot evaluate"),
}


class ComparisonsModel(_ResultModel):
    headers = (
        QT_TRANSLATE_NOOP("WaterBalance", "Requirement"),
        QT_TRANSLATE_NOOP("WaterBalance", "Result"),
        QT_TRANSLATE_NOOP("WaterBalance", "Value"),
        QT_TRANSLATE_NOOP("WaterBalance", "Threshold"),
        QT_TRANSLATE_NOOP("WaterBalance", "Why"),
        QT_TRANSLATE_NOOP("WaterBalance", "Source"),
        QT_TRANSLATE_NOOP("WaterBalance", "Status"),
    )

    def cell(self, comparison: Indicator, column: int, role: int) -> Any:
        outcome = comparison.outcome or Outcome.CANNOT_EVALUATE
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return comparison.label.get(self.language)
            if column == 1:
                return QCoreApplication.translate("WaterBalance", str(OUTCOME_TEXT[outcome]))
            if column == 2:
                return _number(comparison.value, 2)
            if column == 3:
                return comparison.limit.text() if comparison.limit is not None else ""
            if column == 4:
                return comparison.note.get(self.language) if comparison.note is not None else ""
            if column == 5:
                cited = comparison.sources[0] if comparison.sources else None
                if cited is None:
                    return ""
                if cited.citation is not None:
                    return cited.citation.get(self.language)
                edition = f"-{cited.edition}" if cited.edition and cited.edition not in ("n/a", "-") else ""
                return f"{cited.standard}{edition} {cited.clause}".strip()
            if column == 6:
                return f"[{comparison.status}]"
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush({Outcome.PASS: PASS_COLOUR, Outcome.FAIL: FAIL_COLOUR}.get(outcome, GREY))
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and comparison.status is Status.U:
            return QCoreApplication.translate(
                "WaterBalance", "Unverified: the threshold or formula was not checked against the official text."
            )
        return None


class FlagsModel(_ResultModel):
    headers = (
        QT_TRANSLATE_NOOP("WaterBalance", "Severity"),
        QT_TRANSLATE_NOOP("WaterBalance", "Meter / unit"),
        QT_TRANSLATE_NOOP("WaterBalance", "Message"),
    )

    def cell(self, flag: Flag, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return (
                    QCoreApplication.translate("WaterBalance", "error")
                    if flag.severity == "error"
                    else QCoreApplication.translate("WaterBalance", "warning")
                )
            if column == 1:
                return flag.subject
            if column == 2:
                return flag.message.get(self.language)
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(FAIL_COLOUR if flag.severity == "error" else LIGHT.colour("warning"))
        if role == UUID_ROLE:
            return flag.subject_uuid
        return None


ORIGIN_MARKS = {"estimated": "≈", "calculated": "*", "reading": "", "none": ""}
ORIGIN_TEXT: dict[str, Any] = {
    "reading": QT_TRANSLATE_NOOP("WaterBalance", "from meter readings"),
    "calculated": QT_TRANSLATE_NOOP("WaterBalance", "calculated from the balance"),
    "estimated": QT_TRANSLATE_NOOP("WaterBalance", "estimated"),
    "none": QT_TRANSLATE_NOOP("WaterBalance", "does not occur"),
}


class UnitDaysModel(_ResultModel):
    """The test days of one unit: each quantity with the mark of its origin, and the day's closure."""

    headers = (
        QT_TRANSLATE_NOOP("WaterBalance", "Test day"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vf m³"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vr m³"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vco m³"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vd m³"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vl m³"),
        QT_TRANSLATE_NOOP("WaterBalance", "Closure %"),
    )

    def set_unit(self, unit: UnitBalance | None, language: str) -> None:
        self.set_rows(unit.days if unit is not None else [], language)

    def cell(self, day: Any, column: int, role: int) -> Any:
        quantity = QUANTITIES[column - 1] if 1 <= column <= 5 else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return day.day.isoformat()
            if not day.valid:
                return QCoreApplication.translate("WaterBalance", "no valid balance") if column == 1 else ""
            if quantity is not None:
                return ORIGIN_MARKS.get(day.origins.get(quantity, ""), "") + _number(day.values.get(quantity))
            return _number(day.closure_pct, 2)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and not day.valid:
            return QBrush(BAD_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and quantity is not None and quantity in day.origins:
            return QCoreApplication.translate("WaterBalance", str(ORIGIN_TEXT.get(day.origins[quantity], "")))
        return None


class TotalsModel(_ResultModel):
    """Enterprise: test-day average, per year, each test day (with the main meter against the level-1
    inflows); and the sums of each level. A day's meter difference beyond the intake tolerance is red."""

    headers = (
        QT_TRANSLATE_NOOP("WaterBalance", "Balance"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vf"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vr"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vco"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vd"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vl"),
        QT_TRANSLATE_NOOP("WaterBalance", "Vt"),
        QT_TRANSLATE_NOOP("WaterBalance", "Closure %"),
        QT_TRANSLATE_NOOP("WaterBalance", "Complete"),
        QT_TRANSLATE_NOOP("WaterBalance", "Main meter m³"),
        QT_TRANSLATE_NOOP("WaterBalance", "Meter vs level-1 inflows %"),
    )
    METER_COLUMN = 9
    DIFFERENCE_COLUMN = 10
    intake_tolerance_pct: float | None = None

    def set_result(self, result: WaterResult, language: str) -> None:
        rows: list[tuple[str, Totals | DayTotals]] = []
        self.intake_tolerance_pct = result.test.intake_tolerance_pct if result.test is not None else None
        if result.ready:
            rows.append(
                (QCoreApplication.translate("WaterBalance", "Enterprise, test-day average (m³/d)"), result.enterprise)
            )
            rows.append((QCoreApplication.translate("WaterBalance", "Enterprise, annualised (m³/a)"), result.annual))
            for day in result.daily:
                label = QCoreApplication.translate("WaterBalance", "Enterprise, test day %1 (m³)")
                rows.append((label.replace("%1", day.day.isoformat()), day))
            for level, totals in sorted(result.levels.items()):
                rows.append(
                    (
                        QCoreApplication.translate("WaterBalance", "Level %1 units (m³/d)").replace("%1", str(level)),
                        totals,
                    )
                )
        self.set_rows(rows, language)

    def _beyond_intake_tolerance(self, totals: Totals | DayTotals) -> bool:
        tolerance = self.intake_tolerance_pct
        difference = totals.difference_pct if isinstance(totals, DayTotals) else None
        return tolerance is not None and difference is not None and abs(difference) > tolerance

    def cell(self, row: tuple[str, Totals | DayTotals], column: int, role: int) -> Any:
        label, totals = row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(label, totals, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 1 and column != 8:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        incomplete = isinstance(totals, Totals) and not totals.complete
        beyond = column == self.DIFFERENCE_COLUMN and self._beyond_intake_tolerance(totals)
        if role == Qt.ItemDataRole.BackgroundRole and ((column == 8 and incomplete) or beyond):
            return QBrush(BAD_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DIFFERENCE_COLUMN and isinstance(totals, DayTotals):
            text = QCoreApplication.translate(
                "WaterBalance", "(main meter − Σ level-1 Vf) ÷ main meter × 100; intake tolerance ±%1 %"
            )
            return text.replace("%1", _number(self.intake_tolerance_pct, 1))
        return None

    def _text(self, label: str, totals: Totals | DayTotals, column: int) -> str:
        day = totals if isinstance(totals, DayTotals) else None
        if column == 0:
            return label
        if 1 <= column <= 6:
            quantity = (*QUANTITIES, "vt")[column - 1]
            digits = 0 if "m³/a" in label else 1
            estimated = totals.estimated if isinstance(totals, Totals) else {}
            mark = "≈" if estimated.get(quantity, 0.0) > 0 else ""
            return mark + _number(totals.values.get(quantity), digits)
        if column == 7:
            return _number(totals.closure_pct, 2)
        if column == 8:
            if isinstance(totals, DayTotals):
                return "" if totals.values else QCoreApplication.translate("WaterBalance", "no valid balance")
            if totals.complete:
                return QCoreApplication.translate("WaterBalance", "yes")
            return QCoreApplication.translate("WaterBalance", "no: %1").replace("%1", ", ".join(totals.missing_units))
        if column == self.METER_COLUMN and day is not None:
            return _number(day.metered_intake_m3)
        if column == self.DIFFERENCE_COLUMN and day is not None:
            return _number(day.difference_pct, 2)
        return ""
