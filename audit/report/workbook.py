"""Write the report workbook: every sheet from the registry, with print setup, widths and properties.

XlsxWriter, not openpyxl, writes the report: it stores each formula's value next to the formula and
each chart's data in the chart, so previewers and phones, which do not calculate, show every number
(openpyxl leaves both empty). openpyxl still reads workbooks back in the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from audit.report.cells import FormulaCell, SheetWriter, Styles
from audit.report.context import ReportContext
from audit.report.fast_sheet import ReportWorkbook
from audit.report.sheets import SheetSpec, discover_sheets
from forms.spec import Text

Progress = Callable[[int, int, str], None]

# Never let XlsxWriter guess: a string is a string (no formulas, numbers or links made from text).
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "default_date_format": "yyyy-mm-dd",
    # Assemble the parts in memory and zip them from there: no temporary file per sheet and per photo
    # (a report with 200 photos made and deleted some 240 files).
    "in_memory": True,
}
PAPER_A4, PAPER_A3 = 9, 8


@dataclass
class WrittenReport:
    """What was written: the sheets (by key, with their tab names) and every formula with its value."""

    sheets: dict[str, str] = field(default_factory=dict)
    formulas: list[FormulaCell] = field(default_factory=list)


def _header_footer_text(value: str) -> str:
    # "&" starts a code in Excel headers and footers; a literal one is written "&&".
    return value.replace("&", "&&")


def print_setup(worksheet: Worksheet, sheet: SheetSpec, writer: SheetWriter, context: ReportContext) -> None:
    """Paper, orientation, fit to width, repeated header rows, header and footer, frozen header."""
    if sheet.layout == "landscape":
        worksheet.set_paper(PAPER_A3)
        worksheet.set_landscape()
    else:
        worksheet.set_paper(PAPER_A4)
        worksheet.set_portrait()
    worksheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as it takes
    worksheet.set_margins(left=0.5, right=0.5, top=0.8, bottom=0.8)
    worksheet.center_horizontally()
    enterprise = _header_footer_text(context.enterprise_name)
    title = _header_footer_text(sheet.title.get(context.language))
    worksheet.set_header(f"&L{enterprise}&R{title}")
    pages = context.tr(Text("Page &P of &N", "第 &P 页，共 &N 页"))
    worksheet.set_footer(f"&L{_header_footer_text(context.app)}&C{pages}&R{context.generated_on.isoformat()}")
    repeated = writer.header_rows or writer.title_rows
    if repeated is not None:
        first, last = repeated
        worksheet.repeat_rows(first, last)
        worksheet.freeze_panes(last + 1, 0)


def _write(workbook: Workbook, context: ReportContext, progress: Progress) -> WrittenReport:
    styles = Styles(workbook)
    written = WrittenReport()
    sheets = [sheet for sheet in discover_sheets() if sheet.applies(context)]
    context.sheet_names = {sheet.key: sheet.sheet_name(context.language) for sheet in sheets}
    for index, sheet in enumerate(sheets):
        progress(index, len(sheets) + 1, context.tr(sheet.title))
        worksheet = workbook.add_worksheet(sheet.sheet_name(context.language))
        writer = SheetWriter(worksheet, styles, context.language, context.anchors)
        sheet.build(context, writer)
        writer.finish()
        print_setup(worksheet, sheet, writer, context)
        written.sheets[sheet.key] = worksheet.get_name()
        written.formulas.extend(writer.formulas)
    progress(len(sheets), len(sheets) + 1, context.tr(Text("Saving the workbook", "正在保存工作簿")))
    return written


def write_workbook(context: ReportContext, path: Path, progress: Progress) -> WrittenReport:
    """Write the whole report to `path` (a new file; the caller makes it atomic)."""
    workbook = ReportWorkbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties(
        {
            "title": context.tr(Text("Audit report", "诊断报告")) + f" — {context.enterprise_name}",
            "company": str(context.value(context.audit, "institute") or ""),
            "author": str(context.value(context.audit, "team_leader") or ""),
            "comments": f"{context.app}; {context.audit_file} SHA-256 {context.audit_sha256}",
        }
    )
    try:
        written = _write(workbook, context, progress)
    except BaseException:
        workbook.fileclosed = True  # nothing half-built is written; the caller deletes the file
        raise
    try:
        workbook.close()
    except FileCreateError as error:
        cause = error.args[0] if error.args and isinstance(error.args[0], OSError) else OSError(str(error))
        raise cause from error
    return written
