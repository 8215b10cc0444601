"""To do, Find and History: every problem in one list with links, any record by a word, who changed what."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from gui.form.view import FormView
from gui.main_window import MainWindow
from gui.records.commands import edit_record
from gui.review.todo import TodoView
from gui.workspace import RecordsPage

MakeWindow = Callable[[], MainWindow]

COMPLETE_MOTOR = {"location": "Dyeing", "rated_power_kw": 15.0, "driven_load": "pump", "control_method": "direct"}


def plant(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        add = document.records.add
        ids = {
            "m1": add("motor", {"tag": "M-01", **COMPLETE_MOTOR}),
            "m2": add("motor", {"tag": "M-01", **COMPLETE_MOTOR, "location": "Stenter line"}),
            "m3": add("motor", {"tag": "M-05"}),  # location, power, load and control still empty
        }
        for month in (1, 2, 4):
            add(
                "energy_use",
                {"month": f"2025-{month:02d}", "energy_type": "electricity", "quantity": 9.0, "unit": "kWh"},
            )
    return path, ids


def todo_rows(todo: TodoView) -> list[tuple[str, str, str]]:
    """(kind, where, field) of every line; the field is the second line of the "Where" cell."""
    rows = []
    for r in range(todo.model.rowCount()):
        where, _, field = str(todo.model.index(r, 1).data()).partition("\n")
        rows.append((str(todo.model.index(r, 0).data()), where, field))
    return rows


def opened(qtbot: QtBot, open_window: MakeWindow, path: Path) -> MainWindow:
    window = open_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.open_path(path)
    assert window.workspace is not None
    todo = window.workspace.review.todo
    qtbot.waitUntil(lambda: todo.ready, timeout=60_000)
    return window


def test_the_to_do_list_holds_every_problem_and_goes_to_its_field(
    qtbot: QtBot, open_window: MakeWindow, tmp_path: Path
) -> None:
    path, ids = plant(tmp_path)
    window = opened(qtbot, open_window, path)
    assert window.workspace is not None and window.context is not None
    todo = window.workspace.review.todo
    rows = todo_rows(todo)
    # Missing required values of a record and of the never-opened enterprise form, warnings found across records.
    assert ("Missing", "Motors: M-05", "Location (workshop, line)") in rows
    assert ("Missing", "Enterprise", "Enterprise name") in rows
    assert ("Check", "Motors: M-01", "Equipment tag") in rows
    assert any(kind == "Check" and where.startswith("Energy use") for kind, where, _ in rows)
    assert any(kind == "Check" and where == "Audit" and field == "Audit period start" for kind, where, field in rows)
    kinds = [kind for kind, _, _ in rows]
    assert kinds == sorted(kinds, key=["Error", "Missing", "Check"].index)  # errors first
    # The count is in the status bar; a click opens the list.
    errors = kinds.count("Error")
    assert window.todo_button.isVisible()
    assert window.todo_button.text() == (
        f"To do: errors {errors} · missing {kinds.count('Missing')} · warnings {kinds.count('Check')}"
    )
    window.todo_button.click()
    assert window.workspace.review.isVisible() and window.workspace.review.currentWidget() is todo
    # Enter on a line opens its record with the cursor in the field.
    row = rows.index(("Missing", "Motors: M-05", "Location (workshop, line)"))
    todo.table.setCurrentIndex(todo.model.index(row, 1))
    qtbot.keyClick(todo.table, Qt.Key.Key_Return)
    page = window.workspace.stack.currentWidget()
    assert isinstance(page, RecordsPage) and page.detail.record_uuid == ids["m3"]
    assert QApplication.focusWidget() is page.detail.rows["location"].editor.focus_widget()
    # Fixing it takes it off the list.
    edit_record(window.context, ids["m3"], {"location": "Boiler house"}, "Location")
    qtbot.waitUntil(
        lambda: (
            ("Missing", "Motors: M-05", "Location (workshop, line)")
            not in [
                (todo.model.index(r, 0).data(), todo.model.index(r, 1).data(), todo.model.index(r, 2).data())
                for r in range(todo.model.rowCount())
            ]
        ),
        timeout=30_000,
    )
    # The kinds can be shown one at a time.
    todo.kind.setCurrentIndex(todo.kind.findData("missing"))
    assert {todo.model.index(r, 0).data() for r in range(todo.model.rowCount())} == {"Missing"}


def test_find_a_record_by_tag_or_value_and_open_it(qtbot: QtBot, open_window: MakeWindow, tmp_path: Path) -> None:
    path, ids = plant(tmp_path)
    window = opened(qtbot, open_window, path)
    assert window.workspace is not None
    window.show_find()
    finder = window.workspace.review.finder
    assert QApplication.focusWidget() is finder.box
    qtbot.keyClicks(finder.box, "stenter")
    finder.search()
    assert [finder.model.index(r, 0).data() for r in range(finder.model.rowCount())] == ["Motors: M-01"]
    assert finder.model.index(0, 1).data() == "Location (workshop, line): Stenter line"
    finder.box.clear()
    qtbot.keyClicks(finder.box, "M-05")
    qtbot.keyClick(finder.box, Qt.Key.Key_Return)
    page = window.workspace.stack.currentWidget()
    assert isinstance(page, RecordsPage) and page.detail.record_uuid == ids["m3"]
    finder.box.clear()
    qtbot.keyClicks(finder.box, "nothing-like-this")
    finder.search()
    assert finder.model.rowCount() == 0 and "No record" in finder.summary.text()


def test_history_shows_who_changed_what_and_when(qtbot: QtBot, open_window: MakeWindow, tmp_path: Path) -> None:
    path, ids = plant(tmp_path)
    window = opened(qtbot, open_window, path)
    assert window.workspace is not None and window.context is not None
    window.workspace.show_record(ids["m3"])
    page = window.workspace.stack.currentWidget()
    assert isinstance(page, RecordsPage)
    tag = page.detail.rows["tag"].editor.focus_widget()
    assert isinstance(tag, QLineEdit)
    tag.setFocus()
    tag.selectAll()
    qtbot.keyClicks(tag, "M-05A")
    qtbot.keyClick(tag, Qt.Key.Key_Return)
    window.show_history()
    history = window.workspace.review.history
    assert history.isVisible()
    model = history.model
    when, who = str(model.index(0, 0).data()).split("\n")
    assert who == "Li Ming (Keqiao Energy Centre)" and when[:4].isdigit()
    assert model.index(0, 1).data() == "Changed Equipment tag: M-05 → M-05A"
    oldest = str(model.index(model.rowCount() - 1, 1).data())
    assert str(model.index(model.rowCount() - 1, 0).data()).endswith("\ntester")
    assert oldest.startswith("Created: Equipment tag M-05")
    assert "Motors: M-05A" in history.title.text() and "2 changes" in history.title.text()
    # It follows the record shown.
    window.workspace.show_record(ids["m1"])
    assert "Motors: M-01" in history.title.text()
    assert isinstance(window.workspace.stack.currentWidget(), (RecordsPage, FormView))
