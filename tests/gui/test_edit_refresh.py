"""One value typed into a record table refreshes that row and the navigator's count, not the whole table (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from gui.main_window import MainWindow
from gui.records.model import BLOCK_ROWS
from gui.workspace import RecordsPage

MOTORS = BLOCK_ROWS + 44  # more than one block of rows


def _plant(tmp_path: Path) -> Path:
    """An audit with MOTORS motors, none with its location (a required value) filled in."""
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        rows = [{"tag": f"M-{n:03d}", "rated_power_kw": 15.0, "driven_load": "pump"} for n in range(MOTORS)]
        document.records.add_many("motor", rows)
    return path


def _motors_page(qtbot: QtBot, open_window: Callable[[], MainWindow], tmp_path: Path) -> tuple[MainWindow, RecordsPage]:
    window = open_window()
    window.resize(1280, 820)
    window.open_path(_plant(tmp_path))
    assert window.workspace is not None
    window.workspace.show_node("form:motor")
    page = window.workspace.views["form:motor"]
    assert isinstance(page, RecordsPage)
    qtbot.waitExposed(page.table.table)
    return window, page


def _type_into(qtbot: QtBot, page: RecordsPage, row: int, column: int, text: str) -> None:
    view = page.table
    view.select_cell(row, column)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    [editor] = [e for e in view.table.viewport().findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible())


def test_an_edit_in_the_table_refreshes_its_row_and_the_navigator_count(
    qtbot: QtBot, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    window, page = _motors_page(qtbot, open_window, tmp_path)
    assert window.workspace is not None and window.context is not None
    model = page.table.model
    navigator = window.workspace.navigator.navigator_model
    qtbot.waitUntil(lambda: not navigator.is_counting(), timeout=10000)
    motors = navigator.index_for_key("form:motor")
    missing_before = navigator.summary["motor"].total.missing
    assert motors.data(Qt.ItemDataRole.ToolTipRole) == f"Required values missing: {missing_before}"
    location = model.column_of("location")
    assert model.index(3, location).data() == ""
    qtbot.wait(50)  # let the first paint fetch the visible rows
    fetches = model.block_fetches
    changed_rows: list[tuple[int, int]] = []

    def note(top: QModelIndex, bottom: QModelIndex, _roles: object = None) -> None:
        changed_rows.append((top.row(), bottom.row()))

    model.dataChanged.connect(note)
    with qtbot.assertNotEmitted(model.modelReset, wait=100):
        _type_into(qtbot, page, 3, location, "Boiler house")
        qtbot.waitUntil(
            lambda: motors.data(Qt.ItemDataRole.ToolTipRole) == f"Required values missing: {missing_before - 1}"
        )
    uuid = model.uuid_at(3)
    assert uuid is not None
    assert window.context.document.records.get(uuid).values["location"] == "Boiler house"
    assert model.index(3, location).data() == "Boiler house"
    assert motors.data(Qt.ItemDataRole.DisplayRole) == f"Motors ({MOTORS})"
    # Only the edited row was told to repaint, and no block of rows was read again from SQLite.
    assert changed_rows == [(3, 3)]
    assert model.block_fetches == fetches
    # Undo goes through the same path: that row shows its old value again, the count goes back.
    window.context.undo_stack.undo()
    qtbot.waitUntil(lambda: motors.data(Qt.ItemDataRole.ToolTipRole) == f"Required values missing: {missing_before}")
    assert model.index(3, location).data() == ""
    assert set(changed_rows) == {(3, 3)}


def test_an_edit_of_the_sorted_column_moves_the_row(
    qtbot: QtBot, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    _window, page = _motors_page(qtbot, open_window, tmp_path)
    model = page.table.model
    tag = model.column_of("tag")
    model.sort(tag, Qt.SortOrder.AscendingOrder)
    assert model.index(0, tag).data() == "M-000"
    _type_into(qtbot, page, 0, tag, "Z-000")
    qtbot.waitUntil(lambda: model.index(MOTORS - 1, tag).data() == "Z-000")
    assert model.index(0, tag).data() == "M-001"
    assert model.rowCount() == MOTORS
