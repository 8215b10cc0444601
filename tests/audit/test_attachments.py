"""Photos: stored in the audit downscaled, with the original's hash and capture time, linked to records."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from audit import attachments
from audit.document import AuditDocument
from audit.errors import RecordError


def make_jpeg(path: Path, size: tuple[int, int] = (4000, 3000), taken: str | None = "2025:03:11 09:42:05") -> Path:
    image = Image.new("RGB", size, (120, 130, 140))
    exif = Image.Exif()
    if taken:
        exif.get_ifd(attachments.EXIF_IFD)[attachments.EXIF_DATETIME_ORIGINAL] = taken
    image.save(path, format="JPEG", exif=exif.tobytes())
    return path


def test_large_photo_is_downscaled_and_keeps_hash_and_capture_time(document: AuditDocument, tmp_path: Path) -> None:
    source = make_jpeg(tmp_path / "nameplate.jpg")
    motor = document.records.add("motor", {"tag": "M-7", "location": "dyeing", "rated_power_kw": 30})
    photo = attachments.add_photo(document, source, link_to=motor)
    info = attachments.photo_info(document, photo)
    assert info.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (info.original_width, info.original_height) == (4000, 3000)
    assert (info.width, info.height) == (2048, 1536)
    assert info.captured_at == "2025-03-11T09:42:05"
    stored = Image.open(io.BytesIO(attachments.photo_bytes(document, photo)))
    assert stored.size == (2048, 1536) and stored.format == "JPEG"
    thumb = Image.open(io.BytesIO(attachments.thumbnail_bytes(document, photo)))
    assert max(thumb.size) == attachments.THUMBNAIL_PIXELS
    assert [p.uuid for p in attachments.photos_for(document, motor)] == [photo]


def test_the_same_original_is_stored_once_and_can_link_to_many_records(document: AuditDocument, tmp_path: Path) -> None:
    source = make_jpeg(tmp_path / "meter.jpg", (800, 600), None)
    first = document.records.add("note", {"title": "meter room"})
    second = document.records.add("note", {"title": "pump room"})
    a = attachments.add_photo(document, source, link_to=first)
    b = attachments.add_photo(document, source, link_to=second)
    assert a == b
    assert document.connection.execute("SELECT count(*) FROM attachment").fetchone()[0] == 1
    assert attachments.photos_for(document, second)[0].captured_at is None


def test_photo_delete_is_a_tombstone(document: AuditDocument, tmp_path: Path) -> None:
    note = document.records.add("note", {"title": "x"})
    photo = attachments.add_photo(document, make_jpeg(tmp_path / "a.jpg", (100, 80)), link_to=note)
    attachments.delete_photo(document, photo)
    assert attachments.photos_for(document, note) == []
    assert attachments.all_photos(document, include_deleted=True)[0].deleted
    attachments.restore_photo(document, photo)
    assert len(attachments.photos_for(document, note)) == 1


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_stored(document: AuditDocument, tmp_path: Path) -> None:
    fake = tmp_path / "invoice.jpg"
    fake.write_bytes(b"%PDF-1.7 not a photo")
    with pytest.raises(RecordError, match="not an image"):
        attachments.add_photo(document, fake)
    assert document.connection.execute("SELECT count(*) FROM attachment").fetchone()[0] == 0


def test_photo_field_must_name_a_stored_photo(document: AuditDocument, tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="no photo"):
        document.records.add("motor", {"tag": "M-1", "location": "x", "rated_power_kw": 5, "nameplate_photo": "nope"})
    photo = attachments.add_photo(document, make_jpeg(tmp_path / "n.jpg", (64, 64)))
    motor = document.records.add(
        "motor", {"tag": "M-1", "location": "x", "rated_power_kw": 5, "nameplate_photo": photo}
    )
    assert document.records.get(motor)["nameplate_photo"] == photo
