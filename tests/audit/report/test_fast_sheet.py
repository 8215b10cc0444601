"""The report's worksheet writes its cells' XML itself: the workbook is the one XlsxWriter's own writes."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

import audit.report.workbook as report_workbook
from audit.report.export import export_report
from audit.report.fast_sheet import ReportWorkbook, ReportWorksheet

TODAY = dt.date(2026, 4, 1)


def parts(path: Path) -> dict[str, bytes]:
    """The workbook's parts, less the one that holds the time it was written."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_report_is_byte_for_byte_what_xlsxwriters_own_worksheet_writes(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    fast = tmp_path / "fast.xlsx"
    export_report(demo_path, fast, language, today=TODAY)
    monkeypatch.setattr(report_workbook, "ReportWorkbook", Workbook)
    stock = tmp_path / "stock.xlsx"
    export_report(demo_path, stock, language, today=TODAY)
    fast_parts, stock_parts = parts(fast), parts(stock)
    sheets = [name for name in stock_parts if name.startswith("xl/worksheets/sheet")]
    assert len(sheets) >= 10
    assert list(fast_parts) == list(stock_parts)
    assert [name for name in stock_parts if fast_parts[name] != stock_parts[name]] == []
    # Pictures are stored as they are, the XML deflated; XlsxWriter's own zip deflates everything.
    with zipfile.ZipFile(fast) as archive:
        kinds = {(info.filename.startswith("xl/media/"), info.compress_type) for info in archive.infolist()}
    assert kinds == {(True, zipfile.ZIP_STORED), (False, zipfile.ZIP_DEFLATED)}


def test_cells_of_other_kinds_are_written_the_stock_way(tmp_path: Path) -> None:
    """A cell without a format, a formula and a boolean: the stock routine, same bytes."""
    written = {}
    for kind in (Workbook, ReportWorkbook):
        path = tmp_path / f"{kind.__name__}.xlsx"
        workbook = kind(str(path), {"in_memory": True})
        sheet = workbook.add_worksheet()
        bold = workbook.add_format({"bold": True})
        sheet.set_row(3, None, bold)
        sheet.write_string(0, 0, 'a "quoted" <tag> & _x0041_')
        sheet.write_number(1, 0, 1 / 3, bold)
        sheet.write_formula(2, 0, "=A2*3", bold, 1.0)
        sheet.write_boolean(3, 1, True)
        sheet.write_blank(4, 0, None, bold)
        sheet.write_datetime(5, 0, dt.datetime(2026, 1, 2), bold)
        workbook.close()
        written[kind] = parts(path)["xl/worksheets/sheet1.xml"]
    assert b"<f>A2*3</f>" in written[Workbook]
    assert written[ReportWorkbook] == written[Workbook]


def test_formulas_are_prepared_as_xlsxwriter_prepares_them() -> None:
    """Classic functions are written as given; newer ones still get XlsxWriter's "_xlfn." prefix."""
    stock, fast = Worksheet(), ReportWorksheet()
    formulas = (
        "=IF(B2<=0,0,B2/C2)",
        "=SUM(A1:A9)/3",
        "=IF(A1>0,XLOOKUP(A1,B:B,C:C),0)",
        "=SUM(FILTER(A1:A9,A1:A9>0))",
        "=A1+SINGLE(B1)",
        "{=SUM(A1:A3*B1:B3)}",
        "=A1*2",
    )
    prepared = [fast._prepare_formula(formula) for formula in formulas]
    assert prepared == [stock._prepare_formula(formula) for formula in formulas]
    assert prepared[0] == "IF(B2<=0,0,B2/C2)" and "_xlfn.XLOOKUP(" in prepared[2]
