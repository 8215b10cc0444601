"""Conflicts: records changed both here and in an imported copy, each settled by keeping mine or taking theirs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from audit.conflicts import (
    Choice,
    Conflict,
    base_before_settling,
    difference_lines,
    list_conflicts,
    record_name,
    settle,
    unsettle,
    versions_text,
)
from gui.analysis.recompute import read_only_table
from gui.analysis.result_models import UUID_ROLE, RowsTableModel
from gui.context import AppContext


class ConflictsModel(RowsTableModel):
    """One row per conflict: the record, and what differs (here | theirs); the versions in the tooltip."""

    context = "ConflictsView"
    headers = (
        QT_TRANSLATE_NOOP("ConflictsView", "Record"),
        QT_TRANSLATE_NOOP("ConflictsView", "Differs (here | theirs)"),
    )

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.app = context

    def cell(self, row: Any, column: int, role: int) -> Any:
        conflict: Conflict = row
        document = self.app.document
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return record_name(document, conflict, self.language)
            return "\n".join(difference_lines(document, conflict, self.language))
        if role == Qt.ItemDataRole.ToolTipRole:
            return versions_text(conflict).get(self.language)
        if role == UUID_ROLE:
            return conflict.record_uuid
        return None


class SettleConflictCommand(QUndoCommand):
    """Keep mine or take theirs; undo brings the local version and the conflict back."""

    def __init__(self, context: AppContext, conflict: Conflict, choice: Choice, label: str) -> None:
        text = (
            QCoreApplication.translate("undo", "Keep my version of %1")
            if choice is Choice.MINE
            else QCoreApplication.translate("undo", "Take their version of %1")
        )
        super().__init__(text.replace("%1", label))
        self.context = context
        self.conflict = conflict
        self.choice = choice
        self.base_before = base_before_settling(context.document, conflict)

    def redo(self) -> None:
        document = self.context.document
        changes = settle(document, self.conflict.record_uuid, self.conflict.source, self.choice)
        self.context.signals.announce(changes)

    def undo(self) -> None:
        self.context.signals.announce(unsettle(self.context.document, self.conflict, self.base_before))


class ConflictsView(QWidget):
    """The open conflicts of the audit; activating a row opens its record."""

    counted = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = ConflictsModel(context, self)
        self.table = read_only_table(self.model)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.activated.connect(self._open)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.keep_mine = QPushButton(self.tr("&Keep mine"))
        self.take_theirs = QPushButton(self.tr("Take &theirs"))
        self.keep_mine.setToolTip(self.tr("Keep this audit's version; it becomes newer than both."))
        self.take_theirs.setToolTip(self.tr("Replace this audit's version with the one from the imported copy."))
        for button, choice in ((self.keep_mine, Choice.MINE), (self.take_theirs, Choice.THEIRS)):
            button.clicked.connect(lambda _checked=False, chosen=choice: self.settle_selected(chosen))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        context.signals.records_changed.connect(lambda _form: self._refresh_if_shown())
        context.signals.record_changed.connect(lambda _uuid: self._refresh_if_shown())
        self.refresh()

    def refresh(self) -> None:
        conflicts = list_conflicts(self.context.document)
        self.model.set_rows(conflicts, self.context.language)
        if conflicts:
            self.summary.setText(
                self.tr(
                    "%1 records were changed both here and in an imported copy. Both versions are kept until you "
                    "choose one."
                ).replace("%1", str(len(conflicts)))
            )
        else:
            self.summary.setText(self.tr("No conflicts: every imported change was merged."))
        if self.isVisible():
            # Sizing rows measures text (~1 ms an edit): a hidden pane sizes them when shown.
            self.table.resizeColumnToContents(0)
            self._fit_rows()
        self._enable()
        self.counted.emit(len(conflicts))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.table.resizeColumnToContents(0)
        self._fit_rows()  # rows wrap to the width the pane was given

    def _fit_rows(self) -> None:
        # Qt measures a row with the interface font; Chinese values drawn in a taller fallback font
        # then clip the last line (it shows "…"): give each line a third of a line more.
        self.table.resizeRowsToContents()
        spare = self.table.fontMetrics().height() // 3
        for row in range(self.model.rowCount()):
            lines = str(self.model.index(row, 1).data() or "").count("\n") + 1
            self.table.setRowHeight(row, self.table.rowHeight(row) + lines * spare)

    def _refresh_if_shown(self) -> None:
        # Cheap (one small table); kept current so the tab's count is right even while hidden.
        self.refresh()

    def _selected(self) -> Conflict | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        conflict: Conflict = self.model.rows[rows[0].row()]
        return conflict

    def _enable(self) -> None:
        enabled = self._selected() is not None and not self.context.document.read_only
        self.keep_mine.setEnabled(enabled)
        self.take_theirs.setEnabled(enabled)

    def settle_selected(self, choice: Choice) -> None:
        conflict = self._selected()
        if conflict is None:
            return
        label = record_name(self.context.document, conflict, self.context.language)
        self.context.undo_stack.push(SettleConflictCommand(self.context, conflict, choice, label))

    def _open(self, index: QModelIndex) -> None:
        record_uuid = self.model.data(index, UUID_ROLE)
        if record_uuid:
            self.context.signals.open_record_requested.emit(str(record_uuid))
