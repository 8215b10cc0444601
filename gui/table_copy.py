"""Copy results out of a read-only table as tab-separated text with headers (pastes into Excel, WPS, LibreOffice)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTableView


def _cell(text: object) -> str:
    shown = "" if text is None else str(text)
    # A cell holding a tab, a line break or a quote is quoted as spreadsheets quote it (quotes doubled).
    if any(mark in shown for mark in ("\t", "\n", "\r", '"')):
        return '"' + shown.replace('"', '""') + '"'
    return shown


def _text(view: QTableView, rows: list[int], columns: list[int]) -> str:
    model = view.model()
    lines = ["\t".join(_cell(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns)]
    for row in rows:
        lines.append("\t".join(_cell(model.index(row, c).data(Qt.ItemDataRole.DisplayRole)) for c in columns))
    # Excel and WPS end every copied row with CR LF.
    return "\r\n".join(lines) + "\r\n"


def _visible_columns(view: QTableView) -> list[int]:
    header = view.horizontalHeader()
    columns = [c for c in range(view.model().columnCount()) if not view.isColumnHidden(c)]
    return sorted(columns, key=header.visualIndex)


def selection_text(view: QTableView) -> str:
    """The selected cells, with the headers of their columns; whole rows when rows are selected."""
    indexes: list[QModelIndex] = view.selectionModel().selectedIndexes() if view.selectionModel() else []
    if not indexes and view.currentIndex().isValid():
        indexes = [view.currentIndex()]
    if not indexes:
        return ""
    rows = sorted({index.row() for index in indexes})
    chosen = {index.column() for index in indexes}
    columns = [c for c in _visible_columns(view) if c in chosen]
    return _text(view, rows, columns)


def table_text(view: QTableView) -> str:
    """Every row and visible column of the table, with its headers."""
    return _text(view, list(range(view.model().rowCount())), _visible_columns(view))


class TableCopier(QObject):
    """Ctrl+C copies the selection with headers; "Copy table" (context menu) copies all of it."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        translate = QCoreApplication.translate
        self.copy_action = QAction(translate("TableCopier", "Copy"), view)
        self.copy_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_selection)
        self.table_action = QAction(translate("TableCopier", "Copy table"), view)
        self.table_action.setToolTip(
            translate("TableCopier", "Copy every row with its headers, to paste into Excel or WPS")
        )
        self.table_action.triggered.connect(self.copy_table)
        view.addAction(self.copy_action)
        view.addAction(self.table_action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # QTableView's own Ctrl+C copies the current cell only: the view's key goes to us first.
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.view
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.copy_selection()
            return True
        return False

    def copy_selection(self) -> None:
        text = selection_text(self.view)
        if text:
            QGuiApplication.clipboard().setText(text)

    def copy_table(self) -> None:
        QGuiApplication.clipboard().setText(table_text(self.view))


def install_table_copy(view: QTableView) -> TableCopier:
    return TableCopier(view)
