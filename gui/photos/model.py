"""List model of an audit's photos (all, or those of one record) with thumbnails decoded once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon, QPixmap

from audit.attachments import PhotoInfo, all_photos, photos_for, thumbnail_bytes
from audit.photo_captions import captions
from audit.photo_queries import linked_records
from gui.context import AppContext
from gui.photos.viewer import megabytes, record_title

ModelIndex = QModelIndex | QPersistentModelIndex

UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class PhotosModel(QAbstractListModel):
    """Photos in capture order; reloads when the audit says photos changed."""

    def __init__(self, context: AppContext, record_uuid: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record_uuid = record_uuid
        self.photos: list[PhotoInfo] = []
        # What each photo is attached to, as "Motors: M-01" (the caption's link to its record).
        self.links: dict[str, list[tuple[str, str]]] = {}
        # What the user wrote under each photo (item 13 of issue 9), by photo uuid.
        self.written: dict[str, str] = {}
        # A thumbnail never changes for a given uuid (the stored photo is immutable).
        self._icons: dict[str, QIcon] = {}
        self.photos = self._load()
        context.signals.photos_changed.connect(self.refresh)

    def _load(self) -> list[PhotoInfo]:
        document = self.context.document
        self.written = captions(document)
        self.links = {
            attachment_uuid: [(uuid, record_title(self.context, uuid)) for uuid in uuids]
            for attachment_uuid, uuids in linked_records(document).items()
        }
        if self.record_uuid is None:
            return all_photos(document)
        return photos_for(document, self.record_uuid)

    def caption(self, attachment_uuid: str) -> str:
        """What the photo shows, by the records it is attached to; "" when it is attached to none."""
        return "; ".join(title for _uuid, title in self.links.get(attachment_uuid, []))

    def linked_uuids(self, attachment_uuid: str) -> list[str]:
        return [uuid for uuid, _title in self.links.get(attachment_uuid, [])]

    def set_record(self, record_uuid: str | None) -> None:
        self.record_uuid = record_uuid
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.photos = self._load()
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.photos)

    def uuid_at(self, row: int) -> str | None:
        return self.photos[row].uuid if 0 <= row < len(self.photos) else None

    def icon(self, attachment_uuid: str) -> QIcon:
        icon = self._icons.get(attachment_uuid)
        if icon is None:
            pixmap = QPixmap()
            pixmap.loadFromData(thumbnail_bytes(self.context.document, attachment_uuid))
            icon = QIcon(pixmap)
            self._icons[attachment_uuid] = icon
        return icon

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.photos):
            return None
        info = self.photos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = info.captured_at.replace("T", " ")[:16] if info.captured_at else info.original_name
            written = self.written.get(info.uuid, "")
            if self.record_uuid is not None:  # the record's own strip: the link is the record shown
                return f"{written}\n{when}" if written else when
            caption = self.caption(info.uuid) or self.tr("Not attached to a record")
            return "\n".join(line for line in (written, caption, when) if line)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icon(info.uuid)
        if role == Qt.ItemDataRole.ToolTipRole:
            taken = info.captured_at.replace("T", " ") if info.captured_at else self.tr("not recorded in the photo")
            attached = self.caption(info.uuid) or self.tr("no record (attach it by dropping it on a record)")
            written = self.written.get(info.uuid, "")
            return "\n".join(
                (
                    *([self.tr("Caption: %1").replace("%1", written)] if written else []),
                    self.tr("Attached to: %1").replace("%1", attached),
                    info.original_name,
                    self.tr("Taken: %1").replace("%1", taken),
                    self.tr("Original: %1").replace(
                        "%1", f"{info.original_width} × {info.original_height} px, {megabytes(info.original_bytes)}"
                    ),
                    self.tr("Stored: %1").replace("%1", f"{info.width} × {info.height} px"),
                    f"SHA-256 {info.sha256[:16]}…",
                )
            )
        if role == UUID_ROLE:
            return info.uuid
        return None
