"""What the office workbook's sheets are written with: the context, the sheet spec, columns, tables, sums."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from audit import APP_NAME, APP_VERSION
from audit.lean_sqlite_utils import Database
from audit.report.cells import SheetWriter, cell_name
from forms.spec import Text


@dataclass
class OfficeContext:
    """What the office sheets read: the database, the language, the month the reserve is shown in."""

    db: Database
    language: str
    month: str
    generated_on: dt.date
    office_name: str = ""
    app: str = f"{APP_NAME} {APP_VERSION}"

    def tr(self, text: Text) -> str:
        return text.get(self.language)


@dataclass(frozen=True)
class OfficeSheet:
    key: str
    title: Text
    build: Callable[[OfficeContext, SheetWriter], None]
    landscape: bool = True

    def sheet_name(self, language: str) -> str:
        name = self.title.get(language)
        for character in "[]:*?/\\":
            name = name.replace(character, " ")
        return name[:31]


@dataclass(frozen=True)
class Column:
    """A table column: header (with unit), the row key it shows, and how (text, a number format, a date)."""

    label: Text
    key: str
    kind: str = "text"  # "text", "date" or a number format of audit/report/cells.py
    unit: str | None = None


def write_table(writer: SheetWriter, row: int, columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> int:
    """A header and one line per row (missing numbers stay empty); returns the next free row."""
    writer.headers(row, [(c.label, c.unit) for c in columns])
    writer.repeat_header(row)
    for item in rows:
        row += 1
        unverified = set(item.get("_unverified", ()))
        for col, column in enumerate(columns):
            value = item.get(column.key)
            style = "unverified" if column.key in unverified else "text"
            if column.kind == "text":
                writer.text(row, col, value, style)
            elif column.kind == "date":
                writer.date(row, col, value, style)
            else:
                writer.number(row, col, value, column.kind, style)
    return row + 1


def sum_row(
    writer: SheetWriter,
    row: int,
    first: int,
    last: int,
    columns: Sequence[Column],
    summed: Sequence[str],
    rows: Sequence[dict[str, Any]],
    label: Text,
) -> dict[str, str]:
    """A totals row of SUM formulas (stored with the sums of `rows`); returns each summed column's cell."""
    writer.text(row, 0, label, "total")
    cells: dict[str, str] = {}
    for col, column in enumerate(columns[1:], start=1):
        if column.key not in summed:
            writer.blank(row, col, "total")
            continue
        value = sum(float(item.get(column.key) or 0.0) for item in rows)
        formula = f"=SUM({cell_name(first, col)}:{cell_name(last, col)})"
        writer.formula(row, col, formula, value, column.kind, "total")
        cells[column.key] = cell_name(row, col)
    return cells
