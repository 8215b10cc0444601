"""The Water balance panel over the demo audit: models pass the model tester, edits recompute and flag."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from gui.analysis.water_balance_panel import WaterBalancePanel
from gui.analysis.water_models import BAD_BACKGROUND, UUID_ROLE
from gui.context import AppContext, DocumentSignals
from gui.panels import discover

TIMEOUT_MS = 60_000


@pytest.fixture
def context(demo_path: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "demo.fieldaudit"
    shutil.copy(demo_path, path)
    document = AuditDocument.open(path, author="tester")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    yield AppContext(document, QUndoStack(), settings, DocumentSignals(), "en")
    document.close()


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext) -> WaterBalancePanel:
    widget = WaterBalancePanel(context)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.result is not None, timeout=TIMEOUT_MS)
    return widget


def row_of(panel: WaterBalancePanel, name: str) -> int:
    for row in range(panel.unit_model.rowCount()):
        if panel.unit_model.index(row, 0).data().strip() == name:
            return row
    raise AssertionError(f"{name} not in the unit table")


def test_panel_is_registered() -> None:
    assert "water_balance" in {panel.key for panel in discover()}


def test_demo_balance_shown(qtbot: QtBot, qtmodeltester, panel: WaterBalancePanel) -> None:  # type: ignore[no-untyped-def]
    for model in (
        panel.unit_model,
        panel.totals_model,
        panel.indicator_model,
        panel.comparison_model,
        panel.flag_model,
    ):
        qtmodeltester.check(model)
    units = panel.unit_model
    assert units.rowCount() == 29
    row = row_of(panel, "溢流染色机组（24台）")
    assert units.index(row, 8).data() == "3.68"  # closure % within the 5 % tolerance: not highlighted
    assert units.index(row, 8).data(Qt.ItemDataRole.BackgroundRole) is None
    estimated = units.index(row, 4)  # Vco, estimated
    assert estimated.data().startswith("≈") and estimated.data(Qt.ItemDataRole.FontRole).italic()
    assert "estimated" in estimated.data(Qt.ItemDataRole.ToolTipRole)
    assert units.index(row, 2).data(Qt.ItemDataRole.ToolTipRole) == "from meter readings"
    comparisons = panel.comparison_model
    outcomes = {comparisons.index(r, 0).data(): comparisons.index(r, 1).data() for r in range(comparisons.rowCount())}
    assert outcomes["Condensate recovery rate r_b"] == "fail"
    assert outcomes["Repeated utilisation rate R"] == "pass"
    assert panel.flag_model.rowCount() == 0
    assert not panel.diagram.pixmap().isNull() and panel.diagram.pixmap().width() > 1000
    panel.tabs.setCurrentWidget(panel.diagram)
    shown = panel.diagram.label.pixmap()
    assert 0 < shown.width() <= panel.diagram.scroll_area.viewport().width()  # fitted to the window
    panel.diagram.fit_box.setChecked(False)
    assert panel.diagram.label.pixmap().width() == panel.diagram.pixmap().width()
    assert "closure 1.33 %" in panel.summary.text()
    totals = panel.totals_model
    assert totals.index(1, 0).data() == "Enterprise, annualised (m³/a)"
    annual_vf = float(totals.index(1, 1).data().lstrip("≈").replace(",", ""))
    daily_vf = float(totals.index(0, 1).data().lstrip("≈").replace(",", ""))
    assert annual_vf == pytest.approx(daily_vf * 330, rel=1e-4)  # 330 production days


def test_selecting_a_unit_shows_its_test_days(qtbot: QtBot, qtmodeltester, panel: WaterBalancePanel) -> None:  # type: ignore[no-untyped-def]
    row = row_of(panel, "厂区绿化")
    panel.unit_view.setCurrentIndex(panel.unit_model.index(row, 0))
    days = panel.day_model
    qtmodeltester.check(days)
    assert days.rowCount() == 4
    assert days.index(0, 0).data() == "2025-06-16"
    assert days.index(0, 1).data().startswith("≈")  # Vf estimated
    assert days.index(0, 3).data().startswith("*")  # Vco calculated
    assert days.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == "calculated from the balance"
    assert "厂区绿化" in panel.days_title.text()
    panel.unit_view.setCurrentIndex(panel.unit_model.index(row_of(panel, "办公生活区"), 0))
    assert days.rowCount() == 0 and "sum of its sub-units" in panel.days_title.text()


def test_edit_beyond_tolerance_is_highlighted_and_flagged(
    qtbot: QtBot, panel: WaterBalancePanel, context: AppContext
) -> None:
    records = context.document.records
    unit_uuid = next(r.uuid for r in records.list("water_unit") if r["name"] == "溢流染色机组（24台）")
    flows = [r for r in records.list("water_flow") if r["unit"] == unit_uuid]
    for flow in flows:
        records.update(
            flow.uuid, {"vco_origin": "estimated", "vco_m3": 260.0, "vco_method": "over-estimated on purpose"}
        )
    with qtbot.wait_signal(panel.computed, timeout=TIMEOUT_MS):
        context.signals.records_changed.emit("water_flow")
    row = row_of(panel, "溢流染色机组（24台）")
    closure = panel.unit_model.index(row, 8)
    assert float(closure.data()) < -5
    assert closure.data(Qt.ItemDataRole.BackgroundRole).color() == BAD_BACKGROUND
    flags = panel.flag_model
    assert flags.rowCount() == 1
    assert flags.index(0, 1).data() == "溢流染色机组（24台）"
    assert "exceeds the tolerance" in flags.index(0, 2).data()
    assert flags.index(0, 0).data(UUID_ROLE) == unit_uuid
    assert panel.tabs.tabText(panel.flags_tab) == "Flags (1)"
    with qtbot.wait_signal(context.signals.open_record_requested, timeout=1000) as opened:
        panel.flag_view.doubleClicked.emit(flags.index(0, 2))
    assert opened.args == [unit_uuid]


def test_bursts_of_edits_recompute_once_settled(qtbot: QtBot, panel: WaterBalancePanel, context: AppContext) -> None:
    test = context.document.records.singleton("water_test")
    assert test is not None
    context.document.records.update(test.uuid, {"unit_closure_tolerance_pct": 2.0})
    computed: list[None] = []
    panel.computed.connect(lambda: computed.append(None))
    for _ in range(5):
        context.signals.records_changed.emit("water_test")
    qtbot.waitUntil(lambda: len(computed) >= 1, timeout=TIMEOUT_MS)
    qtbot.wait(1500)
    assert len(computed) == 1
    row = row_of(panel, "溢流染色机组（24台）")
    assert panel.unit_model.index(row, 8).data(Qt.ItemDataRole.BackgroundRole).color() == BAD_BACKGROUND  # 3.68 % > 2 %


def test_save_diagram_writes_png_and_svg(
    qtbot: QtBot, panel: WaterBalancePanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    assert panel.save_button.isEnabled()
    for name in ("plant.png", "plant.svg"):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, target=target: (str(target), ""))
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
        data = target.read_bytes()
        assert data.startswith(b"\x89PNG") if name.endswith(".png") else b"<svg" in data[:500]


def test_audit_without_a_test_says_what_to_fill_in(qtbot: QtBot, shell_context: AppContext) -> None:
    widget = WaterBalancePanel(shell_context)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.result is not None, timeout=TIMEOUT_MS)
    assert "water-balance test form" in widget.summary.text()
    assert widget.unit_model.rowCount() == 0 and not widget.save_button.isEnabled()
    assert widget.diagram.pixmap().isNull()


def test_panel_reads_in_chinese(qtbot: QtBot, context: AppContext) -> None:
    from PySide6.QtWidgets import QApplication

    from gui.i18n import install_translators, remove_translators

    app = QApplication.instance()
    assert app is not None
    translators = install_translators(app, "zh")
    try:
        context.language = "zh"
        widget = WaterBalancePanel(context)
        qtbot.addWidget(widget)
        qtbot.waitUntil(lambda: widget.result is not None, timeout=TIMEOUT_MS)
        assert widget.unit_model.headerData(8, Qt.Orientation.Horizontal) == "水平衡误差 %"
        assert widget.tabs.tabText(0) == "单元水平衡"
        indicators = widget.indicator_model
        labels = {indicators.index(r, 0).data(): indicators.index(r, 2).data() for r in range(indicators.rowCount())}
        assert labels["万元产值取水量 V_wf"] == "m³/万元"
        comparisons = widget.comparison_model
        assert "未达标" in {comparisons.index(r, 1).data() for r in range(comparisons.rowCount())}
        assert "全厂" in widget.summary.text()
    finally:
        remove_translators(app, translators)


def test_totals_show_each_test_day_and_units_their_repeated_use(qtbot: QtBot, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.audit.water_builder import pickling_plant

    # Intake tolerance 3 %: day 1's main meter 152 vs level-1 Vf 150 (1.32 %) within, day 2's 170 vs 160 (5.88 %) not.
    path = tmp_path / "days.fieldaudit"
    pickling_plant(path, [152.0, 170.0], intake_tolerance_pct=3.0).close()
    document = AuditDocument.open(path, author="tester")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    widget = WaterBalancePanel(AppContext(document, QUndoStack(), settings, DocumentSignals(), "en"))
    qtbot.addWidget(widget)
    try:
        qtbot.waitUntil(lambda: widget.result is not None, timeout=TIMEOUT_MS)
        totals = widget.totals_model
        qtmodeltester.check(totals)
        rows = {
            totals.index(r, 0).data(): [totals.index(r, c).data() for c in range(11)] for r in range(totals.rowCount())
        }
        first, second = rows["Enterprise, test day 2025-06-16 (m³)"], rows["Enterprise, test day 2025-06-17 (m³)"]
        # Day 1: Vf 150, Vco 15, Vd 130: closure 5 ÷ 150 = 3.33 %; day 2: Vf 160, Vd 150: −3.125 % (half to even).
        assert first[1:8] == ["150.0", "300.0", "15.0", "130.0", "0.0", "450.0", "3.33"]
        assert second[7] == "-3.12"
        assert first[9:] == ["152.0", "1.32"] and second[9:] == ["170.0", "5.88"]
        red = Qt.ItemDataRole.BackgroundRole
        day_rows = [r for r in range(totals.rowCount()) if "test day 2025" in totals.index(r, 0).data()]
        assert [totals.index(r, 10).data(red) is not None for r in day_rows] == [False, True]
        assert totals.headerData(10, Qt.Orientation.Horizontal) == "Meter vs level-1 inflows %"
        assert "±3.0 %" in totals.index(day_rows[1], 10).data(Qt.ItemDataRole.ToolTipRole)
        units = widget.unit_model
        assert units.headerData(10, Qt.Orientation.Horizontal) == "Repeated use %"
        # Pickling line: Vr 300 ÷ (300 + Vf 110) = 73.2 %; the washing unit reuses nothing.
        assert units.index(row_of(widget, "酸洗"), 10).data() == "73.2"
        assert units.index(row_of(widget, "清洗"), 10).data() == "0.0"
    finally:
        widget.close()
        document.close()
