"""An audit made by the previous version (schema 2) upgrades to the lean record index losing nothing.

tests/audit/data/schema2_with_history.fieldaudit.gz was written by the code on main before migrations
m003 and m004 (schema 2): an enterprise with a product row, two motors (one edited twice, one deleted,
restored and deleted again), two water units (one the other's parent), a meter with three readings,
a note linked to a motor and a photo linked to the same motor.
"""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from audit.document import AuditDocument
from audit.history import record_history
from audit.schema import SCHEMA_VERSION

SCHEMA2_AUDIT = Path(__file__).parent / "data" / "schema2_with_history.fieldaudit.gz"


def unpacked(tmp_path: Path) -> Path:
    path = tmp_path / "schema2.fieldaudit"
    with gzip.open(SCHEMA2_AUDIT) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return path


def every_row(path: Path, layout: dict[str, list[str]] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows, sorted, read by the columns of `layout` (the old file's, when given): a later
    migration may add tables and columns; the migrations' own record is left out (it gains rows)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = layout or {
            str(row[0]): [str(c[1]) for c in connection.execute("SELECT * FROM pragma_table_info(?)", [row[0]])]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if row[0] != "_sqlite_migrations"
        }
        rows: dict[str, list[tuple[Any, ...]]] = {}
        for table, columns in tables.items():
            selected = ", ".join('"' + column + '"' for column in columns)
            rows[table] = sorted(connection.execute(f'SELECT {selected} FROM "{table}"').fetchall(), key=repr)
        return rows
    finally:
        connection.close()


def layout_of(path: Path) -> dict[str, list[str]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: [str(c[1]) for c in connection.execute("SELECT * FROM pragma_table_info(?)", [name])]
            for name in names
            if name != "_sqlite_migrations"
        }
    finally:
        connection.close()


def record_index_layout(path: Path) -> tuple[str, list[str]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        sql = str(connection.execute("SELECT sql FROM sqlite_master WHERE name = 'record_index'").fetchone()[0])
        indexes = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'record_index'"
            )
        ]
        return sql, indexes
    finally:
        connection.close()


def test_a_schema2_audit_upgrades_without_losing_a_row_or_a_change(tmp_path: Path) -> None:
    path = unpacked(tmp_path)
    layout = layout_of(path)
    before = every_row(path, layout)
    sql, indexes = record_index_layout(path)
    assert "WITHOUT ROWID" not in sql and indexes == ["sqlite_autoindex_record_index_1", "idx_record_index_form_id"]
    with AuditDocument.open(path, read_only=True) as old:
        assert old.schema_version() == 2
        motors = {record.values["tag"]: record for record in old.records.list("motor", include_deleted=True)}
        history_before = record_history(old, motors["M-1"].uuid)
    with AuditDocument.open(path, author="new-version") as document:
        assert document.schema_version() == SCHEMA_VERSION
        assert document.connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert document.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert record_history(document, motors["M-1"].uuid) == history_before
        # The upgraded audit takes edits that refer to its old records.
        document.records.update(motors["M-1"].uuid, {"rated_power_kw": 20})
        note = document.records.add("note", {"title": "after the upgrade", "linked_record": motors["M-1"].uuid})
        document.records.delete(note)
    after = every_row(path, layout)
    assert set(after) == set(before)
    edited = motors["M-1"].uuid
    for table, rows in before.items():
        if table in ("record_index", "change_log", "note"):
            # The edits made after the upgrade added rows; every old row is still there, unchanged.
            assert set(rows) < set(after[table]), table
        elif table == "motor":
            assert [r for r in after[table] if r[0] != edited] == [r for r in rows if r[0] != edited]
        else:
            assert after[table] == rows, table
    assert len(after["record_index"]) == len(before["record_index"]) + 1
    sql, indexes = record_index_layout(path)
    assert "WITHOUT ROWID" in sql and indexes == []
    assert history_before[-1].operation.en == "Created" and len(history_before) == 4


def test_a_new_audit_keeps_its_record_index_in_id_order_only(audit_path: Path) -> None:
    AuditDocument.create(audit_path).close()
    sql, indexes = record_index_layout(audit_path)
    assert "WITHOUT ROWID" in sql and indexes == []
