"""The Findings and Measures panels over a real copy of the demo audit: grouping, filter, evidence, decisions
written as undoable records, input overrides that recompute, the chart, and Chinese."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from gui.analysis.findings_panel import UUID_ROLE, FindingsPanel
from gui.analysis.measures_panel import MeasuresPanel
from gui.context import AppContext, DocumentSignals
from gui.i18n import install_translators, remove_translators
from gui.panels import discover

TIMEOUT_MS = 60_000


@pytest.fixture
def demo_context(tmp_path: Path, demo_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "demo-copy.fieldaudit"
    shutil.copy(demo_path, path)
    document = AuditDocument.open(path, author="tester")
    settings = QSettings(str(tmp_path / "context.ini"), QSettings.Format.IniFormat)
    context = AppContext(document, QUndoStack(), settings, DocumentSignals(), "en")
    yield context
    document.close()


def test_both_panels_are_registered_under_analysis() -> None:
    panels = {panel.key: panel for panel in discover()}
    assert panels["findings"].group == panels["measures"].group == "analysis"


def test_findings_are_grouped_by_system_filtered_and_explained(
    qtbot: QtBot, qtmodeltester, demo_context: AppContext
) -> None:  # type: ignore[no-untyped-def]
    panel = FindingsPanel(demo_context)
    qtbot.addWidget(panel)
    qtbot.wait_until(lambda: panel.analysis is not None, timeout=TIMEOUT_MS)
    qtmodeltester.check(panel.model)
    systems = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    # Grouped: each system's rows are together, motors first.
    assert systems[0] == "Motors, pumps and fans"
    runs = [system for index, system in enumerate(systems) if index == 0 or systems[index - 1] != system]
    assert len(runs) == len(set(runs)) >= 6
    assert "high" in panel.summary.text()
    panel.severity_filter.setCurrentIndex(panel.severity_filter.findData("cannot_assess"))
    shown = {panel.model.index(r, 1).data() for r in range(panel.model.rowCount())}
    assert shown == {"Cannot assess"}
    panel.severity_filter.setCurrentIndex(0)
    row = next(r for r in range(panel.model.rowCount()) if "leaks" in panel.model.index(r, 2).data())
    panel.view.selectRow(row)
    assert "air.leaks" in panel.detail.text() and "Leak share" in panel.detail.text()
    with qtbot.wait_signal(demo_context.signals.open_record_requested, timeout=5000) as opened:
        panel.view.doubleClicked.emit(panel.model.index(row, 2))
    assert opened.args == [panel.model.index(row, 2).data(UUID_ROLE)]


def open_measures(qtbot: QtBot, context: AppContext) -> MeasuresPanel:
    panel = MeasuresPanel(context)
    qtbot.addWidget(panel)
    qtbot.wait_until(lambda: panel.analysis is not None, timeout=TIMEOUT_MS)
    return panel


def _row(panel: MeasuresPanel, prefix: str) -> int:
    return next(r for r, m in enumerate(panel.model.rows) if m.key.startswith(prefix))


def test_accepting_a_measure_writes_an_undoable_decision(qtbot: QtBot, qtmodeltester, demo_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    panel = open_measures(qtbot, demo_context)
    qtmodeltester.check(panel.model)
    assert "tce/a" in panel.totals.text() and "sequence" in panel.totals.text()
    row = _row(panel, "air_leak_repair:")
    key = panel.model.rows[row].key
    panel.view.selectRow(row)
    panel.accept_selected()
    decisions = [r for r in demo_context.document.records.list("measure") if r.values["measure_key"] == key]
    assert [d.values["status"] for d in decisions] == ["accepted"]
    qtbot.wait_until(
        lambda: panel.model.rows[_row(panel, "air_leak_repair:")].implementation_status == "accepted",
        timeout=TIMEOUT_MS,
    )
    assert panel.model.index(_row(panel, "air_leak_repair:"), 1).data() == "Accepted"
    demo_context.undo_stack.undo()
    assert not [r for r in demo_context.document.records.list("measure") if r.values["measure_key"] == key]


def test_rejecting_with_a_reason_and_overriding_an_input(qtbot: QtBot, demo_context: AppContext) -> None:
    panel = open_measures(qtbot, demo_context)
    row = _row(panel, "led_lighting:")
    measure = panel.model.rows[row]
    panel.view.selectRow(row)
    hours_row = next(r for r, i in enumerate(panel.inputs_model.rows) if i.name == "annual_hours")
    before = measure.saving("electricity")
    hours = panel.inputs_model.rows[hours_row].value
    assert panel.inputs_model.setData(panel.inputs_model.index(hours_row, 1), str(hours / 2), Qt.ItemDataRole.EditRole)
    qtbot.wait_until(
        lambda: abs(panel.model.rows[_row(panel, measure.key)].saving("electricity") - before / 2) < 1e-6,
        timeout=TIMEOUT_MS,
    )
    qtbot.wait_until(lambda: panel.background.job is None and not panel.background.timer.isActive(), timeout=TIMEOUT_MS)
    updated = panel.model.rows[_row(panel, measure.key)]
    assert updated.overridden == ("annual_hours",)
    panel.view.selectRow(_row(panel, measure.key))
    panel.reason.setCurrentIndex(panel.reason.findData("long_payback"))
    panel.reject_selected()
    (decision,) = [
        r
        for r in demo_context.document.records.list("measure", with_children=True)
        if r.values["measure_key"] == measure.key
    ]
    assert (decision.values["status"], decision.values["rejection_reason"]) == ("rejected", "long_payback")
    assert [(c.values["input"], c.values["value"]) for c in decision.children["overrides"]] == [
        ("annual_hours", hours / 2)
    ]


def test_chart_and_chinese(qtbot: QtBot, demo_context: AppContext) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    installed = install_translators(app, "zh")  # type: ignore[arg-type]
    try:
        demo_context.language = "zh"
        panel = open_measures(qtbot, demo_context)
        assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "措施"
        assert "合计" in panel.totals.text()
        panel.tabs.setCurrentIndex(1)
        assert any("各措施节能量" in t for t in panel.chart.chart_texts())
        findings = FindingsPanel(demo_context)
        qtbot.addWidget(findings)
        qtbot.wait_until(lambda: findings.analysis is not None, timeout=TIMEOUT_MS)
        assert findings.model.index(0, 0).data() == "电机、水泵与风机"
    finally:
        remove_translators(app, installed)
