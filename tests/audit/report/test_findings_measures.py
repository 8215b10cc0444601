"""Findings and measures sheets: every finding with its severity and clause, every measure with savings and payback."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from audit.analysis import Analysis, analyse_document
from audit.document import AuditDocument
from audit.report.export import export_report
from audit.report.sheets.findings import SEVERITY


@pytest.fixture(scope="module")
def analysis(demo_path: Path) -> Analysis:
    with AuditDocument.open(demo_path, read_only=True) as document:
        return analyse_document(document)


@pytest.fixture(scope="module")
def workbooks(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    target = tmp_path_factory.mktemp("findings") / "report.xlsx"
    export_report(demo_path, target, "zh", today=dt.date(2026, 4, 1))
    return openpyxl.load_workbook(target, data_only=True), openpyxl.load_workbook(target)


def test_every_finding_is_listed_by_severity_with_its_clause(workbooks: tuple[Any, Any], analysis: Analysis) -> None:
    stored, _ = workbooks
    rows = [row for row in stored["问题与发现"].iter_rows(min_row=5, values_only=True) if row[0] is not None]
    assert len(rows) == len(analysis.findings) > 0
    order = list(SEVERITY)
    severities = [next(s for s in order if SEVERITY[s][0].zh == row[1]) for row in rows]
    assert severities == sorted(severities, key=order.index)
    titles = Counter(row[3] for row in rows)
    assert titles == Counter(finding.title.zh for finding in analysis.findings)
    for finding in analysis.findings:
        assert any(row[3] == finding.title.zh and finding.standard in (row[8] or "") for row in rows)


def test_findings_on_equipment_link_to_its_row(workbooks: tuple[Any, Any], analysis: Analysis) -> None:
    _, formulas = workbooks
    graded = {grading.uuid for grading in analysis.equipment}
    on_equipment = [f for f in analysis.findings if set(f.records) & graded]
    assert on_equipment
    links = [
        cell.hyperlink.location for row in formulas["问题与发现"].iter_rows(min_row=5) for cell in row if cell.hyperlink
    ]
    assert len(links) >= len(on_equipment) and all(link.startswith("'设备能效'!B") for link in links)


def test_findings_on_products_name_the_product(workbooks: tuple[Any, Any], demo_path: Path, analysis: Analysis) -> None:
    stored, _ = workbooks
    with AuditDocument.open(demo_path, read_only=True) as document:
        enterprise = document.records.singleton("enterprise")
        assert enterprise is not None
        products = {row.uuid: row.values["product_name"] for row in enterprise.children["products"]}
    on_products = [f for f in analysis.findings if set(f.records) & set(products)]
    assert on_products
    shown = [row[5] for row in stored["问题与发现"].iter_rows(min_row=5, values_only=True) if row[0] is not None]
    for finding in on_products:
        names = [products[uuid] for uuid in finding.records if uuid in products]
        assert any(all(name in (cell or "") for name in names) for cell in shown)
    assert not any(uuid[:8] in (cell or "") for cell in shown for uuid in products)


def test_measures_savings_totals_and_payback(workbooks: tuple[Any, Any], analysis: Analysis) -> None:
    stored, formulas = workbooks
    sheet = stored["节能措施"]
    header = [cell.value for cell in sheet[4]]
    tce_col, payback_col = header.index("节能量（tce）"), header.index("静态投资回收期（年）")
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if isinstance(row[0], int)]
    measures = analysis.measures.measures
    assert len(rows) == len(measures) > 0
    for row, measure in zip(rows, measures, strict=True):
        assert row[1] == measure.title.zh
        assert row[tce_col] == pytest.approx(measure.tce_equivalent or 0.0)
        if measure.simple_payback_years is not None:
            assert row[payback_col] == pytest.approx(measure.simple_payback_years, rel=1e-9)
    first = formulas["节能措施"].cell(5, payback_col + 1).value
    assert first.startswith("=IF(")
    totals = analysis.measures.totals
    assert totals is not None
    total_row = next(row for row in sheet.iter_rows(values_only=True) if str(row[0]).startswith("合计"))
    assert total_row[tce_col] == pytest.approx(totals.tce_equivalent)
    assert len(formulas["节能措施"]._charts) == 1


def test_summary_counts_findings_and_names_the_top_measures(workbooks: tuple[Any, Any], analysis: Analysis) -> None:
    stored, _ = workbooks
    rows = {row[0]: row for row in stored["摘要"].iter_rows(values_only=True) if row[0]}
    counts = Counter(finding.severity for finding in analysis.findings)
    for severity, (label, _) in SEVERITY.items():
        assert rows[label.zh][1] == counts[severity]
    best = max((m for m in analysis.measures.measures if m.counted), key=lambda m: m.tce_equivalent or 0.0)
    assert rows[best.title.zh][1] == pytest.approx(best.tce_equivalent)
