"""Native Excel charts of the report, each energy type in the colour the app's charts give it.

XlsxWriter stores each series' values in the chart itself, so previewers that do not calculate
still draw the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from audit.energy_colours import energy_colour


def _range(sheet: str, first_row: int, first_col: int, last_row: int, last_col: int) -> str:
    name = sheet.replace("'", "''")
    start = xl_rowcol_to_cell(first_row, first_col, True, True)
    end = xl_rowcol_to_cell(last_row, last_col, True, True)
    return f"='{name}'!{start}:{end}"


def structure_pie(
    workbook: Any, sheet: str, rows: Sequence[tuple[int, str]], label_col: int, value_col: int, title: str
) -> Any:
    """A pie of tce by energy type over rows (row, energy type code) that lie next to each other."""
    chart = workbook.add_chart({"type": "pie"})
    first, last = rows[0][0], rows[-1][0]
    chart.add_series(
        {
            "name": title,
            "categories": _range(sheet, first, label_col, last, label_col),
            "values": _range(sheet, first, value_col, last, value_col),
            "points": [{"fill": {"color": energy_colour(code)}} for _, code in rows],
            "data_labels": {"percentage": True, "leader_lines": True},
        }
    )
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_legend({"position": "right"})
    return chart


def monthly_columns(
    workbook: Any,
    sheet: str,
    header_row: int,
    rows: Sequence[tuple[int, str]],
    first_col: int,
    last_col: int,
    title: str,
    y_title: str,
) -> Any:
    """Stacked columns of tce per month, one series (and colour) per energy type."""
    chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
    for row, code in rows:
        chart.add_series(
            {
                "name": _range(sheet, row, 0, row, 0),
                "categories": _range(sheet, header_row, first_col, header_row, last_col),
                "values": _range(sheet, row, first_col, row, last_col),
                "fill": {"color": energy_colour(code)},
                "gap": 60,
            }
        )
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_y_axis({"name": y_title, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_legend({"position": "bottom"})
    return chart


def savings_bars(
    workbook: Any, sheet: str, first_row: int, last_row: int, label_col: int, value_col: int, title: str
) -> Any:
    """Horizontal bars of the energy each measure saves (tce per year)."""
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": title,
            "categories": _range(sheet, first_row, label_col, last_row, label_col),
            "values": _range(sheet, first_row, value_col, last_row, value_col),
            "fill": {"color": "#2CA02C"},
            "data_labels": {"value": True, "num_format": "#,##0.0"},
        }
    )
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})  # the first measure on top, as in the table
    chart.set_size({"width": 720, "height": max(240, 22 * (last_row - first_row + 1) + 80)})
    return chart
