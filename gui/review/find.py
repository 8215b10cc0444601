"""Find: a search box that finds any record of the audit by its tag, name or any value."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from audit.find import Found, find_records
from gui.analysis.recompute import read_only_table
from gui.analysis.result_models import RowsTableModel
from gui.context import AppContext

# Searching every form takes ~10 ms on the demo audit; more than this many hits are not worth listing.
MAX_HITS = 200


class FoundModel(RowsTableModel):
    context = "FindView"
    headers = (
        QT_TRANSLATE_NOOP("FindView", "Record"),
        QT_TRANSLATE_NOOP("FindView", "Found in"),
    )

    def cell(self, row: Any, column: int, role: int) -> Any:
        found: Found = row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return found.what if column == 0 else found.matched
        return None


class FindView(QWidget):
    """Type words (a tag, a name, a number); every record holding all of them is listed; Enter opens one."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.box = QLineEdit()
        self.box.setObjectName("findBox")
        self.box.setClearButtonEnabled(True)
        self.box.setPlaceholderText(self.tr("Find a record: tag, name or any value"))
        layout.addWidget(self.box)
        self.summary = QLabel()
        self.summary.setEnabled(False)
        layout.addWidget(self.summary)
        self.model = FoundModel(self)
        self.table = read_only_table(self.model)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.search)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self._open_first)
        context.signals.records_changed.connect(lambda _form: self._timer.start() if self.box.text() else None)

    def search(self) -> None:
        self._timer.stop()
        text = self.box.text()
        hits = find_records(self.context.document, text, self.context.language, MAX_HITS) if text.strip() else []
        self.model.set_rows(hits, self.context.language)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        if not text.strip():
            self.summary.clear()
        elif not hits:
            self.summary.setText(self.tr("No record holds “%1”.").replace("%1", text.strip()))
        else:
            more = len(hits) >= MAX_HITS
            self.summary.setText(
                (self.tr("The first %1 records found.") if more else self.tr("%1 records found.")).replace(
                    "%1", str(len(hits))
                )
            )

    def _open_first(self) -> None:
        self.search()
        if self.model.rows:
            self.table.setFocus()
            self.table.selectRow(0)
            self._activated(self.model.index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid() or not 0 <= index.row() < len(self.model.rows):
            return
        found: Found = self.model.rows[index.row()]
        self.context.signals.open_field_requested.emit(found.form_id, found.record_uuid, found.field)
