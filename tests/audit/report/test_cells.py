"""The safe cell writer: user text stays text, numbers stay numbers, headers carry units, widths fit Chinese."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from xlsxwriter.workbook import Workbook

from audit.report.cells import SheetWriter, Styles, clean_text, display_width, header_text
from audit.report.workbook import WORKBOOK_OPTIONS
from forms.spec import Text

INJECTIONS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", '=HYPERLINK("http://x","y")', "\t=1"]


def write(path: Path, fill: object) -> None:
    workbook = Workbook(str(path), WORKBOOK_OPTIONS)
    writer = SheetWriter(workbook.add_worksheet("s"), Styles(workbook), "zh")
    fill(writer)  # type: ignore[operator]
    writer.finish()
    workbook.close()


def test_text_that_looks_like_a_formula_stays_the_text_typed(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write(path, lambda w: [w.text(row, 0, text) for row, text in enumerate(INJECTIONS)])
    sheet = openpyxl.load_workbook(path).active
    for row, text in enumerate(INJECTIONS, start=1):
        cell = sheet.cell(row, 1)
        assert cell.value == text
        assert cell.data_type == "s"  # a string, not "f" (formula) or "n"


def test_control_characters_are_removed_and_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write(path, lambda w: w.text(0, 0, "泵\x00房\x07 1号\r\n第二行\x1b"))
    assert openpyxl.load_workbook(path).active["A1"].value == "泵房 1号\n第二行"
    assert clean_text("a\x7fb\u0085c") == "abc"


def test_numbers_are_numbers_with_formats_and_missing_ones_are_empty(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"

    def fill(w: SheetWriter) -> None:
        w.number(0, 0, 1234.5678, "decimal2")
        w.number(1, 0, 0.1229, "coefficient")
        w.number(2, 0, None, "decimal2")
        w.number(3, 0, float("nan"), "decimal2")
        w.formula(4, 0, "=A1*A2", 1234.5678 * 0.1229, "decimal2")
        w.date(5, 0, "2025-03-01")

    write(path, fill)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == 1234.5678 and sheet["A1"].number_format == "#,##0.00"
    assert sheet["A2"].data_type == "n" and sheet["A2"].number_format == "0.0000##"
    assert sheet["A3"].value is None and sheet["A4"].value is None
    assert sheet["A5"].value == "=A1*A2"
    stored = openpyxl.load_workbook(path, data_only=True).active
    # The value the app computed is stored with the formula: readers that do not calculate show it.
    assert stored["A5"].value == 1234.5678 * 0.1229
    assert sheet["A6"].is_date and sheet["A6"].value.isoformat().startswith("2025-03-01")


def test_headers_carry_units_in_the_readers_language() -> None:
    assert header_text(Text("Intensity", "单位产值能耗"), "tce/10k yuan", "zh") == "单位产值能耗（tce/万元）"
    assert header_text(Text("Intensity", "单位产值能耗"), "tce/10k yuan", "en") == "Intensity (tce/10k yuan)"
    assert header_text(Text("Name", "名称"), None, "en") == "Name"


def test_columns_are_wide_enough_for_chinese(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    name = "绍兴柯桥恒盛印染有限公司"
    write(path, lambda w: (w.text(0, 0, name, "plain"), w.text(0, 1, "abc", "plain")))
    sheet = openpyxl.load_workbook(path).active
    # A Chinese character is about twice as wide as a Latin one in Excel's width units.
    assert sheet.column_dimensions["A"].width >= 2 * len(name)
    assert sheet.column_dimensions["B"].width < 12
    assert display_width("电力") > display_width("ab") * 1.8
