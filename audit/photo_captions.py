"""Captions users write under photos: plain text of one line, at most MAX_CAPTION_CHARS characters."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from audit.attachments import photo_info
from audit.changes import Changes, Stored
from audit.errors import RecordError
from forms.spec import Text

if TYPE_CHECKING:
    from audit.document import AuditDocument

# Long enough for "1# 空压机铭牌，2019 年更换电机后" twice over; a caption is a line, not a report.
MAX_CAPTION_CHARS = 120


def clean_caption(text: str, attachment_uuid: str = "") -> str:
    """The caption as stored (trimmed, spaces collapsed); a RecordError saying why if it cannot be one."""
    caption = " ".join(text.split())
    if any(unicodedata.category(char).startswith("C") for char in caption):
        raise RecordError(
            Text(
                "A caption is plain text: remove the control characters.",
                "照片说明只能是纯文本：请删除其中的控制字符。",
            ),
            attachment_uuid,
        )
    if len(caption) > MAX_CAPTION_CHARS:
        raise RecordError(
            Text(
                f"A caption has at most {MAX_CAPTION_CHARS} characters ({len(caption)} given).",
                f"照片说明最多 {MAX_CAPTION_CHARS} 个字符（现为 {len(caption)} 个）。",
            ),
            attachment_uuid,
        )
    return caption


def _has_captions(document: AuditDocument) -> bool:
    """Whether the file has the caption column: an audit of schema 1 opened read-only (export, report) has not."""
    columns = document.connection.execute("PRAGMA table_info(attachment)").fetchall()
    return any(column[1] == "caption" for column in columns)


def caption_of(document: AuditDocument, attachment_uuid: str) -> str:
    """The photo's caption ("" when it has none)."""
    if not _has_captions(document):
        return ""
    row = document.connection.execute("SELECT caption FROM attachment WHERE uuid = ?", [attachment_uuid]).fetchone()
    return str(row[0]) if row is not None and row[0] else ""


def captions(document: AuditDocument) -> dict[str, str]:
    """Every photo's caption, by photo uuid (photos without one are left out)."""
    if not _has_captions(document):
        return {}
    rows = document.connection.execute(
        "SELECT uuid, caption FROM attachment WHERE caption IS NOT NULL AND caption != ''"
    )
    return {str(uuid): str(caption) for uuid, caption in rows}


def set_caption(document: AuditDocument, attachment_uuid: str, text: str) -> Stored:
    """Store the photo's caption (checked by clean_caption) and log the change; returns what was stored."""
    caption = clean_caption(text, attachment_uuid)
    photo_info(document, attachment_uuid)  # a missing photo says so
    old = caption_of(document, attachment_uuid)
    if caption == old:
        return Stored(caption, Changes())
    with document.transaction():
        document.connection.execute(
            "UPDATE attachment SET caption = ?, revision = revision + 1 WHERE uuid = ?",
            [caption or None, attachment_uuid],
        )
        revision = document.connection.execute(
            "SELECT revision FROM attachment WHERE uuid = ?", [attachment_uuid]
        ).fetchone()[0]
        document.records._log(attachment_uuid, "attachment", "caption", int(revision), "caption", old, caption)
    return Stored(caption, Changes.of(photos=[attachment_uuid]))
