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
