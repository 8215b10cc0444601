"""The demo's report holds the cells it held before the export was made faster (issue 12).

tests/audit/data/report_baseline.json was written from main at b66011f (before the speed work of
report12b): every non-empty cell of the demo report in Chinese and English (value, or a formula's text,
and number format), exported with the date fixed. Two things vary from one demo file to the next and
are stored as placeholders: the audit file's SHA-256 and the app's name and version. A change to what
the report shows must come with a new baseline (and say why); a faster writer must leave it as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from audit import APP_NAME, APP_VERSION
from audit.report.export import export_report

BASELINE = Path(__file__).parents[1] / "data" / "report_baseline.json"
TODAY = dt.date(2026, 1, 15)


def report_cells(report: Path, audit: Path) -> dict[str, list[list[Any]]]:
    """Every non-empty cell by sheet: [coordinate, value (formulas as text), number format]."""
    sha = hashlib.sha256(audit.read_bytes()).hexdigest()
    app = f"{APP_NAME} {APP_VERSION}"

    def plain(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.isoformat()
        if value == sha:
            return "<audit file SHA-256>"
        if isinstance(value, str) and app in value:
            return value.replace(app, "<app>")
        return value

    workbook = openpyxl.load_workbook(report)
    return {
        sheet.title: [
            [cell.coordinate, plain(cell.value), cell.number_format]
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        for sheet in workbook.worksheets
    }


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_demo_report_has_the_cells_of_the_baseline(demo_path: Path, tmp_path: Path, language: str) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))[language]
    target = tmp_path / f"demo-{language}.xlsx"
    export_report(demo_path, target, language, today=TODAY)
    current = report_cells(target, demo_path)
    assert list(current) == list(baseline)
    for sheet, cells in baseline.items():
        differences = [(old, new) for old, new in zip(cells, current[sheet], strict=False) if old != new]
        assert (len(current[sheet]), differences[:5]) == (len(cells), []), sheet
    assert sum(len(cells) for cells in current.values()) > 2500
