"""A photo at readable size with its caption, its record and what proves where it came from (time, size, SHA-256)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from audit.attachments import PhotoInfo, photo_bytes, photo_info
from audit.errors import RecordError
from audit.photo_captions import MAX_CAPTION_CHARS, caption_of, clean_caption
from audit.photo_queries import linked_records
from gui.context import AppContext
from gui.photos.commands import CaptionPhotoCommand


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def record_title(context: AppContext, record_uuid: str) -> str:
    """A record as a photo names it: "Motors: M-07" (its form's label and its title)."""
    records = context.document.records
    record = records.get(record_uuid, with_children=False)
    form, repeat = records.spec_for(record.form_id)
    return f"{(repeat or form).label.get(context.language)}: {records.title(record, context.language)}"


class PhotoViewer(QDialog):
    """Shows one photo of `attachment_uuids` (arrow keys step through them), scaled to the window."""

    def __init__(
        self,
        context: AppContext,
        attachment_uuid: str,
        attachment_uuids: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.uuids = list(attachment_uuids or [attachment_uuid])
        self.position = self.uuids.index(attachment_uuid) if attachment_uuid in self.uuids else 0
        self.pixmap = QPixmap()
        self.image_label = QLabel(self)
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setMinimumSize(QSize(320, 240))
        self.image_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.caption_edit = QLineEdit(self)
        self.caption_edit.setPlaceholderText(
            self.tr("What the photo shows, in your words (at most %1 characters)").replace("%1", str(MAX_CAPTION_CHARS))
        )
        self.caption_edit.setReadOnly(context.document.read_only)
        self.caption_edit.editingFinished.connect(self.save_caption)
        self.caption_error = QLabel(self)
        self.caption_error.setStyleSheet("color: #c62828")
        self.caption_error.setWordWrap(True)
        self.caption_error.hide()
        self.record_label = QLabel(self)
        self.name_label = QLabel(self)
        self.captured_label = QLabel(self)
        self.original_label = QLabel(self)
        self.stored_label = QLabel(self)
        self.added_label = QLabel(self)
        self.sha256_label = QLabel(self)
        self.sha256_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.sha256_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QFormLayout()
        details.addRow(self.tr("Caption"), self.caption_edit)
        details.addRow("", self.caption_error)
        details.addRow(self.tr("Attached to"), self.record_label)
        details.addRow(self.tr("File"), self.name_label)
        details.addRow(self.tr("Taken"), self.captured_label)
        details.addRow(self.tr("Original"), self.original_label)
        details.addRow(self.tr("Stored"), self.stored_label)
        details.addRow(self.tr("Added"), self.added_label)
        details.addRow(self.tr("SHA-256 of the original"), self.sha256_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image_label, 1)
        layout.addLayout(details)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, self.show_next)
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, self.show_previous)
        self.resize(900, 760)
        self.show_photo(self.uuids[self.position])
        # An undone or redone caption, or a link changed elsewhere, shows here at once.
        context.signals.photos_changed.connect(self._show_words)

    def show_photo(self, attachment_uuid: str) -> None:
        info: PhotoInfo = photo_info(self.context.document, attachment_uuid)
        self.info = info
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(photo_bytes(self.context.document, attachment_uuid))
        self.setWindowTitle(
            self.tr("Photo %1 of %2 – %3")
            .replace("%1", str(self.position + 1))
            .replace("%2", str(len(self.uuids)))
            .replace("%3", info.original_name)
        )
        self.name_label.setText(info.original_name)
        self.captured_label.setText(
            info.captured_at.replace("T", " ") if info.captured_at else self.tr("not recorded in the photo")
        )
        self.original_label.setText(
            f"{info.original_width} × {info.original_height} px, {megabytes(info.original_bytes)}"
        )
        self.stored_label.setText(f"{info.width} × {info.height} px")
        self.added_label.setText(f"{info.added_at.replace('T', ' ')} · {info.author}")
        self.sha256_label.setText(info.sha256)
        self._show_words()
        self._scale()

    def _show_words(self) -> None:
        """The caption and the records the photo is attached to, as stored now."""
        attachment_uuid = self.uuids[self.position]
        self.caption_edit.setText(caption_of(self.context.document, attachment_uuid))
        self.caption_error.hide()
        linked = linked_records(self.context.document).get(attachment_uuid, [])
        self.record_label.setText(
            "; ".join(record_title(self.context, uuid) for uuid in linked) or self.tr("no record")
        )

    def save_caption(self) -> None:
        """Store the typed caption as an undoable step; a refused caption stays with its reason below it."""
        attachment_uuid = self.uuids[self.position]
        try:
            caption = clean_caption(self.caption_edit.text(), attachment_uuid)
        except RecordError as error:
            self.caption_error.setText(error.message.get(self.context.language))
            self.caption_error.show()
            return
        self.caption_error.hide()
        if caption != caption_of(self.context.document, attachment_uuid):
            self.context.undo_stack.push(CaptionPhotoCommand(self.context, attachment_uuid, caption))

    def show_next(self) -> None:
        if self.position + 1 < len(self.uuids):
            self.position += 1
            self.show_photo(self.uuids[self.position])

    def show_previous(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.show_photo(self.uuids[self.position])

    def _scale(self) -> None:
        if self.pixmap.isNull():
            self.image_label.setText(self.tr("The photo cannot be shown."))
            return
        target = self.image_label.size() * self.image_label.devicePixelRatioF()
        scaled = self.pixmap.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        scaled.setDevicePixelRatio(self.image_label.devicePixelRatioF())
        self.image_label.setPixmap(scaled)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale()
