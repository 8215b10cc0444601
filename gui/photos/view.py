"""Photos of a record (or of the whole audit) as thumbnails: add from files or by dropping them, view, delete."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from audit.attachments import DEFAULT_MAX_PIXELS
from forms.spec import Text
from gui.context import AppContext
from gui.photos.commands import DeletePhotosCommand, DetachPhotosCommand
from gui.photos.import_job import IMAGE_SUFFIXES, PhotoImportJob, is_image
from gui.photos.model import PhotosModel
from gui.photos.viewer import PhotoViewer

THUMBNAIL_SIZE = QSize(160, 160)


def dropped_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and is_image(Path(url.toLocalFile()))]


class PhotoList(QListView):
    """Thumbnail grid that takes image files dropped from a file manager."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMBNAIL_SIZE)
        self.setGridSize(QSize(THUMBNAIL_SIZE.width() + 24, THUMBNAIL_SIZE.height() + 56))  # two caption lines
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        # After setMovement(Static), which turns drops off on the viewport, where they arrive.
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()


class PhotosView(QWidget):
    """Thumbnails of the photos attached to `record_uuid` (None: every photo of the audit)."""

    # attachment uuids of a finished import (also when some files were refused)
    photos_imported = Signal(list)

    def __init__(self, context: AppContext, record_uuid: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record_uuid = record_uuid
        self.model = PhotosModel(context, record_uuid, self)
        self.list = PhotoList(self)
        self.list.setModel(self.model)
        self.list.activated.connect(self._open_index)
        self.list.files_dropped.connect(self.import_files)
        self.import_job: PhotoImportJob | None = None
        self.viewer: PhotoViewer | None = None
        self._build()
        self.model.modelReset.connect(self._update)
        self.list.selectionModel().selectionChanged.connect(self._update)
        self._update()

    def _build(self) -> None:
        self.add_action = self._action(self.tr("Add photos…"), QKeySequence("Ctrl+Shift+P"), self.choose_files)
        self.view_action = self._action(self.tr("View"), QKeySequence(Qt.Key.Key_Space), self.open_selected)
        self.delete_action = self._action(
            self.tr("Delete"), QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected
        )
        self.detach_action = self._action(self.tr("Remove from record"), QKeySequence(), self.detach_selected)
        self.record_action = self._action(self.tr("Open its record"), QKeySequence(), self.open_linked_record)
        self.record_action.setToolTip(self.tr("Show the record this photo is attached to"))
        self.caption_action = self._action(self.tr("Caption…"), QKeySequence(Qt.Key.Key_F2), self.caption_selected)
        self.caption_action.setToolTip(
            self.tr("Write what the photo shows; it appears under the photo and in the report")
        )
        toolbar = QHBoxLayout()
        for action in (
            self.add_action,
            self.view_action,
            self.caption_action,
            self.delete_action,
            self.detach_action,
            self.record_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        self.count_label = QLabel(self)
        toolbar.addWidget(self.count_label)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.hint_label = QLabel(self.tr("Drop photos here or use “Add photos…”."), self)
        self.hint_label.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(toolbar)
        layout.addWidget(self.message_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.list, 1)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _action(self, text: str, key: QKeySequence, slot: Any) -> QAction:
        action = QAction(text, self)
        if not key.isEmpty():
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.list.addAction(action)
        return action

    def set_record(self, record_uuid: str | None) -> None:
        """Show the photos of another record (the main window reuses one view)."""
        self.record_uuid = record_uuid
        self.model.set_record(record_uuid)

    def _update(self, *_: Any) -> None:
        writable = not self.context.document.read_only
        selected = bool(self.selected_uuids())
        self.add_action.setEnabled(writable)
        self.delete_action.setEnabled(writable and selected)
        self.detach_action.setVisible(self.record_uuid is not None)
        self.detach_action.setEnabled(writable and selected and self.record_uuid is not None)
        self.view_action.setEnabled(selected)
        self.caption_action.setEnabled(writable and selected)
        # In the audit's photo list the link goes to the photo's record; in a record's strip it is that record.
        self.record_action.setVisible(self.record_uuid is None)
        self.record_action.setEnabled(
            selected and any(self.model.linked_uuids(uuid) for uuid in self.selected_uuids()[:1])
        )
        self.count_label.setText(self.tr("Photos: %1").replace("%1", str(self.model.rowCount())))
        self.hint_label.setVisible(self.model.rowCount() == 0 and writable)

    def show_message(self, message: Text | str, kind: str = "error") -> None:
        text = message.get(self.context.language) if isinstance(message, Text) else message
        self.message_label.setStyleSheet("color: #dc322f;" if kind == "error" else "")
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def selected_uuids(self) -> list[str]:
        rows = sorted(index.row() for index in self.list.selectionModel().selectedIndexes())
        return [u for u in (self.model.uuid_at(row) for row in rows) if u is not None]

    # -- adding ------------------------------------------------------------------------------------
    def choose_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in IMAGE_SUFFIXES)
        folder = str(self.context.settings.value("photos/last_folder", str(Path.home())))
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), folder, self.tr("Images (%1)").replace("%1", patterns)
        )
        if names:
            self.context.settings.setValue("photos/last_folder", str(Path(names[0]).parent))
            self.import_files([Path(name) for name in names])

    def import_files(self, paths: Sequence[Path], show_progress: bool = True) -> PhotoImportJob | None:
        """Downscale and store photos in the background, attached to this view's record."""
        if self.context.document.read_only or not paths:
            return None
        max_pixels = int(str(self.context.settings.value("photos/max_pixels", DEFAULT_MAX_PIXELS)))
        job = PhotoImportJob(self.context, list(paths), self.record_uuid, self, max_pixels)
        job.finished.connect(self._imported)
        job.failed.connect(lambda message: self.show_message(message))
        job.cancelled.connect(
            lambda: self.show_message(Text("Import cancelled; no photo was added.", "已取消导入，未添加照片。"), "info")
        )
        self.import_job = job
        job.start(show_progress)
        return job

    def _imported(self, stored: list[str], refused: list[Text]) -> None:
        if refused:
            self.show_message("\n".join(message.get(self.context.language) for message in refused))
        else:
            self.show_message("")
        self.model.refresh()
        self.photos_imported.emit(stored)

    def open_linked_record(self) -> None:
        selected = self.selected_uuids()
        linked = self.model.linked_uuids(selected[0]) if selected else []
        if linked:
            self.context.signals.open_record_requested.emit(linked[0])

    # -- viewing and deleting ----------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        attachment_uuid = self.model.uuid_at(index.row())
        if attachment_uuid is not None:
            self.open_viewer(attachment_uuid)

    def open_selected(self) -> None:
        selected = self.selected_uuids()
        if selected:
            self.open_viewer(selected[0])

    def caption_selected(self) -> None:
        """Open the photo with the cursor in its caption."""
        selected = self.selected_uuids()
        if selected:
            viewer = self.open_viewer(selected[0])
            viewer.caption_edit.setFocus()
            viewer.caption_edit.selectAll()

    def open_viewer(self, attachment_uuid: str) -> PhotoViewer:
        uuids = [info.uuid for info in self.model.photos]
        self.viewer = PhotoViewer(self.context, attachment_uuid, uuids, self)
        self.viewer.show()
        return self.viewer

    def delete_selected(self) -> None:
        selected = self.selected_uuids()
        if selected and not self.context.document.read_only:
            self.context.undo_stack.push(DeletePhotosCommand(self.context, selected))

    def detach_selected(self) -> None:
        selected = self.selected_uuids()
        if selected and self.record_uuid is not None and not self.context.document.read_only:
            self.context.undo_stack.push(DetachPhotosCommand(self.context, selected, self.record_uuid))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_job is not None:
            self.import_job.cancel()
        super().closeEvent(event)
