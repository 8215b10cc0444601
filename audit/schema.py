"""System tables (versioned migrations) and typed record tables generated from the form definitions."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from audit.lean_sqlite_utils import Migrations
from forms.registry import FormRegistry
from forms.spec import FieldSpec, FieldType, FormSpec, RepeatSpec

if TYPE_CHECKING:
    from audit.lean_sqlite_utils import Database

# "FAud" in ASCII: marks a SQLite file as a FieldAudit document (PRAGMA application_id).
APPLICATION_ID = 0x46417564

ENVELOPE_COLUMNS: dict[str, type] = {
    "uuid": str,
    "form_id": str,
    "form_version": int,
    "created_at": str,
    "modified_at": str,
    "author": str,
    "revision": int,
    "state": str,
    "deleted": int,
}

migrations = Migrations("fieldaudit")


@migrations()
def m001_core(db: Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("record_index").create(
        {"uuid": str, "form_id": str, "table_name": str, "parent_uuid": str},
        pk="uuid",
        not_null={"form_id", "table_name"},
    )
    db.table("record_index").create_index(["form_id"])
    db.table("change_log").create(
        {
            "id": int,
            "changed_at": str,
            "author": str,
            "record_uuid": str,
            "form_id": str,
            "operation": str,
            "field": str,
            "old_value": str,
            "new_value": str,
            "revision": int,
            "batch": str,
        },
        pk="id",
        foreign_keys=[("record_uuid", "record_index", "uuid")],
        not_null={"changed_at", "record_uuid", "operation"},
    )
    db.table("change_log").create_index(["record_uuid"])
    db.table("form_definition").create({"form_id": str, "version": int, "definition": str}, pk=("form_id", "version"))
    db.table("attachment").create(
        {
            "uuid": str,
            "sha256": str,
            "original_name": str,
            "media_type": str,
            "original_bytes": int,
            "original_width": int,
            "original_height": int,
            "width": int,
            "height": int,
            "captured_at": str,
            "added_at": str,
            "author": str,
            "revision": int,
            "deleted": int,
            "data": bytes,
            "thumbnail": bytes,
        },
        pk="uuid",
        not_null={"sha256", "data"},
    )
    db.table("attachment").create_index(["sha256"])
    db.table("attachment_link").create(
        {"attachment_uuid": str, "record_uuid": str, "linked_at": str, "author": str, "deleted": int},
        pk=("attachment_uuid", "record_uuid"),
        foreign_keys=[("attachment_uuid", "attachment", "uuid"), ("record_uuid", "record_index", "uuid")],
    )


@migrations()
def m002_photo_caption(db: Database) -> None:
    # The caption a user writes under a photo (issue 9, item 13); NULL for photos added before.
    db.table("attachment").add_column("caption", str)


@migrations()
def m003_merge(db: Database) -> None:
    # Issue 13: revisions applied from elsewhere. The change log says where a change came from
    # (NULL: made here); `merge_base` keeps, per record and source, the last revision both sides
    # are known to hold; `merge_conflict` keeps the other side's version of a record changed on
    # both sides until a person settles it (the local version stays in the record's table).
    db.table("change_log").add_column("origin", str)
    db.table("merge_base").create(
        {"record_uuid": str, "source": str, "revision": int},
        pk=("record_uuid", "source"),
        foreign_keys=[("record_uuid", "record_index", "uuid")],
        not_null={"revision"},
    )
    db.table("merge_conflict").create(
        {
            "record_uuid": str,
            "source": str,
            "form_id": str,
            "form_version": int,
            "revision": int,
            "author": str,
            "created_at": str,
            "modified_at": str,
            "state": str,
            "deleted": int,
            "values_json": str,
            "overridden_json": str,
            "local_revision": int,
            "detected_at": str,
        },
        pk=("record_uuid", "source"),
        foreign_keys=[("record_uuid", "record_index", "uuid")],
        not_null={"form_id", "revision", "values_json", "detected_at"},
    )


@migrations()
def m004_record_index_by_id(db: Database) -> None:
    # Issue 15 (file size): every lookup in the record index is by id, so it is kept in id order
    # (WITHOUT ROWID) instead of beside a second copy of every id (its primary-key index: 11 MB at
    # 225,000 records), and the index by form, which no query uses (6 MB), goes. Same columns, same
    # rows; the tables that refer to it by name keep doing so. SQLite's procedure for changing a
    # table: make the new one, copy, drop the old, rename (foreign keys are off during migrations).
    db.execute(
        'CREATE TABLE "record_index_by_id" ("uuid" TEXT PRIMARY KEY, "form_id" TEXT NOT NULL, '
        '"table_name" TEXT NOT NULL, "parent_uuid" TEXT) WITHOUT ROWID'
    )
    db.execute(
        'INSERT INTO "record_index_by_id" (uuid, form_id, table_name, parent_uuid) '
        'SELECT uuid, form_id, table_name, parent_uuid FROM "record_index"'
    )
    db.execute('DROP TABLE "record_index"')
    db.execute('ALTER TABLE "record_index_by_id" RENAME TO "record_index"')


# The record index read as before (id, form, table) over its compact storage (m005): every reader
# goes through this view; the two writers (RecordStore.add_many, attachments) insert into `record_key`.
RECORD_INDEX_VIEW = (
    'CREATE VIEW "record_index" ("uuid", "form_id", "table_name") AS '
    'SELECT k."uuid", f."form_id", f."table_name" FROM "record_key" AS k JOIN "record_form" AS f ON f."code" = k."form"'
)


@migrations()
def m005_compact_indexes(db: Database) -> None:
    # Issue 15 (file size): the record index held every id beside its form's name and table's name
    # (62 bytes a row, 17.8 MB at 225,000 records); each form is now a small number (`record_form`)
    # and `record_key` holds (id, form number): 11 MB. `record_index` stays, as a view with the same
    # columns (the parent, which no query read, is in the repeat row's own table). The tables that
    # refer to the index by id now refer to `record_key`: renaming the old table carries their
    # references with it (SQLite >= 3.26), then the new table takes its name. Foreign keys are off
    # during migrations; the open runs foreign_key_check after. One transaction: a crash leaves v4.
    # And each form table's index by `deleted` goes (2.3 MB at 221,870 readings): every query asks
    # for `deleted = 0`, nearly every row, where walking that index then fetching each row by rowid
    # made whole-table reads 1.4-4x slower than scanning the table (EXPLAIN QUERY PLAN and timings:
    # docs/benchmarks.md); no query asks for the deleted ones.
    # Keyed by its own index (WITHOUT ROWID), as every key the records refer to: `check` asks them
    # all in index order (checking.no_dangling_keys). RecordStore.form_code numbers a new form.
    db.execute(
        'CREATE TABLE "record_form" ("code" INTEGER PRIMARY KEY, "form_id" TEXT NOT NULL UNIQUE, '
        '"table_name" TEXT NOT NULL) WITHOUT ROWID'
    )
    db.execute(
        'INSERT INTO "record_form" (code, form_id, table_name) '
        "SELECT row_number() OVER (ORDER BY form_id), form_id, table_name "
        'FROM (SELECT form_id, table_name FROM "record_index" GROUP BY form_id, table_name)'
    )
    db.execute(
        'CREATE TABLE "record_key_new" ("uuid" TEXT PRIMARY KEY, '
        '"form" INTEGER NOT NULL REFERENCES "record_form"("code")) WITHOUT ROWID'
    )
    db.execute(
        'INSERT INTO "record_key_new" (uuid, form) SELECT r.uuid, f.code FROM "record_index" AS r '
        'JOIN "record_form" AS f ON f.form_id = r.form_id'
    )
    db.execute('ALTER TABLE "record_index" RENAME TO "record_key"')
    db.execute('DROP TABLE "record_key"')
    db.execute('ALTER TABLE "record_key_new" RENAME TO "record_key"')
    db.execute(RECORD_INDEX_VIEW)
    for (index,) in db.execute(
        "SELECT i.name FROM sqlite_master AS i WHERE i.type = 'index' AND i.name = 'idx_' || i.tbl_name || '_deleted' "
        "AND (SELECT group_concat(name) FROM pragma_index_info(i.name)) = 'deleted'"
    ).fetchall():
        db.execute(f'DROP INDEX "{index}"')


SCHEMA_VERSION = len(migrations._migrations)

# The tables the migrations above create (and sqlite-utils' record of them). Opening an audit checks
# the file against this list without loading sqlite-utils or running the migrations on a scratch
# database (0.1 s of every command, issue 15). A migration that adds a table adds it here:
# tests/audit/test_schema.py compares this list with what the migrations create.
SYSTEM_TABLES = frozenset(
    {
        "_sqlite_migrations",
        "attachment",
        "attachment_link",
        "change_log",
        "form_definition",
        "meta",
        "record_form",
        "record_key",
        "merge_base",
        "merge_conflict",
    }
)

# System tables by the schema version whose migration adds them: a file of an older version lacks
# them until it is opened for editing (migrated), and is still read as it is.
TABLES_ADDED_IN: dict[int, frozenset[str]] = {
    3: frozenset({"merge_base", "merge_conflict"}),
    5: frozenset({"record_form", "record_key"}),
}
# System tables of older versions that a later migration replaced: a file not upgraded yet holds them.
FORMER_SYSTEM_TABLES = frozenset({"record_index"})


def tables_added_after(version: int) -> frozenset[str]:
    return frozenset(table for added_in, tables in TABLES_ADDED_IN.items() if added_in > version for table in tables)


def child_table(form: FormSpec, repeat: RepeatSpec) -> str:
    return f"{form.id}__{repeat.name}"


def child_form_id(form: FormSpec, repeat: RepeatSpec) -> str:
    return f"{form.id}.{repeat.name}"


def column_type(spec: FieldSpec) -> type:
    if spec.type in (FieldType.INTEGER, FieldType.BOOLEAN):
        return int
    if spec.type is FieldType.DECIMAL:
        return float
    return str


def encode(spec: FieldSpec, value: Any) -> Any:
    """A field's value as its column stores it (booleans as 0/1, multiple choices as a JSON list)."""
    if value is None:
        return None
    if spec.type is FieldType.BOOLEAN:
        return int(bool(value))
    if spec.type is FieldType.MULTI_CHOICE:
        return json.dumps(list(value), ensure_ascii=False)
    return value


def field_columns(fields: tuple[FieldSpec, ...]) -> dict[str, type]:
    columns: dict[str, type] = {}
    for spec in fields:
        columns[spec.name] = column_type(spec)
        if spec.is_calculated:
            columns[override_column(spec.name)] = int
    return columns


def override_column(field: str) -> str:
    return f"{field}__overridden"


def sync_form_tables(db: Database, registry: FormRegistry) -> None:
    """Create the typed table of every form and add new columns; never drops or retypes anything."""
    for form in registry:
        _sync_table(db, form.id, {**ENVELOPE_COLUMNS, **field_columns(form.fields)}, parent=None)
        for repeat in form.repeats:
            columns = {**ENVELOPE_COLUMNS, "parent_uuid": str, "position": int, **field_columns(repeat.fields)}
            _sync_table(db, child_table(form, repeat), columns, parent=form.id)
        stored = db.execute(
            "SELECT definition FROM form_definition WHERE form_id = ? AND version = ?", [form.id, form.version]
        ).fetchone()
        definition = json.dumps(_jsonable(asdict(form)), ensure_ascii=False, sort_keys=True)
        if stored is None:
            db.table("form_definition").insert({"form_id": form.id, "version": form.version, "definition": definition})


def _sync_table(db: Database, name: str, columns: dict[str, type], parent: str | None) -> None:
    table = db.table(name)
    if not table.exists():
        foreign_keys: list[tuple[str, str, str]] = [("uuid", "record_key", "uuid")]
        if parent is not None:
            foreign_keys.append(("parent_uuid", parent, "uuid"))
        table.create(columns, pk="uuid", foreign_keys=foreign_keys, not_null={"form_id", "revision"})
        # No index by `deleted`: every query asks for deleted = 0, nearly every row (m005).
        if parent is not None:
            table.create_index(["parent_uuid"])
        return
    existing = set(table.columns_dict)
    for column, kind in columns.items():
        if column not in existing:
            table.add_column(column, kind)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
