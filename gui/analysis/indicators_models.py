"""Qt table models over an Analysis: energy by type × month, indicator cards' data, equipment grades."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont

from audit.indicators.energy import EnergyBalance, type_label
from audit.indicators.equipment import Grading
from audit.presentation import format_number, status_tag, unit_label
from audit.reference import Source
from audit.results import Indicator, Status, Verdict, unit_of_name, weakest
from forms.definitions.energy_use import ENERGY_TYPES, UNITS
from gui.analysis.result_models import UUID_ROLE, ModelIndex, RowsTableModel
from gui.theme import LIGHT

STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

# The app's one set of severity colours (gui/theme.py): unverified reads as an error, [C] as a warning.
UNVERIFIED_COLOUR = LIGHT.colour("error")
CORROBORATED_COLOUR = LIGHT.colour("warning")
BELOW_BACKGROUND = LIGHT.colour("error_background")
GOOD_COLOUR = LIGHT.colour("good")
GREY = LIGHT.colour("missing")

CONTEXT = "Indicators"
# Texts used inside f-strings, which lupdate does not read: marked here, translated where used.
INPUTS_TEXT = QT_TRANSLATE_NOOP("Indicators", "Inputs")
SOURCES_TEXT = QT_TRANSLATE_NOOP("Indicators", "Sources")
TOTAL_TEXT = QT_TRANSLATE_NOOP("Indicators", "Comprehensive energy consumption")
NOT_COUNTED_TEXT = QT_TRANSLATE_NOOP("Indicators", "(not counted)")
UNIT_LABELS = {choice.code: choice.label for choice in UNITS}


def form_unit_label(code: str, language: str) -> str:
    """The unit as the energy-use form shows it (m³, 10⁴ kWh …)."""
    label = UNIT_LABELS.get(code)
    return label.en if label is not None and language != "zh" else (label.zh if label is not None else code)


def translated(text: object) -> str:
    """A text marked elsewhere with QT_TRANSLATE_NOOP("Indicators", …), translated now."""
    return QCoreApplication.translate(CONTEXT, str(text))


def number(value: float | None, digits: int | None = None) -> str:
    """A value as every surface writes it (audit/presentation.py)."""
    return format_number(value, digits)


def status_suffix(status: Status, language: str) -> str:
    """What a person sees next to a number whose coefficients are not all verified (" ⚠ unverified", " [C]")."""
    tag = status_tag(status, language)
    return f" {tag}" if tag else ""


def status_brush(status: Status) -> QBrush | None:
    if status is Status.U:
        return QBrush(UNVERIFIED_COLOUR)
    if status is Status.C:
        return QBrush(CORROBORATED_COLOUR)
    return None


# Pointers into the project's own notes ("STANDARDS.md §4.3") mean nothing to the person reading a number.
_INTERNAL_POINTER = re.compile(
    r"\s*[;,]?\s*\(?(?:as in |see )?STANDARDS\.md(?:\s*§[\d.]+)?(?:\s*item\s*\d+)?(?:\s*and\s*§[\d.]+)?\)?"
)


def public_note(note: str) -> str:
    """A source's note without pointers into the project's notes."""
    return _INTERNAL_POINTER.sub("", note).strip()


def sources_html(sources: tuple[Source, ...] | list[Source]) -> str:
    lines = []
    for source in dict.fromkeys(sources):
        shown = public_note(source.note)
        note = f"<br/>&nbsp;&nbsp;<i>{html.escape(shown)}</i>" if shown else ""
        # Where a transcription came from ("via" a secondary copy, a note in STANDARDS.md) is for the
        # verification checklist and `indicators --json`, not for the person reading the number.
        lines.append(f"• {html.escape(source.cite())}{note}")
    return "<br/>".join(lines)


ENERGY_CODES = frozenset(choice.code for choice in ENERGY_TYPES)


def _key_text(key: str, language: str) -> str:
    if key in ENERGY_CODES:
        return type_label(key).get(language)
    return key.replace("_", " ")


def _input_text(value: Any, language: str) -> str:
    if isinstance(value, float):
        return number(value)
    if isinstance(value, dict):
        # Keys are often energy-type codes (new_water): shown by their label, as everywhere else.
        return ", ".join(f"{_key_text(str(k), language)}: {_input_text(v, language)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_input_text(v, language) for v in value)
    if isinstance(value, str):
        parts = [part.strip() for part in value.split(",")]
        if parts and all(part in ENERGY_CODES for part in parts):
            return ", ".join(type_label(part).get(language) for part in parts)
        if re.fullmatch(r"[a-z]+(?:_[a-z]+)+", value):
            return value.replace("_", " ")  # a code (high_carbon) read as words
    get = getattr(value, "get", None)
    if callable(get) and hasattr(value, "zh"):
        return str(get(language))
    return str(value)


def input_label(item: Any, language: str) -> str:
    """An input as a reader names it: its label, else its name without underscores, the unit apart."""
    label = getattr(item, "label", None)
    if label is not None:
        return str(label.get(language))
    name = str(item.name)
    unit = str(getattr(item, "unit", "") or "")
    tokens = name.split("_")
    if unit and len(tokens) > 1 and unit_of_name(name) == unit:
        # The name ends in its unit (rated_power_kw, equal_value_kgce_per_kwh): the unit is shown apart.
        for size in range(1, min(4, len(tokens) - 1) + 1):
            if unit_of_name("_" + "_".join(tokens[-size:])) == unit:
                name = "_".join(tokens[:-size])
                break
    words = name.replace("_", " ").strip()
    return f"{words} ({unit_label(unit, language)})" if unit else words


def indicator_tooltip(indicator: Indicator, language: str) -> str:
    """Label, value, every input and every source with its status: what a signer checks."""
    parts = [f"<b>{html.escape(indicator.label.get(language))}</b>"]
    parts.append(
        f"{html.escape(number(indicator.value))} {html.escape(unit_label(indicator.unit, language))}{html.escape(status_suffix(indicator.status, language))}"
    )
    if indicator.note is not None:
        parts.append(f"<i>{html.escape(indicator.note.get(language))}</i>")
    if indicator.input_list:
        rows = "<br/>".join(
            f"{html.escape(input_label(item, language))}: {html.escape(_input_text(item.value, language))}"
            for item in indicator.input_list
        )
        parts.append(f"<u>{html.escape(translated(INPUTS_TEXT))}</u><br/>{rows}")
    if indicator.sources:
        parts.append(f"<u>{html.escape(translated(SOURCES_TEXT))}</u><br/>{sources_html(indicator.sources)}")
    return "<br/>".join(parts)


class EnergyTableModel(QAbstractTableModel):
    """Each energy type as two rows (physical quantity and tce) by month, then a total tce row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = "en"
        self.months: list[str] = []
        # (label, unit, per-month values, total, tooltip, status, kind)
        self.rows: list[tuple[str, str, list[float | None], float | None, str, Status, str]] = []

    def set_balance(self, balance: EnergyBalance | None, language: str) -> None:
        self.beginResetModel()
        self.language = language
        self.months = balance.period.months() if balance else []
        self.rows = []
        if balance is not None:
            for row in balance.table():
                code, unit, months = row["energy_type"], row["unit"], row["months"]
                label = type_label(code).get(language)
                lines = [line for line in balance.lines if line.energy_type == code and line.display_unit == unit]
                sources = tuple(dict.fromkeys(s for line in lines for s in line.sources))
                status = weakest(*(s.status for s in sources))
                inputs = lines[0].inputs if lines else {}
                factor = ", ".join(
                    f"{k}: {_input_text(v, language)}"
                    for k, v in inputs.items()
                    if k not in ("quantity", "unit", "flow")
                )
                tip = f"<b>{html.escape(label)}</b><br/>{html.escape(factor)}<br/><u>{html.escape(translated(SOURCES_TEXT))}</u><br/>{sources_html(sources)}"
                if not row["counted"]:
                    tip += (
                        "<br/><i>"
                        + html.escape(
                            QCoreApplication.translate(
                                "Indicators", "Not counted in the total (medium or generated on site)."
                            )
                        )
                        + "</i>"
                    )
                quantities = [months[m]["quantity"] if m in months else None for m in self.months]
                tces = [months[m]["tce"] if m in months else None for m in self.months]
                shown_unit = form_unit_label(unit, language)
                quantity_label = label if row["counted"] else label + " " + translated(NOT_COUNTED_TEXT)
                self.rows.append(
                    (
                        quantity_label,
                        shown_unit,
                        quantities,
                        sum(q or 0.0 for q in quantities),
                        tip,
                        Status.V,
                        "quantity",
                    )
                )
                generated = [months[m]["generated"] if m in months else None for m in self.months]
                if any(generated):
                    self.rows.append(
                        (
                            label + " " + QCoreApplication.translate("Indicators", "(generated on site)"),
                            shown_unit,
                            generated,
                            sum(g or 0.0 for g in generated),
                            tip,
                            Status.V,
                            "generated",
                        )
                    )
                if row["counted"]:
                    self.rows.append((label, "tce", tces, sum(t or 0.0 for t in tces), tip, status, "tce"))
            by_month = balance.by_month()
            total_sources = balance.sources()
            total_tip = f"<b>{html.escape(translated(TOTAL_TEXT))}</b><br/>{sources_html(total_sources)}"
            self.rows.append(
                (
                    QCoreApplication.translate("Indicators", "Total"),
                    "tce",
                    [by_month.get(m) for m in self.months],
                    balance.total(),
                    total_tip,
                    weakest(*(s.status for s in total_sources)),
                    "total",
                )
            )
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else (3 + len(self.months) if self.rows else 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if section == 0:
                return QCoreApplication.translate("Indicators", "Energy type")
            if section == 1:
                return QCoreApplication.translate("Indicators", "Unit")
            if 2 <= section < 2 + len(self.months):
                return self.months[section - 2]
            if section == 2 + len(self.months):
                return QCoreApplication.translate("Indicators", "Period total")
            return None
        return super().headerData(section, orientation, role)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        label, unit, values, total, tip, status, kind = self.rows[index.row()]
        column = index.column()
        if not 0 <= column < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return label
            if column == 1:
                return unit + (status_suffix(status, self.language) if kind in ("tce", "total") else "")
            value = values[column - 2] if column - 2 < len(values) else total
            return number(value, 1 if kind in ("tce", "total") else None) if value is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and kind == "total":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if kind == "generated":
                return QBrush(GREY)
            if column == 1 and kind in ("tce", "total"):
                return status_brush(status)
        if role == STATUS_ROLE:
            return status
        return None


class IndicatorTableModel(RowsTableModel):
    """Every indicator of a report as a row: name, value, unit, status; the tooltip holds inputs and sources."""

    context = CONTEXT
    headers = (
        QT_TRANSLATE_NOOP("Indicators", "Indicator"),
        QT_TRANSLATE_NOOP("Indicators", "Value"),
        QT_TRANSLATE_NOOP("Indicators", "Unit"),
        QT_TRANSLATE_NOOP("Indicators", "Status"),
    )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.headers):
            return None
        indicator = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return indicator.label.get(self.language)
            if column == 1:
                return number(indicator.value)
            if column == 2:
                return unit_label(indicator.unit, self.language)
            if indicator.value is None:
                # A blank is not a verified number: say why it is blank instead.
                why = indicator.note.get(self.language) if indicator.note else ""
                return QCoreApplication.translate("Indicators", "not computed") + (f": {why}" if why else "")
            return status_suffix(indicator.status, self.language).strip() or QCoreApplication.translate(
                "Indicators", "verified source"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return indicator_tooltip(indicator, self.language)
        if role == Qt.ItemDataRole.ForegroundRole and column in (1, 3):
            return status_brush(indicator.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == STATUS_ROLE:
            return indicator.status
        return None


FORM_NAMES = {
    "motor": QT_TRANSLATE_NOOP("Indicators", "Motor"),
    "pump": QT_TRANSLATE_NOOP("Indicators", "Pump"),
    "fan": QT_TRANSLATE_NOOP("Indicators", "Fan"),
    "air_compressor": QT_TRANSLATE_NOOP("Indicators", "Air compressor"),
    "boiler": QT_TRANSLATE_NOOP("Indicators", "Boiler"),
    "transformer": QT_TRANSLATE_NOOP("Indicators", "Transformer"),
}


class EquipmentGradeModel(RowsTableModel):
    """One row per graded record; double-clicking a row opens the record (its uuid is in UUID_ROLE)."""

    context = CONTEXT
    headers = (
        QT_TRANSLATE_NOOP("Indicators", "Tag"),
        QT_TRANSLATE_NOOP("Indicators", "Equipment"),
        QT_TRANSLATE_NOOP("Indicators", "Kind"),
        QT_TRANSLATE_NOOP("Indicators", "Standard"),
        QT_TRANSLATE_NOOP("Indicators", "Result"),
        QT_TRANSLATE_NOOP("Indicators", "Compared value"),
        QT_TRANSLATE_NOOP("Indicators", "Outdated catalogue"),
        QT_TRANSLATE_NOOP("Indicators", "Load / losses"),
    )

    def _extras_text(self, result: Grading) -> str:
        return "; ".join(
            f"{e.label.get(self.language)} {number(e.value)} {e.unit}{status_suffix(e.status, self.language)}"
            for e in result.extras
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.headers):
            return None
        result = self.rows[index.row()]
        column = index.column()
        if role == UUID_ROLE:
            return result.uuid
        if role == STATUS_ROLE:
            return result.status
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return result.tag
            if column == 1:
                return result.name
            if column == 2:
                return translated(str(FORM_NAMES.get(result.form_id, result.form_id)))
            if column == 3:
                return result.standard
            if column == 4:
                return result.reason.get(self.language) + status_suffix(result.grade_status, self.language)
            if column == 5:
                return "" if result.compared is None else f"{number(result.compared.value)} {result.compared.unit}"
            if column == 6:
                return "" if result.outdated is None else result.outdated.message().get(self.language)
            return self._extras_text(result)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"<b>{html.escape(result.tag)}</b> {html.escape(result.reason.get(self.language))}"]
            if result.compared is not None:
                parts.append(indicator_tooltip(result.compared, self.language))
            if result.outdated is not None:
                parts.append(
                    html.escape(result.outdated.message().get(self.language))
                    + "<br/>"
                    + sources_html((result.outdated.source,))
                )
            parts.extend(indicator_tooltip(extra, self.language) for extra in result.extras)
            parts.append(
                "<i>"
                + html.escape(QCoreApplication.translate("Indicators", "Double-click to open the record."))
                + "</i>"
            )
            return "<hr/>".join(parts)
        if role == Qt.ItemDataRole.BackgroundRole and (
            result.verdict is Verdict.BELOW_GRADE_3 or (result.outdated and not result.outdated.suspected)
        ):
            return QBrush(BELOW_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            if (
                result.verdict.decided
                and result.verdict is not Verdict.BELOW_GRADE_3
                and result.grade_status is not Status.U
            ):
                return QBrush(GOOD_COLOUR)
            if not result.verdict.decided:
                return QBrush(GREY)
            return status_brush(result.grade_status)
        if role == Qt.ItemDataRole.ForegroundRole and column == 7 and result.extras:
            return status_brush(weakest(*(e.status for e in result.extras)))
        return None
