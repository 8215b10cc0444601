"""What every view is handed: the open audit, its undo stack, settings and the language."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from audit.changes import Changes
from audit.document import AuditDocument


class DocumentSignals(QObject):
    """Re-emits domain changes as Qt signals so views refresh (the core knows nothing of Qt)."""

    # form id of the records that changed ("" when many forms changed, e.g. after an import)
    records_changed = Signal(str)
    # uuid of a record whose fields changed
    record_changed = Signal(str)
    photos_changed = Signal()
    # a view asks the main window to show a record (uuid), e.g. a row of the equipment grading table
    open_record_requested = Signal(str)
    # a view asks to show a field: form id, record uuid ("" for a singleton not yet started), field name
    open_field_requested = Signal(str, str, str)

    def announce(self, changes: Changes) -> None:
        """The one adapter from what a store write returned to the signals views listen to.

        Records edited in place first (record_changed, so a view can recount one record), then each
        form whose records changed (records_changed), then photos (photos_changed).
        """
        for record_uuid in sorted(changes.edited):
            self.record_changed.emit(record_uuid)
        for form_id in sorted(changes.form_ids):
            self.records_changed.emit(form_id)
        if changes.photos:
            self.photos_changed.emit()


@dataclass
class AppContext:
    document: AuditDocument
    undo_stack: QUndoStack
    settings: QSettings
    signals: DocumentSignals
    language: str = "en"  # "zh" or "en"
