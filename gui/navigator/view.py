"""The navigator's view: the tree on the left, showing gui.navigator.model; selecting a node shows it."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from gui.context import AppContext
from gui.navigator.model import KEY_ROLE, NavigatorModel
from gui.panels import Panel


class NavigatorView(QTreeView):
    """The tree on the left: selecting a node asks the workspace to show it."""

    node_selected = Signal(str)

    def __init__(self, context: AppContext, panels: list[Panel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.navigator_model = NavigatorModel(context, panels, self)
        self.setModel(self.navigator_model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.expandAll()
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._kept_key: str | None = None
        self.navigator_model.structure_changing.connect(self._keep_selection)
        self.navigator_model.structure_changed.connect(self._restore_selection)

    def _keep_selection(self, _key: str) -> None:
        # Rows about to be removed would move the current index to a neighbour and show that instead.
        self._kept_key = self.current_key()

    def _restore_selection(self, key: str) -> None:
        self.expandRecursively(self.navigator_model.index_for_key(key))
        kept, self._kept_key = self._kept_key, None
        if kept and not self.select_key(kept):
            # The record shown was deleted: show the form it belonged to.
            self.select_key(key)
            self.node_selected.emit(key)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self._kept_key is None:
            self.node_selected.emit(str(current.data(KEY_ROLE)))

    def select_key(self, key: str) -> bool:
        """Select a node without re-emitting node_selected (the workspace already shows it)."""
        index = self.navigator_model.index_for_key(key)
        if not index.isValid():
            return False
        previous = self.currentIndex()
        self.blockSignals(True)
        self.selectionModel().blockSignals(True)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.selectionModel().blockSignals(False)
        self.blockSignals(False)
        # After the next layout pass: a tree not laid out yet would scroll as if it were one row high.
        QTimer.singleShot(0, self, lambda: self._scroll_to(key))
        # The two rows whose selection changed unseen, repainted. Not viewport().update(): the first
        # QWidget that PySide6 wraps for a C++ pointer makes it build every widget class's enums
        # (issue 15: ~5 ms before the first paint).
        self.update(previous)
        self.update(index)
        return True

    def _scroll_to(self, key: str) -> None:
        index = self.navigator_model.index_for_key(key)
        if index.isValid():
            self.scrollTo(index)

    def current_key(self) -> str:
        index = self.currentIndex()
        return str(index.data(KEY_ROLE)) if index.isValid() else ""
