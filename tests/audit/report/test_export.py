"""Exporting the report: the command line, sheets in order, cover and profile from the records, print setup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from audit.document import AuditDocument
from audit.report.export import export_report
from audit.report.sheets import discover_sheets
from tests.cli_support import run_cli

TODAY = dt.date(2026, 4, 1)


@pytest.fixture(scope="module")
def demo_report(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "demo-zh.xlsx"
    export_report(demo_path, target, "zh", today=TODAY)
    return target


def test_sheets_are_found_and_in_report_order() -> None:
    sheets = discover_sheets()
    keys = [sheet.key for sheet in sheets]
    assert keys[:1] == ["cover"] and "profile" in keys
    assert [sheet.order for sheet in sheets] == sorted(sheet.order for sheet in sheets)


def test_command_line_writes_the_report_in_the_language_asked(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "报告.xlsx"
    target.parent.mkdir()
    result = run_cli("report", demo_path, "-o", target, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[0] == "Cover" and "Enterprise profile" in workbook.sheetnames
    assert workbook["Cover"]["A3"].value.endswith("report")
    assert [p.name for p in target.parent.iterdir()] == ["报告.xlsx"]  # no temporary file left beside it


def test_cover_and_profile_show_the_records(demo_path: Path, demo_report: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        audit = document.records.singleton("audit")
        enterprise = document.records.singleton("enterprise")
    assert audit is not None and enterprise is not None
    workbook = openpyxl.load_workbook(demo_report)
    cover = {row[0]: row[1] for row in workbook["封面"].iter_rows(values_only=True) if row[0]}
    assert workbook["封面"]["A2"].value == enterprise["name"]
    assert cover["项目负责人"] == audit["team_leader"]
    assert cover["审计期"] == f"{audit['period_start']} — {audit['period_end']}"
    assert cover["报告日期"] == "2026-04-01"
    assert "编制（签字）" in cover and "批准（签字）" in cover
    profile = {row[0]: row[1] for row in workbook["企业概况"].iter_rows(values_only=True) if row[0]}
    # Numbers are numbers, labelled with their unit.
    assert profile["年工业总产值（万元）"] == enterprise["output_value_10k_yuan"]
    assert isinstance(profile["职工人数（人）"], int | float)
    products = [p["product_name"] for p in enterprise.children["products"]]
    names = [row[0] for row in workbook["企业概况"].iter_rows(values_only=True)]
    assert all(name in names for name in products)


def test_print_setup_headers_footers_and_frozen_header(demo_path: Path, demo_report: Path) -> None:
    workbook = openpyxl.load_workbook(demo_report)
    for sheet in workbook.worksheets:
        assert sheet.page_setup.paperSize in ("9", "8", 9, 8)  # A4 or A3
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        # One page wide (1 is the default, which XlsxWriter leaves out), as many pages tall as needed.
        assert sheet.page_setup.fitToWidth in (None, 1, "1") and str(sheet.page_setup.fitToHeight) == "0"
        assert "第 &P 页，共 &N 页" in sheet.oddFooter.center.text
        assert sheet.oddHeader.left.text == "绍兴柯桥恒盛印染有限公司"
    profile = workbook["企业概况"]
    assert profile.freeze_panes == "A5" and profile.print_title_rows == "$4:$4"


def audit_with_enterprise(path: Path, values: dict[str, str]) -> Path:
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("enterprise", values)
    return path


def test_enterprise_name_with_an_ampersand_prints_as_typed(audit_path: Path, tmp_path: Path) -> None:
    audit_with_enterprise(audit_path, {"name": "A&B 印染 &P", "county": "x", "contact_person": "y"})
    target = tmp_path / "r.xlsx"
    export_report(audit_path, target, "en", today=TODAY)
    sheet = openpyxl.load_workbook(target)["Cover"]
    assert sheet.oddHeader.left.text == "A&&B 印染 &&P"  # "&&" is how Excel prints one "&"


def test_injected_user_text_stays_text(audit_path: Path, tmp_path: Path) -> None:
    evil = '=HYPERLINK("http://evil","click")'
    audit_with_enterprise(audit_path, {"name": "@SUM(1+1)", "county": evil, "contact_person": "+1"})
    target = tmp_path / "r.xlsx"
    export_report(audit_path, target, "en", today=TODAY)
    workbook = openpyxl.load_workbook(target)
    values = {
        cell.value: cell.data_type for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value
    }
    assert values[evil] == "s" and values["@SUM(1+1)"] == "s" and values["+1"] == "s"
    assert not any(isinstance(v, str) and v.startswith("=") and t == "f" for v, t in values.items())
