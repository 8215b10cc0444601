"""The consolidated workbook: read back with openpyxl, every formula recalculated by LibreOffice to its stored value."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import openpyxl
import pytest

from audit.lean_sqlite_utils import Database
from audit.office import register, reserve
from audit.office.database import OfficeDatabase
from audit.office.register import RegisterQuery
from audit.office.reserve import Progress
from audit.office.workbook import export_office_workbook
from tests.audit.office.builder import Audited
from tests.audit.report.workbook_support import cells, convert, formulas

HOSTILE = "=cmd|' /C calc'!A0"


@pytest.fixture
def office_with_reserve(filled: OfficeDatabase) -> Database:
    with filled.transaction():
        ids = reserve.create_projects(filled.db, today=dt.date(2026, 1, 1))
        reserve.add_progress(filled.db, ids[0], Progress("2026-02", "in_progress", 30, 1000.0, 2.0, 5.0, None, HOSTILE))
        reserve.add_progress(filled.db, ids[1], Progress("2026-03", "dropped", 0, note="企业搬迁"))
        reserve.set_setting(filled.db, "reserve_target_tce", 500)
    return filled.db


def _rows(path: Path, sheet: str) -> list[list[object]]:
    workbook = openpyxl.load_workbook(path, data_only=True)
    try:
        return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _types_of(path: Path, value: str) -> list[str]:
    workbook = openpyxl.load_workbook(path)
    try:
        return [
            cell.data_type for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value == value
        ]
    finally:
        workbook.close()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_workbook_holds_the_register_reserve_and_water_list(
    office_with_reserve: Database, audited: list[Audited], tmp_path: Path, language: str
) -> None:
    target = tmp_path / f"office-{language}.xlsx"
    written = export_office_workbook(office_with_reserve, target, language, "2026-03", dt.date(2026, 3, 5))
    assert list(written.sheets) == ["register", "carbon", "reserve", "progress", "water"]
    register_rows = _rows(target, written.sheets["register"])
    expected = register.register_page(office_with_reserve, RegisterQuery())
    for item in expected:
        line = next(r for r in register_rows if item["audit_uuid"] in r)
        assert item["energy_tce"] in line and item["co2_t"] in line and item["revision"] in line
    assert _types_of(target, HOSTILE) == ["s"]  # the note stays text, never a formula
    reserve_rows = _rows(target, written.sheets["reserve"])
    dropped = "dropped" if language == "en" else "已取消"
    assert sum(dropped in row for row in reserve_rows) == 1
    water = _rows(target, written.sheets["water"])
    fail = "fail" if language == "en" else "不达标"
    failing = [item for item in expected if item["water_evaluation"] == "fail"]
    assert sum(fail in row for row in water) == len(failing) > 0


@pytest.mark.slow
def test_every_formula_recalculates_to_its_stored_value(office_with_reserve: Database, tmp_path: Path) -> None:
    target = tmp_path / "office.xlsx"
    written = export_office_workbook(office_with_reserve, target, "zh", "2026-03", dt.date(2026, 3, 5))
    stored = cells(target, data_only=True)
    written_formulas = {(f.sheet, f.cell): f.formula for f in written.formulas}
    assert len(written_formulas) == len(written.formulas) >= 30
    assert {key: formulas(target)[key] for key in written_formulas} == written_formulas
    recalculated = cells(convert(target, tmp_path, "xlsx:Calc MS Excel 2007 XML"), data_only=True)
    mismatches = [
        (key, formula, stored.get(key), recalculated.get(key))
        for key, formula in written_formulas.items()
        if not isinstance(recalculated.get(key), int | float)
        or not math.isclose(float(stored[key]), float(recalculated[key]), rel_tol=1e-9, abs_tol=1e-9)  # type: ignore[arg-type]
    ]
    assert mismatches == []
