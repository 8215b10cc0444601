"""Photo import: read and downscale in a background job (no database there), then store on the GUI thread."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from audit.attachments import DEFAULT_MAX_PIXELS, PreparedPhoto, prepare_photo, store_photo
from audit.changes import Changes
from audit.errors import AuditError
from audit.photo_queries import empty_photo_field, is_linked, photo_by_sha256
from forms.spec import Text
from gui.context import AppContext
from gui.jobs import Job, start_job
from gui.photos.commands import AttachPhotosCommand
from gui.records.commands import edit_record

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".gif")


@dataclass
class PreparedBatch:
    """What the worker hands back: photos ready to store, and why the others could not be read."""

    photos: list[PreparedPhoto] = field(default_factory=list)
    refused: list[Text] = field(default_factory=list)


def prepare_photos(paths: Sequence[Path], max_pixels: int, progress: Callable[[int, int, str], None]) -> PreparedBatch:
    """Hash, read the capture time and downscale each file (CPU only: safe in a worker thread)."""
    batch = PreparedBatch()
    for done, path in enumerate(paths):
        progress(done, len(paths), path.name)
        try:
            batch.photos.append(prepare_photo(path, max_pixels))
        except AuditError as error:
            batch.refused.append(error.message)
    # A last check for Cancel: a cancelled import stores nothing, even when every file was read.
    progress(len(paths), len(paths), "")
    return batch


def is_image(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


class PhotoImportJob(QObject):
    """One import of files into the audit (optionally attached to a record), as one undo step."""

    # attachment uuids stored (or found already stored), and messages for files that were refused
    finished = Signal(list, list)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        context: AppContext,
        paths: Sequence[Path],
        record_uuid: str | None,
        parent: QWidget | None,
        max_pixels: int = DEFAULT_MAX_PIXELS,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.paths = list(paths)
        self.record_uuid = record_uuid
        self.max_pixels = max_pixels
        self.parent_widget = parent
        self.job: Job | None = None
        self.cancelled_by_user = False

    def start(self, show_progress: bool = True) -> Job:
        def work(progress: Callable[[int, int, str], None]) -> PreparedBatch:
            return prepare_photos(self.paths, self.max_pixels, progress)

        self.job = start_job(
            work,
            self.parent_widget,
            self.tr("Importing photos…"),
            on_finished=self._store,
            on_failed=self.failed.emit,
            show_progress=show_progress,
        )
        self.job.signals.cancelled.connect(self.cancelled.emit)
        return self.job

    def cancel(self) -> None:
        self.cancelled_by_user = True
        if self.job is not None:
            self.job.cancel()

    def _store(self, batch: Any) -> None:
        assert isinstance(batch, PreparedBatch)
        if self.cancelled_by_user:
            # Cancel pressed after the worker's last check: still store nothing.
            self.cancelled.emit()
            return
        document = self.context.document
        stored: list[str] = []
        revived: list[str] = []
        linked: list[str] = []
        changes = Changes()
        try:
            with document.transaction():
                for prepared in batch.photos:
                    before = photo_by_sha256(document, prepared.sha256)
                    was_linked = (
                        before is not None
                        and self.record_uuid is not None
                        and is_linked(document, before.uuid, self.record_uuid)
                    )
                    attachment_uuid = store_photo(document, prepared, self.record_uuid)
                    stored.append(attachment_uuid)
                    changes |= attachment_uuid.changes
                    if before is None or before.deleted:
                        revived.append(attachment_uuid)
                    if self.record_uuid is not None and not was_linked:
                        linked.append(attachment_uuid)
        except AuditError as error:
            self.failed.emit(error.message.get(self.context.language))
            return
        if revived or linked:
            command = AttachPhotosCommand(self.context, revived, linked, self.record_uuid, len(stored), changes)
            # A nameplate photo added to a record fills its empty photo field, in the same undo step.
            field = empty_photo_field(document, self.record_uuid) if self.record_uuid and linked else None
            stack = self.context.undo_stack
            if field is not None and self.record_uuid is not None:
                stack.beginMacro(command.text())
                stack.push(command)
                # A refusal leaves the photo attached and the field for the person to choose.
                with contextlib.suppress(AuditError):
                    edit_record(self.context, self.record_uuid, {field: linked[0]}, field)
                stack.endMacro()
            else:
                stack.push(command)
        self.finished.emit(stored, batch.refused)
