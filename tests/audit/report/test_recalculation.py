"""Recalculated in LibreOffice, every formula of the report gives the value the app computed and stored."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from audit.report.export import export_report
from tests.audit.report.workbook_support import cells, convert, formulas


@pytest.mark.slow
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_formula_recalculates_to_the_stored_value(demo_path: Path, tmp_path: Path, language: str) -> None:
    report = tmp_path / f"report-{language}.xlsx"
    written = export_report(demo_path, report, language, today=dt.date(2026, 4, 1))
    stored = cells(report, data_only=True)
    written_formulas = formulas(report)
    assert len(written_formulas) == len(written.formulas) >= 40
    recalculated = cells(convert(report, tmp_path, "xlsx:Calc MS Excel 2007 XML"), data_only=True)
    mismatches = []
    for key, formula in sorted(written_formulas.items()):
        value, again = stored.get(key), recalculated.get(key)
        # The stored value is what analyse() gave; LibreOffice computes the formula from the cells it names.
        if not (isinstance(value, float | int) and isinstance(again, float | int)) or not math.isclose(
            value, again, rel_tol=1e-9, abs_tol=1e-9
        ):
            mismatches.append((key, formula, value, again))
    assert mismatches == []
