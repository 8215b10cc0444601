"""XlsxWriter's worksheet with its innermost loop, one `<c>` element per cell, written in one step.

XlsxWriter writes each cell through a general routine (a list of attributes, each escaped, the cell's
kind found by its class name): on the large audit's 57,000 cells that was a quarter of saving the
workbook. The report's cells are nearly all shared strings, numbers, dates and blanks, each with a
format; those are written here directly, to the same XML byte for byte (tests/audit/report/
test_fast_sheet.py compares whole workbooks), and every other kind goes the stock way.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import (
    CellBlankTuple,
    CellDatetimeTuple,
    CellNumberTuple,
    CellStringTuple,
    Worksheet,
)


class ReportWorksheet(Worksheet):  # type: ignore[misc]
    """A worksheet whose common cells are written without XlsxWriter's per-attribute work."""

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
