"""An audit made by a previous version (schema 2) upgrades to the compact record index losing nothing.

tests/audit/data/schema2_with_history.fieldaudit.gz was written by the code on main before migrations
m003 and m004 (schema 2): an enterprise with a product row, two motors (one edited twice, one deleted,
restored and deleted again), two water units (one the other's parent), a meter with three readings,
a note linked to a motor and a photo linked to the same motor.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from audit.checking import no_dangling_keys
from audit.conflicts import list_conflicts
from audit.document import AuditDocument
from audit.errors import UpgradeError
from audit.history import record_history
from audit.jsonio import export_records
from audit.schema import SCHEMA_VERSION
from tests.cli_support import run_cli

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


def table_layout(path: Path, table: str) -> tuple[str, list[str]]:
    """A table's (or view's) SQL and the names of its indexes."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        sql = str(connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0])
        indexes = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", [table]
            )
        ]
        return sql, indexes
    finally:
        connection.close()


def histories(document: AuditDocument) -> dict[str, list[Any]]:
    """The history of every record (repeat rows are in their parent's), as the history view shows it."""
    rows = document.connection.execute("SELECT uuid FROM record_index WHERE form_id NOT IN ('attachment')")
    return {
        str(uuid): record_history(document, str(uuid))
        for (uuid,) in rows.fetchall()
        if "." not in document.records.form_id_of(str(uuid))
    }


def parents_in_their_tables(path: Path, parents: list[tuple[Any, ...]]) -> bool:
    """Each (repeat row, table, parent) the old record index held is in the repeat row's own table."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return all(
            connection.execute(f'SELECT parent_uuid FROM "{table}" WHERE uuid = ?', [uuid]).fetchone() == (parent,)
            for uuid, table, parent in parents
        )
    finally:
        connection.close()


def test_a_schema2_audit_upgrades_without_losing_a_row_or_a_change(tmp_path: Path) -> None:
    path = unpacked(tmp_path)
    layout = layout_of(path)
    # The record index keeps its id, form and table (schema 5 reads them through a view); the parent
    # of a repeat row, which it no longer holds, is in the row's own table.
    layout["record_index"].remove("parent_uuid")
    before = every_row(path, layout)
    parents = [row for row in every_row(path, {"record_index": ["uuid", "table_name", "parent_uuid"]})["record_index"]]
    parents = [row for row in parents if row[2] is not None]
    sql, indexes = table_layout(path, "record_index")
    assert "WITHOUT ROWID" not in sql and indexes == ["sqlite_autoindex_record_index_1", "idx_record_index_form_id"]
    with AuditDocument.open(path, read_only=True) as old:
        assert old.schema_version() == 2
        motors = {record.values["tag"]: record for record in old.records.list("motor", include_deleted=True)}
        history_before = record_history(old, motors["M-1"].uuid)
        every_history_before = histories(old)
    with AuditDocument.open(path, author="new-version") as document:
        assert document.schema_version() == SCHEMA_VERSION
        assert document.connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert document.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert histories(document) == every_history_before
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
    assert parents and parents_in_their_tables(path, parents)
    assert_compact_record_index(path)
    assert history_before[-1].operation.en == "Created" and len(history_before) == 4


def assert_compact_record_index(path: Path) -> None:
    """Ids kept once, in id order, with their form's number; every table refers to them there; no
    index by `deleted`."""
    sql, indexes = table_layout(path, "record_key")
    assert "WITHOUT ROWID" in sql and indexes == []
    assert table_layout(path, "record_index")[0].startswith('CREATE VIEW "record_index"')
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        referred = {
            str(row[0])
            for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            for row in connection.execute('SELECT "table" FROM pragma_foreign_key_list(?)', [table])
        }
    finally:
        connection.close()
    assert "record_key" in referred and "record_index" not in referred
    # No form table keeps an index by `deleted` (every query asks for nearly all rows: deleted = 0).
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        by_deleted = connection.execute(
            "SELECT i.name FROM sqlite_master AS i WHERE i.type = 'index' "
            "AND 'deleted' IN (SELECT name FROM pragma_index_info(i.name))"
        ).fetchall()
    finally:
        connection.close()
    assert by_deleted == []


def test_a_new_audit_keeps_its_record_index_compact(audit_path: Path) -> None:
    AuditDocument.create(audit_path).close()
    assert_compact_record_index(audit_path)


SCHEMA4_AUDIT = Path(__file__).parent / "data" / "schema4_exchanged.fieldaudit.gz"


def unpacked4(tmp_path: Path) -> Path:
    """tests/audit/data/schema4_exchanged.fieldaudit.gz, written by main's code at schema 4: 141 of the
    demo's records imported from a file, exchanged with a copy and back (merge rows, one merge base
    per record and source, a conflict kept), an edit, a delete, a new motor, a note, a linked photo."""
    path = tmp_path / "schema4.fieldaudit"
    with gzip.open(SCHEMA4_AUDIT) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return path


def merge_view(document: AuditDocument) -> tuple[Any, ...]:
    """What a merge and the export read: the exported records, the conflicts, every history."""
    exported = export_records(document)
    conflicts = [(c.record_uuid, c.source, c.theirs.revision, c.their_values) for c in list_conflicts(document)]
    return exported["records"], conflicts, histories(document)


def test_a_schema4_audit_upgrades_without_losing_a_row_a_change_or_a_merge_base(tmp_path: Path) -> None:
    path = unpacked4(tmp_path)
    layout = layout_of(path)
    layout["record_index"].remove("parent_uuid")
    before = every_row(path, layout)
    with AuditDocument.open(path, read_only=True) as old:
        assert old.schema_version() == 4
        seen_before = merge_view(old)
    assert len(before["merge_base"]) == 282 and len(seen_before[1]) == 1
    with AuditDocument.open(path, author="new-version") as document:
        assert document.schema_version() == SCHEMA_VERSION
        assert document.connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert document.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert merge_view(document) == seen_before
        assert no_dangling_keys(document.connection)  # `check`'s quick way through every key still applies
    # Every row of every old table is still there, unchanged (the record index read through its view).
    assert every_row(path, layout) == before
    assert_compact_record_index(path)


def filed_twice(path: Path) -> None:
    """Damage the record index as m005 refuses it halfway (after creating record_form): one motor
    filed under another table than the other motors."""
    connection = sqlite3.connect(path)
    connection.execute(
        "UPDATE record_index SET table_name = 'motor_x' "
        "WHERE uuid = (SELECT uuid FROM record_index WHERE form_id = 'motor' LIMIT 1)"
    )
    connection.commit()
    connection.close()


def test_a_migration_that_fails_leaves_the_old_file_as_it_was(tmp_path: Path) -> None:
    path = unpacked4(tmp_path)
    filed_twice(path)
    layout = layout_of(path)
    before = every_row(path, layout)
    with pytest.raises(UpgradeError) as raised:
        AuditDocument.open(path, author="new-version")
    # Said in words a user can act on, with SQLite's reason, in both languages (no raw sqlite3 error).
    message = raised.value.message
    assert message.en.startswith(f"{path}: this audit could not be upgraded to this version of FieldAudit")
    assert "(file schema 4, this version 5)" in message.en and "UNIQUE constraint failed" in message.en
    assert "The file was not changed. You can still open it read-only" in message.en
    assert "无法升级" in message.zh and "文件未做任何修改" in message.zh and "只读方式打开" in message.zh
    assert every_row(path, layout) == before
    assert layout_of(path) == layout
    with AuditDocument.open(path, read_only=True) as old:
        assert old.schema_version() == 4
        assert len(old.records.list("motor", include_deleted=True)) == 16


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_command_on_a_file_that_cannot_be_upgraded_says_so_and_changes_nothing(tmp_path: Path, language: str) -> None:
    path = unpacked4(tmp_path)
    filed_twice(path)
    layout = layout_of(path)
    before = every_row(path, layout)
    data = tmp_path / "nothing.json"
    data.write_text(json.dumps({"records": {}}), encoding="utf-8")
    result = run_cli("import", path, data, language=language)
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    expected = "无法升级到本版本" if language == "zh" else "could not be upgraded to this version"
    unchanged = "文件未做任何修改" if language == "zh" else "The file was not changed."
    assert expected in line and unchanged in line and str(path) in line
    assert "Traceback" not in result.stderr and "IntegrityError" not in result.stderr
    assert every_row(path, layout) == before and layout_of(path) == layout


def test_a_failure_in_the_last_of_several_migrations_takes_back_the_earlier_ones(tmp_path: Path) -> None:
    # Schema 2 needs m003, m004 and m005: all three are one transaction with the check after them.
    path = unpacked(tmp_path)
    filed_twice(path)
    layout = layout_of(path)
    before = every_row(path, layout)
    with pytest.raises(UpgradeError, match=r"file schema 2, this version 5"):
        AuditDocument.open(path, author="new-version")
    assert layout_of(path) == layout and every_row(path, layout) == before
    with AuditDocument.open(path, read_only=True) as old:
        assert old.schema_version() == 2
