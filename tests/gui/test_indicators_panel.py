"""The Indicators panel over real audits: what it shows, tooltips with sources, recompute on edits, record links."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from gui.analysis.indicators_models import UUID_ROLE
from gui.analysis.indicators_panel import IndicatorsPanel
from gui.context import AppContext, DocumentSignals
from gui.panels import discover

TIMEOUT_MS = 30_000


@pytest.fixture
def demo_context(tmp_path: Path, demo_path: Path) -> Iterator[AppContext]:
    """A writable copy of the demo audit (the session's demo file stays untouched)."""
    path = tmp_path / "demo-copy.fieldaudit"
    shutil.copy(demo_path, path)
    document = AuditDocument.open(path, author="tester")
    settings = QSettings(str(tmp_path / "context.ini"), QSettings.Format.IniFormat)
    context = AppContext(document, QUndoStack(), settings, DocumentSignals(), "en")
    yield context
    document.close()


def open_panel(qtbot: QtBot, context: AppContext) -> IndicatorsPanel:
    panel = IndicatorsPanel(context)
    qtbot.addWidget(panel)
    qtbot.wait_until(lambda: panel.report is not None, timeout=TIMEOUT_MS)
    return panel


def test_the_panel_is_registered() -> None:
    panels = {panel.key: panel for panel in discover()}
    assert "indicators" in panels
    assert panels["indicators"].title == "Indicators"


def test_panel_shows_energy_table_cards_charts_and_grades(
    qtbot: QtBot, qtmodeltester, demo_context: AppContext
) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel(qtbot, demo_context)
    for model in (panel.energy_model, panel.indicator_model, panel.equipment_model):
        qtmodeltester.check(model)
    report = panel.report
    assert report is not None
    # Energy table: 12 month columns of 2025, electricity in kWh and in tce, a bold total row.
    model = panel.energy_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[2] == "2025-01" and headers[13] == "2025-12" and headers[14] == "Period total"
    labels = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert ("Electricity", "kWh") in labels and ("Steam", "t") in labels
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == "Total"
    total = report.energy_total()
    assert total is not None and total.value is not None
    assert model.index(last, 14).data() == f"{total.value:,.1f}"
    # The steam tce row carries its coefficient and source in the tooltip, and its [C] status.
    steam_tce = next(
        r
        for r in range(model.rowCount())
        if model.index(r, 0).data() == "Steam" and model.index(r, 1).data().startswith("tce")
    )
    assert "[C]" in model.index(steam_tce, 1).data()
    tip = model.index(steam_tce, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "0.1286" in tip and "GB/T 2589" in tip
    # Cards: the total and the carbon grade, with inputs and sources on hover; unverified marked.
    card = panel.card("energy.audit.total.equivalent")
    assert card is not None and f"{total.value:,.0f}" in card.value.text()
    assert "Inputs" in card.toolTip() and "GB/T 2589-2020" in card.toolTip()
    grade = panel.card("carbon.grade")
    assert grade is not None and "Grade" in grade.value.text()
    assert "unverified" in grade.status.text()
    assert "DB33/T 1347" in grade.toolTip()
    # The full indicator list: every row has a tooltip with inputs and sources; [U] rows say "unverified".
    indicators = panel.indicator_model
    listed = [*report.energy.indicators, *report.carbon.indicators]
    assert indicators.rowCount() == len(listed)
    for r in range(indicators.rowCount()):
        indicator = listed[r]
        tooltip = indicators.index(r, 1).data(Qt.ItemDataRole.ToolTipRole)
        assert indicator.label.en in tooltip
        if indicator.sources:
            assert "Sources" in tooltip
        if indicator.status == "U":
            assert "unverified" in indicators.index(r, 3).data()
    # Charts: the pie names the energy types; hovering names the coefficients' sources.
    texts = panel.charts.chart_texts()
    assert any("Steam" in t for t in texts) and "Monthly energy (tce)" in texts
    assert "GB/T 2589-2020" in panel.charts.canvas.toolTip()
    # The comparison period can be shown instead: 2024's months, and its own total.
    panel.period_choice.setCurrentIndex(1)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "2024-01"
    before = report.energy_total("comparison")
    assert before is not None and before.value is not None
    assert model.index(model.rowCount() - 1, 14).data() == f"{before.value:,.1f}"
    panel.period_choice.setCurrentIndex(0)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "2025-01"
    # Equipment: every graded record, below-grade rows marked, the outdated J02 motor named.
    equipment = panel.equipment_model
    assert equipment.rowCount() == len(report.equipment) >= 30
    row = next(r for r in range(equipment.rowCount()) if equipment.index(r, 0).data() == "M-05")
    assert equipment.index(row, 4).data().startswith("Below grade 3")
    assert "J02" in equipment.index(row, 6).data()
    assert equipment.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "GB 18613" in equipment.index(row, 5).data(Qt.ItemDataRole.ToolTipRole)


def test_double_click_on_a_grade_row_asks_to_open_the_record(qtbot: QtBot, demo_context: AppContext) -> None:
    panel = open_panel(qtbot, demo_context)
    panel.show()
    panel.tabs.setCurrentWidget(panel.equipment_view)
    model = panel.equipment_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "AC-01")
    expected = model.index(row, 0).data(UUID_ROLE)
    assert demo_context.document.records.get(expected).values["tag"] == "AC-01"
    view = panel.equipment_view
    panel.resize(1000, 700)
    qtbot.wait_exposed(panel)
    view.scrollTo(model.index(row, 0))
    rect = view.visualRect(model.index(row, 0))
    assert view.viewport().rect().contains(rect.center())
    with qtbot.wait_signal(demo_context.signals.open_record_requested, timeout=2000) as blocker:
        # An item view reacts to a double-click only after the press of the first click (as with a real mouse).
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [expected]


def test_an_edit_recomputes_in_the_background(qtbot: QtBot, demo_context: AppContext) -> None:
    panel = open_panel(qtbot, demo_context)
    before = panel.report.energy_total().value  # type: ignore[union-attr]
    document = demo_context.document
    # One more month of diesel: 10 t × 1.4571 kgce/kg = 14.571 tce.
    document.records.add("energy_use", {"month": "2025-07", "energy_type": "diesel", "quantity": 10, "unit": "t"})
    with qtbot.wait_signal(panel.computed, timeout=TIMEOUT_MS):
        demo_context.signals.records_changed.emit("energy_use")
        demo_context.signals.records_changed.emit("energy_use")  # a burst is computed once, after the delay
    after = panel.report.energy_total().value  # type: ignore[union-attr]
    assert after == pytest.approx(before + 14.571)
    card = panel.card("energy.audit.total.equivalent")
    assert card is not None and f"{after:,.0f}" in card.value.text()


def test_empty_audit_shows_notes_not_errors(qtbot: QtBot, shell_context: AppContext) -> None:
    panel = open_panel(qtbot, shell_context)
    assert panel.energy_model.rowCount() == 0
    assert panel.equipment_model.rowCount() == 0
    assert panel.summary.text().startswith("Energy — tce, CO₂ — t; 0 of 0")
    assert panel.charts.canvas is None  # matplotlib not even loaded without data


def test_chinese_labels(qtbot: QtBot, demo_context: AppContext) -> None:
    demo_context.language = "zh"
    panel = open_panel(qtbot, demo_context)
    labels = [panel.energy_model.index(r, 0).data() for r in range(panel.energy_model.rowCount())]
    assert "电力" in labels and "蒸汽" in labels
    texts = panel.charts.chart_texts()
    assert any("蒸汽" in t for t in texts)
    assert panel.card("carbon.grade") is not None
    assert "浙江碳效等级" in panel.card("carbon.grade").title.text()  # type: ignore[union-attr]


def test_index_outside_the_model_is_harmless(qtbot: QtBot, demo_context: AppContext) -> None:
    panel = open_panel(qtbot, demo_context)
    assert panel.equipment_model.data(QModelIndex()) is None
    assert panel.energy_model.data(panel.energy_model.index(999, 0)) is None


def test_the_chinese_catalogue_translates_the_panel(qtbot: QtBot, demo_context: AppContext) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from gui.i18n import I18N_FOLDER

    app = QCoreApplication.instance()
    assert app is not None
    translator = QTranslator()
    assert translator.load(str(I18N_FOLDER / "indicators_zh_CN.qm"))
    app.installTranslator(translator)
    try:
        demo_context.language = "zh"
        panel = open_panel(qtbot, demo_context)
        tabs = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
        assert tabs == ["逐月能源消费", "图表", "能耗强度与碳排放", "设备能效等级"]
        assert panel.equipment_model.headerData(0, Qt.Orientation.Horizontal) == "设备编号"
        assert panel.summary.text().startswith("综合能耗")
        assert discover_title() == "指标"
    finally:
        app.removeTranslator(translator)


def discover_title() -> str:
    return next(panel for panel in discover() if panel.key == "indicators").display_title()
