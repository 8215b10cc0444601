"""Photos inside the audit: a downscaled copy, the original's SHA-256 and capture time, linkable to any record."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import stat
import uuid as uuid_module
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.changes import Added, Changes
from audit.clock import now_iso
from audit.errors import RecordError
from forms.spec import Text

if TYPE_CHECKING:
    from PIL import Image

    from audit.document import AuditDocument

# A nameplate stays legible at 2048 px on the long side (ODK's max-pixels practice) at ~0.5 MB.
DEFAULT_MAX_PIXELS = 2048
THUMBNAIL_PIXELS = 256
JPEG_QUALITY = 85
# Refuse decompression bombs and absurd files before decoding (Pillow's own guard is a warning).
MAX_SOURCE_BYTES = 60 * 1024 * 1024
MAX_SOURCE_PIXELS = 120_000_000
# What one decode may allocate (Qt's own image reader stops at 256 MB): a 120-megapixel RGBA PNG
# would take 480 MB, a JPEG is decoded at a reduced scale (draft) and stays far below.
MAX_DECODED_BYTES = 256 * 1024 * 1024
# Photo formats only, told by their first bytes: Pillow would otherwise also try EPS (through
# Ghostscript), PSD, ICO and a dozen more.
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "BMP", "GIF")  # JPEG also opens MPO (phone JPEGs)
EXIF_ORIENTATION = 0x0112
EXIF_DATETIME_ORIGINAL = 0x9003
EXIF_DATETIME = 0x0132
EXIF_IFD = 0x8769


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo read and downscaled, ready to store; made without a database so it can run in a worker."""

    sha256: str
    original_name: str
    original_bytes: int
    original_width: int
    original_height: int
    captured_at: str | None
    data: bytes
    width: int
    height: int
    thumbnail: bytes


@dataclass(frozen=True)
class PhotoInfo:
    uuid: str
    sha256: str
    original_name: str
    media_type: str
    original_bytes: int
    original_width: int
    original_height: int
    width: int
    height: int
    captured_at: str | None
    added_at: str
    author: str
    deleted: bool


def _unreadable(source: Path, why: str, why_zh: str) -> RecordError:
    return RecordError(Text(f"{source.name}: {why}", f"{source.name}：{why_zh}"))


def _capture_time(image: Image.Image) -> str | None:
    exif = image.getexif()
    raw = exif.get_ifd(EXIF_IFD).get(EXIF_DATETIME_ORIGINAL) or exif.get(EXIF_DATETIME)
    if not raw:
        return None
    try:
        return dt.datetime.strptime(str(raw).strip(), "%Y:%m:%d %H:%M:%S").isoformat()
    except ValueError:
        return None


def _jpeg(image: Image.Image, max_pixels: int) -> tuple[bytes, int, int]:
    from PIL import Image

    copy = image.copy()
    copy.thumbnail((max_pixels, max_pixels), Image.Resampling.LANCZOS)
    if copy.mode not in ("RGB", "L"):
        copy = copy.convert("RGB")
    buffer = io.BytesIO()
    copy.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue(), copy.width, copy.height


def _eight_bit(image: Image.Image) -> Image.Image:
    """16-bit and float greyscale (scans, thermal images) as 8-bit: Pillow cannot resample them."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "F":
        return image.convert("L")
    return image


def _read_source(source: Path) -> bytes:
    """The file's bytes, only if it is a regular file of at most MAX_SOURCE_BYTES (checked before reading)."""
    try:
        # Non-blocking: a FIFO must not hang the batch; fstat, not the name, says what was opened.
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _unreadable(source, f"cannot be read ({error.strerror}).", f"无法读取（{error.strerror}）。") from error
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _unreadable(source, "is not a regular file; not a photo.", "不是普通文件，不是照片。")
        if status.st_size > MAX_SOURCE_BYTES:
            raise _too_big(source)
        try:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
        except OSError as error:
            raise _unreadable(
                source, f"cannot be read ({error.strerror}).", f"无法读取（{error.strerror}）。"
            ) from error
    if len(raw) > MAX_SOURCE_BYTES:  # it grew while being read
        raise _too_big(source)
    return raw


def _too_big(source: Path) -> RecordError:
    return _unreadable(source, "is larger than 60 MB; not a photo we can store.", "大于60 MB，无法作为照片保存。")


def _decoded_bytes(image: Image.Image) -> int:
    bits = 16 if image.mode.startswith("I;16") else 32 if image.mode in ("I", "F") else 8
    return image.width * image.height * len(image.getbands()) * bits // 8


def prepare_photo(source: Path | str, max_pixels: int = DEFAULT_MAX_PIXELS) -> PreparedPhoto:
    """Read, hash and downscale a photo (EXIF orientation applied); raises RecordError if unreadable.

    Type and size are checked before anything is decoded: regular files only, at most 60 MB, a known
    photo format by its first bytes, a bounded pixel count; a JPEG is decoded at the smallest scale
    that still gives `max_pixels`, and nothing larger than MAX_DECODED_BYTES is ever decoded.
    """
    # Pillow (~0.1 s to import) only when a photo is added: opening an audit lists photos without it.
    from PIL import Image, ImageOps, UnidentifiedImageError

    source = Path(source)
    raw = _read_source(source)
    Image.init()  # registers WEBP and TIFF too, so that `formats` below can name them
    try:
        with warnings.catch_warnings():
            # Our own limits below are stricter than Pillow's decompression-bomb warning.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=PHOTO_FORMATS) as opened:
                original_width, original_height = opened.size
                if original_width * original_height > MAX_SOURCE_PIXELS:
                    raise _unreadable(source, "has too many pixels to be a photo.", "像素过多，不是可保存的照片。")
                captured_at = _capture_time(opened)
                if opened.getexif().get(EXIF_ORIENTATION) in (5, 6, 7, 8):
                    original_width, original_height = original_height, original_width
                if opened.format in ("JPEG", "MPO"):
                    opened.draft("RGB", (max_pixels, max_pixels))
                if _decoded_bytes(opened) > MAX_DECODED_BYTES:
                    raise _unreadable(
                        source, "is too large to decode safely; not a photo.", "图像过大，无法安全解码，不是照片。"
                    )
                opened.load()
                image = _eight_bit(ImageOps.exif_transpose(opened))
                data, width, height = _jpeg(image, max_pixels)
                thumbnail, _, _ = _jpeg(image, THUMBNAIL_PIXELS)
    except RecordError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, TypeError, EOFError, SyntaxError, MemoryError) as error:
        raise _unreadable(
            source, "is not an image FieldAudit can read (JPEG, PNG, …).", "不是可读取的图片（JPEG、PNG等）。"
        ) from error
    except Image.DecompressionBombError as error:
        raise _unreadable(source, "has too many pixels to be a photo.", "像素过多，不是可保存的照片。") from error
    return PreparedPhoto(
        sha256=hashlib.sha256(raw).hexdigest(),
        original_name=source.name,
        original_bytes=len(raw),
        original_width=original_width,
        original_height=original_height,
        captured_at=captured_at,
        data=data,
        width=width,
        height=height,
        thumbnail=thumbnail,
    )


def store_photo(document: AuditDocument, prepared: PreparedPhoto, link_to: str | None = None) -> Added:
    """Store a prepared photo (or find the same original already stored) and optionally link it."""

    existing = document.connection.execute(
        "SELECT uuid FROM attachment WHERE sha256 = ? ORDER BY added_at LIMIT 1", [prepared.sha256]
    ).fetchone()
    with document.transaction():
        if existing is not None:
            attachment_uuid = str(existing[0])
            document.connection.execute("UPDATE attachment SET deleted = 0 WHERE uuid = ?", [attachment_uuid])
        else:
            attachment_uuid = str(uuid_module.uuid4())
            now = now_iso(document.clock)
            document.connection.execute(
                "INSERT INTO record_key (uuid, form) VALUES (?, ?)",
                [attachment_uuid, document.records.form_code("attachment", "attachment")],
            )
            document.db.table("attachment").insert(
                {
                    "uuid": attachment_uuid,
                    "sha256": prepared.sha256,
                    "original_name": prepared.original_name,
                    "media_type": "image/jpeg",
                    "original_bytes": prepared.original_bytes,
                    "original_width": prepared.original_width,
                    "original_height": prepared.original_height,
                    "width": prepared.width,
                    "height": prepared.height,
                    "captured_at": prepared.captured_at,
                    "added_at": now,
                    "author": document.author,
                    "revision": 1,
                    "deleted": 0,
                    "data": prepared.data,
                    "thumbnail": prepared.thumbnail,
                }
            )
            document.records._log(
                attachment_uuid,
                "attachment",
                "create",
                1,
                new={"sha256": prepared.sha256, "name": prepared.original_name},
            )
        changes = Changes.of(photos=[attachment_uuid])
        if link_to is not None:
            changes = changes | link_photo(document, attachment_uuid, link_to)
    return Added(attachment_uuid, changes)


def add_photo(document: AuditDocument, source: Path | str, link_to: str | None = None) -> Added:
    return store_photo(document, prepare_photo(source), link_to)


def link_photo(document: AuditDocument, attachment_uuid: str, record_uuid: str) -> Changes:

    document.records.form_id_of(record_uuid)  # a clear error for an unknown record
    with document.transaction():
        document.connection.execute(
            "INSERT INTO attachment_link (attachment_uuid, record_uuid, linked_at, author, deleted) VALUES (?, ?, ?, ?, 0) "
            "ON CONFLICT (attachment_uuid, record_uuid) DO UPDATE SET deleted = 0",
            [attachment_uuid, record_uuid, now_iso(document.clock), document.author],
        )
        document.records._log(
            record_uuid, document.records.form_id_of(record_uuid), "link_photo", 0, new=attachment_uuid
        )
    return Changes.of(record_uuids=[record_uuid], photos=[attachment_uuid])


def unlink_photo(document: AuditDocument, attachment_uuid: str, record_uuid: str) -> Changes:
    with document.transaction():
        document.connection.execute(
            "UPDATE attachment_link SET deleted = 1 WHERE attachment_uuid = ? AND record_uuid = ?",
            [attachment_uuid, record_uuid],
        )
        document.records._log(
            record_uuid, document.records.form_id_of(record_uuid), "unlink_photo", 0, old=attachment_uuid
        )
    return Changes.of(record_uuids=[record_uuid], photos=[attachment_uuid])


_INFO_COLUMNS = (
    "uuid, sha256, original_name, media_type, original_bytes, original_width, original_height, width, height, "
    "captured_at, added_at, author, deleted"
)


def _info(row: Any) -> PhotoInfo:
    values = list(row)
    values[-1] = bool(values[-1])
    return PhotoInfo(*values)


def photos_for(document: AuditDocument, record_uuid: str, include_deleted: bool = False) -> list[PhotoInfo]:
    deleted = "" if include_deleted else " AND a.deleted = 0 AND l.deleted = 0"
    columns = ", ".join(f"a.{c.strip()}" for c in _INFO_COLUMNS.split(","))
    rows = document.connection.execute(
        f"SELECT {columns} FROM attachment a JOIN attachment_link l ON l.attachment_uuid = a.uuid "
        f"WHERE l.record_uuid = ?{deleted} ORDER BY a.captured_at, a.added_at",
        [record_uuid],
    )
    return [_info(row) for row in rows]


def all_photos(document: AuditDocument, include_deleted: bool = False) -> list[PhotoInfo]:
    where = "" if include_deleted else " WHERE deleted = 0"
    rows = document.connection.execute(f"SELECT {_INFO_COLUMNS} FROM attachment{where} ORDER BY captured_at, added_at")
    return [_info(row) for row in rows]


def photo_info(document: AuditDocument, attachment_uuid: str) -> PhotoInfo:
    row = document.connection.execute(
        f"SELECT {_INFO_COLUMNS} FROM attachment WHERE uuid = ?", [attachment_uuid]
    ).fetchone()
    if row is None:
        raise RecordError(Text(f"No photo {attachment_uuid}.", f"没有照片 {attachment_uuid}。"), attachment_uuid)
    return _info(row)


def _blob(document: AuditDocument, attachment_uuid: str, column: str) -> bytes:
    row = document.connection.execute(f"SELECT {column} FROM attachment WHERE uuid = ?", [attachment_uuid]).fetchone()
    if row is None:
        raise RecordError(Text(f"No photo {attachment_uuid}.", f"没有照片 {attachment_uuid}。"), attachment_uuid)
    return bytes(row[0])


def photo_bytes(document: AuditDocument, attachment_uuid: str) -> bytes:
    return _blob(document, attachment_uuid, "data")


def thumbnail_bytes(document: AuditDocument, attachment_uuid: str) -> bytes:
    return _blob(document, attachment_uuid, "thumbnail")


def _set_deleted(document: AuditDocument, attachment_uuid: str, deleted: bool) -> Changes:
    photo_info(document, attachment_uuid)
    with document.transaction():
        document.connection.execute(
            "UPDATE attachment SET deleted = ?, revision = revision + 1 WHERE uuid = ?", [int(deleted), attachment_uuid]
        )
        revision = document.connection.execute(
            "SELECT revision FROM attachment WHERE uuid = ?", [attachment_uuid]
        ).fetchone()[0]
        document.records._log(attachment_uuid, "attachment", "delete" if deleted else "restore", int(revision))
    return Changes.of(photos=[attachment_uuid])


def delete_photo(document: AuditDocument, attachment_uuid: str) -> Changes:
    """Tombstone a photo: hidden everywhere, kept in the file so a merge cannot resurrect it."""
    return _set_deleted(document, attachment_uuid, True)


def restore_photo(document: AuditDocument, attachment_uuid: str) -> Changes:
    return _set_deleted(document, attachment_uuid, False)
