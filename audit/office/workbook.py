"""The county office's consolidated workbook: register, carbon efficiency, project reserve, progress, water list.

Written with the report's machinery and safety rules (audit/report/cells.py: every cell through
`SheetWriter`, user text never a formula, numbers real numbers, formulas stored with their values),
one temporary file renamed into place. Every figure row names the audit and revision it came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from audit import APP_NAME, APP_VERSION
from audit.lean_sqlite_utils import Database
from audit.output_files import write_atomically
from audit.report.cells import FormulaCell, SheetWriter, Styles, cell_name
from audit.report.workbook import PAPER_A3, PAPER_A4, WORKBOOK_OPTIONS
from forms.spec import Text

LANGUAGES = ("zh", "en")


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


@dataclass
class WrittenWorkbook:
    sheets: dict[str, str] = field(default_factory=dict)
    formulas: list[FormulaCell] = field(default_factory=list)


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


def _print_setup(worksheet: Worksheet, sheet: OfficeSheet, writer: SheetWriter, context: OfficeContext) -> None:
    """Paper, fit to width, repeated header, header and footer (as the audit report prints)."""
    worksheet.set_paper(PAPER_A3 if sheet.landscape else PAPER_A4)
    if sheet.landscape:
        worksheet.set_landscape()
    worksheet.fit_to_pages(1, 0)
    worksheet.set_margins(left=0.5, right=0.5, top=0.8, bottom=0.8)
    title = sheet.title.get(context.language).replace("&", "&&")
    office = context.office_name.replace("&", "&&")
    worksheet.set_header(f"&L{office}&R{title}")
    pages = context.tr(Text("Page &P of &N", "第 &P 页，共 &N 页"))
    worksheet.set_footer(f"&L{context.app.replace('&', '&&')}&C{pages}&R{context.generated_on.isoformat()}")
    repeated = writer.header_rows or writer.title_rows
    if repeated is not None:
        worksheet.repeat_rows(*repeated)
        worksheet.freeze_panes(repeated[1] + 1, 0)


def sheets() -> list[OfficeSheet]:
    """The workbook's sheets in order."""
    from audit.office import workbook_reserve, workbook_sheets

    return [
        workbook_sheets.REGISTER,
        workbook_sheets.CARBON,
        workbook_reserve.RESERVE,
        workbook_reserve.PROGRESS,
        workbook_sheets.WATER,
    ]


def write_office_workbook(context: OfficeContext, path: Path) -> WrittenWorkbook:
    """Write every sheet to `path` (a new file; `export_office_workbook` makes it atomic)."""
    if context.language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {context.language!r}")
    workbook = Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties(
        {"title": context.tr(Text("County office workbook", "县域节能降碳工作台账")), "comments": context.app}
    )
    styles = Styles(workbook)
    written = WrittenWorkbook()
    try:
        for sheet in sheets():
            worksheet = workbook.add_worksheet(sheet.sheet_name(context.language))
            writer = SheetWriter(worksheet, styles, context.language)
            sheet.build(context, writer)
            writer.finish()
            _print_setup(worksheet, sheet, writer, context)
            written.sheets[sheet.key] = worksheet.get_name()
            written.formulas.extend(writer.formulas)
    except BaseException:
        workbook.fileclosed = True
        raise
    workbook.close()
    return written


def this_month(today: dt.date) -> str:
    return f"{today.year:04d}-{today.month:02d}"


def export_office_workbook(
    db: Database,
    target: Path,
    language: str = "zh",
    month: str | None = None,
    today: dt.date | None = None,
    office_name: str = "",
) -> WrittenWorkbook:
    """Write the consolidated workbook of the office database `db` to `target`, all or nothing."""
    day = today or dt.date.today()
    context = OfficeContext(db, language, month or this_month(day), day, office_name)
    written: list[WrittenWorkbook] = []
    write_atomically(target, lambda temporary: written.append(write_office_workbook(context, temporary)))
    return written[0]
