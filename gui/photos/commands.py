"""Undo commands for photos: attach (import), delete to tombstone, remove from a record, and caption."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from audit.attachments import delete_photo, link_photo, restore_photo, unlink_photo
from audit.photo_captions import caption_of, set_caption
from gui.context import AppContext


class AttachPhotosCommand(QUndoCommand):
    """Photos were stored (and linked to a record); undo hides what the import added, redo brings it back.

    `revived` are photos the import stored or un-deleted, `linked` those it newly linked to the
    record: a photo that was already in the audit, or already on the record, stays as it was.
    """

    def __init__(
        self, context: AppContext, revived: list[str], linked: list[str], record_uuid: str | None, count: int
    ) -> None:
        super().__init__(QCoreApplication.translate("PhotoCommands", "Add photos (%1)").replace("%1", str(count)))
        self.context = context
        self.revived = list(revived)
        self.linked = list(linked)
        self.record_uuid = record_uuid
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
        else:
            for attachment_uuid in self.revived:
                restore_photo(self.context.document, attachment_uuid)
            if self.record_uuid is not None:
                for attachment_uuid in self.linked:
                    link_photo(self.context.document, attachment_uuid, self.record_uuid)
        self.context.signals.photos_changed.emit()

    def undo(self) -> None:
        if self.record_uuid is not None:
            for attachment_uuid in self.linked:
                unlink_photo(self.context.document, attachment_uuid, self.record_uuid)
        for attachment_uuid in self.revived:
            delete_photo(self.context.document, attachment_uuid)
        self.context.signals.photos_changed.emit()


class DeletePhotosCommand(QUndoCommand):
    """Tombstone photos (hidden everywhere, kept in the file); undo restores them."""

    def __init__(self, context: AppContext, attachment_uuids: list[str]) -> None:
        super().__init__(
            QCoreApplication.translate("PhotoCommands", "Delete photos (%1)").replace("%1", str(len(attachment_uuids)))
        )
        self.context = context
        self.attachment_uuids = list(attachment_uuids)

    def redo(self) -> None:
        with self.context.document.transaction():
            for attachment_uuid in self.attachment_uuids:
                delete_photo(self.context.document, attachment_uuid)
        self.context.signals.photos_changed.emit()

    def undo(self) -> None:
        with self.context.document.transaction():
            for attachment_uuid in self.attachment_uuids:
                restore_photo(self.context.document, attachment_uuid)
        self.context.signals.photos_changed.emit()


class DetachPhotosCommand(QUndoCommand):
    """Take photos off one record (they stay in the audit); undo attaches them again."""

    def __init__(self, context: AppContext, attachment_uuids: list[str], record_uuid: str) -> None:
        super().__init__(
            QCoreApplication.translate("PhotoCommands", "Remove photos from the record (%1)").replace(
                "%1", str(len(attachment_uuids))
            )
        )
        self.context = context
        self.attachment_uuids = list(attachment_uuids)
        self.record_uuid = record_uuid

    def redo(self) -> None:
        with self.context.document.transaction():
            for attachment_uuid in self.attachment_uuids:
                unlink_photo(self.context.document, attachment_uuid, self.record_uuid)
        self.context.signals.photos_changed.emit()

    def undo(self) -> None:
        with self.context.document.transaction():
            for attachment_uuid in self.attachment_uuids:
                link_photo(self.context.document, attachment_uuid, self.record_uuid)
        self.context.signals.photos_changed.emit()


class CaptionPhotoCommand(QUndoCommand):
    """Write a photo's caption (already checked by clean_caption); undo puts the previous one back."""

    def __init__(self, context: AppContext, attachment_uuid: str, caption: str) -> None:
        super().__init__(QCoreApplication.translate("PhotoCommands", "Caption a photo"))
        self.context = context
        self.attachment_uuid = attachment_uuid
        self.old = caption_of(context.document, attachment_uuid)
        self.new = caption

    def redo(self) -> None:
        set_caption(self.context.document, self.attachment_uuid, self.new)
        self.context.signals.photos_changed.emit()

    def undo(self) -> None:
        set_caption(self.context.document, self.attachment_uuid, self.old)
        self.context.signals.photos_changed.emit()
