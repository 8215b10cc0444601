"""History of one record: who changed which field from what to what, and when (read from the change log)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from audit.history import HistoryEntry, record_history
from gui.analysis.recompute import read_only_table
from gui.analysis.result_models import RowsTableModel
from gui.context import AppContext


class HistoryModel(RowsTableModel):
    context = "HistoryView"
    headers = (
        QT_TRANSLATE_NOOP("HistoryView", "When, who"),
        QT_TRANSLATE_NOOP("HistoryView", "What changed"),
    )

    def cell(self, row: Any, column: int, role: int) -> Any:
        entry: HistoryEntry = row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return f"{entry.changed_at[:16]}\n{entry.author}" if column == 0 else change_text(entry, self.language)
        return None


def change_text(entry: HistoryEntry, language: str) -> str:
    """ "Changed Rated power: 90 → 110", "Created: Equipment tag M-01; …", "Photo attached"."""
    operation = entry.operation.get(language)
    field = entry.field.get(language)
    old, new = entry.old.get(language), entry.new.get(language)
    colon = "：" if language == "zh" else ": "
    if field:
        return f"{operation} {field}{colon}{old} → {new}"
    if new and new != "—":
        return f"{operation}{colon}{new}"
    return operation


class HistoryView(QWidget):
    """Follows the record shown in the workspace; newest change first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record_uuid: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self.tr("Select a record to see its history."))
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.model = HistoryModel(self)
        self.table = read_only_table(self.model)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        layout.addWidget(self.table, 1)
        context.signals.record_changed.connect(self._changed)
        context.signals.records_changed.connect(lambda _form: self._changed(self.record_uuid or ""))
        context.signals.photos_changed.connect(lambda: self._changed(self.record_uuid or ""))

    def show_record(self, record_uuid: str | None) -> None:
        self.record_uuid = record_uuid or None
        self.refresh()

    def _changed(self, record_uuid: str) -> None:
        if record_uuid and record_uuid == self.record_uuid and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        records = self.context.document.records
        language = self.context.language
        if self.record_uuid is None or not records.exists(self.record_uuid):
            self.model.set_rows([], language)
            self.title.setText(self.tr("Select a record to see its history."))
            return
        record = records.get(self.record_uuid, with_children=False)
        form, repeat = records.spec_for(record.form_id)
        name = f"{(repeat or form).label.get(language)}: {records.title(record, language)}"
        entries = record_history(self.context.document, self.record_uuid)
        self.title.setText(
            self.tr("History of %1: %2 changes, newest first.").replace("%1", name).replace("%2", str(len(entries)))
        )
        self.model.set_rows(entries, language)
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeRowsToContents()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()  # changes made while it was hidden
