"""Photo captions: stored, bounded and checked, logged, exported, and added to audits made before them."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from audit.attachments import add_photo, all_photos
from audit.document import AuditDocument
from audit.errors import RecordError
from audit.jsonio import export_records
from audit.photo_captions import MAX_CAPTION_CHARS, caption_of, captions, set_caption
from audit.schema import SCHEMA_VERSION

# Written by FieldAudit at commit 1a48978 (schema 1, before captions): one motor M-07 and its photo.
OLDER_AUDIT = Path(__file__).parent / "data" / "schema1_with_photo.fieldaudit.gz"


def a_jpeg(tmp_path: Path) -> Path:
    source = tmp_path / "nameplate.jpg"
    Image.new("RGB", (64, 48), (120, 130, 140)).save(source)
    return source


def a_photo(document: AuditDocument, tmp_path: Path) -> str:
    return add_photo(document, a_jpeg(tmp_path))


def older_audit(tmp_path: Path) -> Path:
    path = tmp_path / "older.fieldaudit"
    with gzip.open(OLDER_AUDIT) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return path


def test_an_audit_without_the_caption_column_opened_read_only_exports_its_photos(
    audit_path: Path, tmp_path: Path
) -> None:
    # A schema-1 file whose forms are current (read-only opening refuses missing form columns): as the
    # previous version leaves it, caption column and migration record absent.
    with AuditDocument.create(audit_path, author="tester") as document:
        motor = document.records.add("motor", {"tag": "M-07"})
        photo = add_photo(document, a_jpeg(tmp_path), link_to=motor)
    with sqlite3.connect(audit_path) as db:
        db.execute("ALTER TABLE attachment DROP COLUMN caption")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_photo_caption'")
        db.execute("PRAGMA user_version = 1")
    document = AuditDocument.open(audit_path, read_only=True)
    try:
        assert document.schema_version() == 1  # read-only: not migrated
        [exported] = export_records(document)["photos"]
        assert exported["uuid"] == photo and exported["caption"] == "" and exported["linked_records"] == [motor]
        assert caption_of(document, photo) == "" and captions(document) == {}
    finally:
        document.close()


def test_an_audit_made_before_captions_opens_and_takes_one(tmp_path: Path) -> None:
    path = older_audit(tmp_path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    document = AuditDocument.open(path, author="tester")
    try:
        assert document.schema_version() == SCHEMA_VERSION >= 2
        [photo] = all_photos(document)
        assert caption_of(document, photo.uuid) == ""
        set_caption(document, photo.uuid, "1# 电机铭牌")
    finally:
        document.close()
    reopened = AuditDocument.open(path, author="tester")
    try:
        assert captions(reopened) == {photo.uuid: "1# 电机铭牌"}
    finally:
        reopened.close()


def test_a_caption_is_trimmed_logged_and_exported(document: AuditDocument, tmp_path: Path) -> None:
    photo = a_photo(document, tmp_path)
    assert set_caption(document, photo, "  Motor   M-07\tnameplate ") == "Motor M-07 nameplate"
    row = document.connection.execute(
        "SELECT old_value, new_value, author FROM change_log WHERE record_uuid = ? AND field = 'caption'", [photo]
    ).fetchone()
    assert [json.loads(row[0]), json.loads(row[1]), row[2]] == ["", "Motor M-07 nameplate", document.author]
    exported = {entry["uuid"]: entry for entry in export_records(document)["photos"]}
    assert exported[photo]["caption"] == "Motor M-07 nameplate"
    set_caption(document, photo, "")
    assert caption_of(document, photo) == "" and captions(document) == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * (MAX_CAPTION_CHARS + 1), f"at most {MAX_CAPTION_CHARS} characters ({MAX_CAPTION_CHARS + 1} given)"),
        ("bell\x07", "plain text"),
    ],
)
def test_a_caption_too_long_or_not_plain_text_is_refused_with_why(
    document: AuditDocument, tmp_path: Path, text: str, message: str
) -> None:
    photo = a_photo(document, tmp_path)
    set_caption(document, photo, "kept")
    with pytest.raises(RecordError) as refused:
        set_caption(document, photo, text)
    assert message in refused.value.message.en and refused.value.message.zh
    assert caption_of(document, photo) == "kept"
