"""The audit's photos as the report shows them: thumbnail, file name, capture time, the records they show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from audit.attachments import all_photos, thumbnail_bytes
from audit.photo_captions import captions
from forms.spec import Text

if TYPE_CHECKING:
    from audit.document import AuditDocument


@dataclass(frozen=True)
class LinkedRecord:
    uuid: str
    form_id: str
    form_label: Text
    title: str


@dataclass(frozen=True)
class ReportPhoto:
    uuid: str
    original_name: str
    captured_at: str | None
    width: int
    height: int
    thumbnail: bytes
    thumbnail_size: tuple[int, int]
    linked: tuple[LinkedRecord, ...]
    caption: str = ""  # what the user wrote under the photo


def picture_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels, read by the workbook writer that inserts the picture (it parses the
    header for the same numbers; Pillow would be one more library to load on each export)."""
    import io

    from xlsxwriter.image import Image

    image = Image(io.BytesIO(data))
    return int(image.width), int(image.height)


def _links(document: AuditDocument, language: str) -> dict[str, list[LinkedRecord]]:
    """Live records each photo is linked to, by photo uuid."""
    links: dict[str, list[LinkedRecord]] = {}
    rows = document.connection.execute(
        "SELECT l.attachment_uuid, l.record_uuid FROM attachment_link l "
        "JOIN record_index r ON r.uuid = l.record_uuid WHERE l.deleted = 0 ORDER BY l.linked_at"
    ).fetchall()
    records = document.records
    for photo_uuid, record_uuid in rows:
        record = records.get(str(record_uuid), with_children=False)
        if record.deleted:
            continue
        form, _ = records.spec_for(record.form_id)
        linked = LinkedRecord(record.uuid, record.form_id, form.label, records.title(record, language))
        links.setdefault(str(photo_uuid), []).append(linked)
    return links


def load_photos(document: AuditDocument, language: str) -> list[ReportPhoto]:
    links = _links(document, language)
    written = captions(document)
    photos = []
    for info in all_photos(document):
        thumbnail = thumbnail_bytes(document, info.uuid)
        photos.append(
            ReportPhoto(
                info.uuid,
                info.original_name,
                info.captured_at,
                info.width,
                info.height,
                thumbnail,
                picture_size(thumbnail),
                tuple(links.get(info.uuid, ())),
                written.get(info.uuid, ""),
            )
        )
    return photos
