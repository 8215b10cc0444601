"""The review pane beside a record: To do, Find, History and Conflicts as tabs (View menu, the status bar count)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from gui.context import AppContext
from gui.review.conflicts import ConflictsView
from gui.review.find import FindView
from gui.review.history import HistoryView
from gui.review.todo import TodoView


class ReviewPane(QTabWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPane")
        self.todo = TodoView(context, self)
        self.finder = FindView(context, self)
        self.history = HistoryView(context, self)
        self.addTab(self.todo, self.tr("To do"))
        self.addTab(self.finder, self.tr("Find"))
        self.addTab(self.history, self.tr("History"))
        self.conflicts = ConflictsView(context, self)
        self.addTab(self.conflicts, self.tr("Conflicts"))
        self.todo.counted.connect(self._retitle)
        self.conflicts.counted.connect(self._retitle_conflicts)
        self._retitle_conflicts(self.conflicts.model.rowCount())

    def _retitle(self, errors: int, missing: int, warnings: int) -> None:
        total = errors + missing + warnings
        self.setTabText(self.indexOf(self.todo), self.tr("To do (%1)").replace("%1", str(total)))

    def _retitle_conflicts(self, count: int) -> None:
        title = self.tr("Conflicts (%1)").replace("%1", str(count)) if count else self.tr("Conflicts")
        self.setTabText(self.indexOf(self.conflicts), title)

    def show_tab(self, widget: QWidget) -> None:
        self.setVisible(True)
        self.setCurrentWidget(widget)
