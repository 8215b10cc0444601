"""The Conflicts tab: records changed on both sides listed with both values, settled by undoable commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from audit.conflicts import count_conflicts
from audit.document import AuditDocument
from audit.jsonio import export_records, import_records, read_import
from gui.context import AppContext
from gui.main_window import MainWindow
from gui.review.conflicts import ConflictsView


def _send(source: AuditDocument, target: AuditDocument, path: Path) -> None:
    path.write_text(json.dumps(export_records(source), ensure_ascii=False), encoding="utf-8")
    data = read_import(path)
    import_records(target, data.records, source=path.name, origin=data.origin)


def _conflict_in(office: AuditDocument, tmp_path: Path) -> str:
    """A motor the auditor sent, then changed to 45 kW while the office changed it to 37 kW."""
    with AuditDocument.create(tmp_path / "auditor.fieldaudit", author="li.auditor") as auditor:
        motor = auditor.records.add("motor", {"tag": "M-07", "rated_power_kw": 30})
        _send(auditor, office, tmp_path / "one.json")
        office.records.update(motor, {"rated_power_kw": 37})
        auditor.records.update(motor, {"rated_power_kw": 45})
        _send(auditor, office, tmp_path / "two.json")
    return motor


def test_take_theirs_and_keep_mine_are_undoable(
    qtbot: QtBot, shell_context: AppContext, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    document = shell_context.document
    motor = _conflict_in(document, tmp_path)
    view = ConflictsView(shell_context)
    qtbot.addWidget(view)
    view.show()
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 1
    assert view.model.index(0, 0).data() == "Motors M-07"
    assert view.model.index(0, 1).data() == "Rated power (kW): 37 | 45"
    assert "li.auditor" in view.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "1 records were changed both here" in view.summary.text()
    assert not view.take_theirs.isEnabled()
    view.table.selectRow(0)
    assert view.take_theirs.isEnabled() and view.keep_mine.isEnabled()
    with qtbot.waitSignal(shell_context.signals.record_changed):
        qtbot.mouseClick(view.take_theirs, Qt.MouseButton.LeftButton)
    assert document.records.get(motor)["rated_power_kw"] == 45 and count_conflicts(document) == 0
    assert view.model.rowCount() == 0 and "No conflicts" in view.summary.text()
    assert shell_context.undo_stack.undoText() == "Take their version of Motors M-07"
    shell_context.undo_stack.undo()
    assert document.records.get(motor)["rated_power_kw"] == 37 and view.model.rowCount() == 1
    view.table.selectRow(0)
    qtbot.mouseClick(view.keep_mine, Qt.MouseButton.LeftButton)
    assert document.records.get(motor)["rated_power_kw"] == 37 and count_conflicts(document) == 0
    assert shell_context.undo_stack.undoText() == "Keep my version of Motors M-07"
    revision = document.records.get(motor).revision
    shell_context.undo_stack.undo()
    assert count_conflicts(document) == 1
    shell_context.undo_stack.redo()
    # Every step is a new revision (undo too): a copy that saw one of them never sees it reused.
    record = document.records.get(motor)
    assert count_conflicts(document) == 0 and record["rated_power_kw"] == 37 and record.revision == revision + 2


def test_the_review_pane_counts_conflicts_and_opens_the_record(
    qtbot: QtBot, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    path = tmp_path / "office.fieldaudit"
    with AuditDocument.create(path, author="wang.office") as office:
        motor = _conflict_in(office, tmp_path)
    window = open_window()
    window.open_path(path)
    assert window.workspace is not None
    pane = window.workspace.review
    assert pane.tabText(pane.indexOf(pane.conflicts)) == "Conflicts (1)"
    # Opening an audit with conflicts shows them and says so.
    assert pane.isVisible() and pane.currentWidget() is pane.conflicts
    assert "1 conflicts with imported copies to settle." in window.statusBar().currentMessage()
    pane.show_tab(pane.todo)
    window.conflicts_action.trigger()
    assert pane.currentWidget() is pane.conflicts
    with qtbot.waitSignal(window.context.signals.open_record_requested) as opened:  # type: ignore[union-attr]
        pane.conflicts.table.activated.emit(pane.conflicts.model.index(0, 0))
    assert opened.args == [motor]
