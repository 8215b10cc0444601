"""The workspace composes the real views: table above form, repeat tables, photos, panels, show-record requests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from audit.attachments import all_photos, photos_for
from audit.document import AuditDocument
from gui.context import AppContext
from gui.form.view import FormView
from gui.main_window import MainWindow
from gui.panels import Panel, discover
from gui.photos.view import PhotosView
from gui.records.view import RecordsView
from gui.workspace import RecordsPage, Workspace

MakeWindow = Callable[[], MainWindow]


def plant(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        add = document.records.add
        ids = {
            "enterprise": add("enterprise", {"name": "Hengsheng"}),
            "m1": add("motor", {"tag": "M-1"}),
            "m2": add("motor", {"tag": "M-2"}),
            "plant": add("water_unit", {"name": "Plant", "level": "1", "unit_type": "production"}),
        }
        ids["product"] = add("enterprise.products", {"product_name": "Dyed cloth"}, parent=ids["enterprise"])
    return path, ids


def test_table_and_form_show_the_same_record(qtbot: QtBot, open_window: MakeWindow, tmp_path: Path) -> None:
    path, ids = plant(tmp_path)
    window = open_window()
    window.open_path(path)
    assert window.workspace is not None and window.context is not None
    window.workspace.show_node("form:motor")
    page = window.workspace.stack.currentWidget()
    assert isinstance(page, RecordsPage) and isinstance(page.table, RecordsView)
    assert page.detail.record_uuid == ids["m1"]  # a table opens on its first record
    page.table.select_cell(1)
    page.table.open_current()
    assert page.detail.record_uuid == ids["m2"]
    tag = page.detail.rows["tag"].editor.widget
    assert isinstance(tag, QLineEdit)
    tag.setFocus()
    tag.selectAll()
    qtbot.keyClicks(tag, "M-2B")
    qtbot.keyClick(tag, Qt.Key.Key_Return)
    model = page.table.model
    column = model.column_of("tag")
    qtbot.waitUntil(lambda: model.index(1, column).data() == "M-2B")
    assert window.context.document.records.get(ids["m2"]).values["tag"] == "M-2B"
    navigator = window.workspace.navigator.navigator_model
    motors = navigator.index_for_key("form:motor")
    new = page.table.add_row()
    assert new is not None
    assert page.detail.record_uuid == new  # the form follows the table's cursor to the new row
    page.table.select_cell(0)
    assert page.detail.record_uuid == ids["m1"]
    qtbot.waitUntil(lambda: motors.data(Qt.ItemDataRole.DisplayRole) == "Motors (3)")
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: motors.data(Qt.ItemDataRole.DisplayRole) == "Motors (2)")
    assert window.context.document.records.count("motor") == 2


def test_show_record_requests_reach_the_right_view(open_window: MakeWindow, tmp_path: Path) -> None:
    path, ids = plant(tmp_path)
    window = open_window()
    window.open_path(path)
    workspace = window.workspace
    assert workspace is not None and window.context is not None
    signals = window.context.signals
    signals.open_record_requested.emit(ids["plant"])  # a water unit is its own navigator node
    assert workspace.navigator.current_key() == f"record:{ids['plant']}"
    assert workspace.current_position() == (f"record:{ids['plant']}", ids["plant"])
    signals.open_record_requested.emit(ids["product"])  # a repeat row shows the record it belongs to
    assert workspace.navigator.current_key() == "form:enterprise"
    form = workspace.stack.currentWidget()
    assert isinstance(form, FormView) and form.record_uuid == ids["enterprise"]
    products = form.findChild(RecordsView, "repeat_products")
    assert products is not None and products.model.rowCount() == 1
    signals.open_record_requested.emit(ids["m2"])
    page = workspace.stack.currentWidget()
    assert isinstance(page, RecordsPage) and page.detail.record_uuid == ids["m2"]
    assert page.table.selected_rows() == [1]


def test_photos_and_panels_are_built_on_first_open(qtbot: QtBot, open_window: MakeWindow, tmp_path: Path) -> None:
    path, ids = plant(tmp_path)
    window = open_window()
    window.open_path(path)
    workspace = window.workspace
    assert workspace is not None and window.context is not None
    for panel in discover():
        assert f"panel:{panel.key}" not in workspace.views
        workspace.show_node(f"panel:{panel.key}")
        assert workspace.stack.currentWidget() is workspace.views[f"panel:{panel.key}"]
    workspace.show_node("form:motor", ids["m1"])
    page = workspace.stack.currentWidget()
    assert isinstance(page, RecordsPage)
    strip = page.detail.photos_view
    assert isinstance(strip, PhotosView) and strip.record_uuid == ids["m1"]
    source = tmp_path / "nameplate.jpg"
    Image.new("RGB", (800, 600), (30, 90, 160)).save(source)
    strip.import_files([source], show_progress=False)
    qtbot.waitUntil(lambda: len(photos_for(window.context.document, ids["m1"])) == 1, timeout=10000)
    photos_node = workspace.navigator.navigator_model.index_for_key("photos")
    qtbot.waitUntil(lambda: photos_node.data(Qt.ItemDataRole.DisplayRole) == "Photos (1)")
    # The new photo is offered at once by the motor's photo field.
    combo = page.detail.rows["nameplate_photo"].editor.widget
    assert isinstance(combo, QComboBox)
    qtbot.waitUntil(lambda: combo.count() == 2)
    assert combo.itemText(1) == "nameplate.jpg"
    workspace.show_node("photos")
    everything = workspace.stack.currentWidget()
    assert isinstance(everything, PhotosView) and everything.record_uuid is None
    assert [p.original_name for p in all_photos(window.context.document)] == ["nameplate.jpg"]


def test_f8_goes_to_the_next_incomplete_item(qtbot: QtBot, open_window: MakeWindow, tmp_path: Path) -> None:
    path, ids = plant(tmp_path)
    window = open_window()
    window.open_path(path)
    workspace = window.workspace
    assert workspace is not None and window.context is not None
    qtbot.waitUntil(lambda: not workspace.navigator.navigator_model.is_counting(), timeout=10000)
    assert window.next_problem_action.shortcut().toString() == "F8"
    workspace.show_node("form:enterprise")
    window.next_problem_action.trigger()
    # Energy use and production are empty (not a problem); motors are the next form with records
    # lacking required values, and F8 opens the first such record.
    assert workspace.current_position() == ("form:motor", ids["m1"])
    window.next_problem_action.trigger()
    assert workspace.current_key.startswith(("form:", "record:"))
    assert workspace.current_key != "form:motor"
    node = workspace.navigator.navigator_model.node_for_key(workspace.current_key)
    assert node is not None and node.counts is not None and node.counts.status in ("error", "missing")
    keys_seen = set()
    for _ in range(40):  # it cycles through every incomplete item and wraps around
        window.next_problem_action.trigger()
        keys_seen.add(workspace.current_key)
    assert {"form:enterprise", "form:motor"} <= keys_seen
    plant_node = workspace.navigator.navigator_model.node_for_key(f"record:{ids['plant']}")
    assert plant_node is not None and plant_node.counts is not None and plant_node.counts.status == "complete"
    assert f"record:{ids['plant']}" not in keys_seen  # complete: F8 skips it


def test_a_panel_that_fails_to_build_does_not_take_the_audit_down(
    qtbot: QtBot, tmp_path: Path, shell_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_context: AppContext, _parent: QWidget | None) -> QWidget:
        raise ValueError("no coefficients table")

    workspace = Workspace(shell_context, [Panel("broken", "Broken", broken)])
    qtbot.addWidget(workspace)
    workspace.show_node("panel:broken")
    shown = workspace.stack.currentWidget()
    assert isinstance(shown, QLabel)
    assert shown.text() == "This view could not be opened: no coefficients table"
    assert "ValueError: no coefficients table" in capsys.readouterr().err
    workspace.show_node("form:enterprise")  # the rest still works
    assert isinstance(workspace.stack.currentWidget(), FormView)
    assert shell_context.document.records.count("enterprise") == 0


def test_f6_moves_between_navigator_and_view(qtbot: QtBot, open_window: MakeWindow, tmp_path: Path) -> None:
    path, ids = plant(tmp_path)
    window = open_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.open_path(path)
    workspace = window.workspace
    assert workspace is not None
    workspace.show_node("form:enterprise")
    workspace.navigator.setFocus()
    window.switch_focus_action.trigger()
    form = workspace.stack.currentWidget()
    assert isinstance(form, FormView)
    assert QApplication.focusWidget() is form.rows["name"].editor.widget
    qtbot.keyClicks(QApplication.focusWidget(), " Ltd")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.context is not None
    assert window.context.document.records.get(ids["enterprise"]).values["name"] == "Hengsheng Ltd"
    window.switch_focus_action.trigger()
    assert QApplication.focusWidget() is workspace.navigator
    workspace.show_node("form:motor")
    window.switch_focus_action.trigger()
    page = workspace.stack.currentWidget()
    assert isinstance(page, RecordsPage) and QApplication.focusWidget() is page.table.table
