"""Capture that stores nothing by accident: the wheel, Enter out of spreadsheet habit, refused values kept."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from gui.analysis.water_balance_panel import WaterBalancePanel
from gui.app import start
from gui.context import AppContext, DocumentSignals
from gui.first_paint import holding
from gui.form.view import FormView
from gui.main_window import MainWindow
from gui.preferences import Preferences
from gui.preferences_dialogs import AuditorDialog
from gui.records.commands import add_record, edit_record
from gui.records.view import RecordsView
from gui.workspace import RecordsPage
from tests.gui.records_support import close_views, make_context


def wheel(widget: QWidget, notches: int = -1) -> QWheelEvent:
    """One wheel turn over the middle of a widget (negative: scrolling down the form)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event


def motor_form(qtbot: QtBot, context: AppContext, **values: object) -> tuple[FormView, str]:
    uuid = add_record(
        context,
        "motor",
        {"tag": "M-01", "location": "Dyeing", "driven_load": "compressor", "status": "running", **values},
    )
    view = FormView(context, "motor", uuid)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view, uuid


def test_the_wheel_over_a_list_scrolls_the_form_and_changes_nothing(qtbot: QtBot, shell_context: AppContext) -> None:
    view, uuid = motor_form(qtbot, shell_context)
    view.resize(600, 300)  # short enough to scroll
    line = view.rows["tag"].editor.focus_widget()
    line.setFocus()  # the cursor is somewhere else on the form
    scroll = view.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.verticalScrollBar().maximum() > 0
    for name in ("driven_load", "status", "motor_type"):
        combo = view.rows[name].editor.widget
        assert isinstance(combo, QComboBox)
        shown = combo.currentText()
        event = wheel(combo)
        assert combo.currentText() == shown
        # Ignored, so that Qt hands a real (spontaneous) wheel event on to the scroll area: the form scrolls.
        assert not event.isAccepted()
    stored = shell_context.document.records.get(uuid).values
    assert (stored["driven_load"], stored["status"], stored["motor_type"]) == ("compressor", "running", "induction_lv")
    assert shell_context.document.records.get(uuid).revision == 1
    # Unfocused lists never take wheel focus either (a wheel must not pick a field to type in).
    assert view.rows["driven_load"].editor.widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert line.hasFocus()


def test_the_wheel_still_changes_a_list_the_user_is_in(qtbot: QtBot, shell_context: AppContext) -> None:
    view, _uuid = motor_form(qtbot, shell_context)
    combo = view.rows["driven_load"].editor.widget
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    assert combo.hasFocus()
    before = combo.currentIndex()
    wheel(combo, -1)
    assert combo.currentIndex() == before + 1


def test_after_enter_the_next_field_is_selected_so_typing_replaces_it(qtbot: QtBot, shell_context: AppContext) -> None:
    view, uuid = motor_form(qtbot, shell_context)
    year = view.rows["year_made"].editor.focus_widget()
    assert isinstance(year, QLineEdit)
    year.setFocus()
    qtbot.keyClicks(year, "2015")
    qtbot.keyClick(year, Qt.Key.Key_Return)
    quantity = QApplication.focusWidget()
    assert quantity is view.rows["quantity"].editor.focus_widget()
    assert isinstance(quantity, QLineEdit)
    assert quantity.selectedText() == "1"
    qtbot.keyClicks(quantity, "2")
    qtbot.keyClick(quantity, Qt.Key.Key_Return)
    stored = shell_context.document.records.get(uuid).values
    assert stored["year_made"] == 2015
    assert stored["quantity"] == 2


def test_a_refused_value_and_its_message_stay_when_another_field_is_saved(
    qtbot: QtBot, shell_context: AppContext
) -> None:
    view, uuid = motor_form(qtbot, shell_context)
    poles = view.rows["poles"].editor.focus_widget()
    assert isinstance(poles, QLineEdit)
    poles.setFocus()
    qtbot.keyClicks(poles, "3")  # odd: refused by the form's rule
    qtbot.keyClick(poles, Qt.Key.Key_Return)
    assert view.message("poles").startswith("Error:")
    speed = view.rows["rated_speed_rpm"].editor.focus_widget()
    assert isinstance(speed, QLineEdit)
    speed.setFocus()
    qtbot.keyClicks(speed, "1480")
    qtbot.keyClick(speed, Qt.Key.Key_Return)
    stored = shell_context.document.records.get(uuid).values
    assert stored["rated_speed_rpm"] == 1480
    assert stored.get("poles") is None
    assert poles.text() == "3"
    assert view.message("poles").startswith("Error:")
    # A value that cannot even be read ("abc") stays too, with its message.
    current = view.rows["rated_current_a"].editor.focus_widget()
    assert isinstance(current, QLineEdit)
    current.setFocus()
    qtbot.keyClicks(current, "abc")
    qtbot.keyClick(current, Qt.Key.Key_Return)
    name = view.rows["name"].editor.focus_widget()
    assert isinstance(name, QLineEdit)
    name.setFocus()
    qtbot.keyClicks(name, "Stenter fan")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert shell_context.document.records.get(uuid).values["name"] == "Stenter fan"
    assert current.text() == "abc"
    assert view.message("rated_current_a").startswith("Error:")
    assert poles.text() == "3"
    # Undo of the last edit goes back in the box that changed, and leaves the refused ones alone.
    shell_context.undo_stack.undo()
    assert name.text() == ""
    assert poles.text() == "3"


def backwards_demo(demo_path: Path, tmp_path: Path) -> tuple[Path, str, str, float]:
    """The demo audit with the mercerising machine's meter read lower on day 2 than on day 1 (a misread)."""
    path = tmp_path / "demo.fieldaudit"
    shutil.copy(demo_path, path)
    with AuditDocument.open(path, author="tester") as document:
        meter = next(m for m in document.records.list("water_meter") if m.values["meter_number"] == "W-011")
        readings = sorted(
            (r for r in document.records.list("water_reading") if r.values["meter"] == meter.uuid),
            key=lambda r: str(r.values["read_at"]),
        )
        good = float(readings[4].values["value"])
        document.records.update(readings[4].uuid, {"value": float(readings[3].values["value"]) - 500.0})
    return path, meter.uuid, readings[4].uuid, good


def test_a_water_balance_error_reaches_the_navigator_and_f8(
    qtbot: QtBot, open_window: Callable[[], MainWindow], demo_path: Path, tmp_path: Path
) -> None:
    path, meter_uuid, reading_uuid, good = backwards_demo(demo_path, tmp_path)
    window = open_window()
    window.open_path(path)
    workspace = window.workspace
    assert workspace is not None
    model = workspace.navigator.navigator_model
    qtbot.waitUntil(lambda: not model.is_counting(), timeout=10000)
    meters = model.node_for_key("form:water_meter")
    assert meters is not None and meters.counts is not None
    assert meters.counts.status == "error"
    water = model.node_for_key("group:water")
    assert water is not None and water.counts is not None and water.counts.errors >= 1
    # F8 stops at the meter whose reading went backwards.
    stops = []
    for _ in range(40):
        assert workspace.next_problem()
        stops.append(workspace.current_position())
        if stops[-1] == ("form:water_meter", meter_uuid):
            break
    assert ("form:water_meter", meter_uuid) in stops
    # Correcting the reading clears the mark.
    assert window.context is not None
    edit_record(window.context, reading_uuid, {"value": good}, "Value")
    qtbot.waitUntil(lambda: meters.counts is not None and meters.counts.errors == 0, timeout=5000)


def test_the_water_summary_shows_a_dash_not_zero_when_the_balance_is_incomplete(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    path, *_rest = backwards_demo(demo_path, tmp_path)
    document = AuditDocument.open(path, author="tester")
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        context = AppContext(document, QUndoStack(), settings, DocumentSignals(), "en")
        panel = WaterBalancePanel(context)
        qtbot.addWidget(panel)
        qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
        assert panel.result is not None and not panel.result.enterprise.complete
        summary = panel.summary.text()
        assert "new water — m³/d" in summary and "new water 0" not in summary
        panel.close()
    finally:
        document.close()


def test_a_duplicate_tag_and_a_missing_month_are_marked_in_the_navigator(
    qtbot: QtBot, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    path = tmp_path / "plant.fieldaudit"
    complete_motor = {
        "location": "Dyeing",
        "rated_power_kw": 15.0,
        "driven_load": "pump",
        "control_method": "direct",
    }
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("motor", {"tag": "M-01", **complete_motor})
        document.records.add("motor", {"tag": "M-02", **complete_motor})
        for month in (1, 2, 4):
            document.records.add(
                "energy_use",
                {"month": f"2025-{month:02d}", "energy_type": "electricity", "quantity": 10.0, "unit": "kWh"},
            )
    window = open_window()
    window.open_path(path)
    assert window.workspace is not None and window.context is not None
    model = window.workspace.navigator.navigator_model
    qtbot.waitUntil(lambda: not model.is_counting(), timeout=10000)
    motors = model.node_for_key("form:motor")
    energy = model.node_for_key("form:energy_use")
    assert motors is not None and motors.counts is not None and energy is not None and energy.counts is not None
    assert motors.counts.status == "complete"
    assert energy.counts.warnings == 1  # 2025-03 and 2025-05 … 12 missing: one warning naming them
    second = window.context.document.records.list("motor")[1]
    edit_record(window.context, second.uuid, {"tag": "M-01"}, "Tag")
    qtbot.waitUntil(lambda: motors.counts is not None and motors.counts.status == "warning", timeout=5000)
    assert motors.counts.warnings == 2


def test_paste_takes_a_short_or_common_name_of_a_choice_and_names_labels_when_refused(
    qtbot: QtBot, tmp_path: Path
) -> None:
    document = AuditDocument.create(tmp_path / "plant.fieldaudit", author="tester")
    context = make_context(document, tmp_path, language="zh")
    try:
        view = RecordsView(context, "energy_use")
        qtbot.addWidget(view)
        view.resize(1200, 500)
        view.show()
        qtbot.waitExposed(view)
        view.table.setFocus()
        QApplication.clipboard().setText("2025-01\t天然气\t12,000\t立方米\r\n2025-01\t电\t41,000\t度\r\n")
        qtbot.keyClick(view.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        stored = [(r.values["energy_type"], r.values["unit"]) for r in document.records.list("energy_use")]
        assert stored == [("natural_gas", "m3"), ("electricity", "kWh")]
        # A word that names nothing: refused whole, and the message lists labels a person can read.
        QApplication.clipboard().setText("2025-02\t天燃气\t11,000\t立方米\r\n")
        view.select_cell(2)
        qtbot.keyClick(view.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert document.records.count("energy_use") == 2
        message = view.message_label.text()
        assert "天燃气" in message and "原煤" in message and "天然气（气田天然气）" in message
        assert "raw_coal" not in message and "natural_gas" not in message
    finally:
        close_views()
        document.close()


def _close_any_dialog() -> None:
    dialog = QApplication.activeModalWidget()
    if dialog is not None:
        dialog.close()


def test_ctrl_n_adds_a_record_from_the_table_and_from_its_form_never_a_new_audit(
    qtbot: QtBot, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("motor", {"tag": "M-01"})
    window = open_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.open_path(path)
    assert window.workspace is not None and window.context is not None
    window.workspace.show_node("form:motor")
    page = window.workspace.stack.currentWidget()
    assert isinstance(page, RecordsPage)
    records = window.context.document.records
    # One window shortcut per key: Ctrl+N is "New record", never "New audit" as well.
    ctrl_n = QKeySequence(QKeySequence.StandardKey.New)
    owners = [
        action.text()
        for action in window.findChildren(QAction)
        if action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut
        and any(key.matches(ctrl_n) == QKeySequence.SequenceMatch.ExactMatch for key in action.shortcuts())
    ]
    assert owners == [window.add_record_action.text()]
    tag = page.detail.rows["tag"].editor.focus_widget()
    tag.setFocus()
    QTimer.singleShot(1000, _close_any_dialog)  # a New audit dialog would otherwise wait for a click
    qtbot.keyClick(tag, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert records.count("motor") == 2
    assert page.table.table.hasFocus()  # the cursor is in the new row, ready to type its tag
    qtbot.keyClick(page.table.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert records.count("motor") == 3
    assert window.context.undo_stack.count() == 2


def test_result_tables_copy_a_selection_and_the_whole_table_with_headers(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    from audit.table_paste import parse_clipboard
    from gui.analysis.indicators_panel import IndicatorsPanel
    from gui.table_copy import TableCopier

    path = tmp_path / "demo.fieldaudit"
    shutil.copy(demo_path, path)
    document = AuditDocument.open(path, author="tester")
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        context = AppContext(document, QUndoStack(), settings, DocumentSignals(), "en")
        water = WaterBalancePanel(context)
        indicators = IndicatorsPanel(context)
        for panel in (water, indicators):
            qtbot.addWidget(panel)
            panel.resize(1200, 800)
            panel.show()
        qtbot.waitUntil(lambda: water.unit_view.model().rowCount() > 3, timeout=60_000)
        qtbot.waitUntil(lambda: indicators.indicator_view.model().rowCount() > 3, timeout=60_000)
        for view in (water.unit_view, indicators.indicator_view):
            model = view.model()
            view.setFocus()
            view.selectionModel().clearSelection()
            view.selectRow(1)
            view.selectionModel().select(
                model.index(2, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            QApplication.clipboard().clear()
            qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
            rows = parse_clipboard(QApplication.clipboard().text())
            columns = model.columnCount()
            assert rows[0] == [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(columns)]
            assert rows[1:] == [[str(model.index(r, c).data() or "") for c in range(columns)] for r in (1, 2)]
            copier = view.findChild(TableCopier)
            assert copier is not None and copier.table_action in view.actions()
            copier.table_action.trigger()
            everything = parse_clipboard(QApplication.clipboard().text())
            assert len(everything) == model.rowCount() + 1
            assert everything[-1] == [str(model.index(model.rowCount() - 1, c).data() or "") for c in range(columns)]
        for panel in (water, indicators):
            panel.close()
    finally:
        document.close()


SETTINGS_PATH_CODE = """
import sys
from gui.app import create_application
from gui.preferences import default_settings_path
create_application()
print(default_settings_path())
"""


def test_settings_live_where_the_docs_say_and_old_ones_move_there(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    config = tmp_path / "config"
    old = config / "FieldAudit" / "FieldAudit" / "fieldaudit.ini"
    old.parent.mkdir(parents=True)
    old.write_text("[auditor]\nname=Li Ming\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config)}
    env.pop("FIELDAUDIT_SETTINGS", None)
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_PATH_CODE], env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert Path(result.stdout.strip()) == config / "FieldAudit" / "fieldaudit.ini"  # docs/gui.md, on Linux
    assert not old.exists()
    assert Preferences(config / "FieldAudit" / "fieldaudit.ini").auditor_name == "Li Ming"


def test_fieldaudit_lang_chooses_the_interface_language_as_on_the_command_line(
    prefs: Preferences, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefs.language = "en"
    monkeypatch.setenv("FIELDAUDIT_LANG", "zh_CN.UTF-8")
    assert Preferences(prefs.path).language == "zh"
    monkeypatch.setenv("FIELDAUDIT_LANG", "en")
    prefs.language = "zh"
    assert Preferences(prefs.path).language == "en"
    assert Preferences(prefs.path).saved_language == "zh"  # the session's choice is not saved
    monkeypatch.delenv("FIELDAUDIT_LANG")
    assert Preferences(prefs.path).language == "zh"


def test_the_first_start_asks_who_is_auditing_and_signs_edits_with_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDAUDIT_LANG", "en")
    path = tmp_path / "plant.fieldaudit"
    AuditDocument.create(path, author="tester").close()
    preferences = Preferences(tmp_path / "first.ini")
    preferences.audits_folder = tmp_path / "audits"
    window = start(preferences, path)
    qtbot.addWidget(window)
    try:
        # Asked over the window once it is painted (issue 15). Waited for until it is shown: a run of the
        # whole suite once found it made but not yet visible; one never shown still fails here.
        qtbot.waitUntil(lambda: (asked := window.findChild(AuditorDialog)) is not None and asked.isVisible())
        dialog = window.findChild(AuditorDialog)
        assert dialog is not None and dialog.isVisible()
        assert window.context is not None  # the audit is open behind the question
        dialog.auditor_name.setText("Wang Fang")
        dialog.organisation.setText("Keqiao Energy Centre")
        dialog.accept()
        uuid = add_record(window.context, "motor", {"tag": "M-01"})
        assert window.context.document.records.get(uuid).author == "Wang Fang (Keqiao Energy Centre)"
    finally:
        window.close_audit(forget=False)
        window.close()
    again = start(Preferences(tmp_path / "first.ini"))
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: not holding())  # painted, and what it held back done
    assert again.findChild(AuditorDialog) is None or not again.findChild(AuditorDialog).isVisible()
    again.close()
    # Put off with "Later": not asked again either.
    later = Preferences(tmp_path / "later.ini")
    later.audits_folder = tmp_path / "audits"
    window = start(later)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.findChild(AuditorDialog) is not None)
    dialog = window.findChild(AuditorDialog)
    assert dialog is not None
    dialog.reject()
    window.close()
    third = start(Preferences(tmp_path / "later.ini"))
    qtbot.addWidget(third)
    qtbot.waitUntil(lambda: not holding())
    assert third.findChild(AuditorDialog) is None
    third.close()


def test_enter_in_the_last_row_moves_below_it_and_typing_adds_the_next_row(
    qtbot: QtBot, shell_context: AppContext
) -> None:
    view = RecordsView(shell_context, "energy_use")
    qtbot.addWidget(view)
    view.resize(1200, 500)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    month = view.model.column_of("month")
    view.select_cell(0, month)
    for text in ("2025-01", "2025-02", "2025-03"):
        qtbot.keyClick(view.table, text[0])  # typing into a cell opens its editor with the key
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        qtbot.keyClicks(editor, text[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.table.hasFocus())
    months = [r.values["month"] for r in shell_context.document.records.list("energy_use")]
    assert months == ["2025-01", "2025-02", "2025-03"]  # nothing overwritten, and no empty row after the last
    assert view.table.selectionModel().selectedIndexes() == []  # below the last row: nothing to overwrite
    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    assert view.table.currentIndex().row() == 2
    assert shell_context.document.records.count("energy_use") == 3


def test_indicators_without_an_audit_period_say_so_and_link_to_it(
    qtbot: QtBot, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    from gui.analysis.indicators_panel import IndicatorsPanel
    from gui.form.view import FormView

    path = tmp_path / "new.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        for year in (2024, 2025):
            for month in range(1, 13):
                document.records.add(
                    "energy_use",
                    {"month": f"{year}-{month:02d}", "energy_type": "electricity", "quantity": 1000.0, "unit": "kWh"},
                )
    window = open_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.open_path(path)
    assert window.workspace is not None
    window.workspace.show_node("panel:indicators")
    panel = window.workspace.stack.currentWidget()
    assert isinstance(panel, IndicatorsPanel)
    qtbot.waitUntil(lambda: panel.report is not None, timeout=60_000)
    assert panel.missing.isVisible()
    assert "audit period is not set" in panel.missing.text()
    model = panel.indicator_model
    statuses = [
        model.index(row, 3).data() for row in range(model.rowCount()) if model.index(row, 1).data() in ("", "—")
    ]
    assert statuses and all(s.startswith("not computed") and "verified" not in s for s in statuses)
    panel.missing.linkActivated.emit("field:audit::period_start")
    form = window.workspace.stack.currentWidget()
    assert isinstance(form, FormView) and form.form_id == "audit"
    assert QApplication.focusWidget() is form.rows["period_start"].editor.focus_widget()


def test_every_chart_gives_an_energy_type_one_colour_and_the_legend_leaves_the_bars_clear(
    qtbot: QtBot, demo_path: Path
) -> None:
    from matplotlib.colors import to_hex
    from matplotlib.figure import Figure

    from audit.analysis import analyse_document
    from audit.energy_colours import energy_colour, energy_colours
    from audit.indicators.energy import type_label
    from forms.definitions.energy_use import ENERGY_TYPES
    from gui.analysis.indicators_charts import draw_energy_charts

    colours = energy_colours()
    assert {choice.code for choice in ENERGY_TYPES} <= set(colours)
    assert len(set(colours.values())) == len(colours)  # no two types alike
    with AuditDocument.open(demo_path, read_only=True) as document:
        balance = analyse_document(document).energy.audit_balance
    assert balance is not None
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = Figure(figsize=(9.0, 4.0), dpi=100)
    canvas = FigureCanvasAgg(figure)
    draw_energy_charts(figure, balance, "en")
    pie, bars = figure.axes
    names = {type_label(code).get("en"): code for code in balance.types()}
    pie_legend = pie.get_legend()
    assert pie_legend is not None
    pie_colours = {
        text.get_text().rsplit(" ", 1)[0]: to_hex(wedge.get_facecolor())
        for text, wedge in zip(pie_legend.get_texts(), pie.patches, strict=False)
    }
    bar_colours = {container.get_label(): to_hex(container.patches[0].get_facecolor()) for container in bars.containers}
    shared = set(pie_colours) & set(bar_colours) & set(names)
    assert len(shared) >= 2
    for name in shared:
        assert pie_colours[name] == bar_colours[name] == energy_colour(names[name])
    canvas.draw()
    renderer = canvas.get_renderer()
    legend = bars.get_legend()
    assert legend is not None
    assert legend.get_window_extent(renderer).y1 <= bars.get_window_extent(renderer).y0


def test_tooltips_name_inputs_in_words_and_keep_internal_provenance_out(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    import re

    from gui.analysis.indicators_panel import IndicatorsPanel

    path = tmp_path / "demo.fieldaudit"
    shutil.copy(demo_path, path)
    document = AuditDocument.open(path, author="tester")
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        context = AppContext(document, QUndoStack(), settings, DocumentSignals(), "en")
        panel = IndicatorsPanel(context)
        qtbot.addWidget(panel)
        qtbot.waitUntil(lambda: panel.report is not None, timeout=60_000)
        tips = [
            str(model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) or "")
            for model in (panel.indicator_model, panel.equipment_model)
            for row in range(model.rowCount())
            for column in range(model.columnCount())
        ]
        assert any("rated power (kW)" in tip for tip in tips)  # an input named in words, its unit apart
        for tip in tips:
            text = re.sub(r"<[^>]+>", " ", tip)
            assert "STANDARDS.md" not in text and "via:" not in text, text
            inputs = text.partition("Inputs")[2].partition("Sources")[0]
            # Inputs and their keys in words (rated power, Natural gas), not names (table_row_kw, natural_gas).
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", inputs), inputs
        panel.close()
    finally:
        document.close()
