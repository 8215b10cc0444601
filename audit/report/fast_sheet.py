"""XlsxWriter's worksheet with its innermost loop, one `<c>` element per cell, written in one step.

XlsxWriter writes each cell through a general routine (a list of attributes, each escaped, the cell's
kind found by its class name): on the large audit's 57,000 cells that was a quarter of saving the
workbook. The report's cells are nearly all shared strings, numbers, dates and blanks, each with a
format; those are written here directly, to the same XML byte for byte (tests/audit/report/
test_fast_sheet.py compares whole workbooks), and every other kind goes the stock way. Formulas
that call only classic functions (IF, SUM) skip XlsxWriter's search for newer ones to rename.

The workbook's zip stores pictures as they are (JPEG and PNG do not deflate further: deflating the
large audit's 200 thumbnails again took as long as its XML) and deflates the XML at level 1 (a quarter
of the default level's time; the file is about 5% larger).
"""

from __future__ import annotations

import re
import threading
from typing import Any
from zipfile import ZIP_STORED, ZipFile, ZipInfo

import xlsxwriter.workbook
from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import (
    CellBlankTuple,
    CellDatetimeTuple,
    CellNumberTuple,
    CellStringTuple,
    Worksheet,
)

# Functions XlsxWriter never renames (its renaming adds "_xlfn." to newer ones, with ~30 regular
# expressions a formula): a formula calling only these is written as given, less its "=".
_CLASSIC_FUNCTIONS = frozenset({"IF", "SUM", "ROUND", "ABS", "MIN", "MAX", "AVERAGE", "IFERROR", "SUMPRODUCT"})
_CALLED = re.compile(r"([A-Za-z_][A-Za-z0-9._]*)\(")


class ReportWorksheet(Worksheet):  # type: ignore[misc]
    """A worksheet whose common cells are written without XlsxWriter's per-attribute work."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> Any:
        called = _CALLED.findall(formula)
        if (
            self.use_future_functions
            or expand_future_functions
            or formula.startswith("{")
            or formula.endswith("}")
            or not formula.startswith("=")
            or not _CLASSIC_FUNCTIONS.issuperset(name.upper() for name in called)
        ):
            return super()._prepare_formula(formula, expand_future_functions)
        return formula[1:]

    def _write_cell(self, row: int, col: int, cell: Any) -> None:
        kind = type(cell)
        cell_format = cell.format
        # Row and column formats, inline strings and every other kind: XlsxWriter's own routine.
        if cell_format is None or self.constant_memory:
            super()._write_cell(row, col, cell)
        elif kind is CellStringTuple:
            # A shared string: the cell holds its index (the reference and index need no escaping).
            self.fh.write(
                f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell_format._get_xf_index()}" t="s">'
                f"<v>{cell.string}</v></c>"
            )
        elif kind is CellNumberTuple or kind is CellDatetimeTuple:
            self.fh.write(
                f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell_format._get_xf_index()}">'
                f"<v>{cell.number:.16G}</v></c>"
            )
        elif kind is CellBlankTuple:
            self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell_format._get_xf_index()}"/>')
        else:
            super()._write_cell(row, col, cell)


class _ReportZip(ZipFile):
    """The zip XlsxWriter packs the workbook into: pictures stored, XML parts deflated at level 1."""

    def writestr(
        self,
        zinfo_or_arcname: str | ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, ZipInfo) else zinfo_or_arcname
        if compress_type is None and name.startswith("xl/media/"):
            compress_type = ZIP_STORED
        super().writestr(zinfo_or_arcname, data, compress_type, 1 if compresslevel is None else compresslevel)


_packing = threading.Lock()


class ReportWorkbook(Workbook):  # type: ignore[misc]
    """XlsxWriter's workbook with the report's worksheet and zip.

    XlsxWriter names its zip class in its module; it is swapped for `_ReportZip` only while this
    workbook is packed (under a lock, so two reports packed at once each restore it).
    """

    worksheet_class = ReportWorksheet

    def _store_workbook(self) -> None:
        with _packing:
            stock = xlsxwriter.workbook.ZipFile
            xlsxwriter.workbook.ZipFile = _ReportZip
            try:
                super()._store_workbook()
            finally:
                xlsxwriter.workbook.ZipFile = stock
