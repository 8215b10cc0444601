"""The office database: its identity, migrations, connection settings and single writer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.errors import AuditFileError, AuditInUseError
from audit.office import database
from audit.office.database import OFFICE_APPLICATION_ID, OfficeDatabase, OfficeFileError


def test_create_marks_the_file_and_sets_the_connection(tmp_path: Path) -> None:
    path = tmp_path / "county.office"
    with OfficeDatabase.create(path, officer="li") as office:
        connection = office.connection
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert office.meta("created_by") == "li"
        assert office.schema_version() == database.schema_version() >= 1
        tables = set(office.db.table_names())
    assert {
        "auditor",
        "audit",
        "office_record",
        "record_base",
        "photo",
        "package_receipt",
        "conflict",
        "review",
    } <= tables
    header = path.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == OFFICE_APPLICATION_ID
    with OfficeDatabase.open(path) as again:
        assert again.meta("created_by") == "li"


def test_a_second_writer_is_refused_naming_the_holder(tmp_path: Path) -> None:
    path = tmp_path / "county.office"
    with OfficeDatabase.create(path, officer="li"):
        with pytest.raises(AuditInUseError) as caught:
            OfficeDatabase.open(path, officer="wang")
        assert "li" in caught.value.message.en
    OfficeDatabase.open(path).close()  # released on close


def test_an_audit_file_is_not_an_office_database(tmp_path: Path) -> None:
    audit_path = tmp_path / "a.fieldaudit"
    AuditDocument.create(audit_path, author="t").close()
    before = audit_path.read_bytes()
    with pytest.raises(OfficeFileError, match="not a FieldAudit office database"):
        OfficeDatabase.open(audit_path)
    assert audit_path.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(AuditFileError):
        OfficeDatabase.open(other)


def test_a_newer_office_database_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "county.office"
    OfficeDatabase.create(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {database.schema_version() + 1}")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(OfficeFileError, match="newer FieldAudit"):
        OfficeDatabase.open(path)
    assert path.read_bytes() == before


def test_transaction_is_all_or_nothing(tmp_path: Path) -> None:
    with OfficeDatabase.create(tmp_path / "county.office") as office:
        with pytest.raises(RuntimeError), office.transaction() as db:
            db.table("meta").insert({"key": "k", "value": "v"})
            raise RuntimeError("stop")
        assert office.meta("k") is None
        with office.transaction() as db:
            db.table("meta").insert({"key": "k", "value": "v"})
        assert office.meta("k") == "v"


def test_a_migration_set_listed_in_the_hook_list_is_applied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = database.Migrations("fieldaudit-office-test")

    @extra()
    def m001_extra(db: database.Database) -> None:
        db.table("extra_register").create({"id": int}, pk="id")

    monkeypatch.setattr(database, "_test_extra", extra, raising=False)
    path = tmp_path / "county.office"
    OfficeDatabase.create(path).close()
    monkeypatch.setattr(database, "MIGRATION_SETS", [*database.MIGRATION_SETS, "audit.office.database:_test_extra"])
    with OfficeDatabase.open(path) as office:
        assert "extra_register" in office.db.table_names()
        assert office.schema_version() == database.schema_version()
