"""The audit file: what it is, how it opens, and what it refuses (never modifying what it refuses)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.errors import AuditFileError, ReadOnlyError
from audit.schema import APPLICATION_ID, SCHEMA_VERSION
from forms.registry import FormRegistry, default_registry
from forms.spec import FieldType, FormSpec, t
from tests.damage import scribble_over_a_middle_page


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_audit_is_marked_as_ours_with_its_schema_version(audit_path: Path) -> None:
    AuditDocument.create(audit_path).close()
    connection = sqlite3.connect(audit_path)
    try:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()
    # Typed tables, readable with plain SQL, one per form and one per repeat group.
    assert {"enterprise", "enterprise__products", "energy_use", "motor", "change_log", "attachment"} <= tables


def test_every_connection_gets_wal_full_sync_and_foreign_keys(document: AuditDocument) -> None:
    connection = document.connection
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_read_only_connection_also_enforces_foreign_keys_and_refuses_writes(audit_path: Path) -> None:
    AuditDocument.create(audit_path).close()
    with AuditDocument.open(audit_path, read_only=True) as reader:
        assert reader.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(ReadOnlyError, match="read-only"):
            reader.records.add("note", {"title": "x"})


def test_an_edit_is_on_disk_as_soon_as_it_is_made(document: AuditDocument, audit_path: Path) -> None:
    record = document.records.add("note", {"title": "pump room leaks"})
    other = sqlite3.connect(f"{audit_path.as_uri()}?mode=ro", uri=True)
    try:
        assert other.execute("SELECT title FROM note WHERE uuid = ?", [record]).fetchone()[0] == "pump room leaks"
    finally:
        other.close()


def test_a_file_that_is_not_sqlite_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20)
    before = digest(path)
    with pytest.raises(AuditFileError, match="not a FieldAudit audit"):
        AuditDocument.open(path)
    assert digest(path) == before


def test_another_applications_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(AuditFileError, match="not a FieldAudit audit"):
        AuditDocument.open(path)
    assert digest(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_an_audit_from_a_newer_version_is_refused_unchanged(audit_path: Path) -> None:
    AuditDocument.create(audit_path).close()
    connection = sqlite3.connect(audit_path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = digest(audit_path)
    with pytest.raises(AuditFileError, match="newer FieldAudit"):
        AuditDocument.open(audit_path)
    assert digest(audit_path) == before


def test_a_damaged_audit_is_refused_unchanged(audit_path: Path) -> None:
    with AuditDocument.create(audit_path) as document:
        document.records.add_many("note", [{"title": f"note {i}", "body": "x" * 500} for i in range(200)])
    # Scribble over a b-tree page in the middle of the file (a bad sector, a half-written copy).
    scribble_over_a_middle_page(audit_path)
    before = digest(audit_path)
    with pytest.raises(AuditFileError, match="damaged"):
        AuditDocument.open(audit_path)
    assert digest(audit_path) == before


def test_missing_file_gives_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(AuditFileError, match="file not found"):
        AuditDocument.open(tmp_path / "nope.fieldaudit")
    assert not (tmp_path / "nope.fieldaudit.lock").exists()


def test_create_refuses_to_overwrite(audit_path: Path) -> None:
    AuditDocument.create(audit_path).close()
    with pytest.raises(AuditFileError, match="already exists"):
        AuditDocument.create(audit_path)


def test_a_field_added_to_a_form_in_a_later_version_becomes_a_column_and_old_data_stays(audit_path: Path) -> None:
    base = default_registry()
    with AuditDocument.create(audit_path, registry=base) as document:
        note = document.records.add("note", {"title": "kept"})
    # The same app, one release later: the note form gained a field (version 2).
    old_note = base["note"]
    new_note = FormSpec(
        id="note",
        version=2,
        label=old_note.label,
        fields=(
            *old_note.fields,
            old_note.fields[0].__class__("severity_level", FieldType.INTEGER, t("Severity", "严重程度")),
        ),
        group=old_note.group,
        title_field=old_note.title_field,
    )
    newer = FormRegistry([new_note if form.id == "note" else form for form in base])
    with AuditDocument.open(audit_path, registry=newer) as document:
        assert "severity_level" in document.db["note"].columns_dict
        record = document.records.get(note)
        assert record["title"] == "kept" and record.form_version == 1
        document.records.update(note, {"severity_level": 3})
        versions = {
            row[0] for row in document.connection.execute("SELECT version FROM form_definition WHERE form_id = 'note'")
        }
    # Every version's definition is kept in the file, so old records can be read as they were made.
    assert versions == {1, 2}


def test_migrations_are_recorded_and_not_run_twice(audit_path: Path) -> None:
    AuditDocument.create(audit_path).close()
    with AuditDocument.open(audit_path) as document:
        applied = document.connection.execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert [row[0] for row in applied] == [
        "m001_core",
        "m002_photo_caption",
        "m003_merge",
        "m004_record_index_by_id",
        "m005_compact_indexes",
    ]


def test_save_copy_is_a_consistent_audit(document: AuditDocument, tmp_path: Path) -> None:
    document.records.add("note", {"title": "copied"})
    copy = tmp_path / "copy.fieldaudit"
    document.save_copy(copy)
    with AuditDocument.open(copy, read_only=True) as reopened:
        assert [r["title"] for r in reopened.records.list("note")] == ["copied"]


def test_the_system_tables_list_is_what_the_migrations_create() -> None:
    """Opening checks a file against SYSTEM_TABLES; a migration that adds a table must add it there too."""
    from audit.lean_sqlite_utils import Database
    from audit.schema import SYSTEM_TABLES, migrations

    db = Database(memory=True)
    migrations.apply(db)
    created = {str(row[0]) for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    assert created == set(SYSTEM_TABLES), f"add {sorted(created - SYSTEM_TABLES)} to audit.schema.SYSTEM_TABLES"
    assert len(migrations.pending(Database(memory=True))) == SCHEMA_VERSION
