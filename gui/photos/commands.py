"""Undo commands for photos: attach (import), delete to tombstone, remove from a record, and caption."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from audit.attachments import delete_photo, link_photo, restore_photo, unlink_photo
from audit.changes import Changes, union
from audit.photo_captions import caption_of, set_caption
from gui.context import AppContext


class AttachPhotosCommand(QUndoCommand):
    """Photos were stored (and linked to a record); undo hides what the import added, redo brings it back.

    `revived` are photos the import stored or un-deleted, `linked` those it newly linked to the
    record: a photo that was already in the audit, or already on the record, stays as it was.
    """

    def __init__(
        self,
        context: AppContext,
        revived: list[str],
        linked: list[str],
        record_uuid: str | None,
        count: int,
        changes: Changes,
    ) -> None:
        super().__init__(QCoreApplication.translate("PhotoCommands", "Add photos (%1)").replace("%1", str(count)))
        self.context = context
        self.revived = list(revived)
        self.linked = list(linked)
        self.record_uuid = record_uuid
        self._already_done: Changes | None = changes

    def redo(self) -> None:
        document = self.context.document
        if self._already_done is not None:
            changes, self._already_done = self._already_done, None
        else:
            changes = union(restore_photo(document, attachment_uuid) for attachment_uuid in self.revived)
            if self.record_uuid is not None:
                record_uuid = self.record_uuid
                changes |= union(link_photo(document, attachment_uuid, record_uuid) for attachment_uuid in self.linked)
        self.context.signals.announce(changes)

    def undo(self) -> None:
        document = self.context.document
        changes = Changes()
        if self.record_uuid is not None:
            record_uuid = self.record_uuid
            changes = union(unlink_photo(document, attachment_uuid, record_uuid) for attachment_uuid in self.linked)
        changes |= union(delete_photo(document, attachment_uuid) for attachment_uuid in self.revived)
        self.context.signals.announce(changes)


class DeletePhotosCommand(QUndoCommand):
    """Tombstone photos (hidden everywhere, kept in the file); undo restores them."""

    def __init__(self, context: AppContext, attachment_uuids: list[str]) -> None:
        super().__init__(
            QCoreApplication.translate("PhotoCommands", "Delete photos (%1)").replace("%1", str(len(attachment_uuids)))
        )
        self.context = context
        self.attachment_uuids = list(attachment_uuids)

    def redo(self) -> None:
        document = self.context.document
        with document.transaction():
            changes = union([delete_photo(document, attachment_uuid) for attachment_uuid in self.attachment_uuids])
        self.context.signals.announce(changes)

    def undo(self) -> None:
        document = self.context.document
        with document.transaction():
            changes = union([restore_photo(document, attachment_uuid) for attachment_uuid in self.attachment_uuids])
        self.context.signals.announce(changes)


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
        document = self.context.document
        with document.transaction():
            changes = union([unlink_photo(document, uuid, self.record_uuid) for uuid in self.attachment_uuids])
        self.context.signals.announce(changes)

    def undo(self) -> None:
        document = self.context.document
        with document.transaction():
            changes = union([link_photo(document, uuid, self.record_uuid) for uuid in self.attachment_uuids])
        self.context.signals.announce(changes)


class CaptionPhotoCommand(QUndoCommand):
    """Write a photo's caption (already checked by clean_caption); undo puts the previous one back."""

    def __init__(self, context: AppContext, attachment_uuid: str, caption: str) -> None:
        super().__init__(QCoreApplication.translate("PhotoCommands", "Caption a photo"))
        self.context = context
        self.attachment_uuid = attachment_uuid
        self.old = caption_of(context.document, attachment_uuid)
        self.new = caption

    def redo(self) -> None:
        self.context.signals.announce(set_caption(self.context.document, self.attachment_uuid, self.new).changes)

    def undo(self) -> None:
        self.context.signals.announce(set_caption(self.context.document, self.attachment_uuid, self.old).changes)
