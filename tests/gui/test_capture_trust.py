"""Capture that stores nothing by accident: the wheel, Enter out of spreadsheet habit, refused values kept."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from gui.context import AppContext
from gui.form.view import FormView
from gui.records.commands import add_record


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
    view, uuid = motor_form(qtbot, shell_context)
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
