"""`python main.py office report|projects OFFICE …` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from audit.office import reserve
from audit.office.database import OfficeDatabase
from tests.cli_support import run_cli


def test_office_report_writes_the_workbook_in_the_language_asked(filled: OfficeDatabase, tmp_path: Path) -> None:
    path = filled.path
    filled.close()
    made = run_cli("office", "projects", path)
    assert made.returncode == 0, made.stderr
    targeted = run_cli("office", "target", path, "--tce", "500", "--tco2", "1200")
    assert targeted.returncode == 0, targeted.stderr
    target = tmp_path / "county.xlsx"
    done = run_cli("office", "report", path, "-o", target, "--lang", "zh", "--month", "2026-03")
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout
    workbook = openpyxl.load_workbook(target, read_only=True)
    try:
        assert workbook.sheetnames == ["企业登记表", "碳效码", "项目储备库", "月度进展", "节水型企业"]
    finally:
        workbook.close()
    with OfficeDatabase.open(path) as office:
        projects = reserve.reserve(office.db, "2026-03")
        totals = reserve.totals(office.db, projects)
    assert len(projects) > 0 and projects[0].project["owner"]
    assert totals.targets == {"tce": 500.0, "tco2": 1200.0, "water_m3": None}
    refused = run_cli("office", "report", path, "-o", target, "--month", "2026-13")
    assert refused.returncode != 0 and "2026-13" in refused.stderr
