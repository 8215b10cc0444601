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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # True while records_changed is emitted for a change that only edited records in place (no
        # record added, deleted or restored): a view that refreshed each edited record on
        # record_changed needs no reload of the form (issue 15: one edit, one row).
        self.edits_only = False

    def announce(self, changes: Changes) -> None:
        """The one adapter from what a store write returned to the signals views listen to.

        Records edited in place first (record_changed, so a view can recount one record), then each
        form whose records changed (records_changed), then photos (photos_changed).
        """
        for record_uuid in sorted(changes.edited):
            self.record_changed.emit(record_uuid)
        self.edits_only = bool(changes.edited) and changes.record_uuids <= changes.edited
        try:
            for form_id in sorted(changes.form_ids):
                self.records_changed.emit(form_id)
        finally:
            self.edits_only = False
        if changes.photos:
            self.photos_changed.emit()


@dataclass
class AppContext:
    document: AuditDocument
    undo_stack: QUndoStack
    settings: QSettings
    signals: DocumentSignals
    language: str = "en"  # "zh" or "en"
