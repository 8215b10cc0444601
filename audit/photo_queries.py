"""Lookups the photo views need beyond audit.attachments: a stored original by hash, and whether a link is live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit.attachments import PhotoInfo, photo_info

if TYPE_CHECKING:
    from audit.document import AuditDocument


def photo_by_sha256(document: AuditDocument, sha256: str) -> PhotoInfo | None:
    """The photo stored from the original with this SHA-256 (deleted or not), as store_photo finds it."""
    row = document.connection.execute(
        "SELECT uuid FROM attachment WHERE sha256 = ? ORDER BY added_at LIMIT 1", [sha256]
    ).fetchone()
    return None if row is None else photo_info(document, str(row[0]))


def is_linked(document: AuditDocument, attachment_uuid: str, record_uuid: str) -> bool:
    """Whether the photo is attached to the record now (a removed link is kept as a tombstone)."""
    row = document.connection.execute(
        "SELECT deleted FROM attachment_link WHERE attachment_uuid = ? AND record_uuid = ?",
        [attachment_uuid, record_uuid],
    ).fetchone()
    return row is not None and not row[0]


def linked_records(document: AuditDocument) -> dict[str, list[str]]:
    """Every photo's live links: the uuids of the (not deleted) records it is attached to, in link order."""
    rows = document.connection.execute(
        "SELECT l.attachment_uuid, l.record_uuid FROM attachment_link AS l "
        "JOIN record_index AS r ON r.uuid = l.record_uuid "
        "WHERE l.deleted = 0 ORDER BY l.linked_at, l.rowid"
    ).fetchall()
    links: dict[str, list[str]] = {}
    for attachment_uuid, record_uuid in rows:
        if (
            document.records.exists(str(record_uuid))
            and not document.records.get(str(record_uuid), with_children=False).deleted
        ):
            links.setdefault(str(attachment_uuid), []).append(str(record_uuid))
    return links


def empty_photo_field(document: AuditDocument, record_uuid: str) -> str | None:
    """The record's one photo field (a nameplate photo) if it is still empty; None if it has none, several or a value."""
    from forms.spec import FieldType

    record = document.records.get(record_uuid, with_children=False)
    form, repeat = document.records.spec_for(record.form_id)
    photo_fields = [spec.name for spec in (repeat or form).fields if spec.type is FieldType.PHOTO]
    if len(photo_fields) != 1 or record.values.get(photo_fields[0]):
        return None
    return photo_fields[0]
