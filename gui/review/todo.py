"""The to-do list: every missing value, error and warning of the audit, each a link to its record and field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from audit.background import todo_items
from audit.problems import TodoItem
from forms.validation import Severity
from gui.analysis.recompute import BackgroundRecompute, InProcess, read_only_table
from gui.analysis.result_models import RowsTableModel
from gui.context import AppContext
from gui.theme import LIGHT

KINDS = {
    Severity.ERROR: QT_TRANSLATE_NOOP("TodoView", "Error"),
    Severity.MISSING: QT_TRANSLATE_NOOP("TodoView", "Missing"),
    Severity.WARNING: QT_TRANSLATE_NOOP("TodoView", "Check"),
}
FIRST_PASS_DELAY_MS = 800
SEVERITY_COLOURS = {Severity.ERROR: LIGHT.error, Severity.MISSING: LIGHT.missing, Severity.WARNING: LIGHT.warning}


class TodoModel(RowsTableModel):
    """One row per problem: kind, where, field, what to do."""

    context = "TodoView"
    headers = (
        QT_TRANSLATE_NOOP("TodoView", "Kind"),
        QT_TRANSLATE_NOOP("TodoView", "Where"),
        QT_TRANSLATE_NOOP("TodoView", "What to do"),
    )

    def cell(self, row: Any, column: int, role: int) -> Any:
        item: TodoItem = row
        problem = item.problem
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return QCoreApplication.translate("TodoView", str(KINDS[problem.severity]))
            if column == 1:
                # The record, and under it the field: a narrow pane keeps the message in sight.
                field = item.field.get(self.language)
                return item.where.get(self.language) + (f"\n{field}" if field else "")
            return problem.message.get(self.language)
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(QColor(SEVERITY_COLOURS[problem.severity]))
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return problem.message.get(self.language)
        return None


class TodoView(QWidget):
    """The list, a choice of which kinds to show, and counts; activating a row opens its record and field."""

    counted = Signal(int, int, int)  # errors, missing, warnings

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.items: list[TodoItem] = []
        self.ready = False
        self._sized = True  # whether the rows shown have been sized to their text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.summary = QLabel(self.tr("Looking through the audit…"))
        self.summary.setWordWrap(True)
        self.kind = QComboBox()
        for text, value in (
            (self.tr("Everything"), ""),
            (self.tr("Errors"), Severity.ERROR.value),
            (self.tr("Missing values"), Severity.MISSING.value),
            (self.tr("Warnings"), Severity.WARNING.value),
        ):
            self.kind.addItem(text, value)
        self.kind.currentIndexChanged.connect(self._show)
        top.addWidget(self.summary, 1)
        top.addWidget(self.kind)
        layout.addLayout(top)
        self.model = TodoModel(self)
        self.table = read_only_table(self.model)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Rows grow to their wrapped message once the pane has its width.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self.table.resizeRowsToContents)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._rows_timer.start())
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("Double-click or press Enter on a line to go to its record and field."))
        hint.setEnabled(False)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.background = BackgroundRecompute(
            self,
            context,
            # A pass over every record (4 s of Python for 222,000 readings): in a worker process.
            InProcess(todo_items, lambda: (self.context.document.path, self.context.document.registry)),
            self.tr("To do"),
            self.show_items,
            self._failed,
        )
        # The first pass waits a moment: opening an audit shows its view first, the count follows.
        QTimer.singleShot(FIRST_PASS_DELAY_MS, self.background.run)

    def refresh(self) -> None:
        self.background.run()

    def show_items(self, items: list[TodoItem]) -> None:
        unchanged = self.ready and list(items) == self.items
        self.items = list(items)
        self.ready = True
        if not unchanged:
            # Laying out wrapped rows takes ~16 ms for 90 lines: not again when an edit changed nothing here.
            self._show()
        errors = sum(1 for i in self.items if i.problem.severity is Severity.ERROR)
        missing = sum(1 for i in self.items if i.problem.severity is Severity.MISSING)
        warnings = len(self.items) - errors - missing
        if self.items:
            text = (
                self.tr("Whole audit: errors %1, missing values %2, warnings %3.")
                .replace("%1", str(errors))
                .replace("%2", str(missing))
                .replace("%3", str(warnings))
            )
        else:
            text = self.tr("Nothing to do: no missing values, errors or warnings.")
        self.summary.setText(text)
        self.counted.emit(errors, missing, warnings)

    def _show(self) -> None:
        wanted = str(self.kind.currentData() or "")
        shown = [i for i in self.items if not wanted or i.problem.severity.value == wanted]
        self.model.set_rows(shown, self.context.language)
        # Sizing wrapped rows is most of the time (~16 ms for 90 lines): a hidden list does it when shown.
        self._sized = self.isVisible()
        if self._sized:
            self._size_rows()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._size_rows()

    def _size_rows(self) -> None:
        header = self.table.horizontalHeader()
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, min(max(self.table.sizeHintForColumn(1), 120), 220))
        header.setStretchLastSection(True)
        self.table.resizeRowsToContents()

    def _failed(self, message: str) -> None:
        self.summary.setText(self.tr("The to-do list could not be made: %1").replace("%1", message))

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid() or not 0 <= index.row() < len(self.model.rows):
            return
        problem = self.model.rows[index.row()].problem
        field = problem.field if "[" not in problem.field else ""
        self.context.signals.open_field_requested.emit(problem.form_id, problem.record_uuid, field)
