"""The report's sheets read back: key cells equal analyse(), formats, [U] marks, charts with cached data."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from audit.analysis import Analysis, analyse_document
from audit.document import AuditDocument
from audit.energy_colours import energy_colour
from audit.report.export import export_report
from audit.results import Status, Verdict

UNVERIFIED_FILL = "FCE4D6"


@pytest.fixture(scope="module")
def analysis(demo_path: Path) -> Analysis:
    with AuditDocument.open(demo_path, read_only=True) as document:
        return analyse_document(document)


@pytest.fixture(scope="module")
def report(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("sheets") / "report.xlsx"
    export_report(demo_path, target, "zh", today=dt.date(2026, 4, 1))
    return target


@pytest.fixture(scope="module")
def stored(report: Path) -> Any:
    return openpyxl.load_workbook(report, data_only=True)


@pytest.fixture(scope="module")
def formulas(report: Path) -> Any:
    return openpyxl.load_workbook(report)


def rows_by_label(sheet: Any) -> dict[str, tuple[Any, ...]]:
    return {str(row[0]): row for row in sheet.iter_rows(values_only=True) if row[0] is not None}


def test_sheets_follow_the_report_outline(stored: Any) -> None:
    outline = [
        "封面",
        "摘要",
        "企业概况",
        "能源消费",
        "碳排放",
        "设备能效",
        "水平衡",
        "问题与发现",
        "节能措施",
        "照片",
        "附录",
    ]
    assert stored.sheetnames == outline


def test_energy_structure_totals_and_shares(stored: Any, formulas: Any, analysis: Analysis) -> None:
    sheet = stored["能源消费"]
    total = analysis.indicator("energy.audit.total.equivalent")
    equal = analysis.indicator("energy.audit.total.equal_value")
    assert total is not None and equal is not None
    first_total = next(row for row in sheet.iter_rows() if row[0].value == "合计")
    assert first_total[4].value == pytest.approx(total.value, rel=1e-12)
    assert first_total[6].value == pytest.approx(equal.value, rel=1e-12)
    assert formulas["能源消费"][first_total[4].coordinate].value.startswith("=SUM(")
    steam = next(row for row in sheet.iter_rows() if row[0].value == "蒸汽")
    share = analysis.indicator("energy.audit.share.steam")
    assert share is not None and steam[7].value == pytest.approx(share.value, rel=1e-9)
    # tce = quantity × coefficient ÷ 1000, as a formula over the row's own cells.
    assert formulas["能源消费"][steam[4].coordinate].value == f"=C{steam[0].row}*D{steam[0].row}/1000"
    assert steam[2].number_format == "#,##0.00" and isinstance(steam[2].value, float)


def test_unverified_numbers_are_marked(formulas: Any, analysis: Analysis) -> None:
    # The equal value of electricity rests on an unverified coefficient ([U]): its cells are marked.
    sheet = formulas["能源消费"]
    electricity = next(row for row in sheet.iter_rows() if row[0].value == "电力")
    assert electricity[5].fill.fgColor.rgb.endswith(UNVERIFIED_FILL)
    summary = rows_by_label(formulas["摘要"])
    carbon = analysis.indicator("carbon.total")
    assert carbon is not None and carbon.status is Status.U
    assert summary[carbon.label.zh][3] == "[U] 未核实"


def test_summary_key_indicators_are_the_analysis_values(stored: Any, analysis: Analysis) -> None:
    rows = rows_by_label(stored["摘要"])
    checked = 0
    for indicator in analysis.indicators():
        row = rows.get(indicator.label.zh)
        if row is not None and indicator.value is not None:
            assert row[1] == pytest.approx(indicator.value, rel=1e-12), indicator.key
            checked += 1
    assert checked >= 10


def test_carbon_total_is_the_sum_of_its_scopes(stored: Any, formulas: Any, analysis: Analysis) -> None:
    total = analysis.indicator("carbon.total")
    assert total is not None
    rows = {row[0].value: row for row in formulas["碳排放"].iter_rows() if row[0].value}
    cell = rows[total.label.zh][1]
    assert re.fullmatch(r"=B\d+\+B\d+\+B\d+\+B\d+", cell.value)
    assert stored["碳排放"][cell.coordinate].value == pytest.approx(total.value, rel=1e-12)


def test_equipment_lists_every_grading_with_reasons(stored: Any, analysis: Analysis) -> None:
    rows = {row[1]: row for row in stored["设备能效"].iter_rows(min_row=5, values_only=True) if row[1]}
    assert set(rows) == {g.tag for g in analysis.equipment}
    for grading in analysis.equipment:
        row = rows[grading.tag]
        assert row[9] == grading.reason.zh
        if grading.verdict is Verdict.GRADE:
            assert row[8] == grading.grade
        if grading.compared is not None and grading.compared.value is not None:
            assert row[5] == pytest.approx(grading.compared.value)
    assert any(g.verdict is Verdict.CANNOT_GRADE for g in analysis.equipment)


def test_water_sheet_units_indicators_comparisons_and_diagram(stored: Any, analysis: Analysis) -> None:
    water = analysis.water
    sheet = stored["水平衡"]
    rows = rows_by_label(sheet)
    for unit in water.units:
        name = "　" * max(unit.level - 1, 0) + unit.name
        if unit.complete:
            assert rows[name][2] == pytest.approx(unit.average["vf"])
            assert rows[name][7] == pytest.approx(unit.total_use())
    for indicator in water.indicators:
        if indicator.value is not None:
            assert rows[indicator.label.zh][1] == pytest.approx(indicator.value, rel=1e-12)
    failed = [c for c in water.comparisons if c.outcome is not None and c.outcome.value == "fail"]
    assert failed and all(rows[c.label.zh][4] == "不达标" for c in failed)
    # The source in the report's language (the resource's bilingual citation), not "Provincial 节水型企业 notice".
    cited = [c for c in water.comparisons if c.sources and c.sources[0].citation is not None]
    assert cited and all(rows[c.label.zh][6].startswith(c.sources[0].citation.zh) for c in cited)  # type: ignore[union-attr]
    assert len(sheet._images) == 1  # the water-balance diagram


def test_appendix_cites_every_source_and_the_files_hash(stored: Any, analysis: Analysis, demo_path: Path) -> None:
    sheet = stored["附录"]
    cited = {(row[0], row[2]) for row in sheet.iter_rows(values_only=True)}
    bilingual = 0
    for indicator in analysis.indicators():
        for source in indicator.sources:
            if source.citation is None:
                assert (source.standard, source.clause) in cited
            else:  # the resource gives standard and clause in Chinese too: the Chinese report shows that
                bilingual += 1
                assert (source.citation.zh, None) in cited and (source.standard, source.clause) not in cited
    assert bilingual > 0
    rows = rows_by_label(sheet)
    assert rows["诊断文件 SHA-256"][1] == hashlib.sha256(demo_path.read_bytes()).hexdigest()
    unverified = [row for row in sheet.iter_rows() if row[3].value == "[U] 未核实"]
    assert unverified and all(row[0].fill.fgColor.rgb.endswith(UNVERIFIED_FILL) for row in unverified)


def test_charts_carry_their_data(report: Path, formulas: Any) -> None:
    assert len(formulas["能源消费"]._charts) == 2
    with zipfile.ZipFile(report) as archive:
        charts = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 3  # the measures sheet has the third
    for xml in charts:
        # Cached values: a previewer that does not calculate still draws the chart.
        values = [
            float(v)
            for v in re.findall(r"<c:numCache>.*?</c:numCache>", xml, re.S)
            for v in re.findall(r"<c:v>([^<]+)</c:v>", v)
        ]
        assert values and all(math.isfinite(v) for v in values)
    pie = next(xml for xml in charts if "<c:pie" in xml)
    columns = next(xml for xml in charts if '<c:grouping val="stacked"/>' in xml)
    # Each energy type in the colour the app's charts give it (resources/energy/colours.json).
    for code in ("electricity", "steam", "natural_gas"):
        colour = energy_colour(code).lstrip("#").upper()
        assert colour in pie.upper() and colour in columns.upper()


def test_english_report_has_english_sheets(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "en.xlsx"
    export_report(demo_path, target, "en", today=dt.date(2026, 4, 1))
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == [
        "Cover", "Summary", "Enterprise profile", "Energy", "Carbon", "Equipment", "Water balance", "Findings", "Measures",
        "Photos", "Appendix",
    ]  # fmt: skip


def test_sheets_of_several_tables_repeat_their_title_and_single_tables_their_header(formulas: Any) -> None:
    assert formulas["水平衡"].print_title_rows == "$1:$2" and formulas["能源消费"].print_title_rows == "$1:$2"
    equipment = formulas["设备能效"]
    assert equipment.print_title_rows == "$4:$4" and equipment.freeze_panes == "A5"
    assert equipment["A4"].value == "设备类别"
