"""The safe cell writer: user text stays text, numbers stay numbers, every cell gets a named style.

Every cell of the report is written through `SheetWriter`, never through XlsxWriter's `write()`
(which turns a string starting with "=" into a live formula). Text from users (names, notes, captions)
is written with `write_string`, so "=cmd|' /C calc'!A0" or "+1" stays the characters typed; control
characters, which Excel refuses and which could hide text, are removed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from forms.spec import Text
from forms.units import unit_label

# Excel keeps at most 32,767 characters in a cell.
MAX_CELL_CHARS = 32_767
# Tab and newline are kept (a note may have several lines); every other control character goes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

LINE_HEIGHT_PT = 12.75  # one line of 10 pt text as LibreOffice and Excel space it
BASE_FONT = {"font_name": "宋体", "font_size": 10, "valign": "vcenter"}
# The named styles of the report: every cell uses one of these (plus, for numbers, a number format).
STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 16, "font_name": "黑体"},
    "subtitle": {"bold": True, "font_size": 12, "font_name": "黑体"},
    "header": {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "align": "center"},
    "label": {"bold": True, "border": 1, "bg_color": "#F2F2F2", "text_wrap": True},
    "text": {"border": 1, "text_wrap": True},
    "plain": {},
    "note": {"italic": True, "font_color": "#595959", "text_wrap": True},
    "total": {"bold": True, "border": 1, "top": 2, "bg_color": "#FFF2CC"},
    "unverified": {"border": 1, "bg_color": "#FCE4D6", "font_color": "#9C0006", "text_wrap": True},
    "pass": {"border": 1, "font_color": "#006100", "bg_color": "#C6EFCE", "text_wrap": True},
    "fail": {"border": 1, "font_color": "#9C0006", "bg_color": "#FFC7CE", "text_wrap": True},
    "signature": {"bottom": 1},
    "link": {"border": 1, "text_wrap": True, "font_color": "#0563C1", "underline": 1},
}
_WRAPPING = frozenset(name for name, properties in STYLES.items() if properties.get("text_wrap"))
# Number formats by name: the report never stores a number as text.
NUMBER_FORMATS: dict[str, str] = {
    "integer": "#,##0",
    "decimal1": "#,##0.0",
    "decimal2": "#,##0.00",
    "decimal3": "#,##0.000",
    "coefficient": "0.0000##",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
}


def clean_text(value: object) -> str:
    """User text as it may go into a cell: control characters removed, Excel's length limit kept."""
    text = str(value)
    if text.isascii() and text.isprintable() and len(text) <= MAX_CELL_CHARS:
        return text  # most cells (tags, numbers as text, codes): nothing to normalise or remove
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)[:MAX_CELL_CHARS]


# East Asian wide and full-width characters (CJK, kana, hangul, full-width forms): two columns each.
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


@lru_cache(maxsize=8192)
def _counts(line: str) -> tuple[int, int]:
    """(wide, narrow) characters of a line (a regex, not a per-character loop: reports have 100k cells)."""
    wide = 0 if line.isascii() else len(_WIDE.findall(line))
    return wide, len(line) - wide


def line_width(line: str) -> float:
    """Width a line needs to fit unwrapped, in Excel's character units (generous: a column should not clip)."""
    wide, narrow = _counts(line)
    return 2.1 * wide + 1.1 * narrow


def running_width(line: str) -> float:
    """Width a line takes as wrapped running text. Latin text is narrower than the digit Excel's unit is
    measured on (about 0.8 of it in LibreOffice's PDF of the carbon sheet); Chinese is two units a character."""
    wide, narrow = _counts(line)
    return 2.0 * wide + 0.85 * narrow


def _measured(value: str) -> tuple[str, float, tuple[float, ...]]:
    """A cell's text cleaned, the width its widest line needs unwrapped, and each line's running width."""
    text = clean_text(value)
    lines = text.split("\n")
    return text, max(line_width(line) for line in lines), tuple(running_width(line) for line in lines)


_measured_short = lru_cache(maxsize=16384)(_measured)


def _prepared(value: str) -> tuple[str, float, tuple[float, ...]]:
    """`_measured`, remembered for short texts: a report repeats the same labels, reasons and standards
    on thousands of rows (long notes are measured each time, so the cache stays small)."""
    return _measured_short(value) if len(value) <= 256 else _measured(value)


def _number_width(value: float) -> float:
    """Width a number shown with two decimals and thousands separators needs (ASCII: line_width's narrow rate)."""
    return 1.1 * len(f"{value:,.2f}")


_DATE_WIDTH = line_width("2025-01-01")


def display_width(text: str) -> float:
    """Column width a string needs, in Excel's character units: CJK and other wide characters count two."""
    return max(line_width(line) for line in text.split("\n"))


def cell_name(row: int, col: int, absolute: bool = False) -> str:
    return str(xl_rowcol_to_cell(row, col, absolute, absolute))


def header_text(label: Text, unit: str | None, language: str) -> str:
    """A column header with its unit, as a reader of `language` writes it: 'Quantity (tce)', '折标量（tce）'."""
    name = label.get(language)
    if not unit:
        return name
    shown = unit_label(unit, language)
    return f"{name}（{shown}）" if language == "zh" else f"{name} ({shown})"


@lru_cache(maxsize=16384)
def _lines(widths: tuple[float, ...], column_width: float) -> int:
    """How many lines text with these running widths takes in a column this wide (remembered: the same
    texts fill the same columns on thousands of rows)."""
    usable = max(column_width - 1.0, 1.0)
    return sum(max(1, math.ceil(width / usable)) for width in widths)


class Styles:
    """The workbook's formats, created once per (style name, number format) and reused."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._formats: dict[tuple[str, str | None], Any] = {}

    def get(self, style: str, number_format: str | None = None) -> Any:
        try:
            return self._formats[style, number_format]
        except KeyError:
            properties = dict(BASE_FONT) | STYLES[style]
            if number_format is not None:
                properties["num_format"] = NUMBER_FORMATS[number_format]
            made = self._formats[style, number_format] = self.workbook.add_format(properties)
            return made


@dataclass
class FormulaCell:
    """A formula written with the value the app computed, so readers that do not calculate show it."""

    sheet: str
    cell: str
    formula: str
    value: float


class SheetWriter:
    """Writes one worksheet: text, numbers, formulas and headers, tracking the widths columns need."""

    def __init__(
        self, worksheet: Worksheet, styles: Styles, language: str, anchors: dict[str, str] | None = None
    ) -> None:
        self.worksheet = worksheet
        self.styles = styles
        self.language = language
        # Where each record is shown ("'设备'!A12"), shared by the sheets so that later ones link to it.
        self.anchors: dict[str, str] = {} if anchors is None else anchors
        self.widths: dict[int, float] = {}
        # Wrapped cells by row (column, width needed) and rows given a height: rows grow to show all lines,
        # since neither LibreOffice nor Excel re-measures wrapped text when it opens a file.
        self.wrapped: dict[int, list[tuple[int, tuple[float, ...]]]] = {}
        self.heights: dict[int, float] = {}
        self.formulas: list[FormulaCell] = []
        # Rows printed again at the top of every page and kept in view when scrolling (a table's header).
        self.header_rows: tuple[int, int] | None = None
        self.title_rows: tuple[int, int] | None = None

    def repeat_header(self, first_row: int, last_row: int | None = None) -> None:
        """Mark the header of the sheet's main table: frozen on screen, repeated on every printed page."""
        if self.header_rows is None:
            self.header_rows = (first_row, first_row if last_row is None else last_row)

    def tr(self, text: Text) -> str:
        return text.get(self.language)

    def _widen(self, col: int, width: float) -> None:
        if width > self.widths.get(col, 0.0):
            self.widths[col] = width

    def text(self, row: int, col: int, value: object, style: str = "text", fit: bool = True) -> None:
        """Text from anywhere (a user, a label): always a string cell, never a formula or a number.

        `fit=False` for text meant to spill over its neighbours (titles), which must not widen its column.
        """
        if value is None or value == "":
            self.blank(row, col, style)
            return
        text, widest, running = _prepared(value.get(self.language) if isinstance(value, Text) else str(value))
        # XlsxWriter's undecorated writers: the decorated ones first try to read `row` as "A1" on every call.
        self.worksheet._write_string(row, col, text, self.styles.get(style))
        if style in _WRAPPING:
            if fit:
                # Wrapped text stops widening its column at 40 (headers at 16: about 8 Chinese characters a
                # line); the row grows instead.
                self._widen(col, min(widest, 16.0 if style == "header" else 40.0))
            self.wrapped.setdefault(row, []).append((col, running))
        elif fit:
            self._widen(col, widest)

    def anchor(self, record_uuid: str, row: int, col: int = 0) -> None:
        """Remember that this row shows the record, so that photos and findings can link to it."""
        name = self.worksheet.get_name().replace("'", "''")
        self.anchors.setdefault(record_uuid, f"'{name}'!{cell_name(row, col)}")

    def link(self, row: int, col: int, anchor: str, value: object, style: str = "link") -> None:
        """Text that jumps to another place in the workbook (never to a file or a web address)."""
        text = clean_text(value)
        self.worksheet.write_url(row, col, f"internal:{anchor}", self.styles.get(style), text)
        self._widen(col, min(display_width(text), 40.0))

    def blank(self, row: int, col: int, style: str = "text") -> None:
        self.worksheet._write_blank(row, col, None, self.styles.get(style))

    def number(self, row: int, col: int, value: float | None, number_format: str, style: str = "text") -> None:
        """A real number with a number format; a missing value is an empty cell, never 0 or text."""
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            self.blank(row, col, style)
            return
        self.worksheet._write_number(row, col, float(value), self.styles.get(style, number_format))
        self._widen(col, _number_width(value))

    def formula(
        self, row: int, col: int, formula: str, value: float | None, number_format: str, style: str = "text"
    ) -> None:
        """A formula a reader can follow, stored with the value the app computed for it."""
        if value is None or not math.isfinite(value):
            # Excel would show #DIV/0! or a wrong 0 where the app has no value: leave it empty instead.
            self.blank(row, col, style)
            return
        self.worksheet.write_formula(row, col, formula, self.styles.get(style, number_format), float(value))
        self.formulas.append(FormulaCell(self.worksheet.get_name(), cell_name(row, col), formula, float(value)))
        self._widen(col, _number_width(value))

    def date(self, row: int, col: int, value: str | None, style: str = "text") -> None:
        """An ISO date from a record, as a real Excel date."""
        import datetime as dt

        if not value:
            self.blank(row, col, style)
            return
        try:
            day = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            self.text(row, col, value, style)
            return
        self.worksheet.write_datetime(
            row, col, dt.datetime(day.year, day.month, day.day), self.styles.get(style, "date")
        )
        self._widen(col, _DATE_WIDTH)

    def headers(self, row: int, columns: Sequence[tuple[Text, str | None]], col: int = 0) -> None:
        """A header row: each column's label with its unit."""
        for offset, (label, unit) in enumerate(columns):
            self.text(row, col + offset, header_text(label, unit, self.language), "header")

    def title(self, text: Text | str, subtitle: Text | str | None = None) -> int:
        """The sheet's title (and subtitle) at the top; returns the next free row.

        A sheet of several tables repeats its title on every printed page; a sheet of one table
        repeats that table's header instead (`repeat_header`, which wins).
        """
        self.text(0, 0, text, "title", fit=False)
        self.set_height(0, 24)
        if subtitle:
            self.text(1, 0, subtitle, "plain", fit=False)
        self.title_rows = (0, 1 if subtitle else 0)
        return 3 if subtitle else 2

    def set_height(self, row: int, points: float) -> None:
        self.heights[row] = points
        self.worksheet.set_row(row, points)

    def finish(self, minimum: float = 8.0, maximum: float = 60.0) -> None:
        """Set every column to the width its widest cell needs, and rows to the lines their wrapped text takes."""
        final: dict[int, float] = {}
        for col, width in self.widths.items():
            final[col] = max(minimum, min(maximum, width + 1.5))
            self.worksheet.set_column(col, col, final[col])
        for row, cells in self.wrapped.items():
            if row in self.heights:
                continue
            lines = max(_lines(widths, final.get(col, 8.43)) for col, widths in cells)
            if lines > 1:
                self.worksheet.set_row(row, LINE_HEIGHT_PT * min(lines, 30))
