"""The county office's consolidated workbook: register, carbon efficiency, project reserve, progress, water list.

Written with the report's machinery and safety rules (audit/report/cells.py: every cell through
`SheetWriter`, user text never a formula, numbers real numbers, formulas stored with their values),
one temporary file renamed into place. Every figure row names the audit and revision it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from audit.lean_sqlite_utils import Database
from audit.office import workbook_reserve, workbook_sheets
from audit.office.sheet_parts import OfficeContext, OfficeSheet
from audit.output_files import write_atomically
from audit.report.cells import FormulaCell, SheetWriter, Styles
from audit.report.workbook import PAPER_A3, PAPER_A4, WORKBOOK_OPTIONS
from forms.spec import Text

LANGUAGES = ("zh", "en")


@dataclass
class WrittenWorkbook:
    sheets: dict[str, str] = field(default_factory=dict)
    formulas: list[FormulaCell] = field(default_factory=list)


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
