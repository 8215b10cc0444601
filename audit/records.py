"""Records: add, edit, tombstone and restore, each step validated, committed and written to the change log."""

from __future__ import annotations

import builtins
import contextlib
import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audit.changes import Added, AddedMany, Changes, Updated
from audit.clock import now_iso
from audit.errors import RecordError
from audit.row_plan import ABSENT, RowPlan
from audit.schema import child_table, encode, override_column
from forms.spec import FieldSpec, FieldType, FormSpec, RepeatSpec, Text
from forms.validation import (
    InvalidValue,
    Problem,
    Severity,
    calculate,
    check_fields,
    check_record,
)

if TYPE_CHECKING:
    from audit.document import AuditDocument
    from audit.lean_sqlite_utils import Database
    from audit.merge import RemoteEnvelope
    from audit.remote import Merged

ENVELOPE = ("uuid", "form_id", "form_version", "created_at", "modified_at", "author", "revision", "state", "deleted")


@dataclass
class Record:
    uuid: str
    form_id: str
    form_version: int
    created_at: str
    modified_at: str
    author: str
    revision: int
    state: str
    deleted: bool
    values: dict[str, Any]
    overridden: set[str] = field(default_factory=set)
    parent_uuid: str | None = None
    position: int | None = None
    children: dict[str, list[Record]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name)

    def get(self, name: str, default: Any = None) -> Any:
        value = self.values.get(name)
        return default if value is None else value


def decode(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.type is FieldType.BOOLEAN:
        return bool(value)
    try:
        if spec.type is FieldType.MULTI_CHOICE:
            return list(json.loads(value))
        if spec.type is FieldType.DECIMAL:
            return float(value)
    except (TypeError, ValueError):
        # Damaged or edited outside FieldAudit: shown as stored; `check` names it (check_rules.stored_problem).
        return value
    return value


# Types whose stored form differs from the Python value (decode); the others are read as stored.
_DECODED = frozenset({FieldType.BOOLEAN, FieldType.MULTI_CHOICE, FieldType.DECIMAL})
# Rows fetched at a time by the whole-audit reads.
_READ_CHUNK_ROWS = 2000
# Rows per executemany in a bulk add: large enough to amortise the call, small enough to stay in cache.
_INSERT_CHUNK_ROWS = 2000
_LOG_INSERT = (
    "INSERT INTO change_log (changed_at, author, record_uuid, form_id, operation, field, old_value, "
    "new_value, revision, batch, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def new_uuid() -> str:
    """A new record or audit id. uuid is imported on first use: it imports platform, which the desktop
    app's first paint does not need (issue 15)."""
    import uuid

    return str(uuid.uuid4())


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _insert_columns(fields: tuple[FieldSpec, ...], repeat: RepeatSpec | None) -> list[str]:
    """The columns `add_many` inserts: the envelope, a row's parent and position, each field (and its override)."""
    columns = [*ENVELOPE, *(("parent_uuid", "position") if repeat is not None else ())]
    for spec in fields:
        columns.append(spec.name)
        if spec.is_calculated:
            columns.append(override_column(spec.name))
    return columns


def _self_referencing(form_id: str, fields: tuple[FieldSpec, ...]) -> bool:
    """Whether a form's records may refer to records of the same form (a reference to any form may, too)."""
    return any(
        spec.type is FieldType.REFERENCE and (not spec.references or form_id in spec.references) for spec in fields
    )


def _envelope_columns(
    form: FormSpec, form_id: str, envelope: Mapping[str, Any], now: str, document_author: str
) -> list[Any]:
    """The envelope values of one imported record, read from its envelope or defaulted (new id, now, draft)."""
    if len(envelope) == 1 and envelope.get("uuid"):  # a plain imported record: its id, the rest defaulted
        return [str(envelope["uuid"]), form_id, form.version, now, now, document_author, 1, "draft", 0]
    record_uuid = str(envelope.get("uuid") or new_uuid())
    created_at = envelope.get("created_at", now)
    author = envelope.get("author", document_author)
    revision = int(envelope.get("revision", 1))
    return [
        record_uuid,
        form_id,
        int(envelope.get("form_version", form.version)),
        created_at,
        envelope.get("modified_at", now),
        author,
        revision,
        envelope.get("state", "draft"),
        int(bool(envelope.get("deleted", False))),
    ]


class RecordStore:
    """Every write goes through here: validation, revision, change log and commit in one step."""

    def __init__(self, document: AuditDocument) -> None:
        self.document = document
        self.connection = document.connection
        self.registry = document.registry
        self._plans: dict[str, RowPlan] = {}
        # Each form's reader with the schema version it was made for (a migration or a new column
        # changes the version, and the reader is made again).
        self._readers: dict[str, tuple[int, str, Callable[[tuple[Any, ...]], Record]]] = {}

    @property
    def db(self) -> Database:
        """sqlite-utils over the audit (loaded on first use: reads go through `connection`)."""
        return self.document.db

    # -- form lookup ------------------------------------------------------------------------------
    def spec_for(self, form_id: str) -> tuple[FormSpec, RepeatSpec | None]:
        """The form (and repeat group, for a child form id "form.repeat") a form id names."""
        if "." in form_id:
            parent_id, repeat_name = form_id.split(".", 1)
            form = self.registry[parent_id]
            return form, form.repeat(repeat_name)
        return self.registry[form_id], None

    def _fields(self, form_id: str) -> tuple[FieldSpec, ...]:
        form, repeat = self.spec_for(form_id)
        return repeat.fields if repeat else form.fields

    def _plan(self, form_id: str) -> RowPlan:
        """A form's parsers and checks per column, made once per form (asked for every imported row)."""
        found = self._plans.get(form_id)
        if found is None:
            found = self._plans[form_id] = RowPlan(self._fields(form_id))
        return found

    def _table(self, form_id: str) -> str:
        form, repeat = self.spec_for(form_id)
        return child_table(form, repeat) if repeat else form.id

    def form_id_of(self, record_uuid: str) -> str:
        row = self.connection.execute("SELECT form_id FROM record_index WHERE uuid = ?", [record_uuid]).fetchone()
        if row is None:
            raise RecordError(
                Text(f"No record {record_uuid} in this audit.", f"本诊断中没有记录 {record_uuid}。"), record_uuid
            )
        return str(row[0])

    def exists(self, record_uuid: str) -> bool:
        return (
            self.connection.execute("SELECT 1 FROM record_index WHERE uuid = ?", [record_uuid]).fetchone() is not None
        )

    # -- reading ------------------------------------------------------------------------------------
    # Whole-audit reads (check, water, completeness, export) go through `iter_records` and `rows`:
    # named columns fetched as tuples in chunks, decoded per column, never a dict per row.
    def _columns(self, table: str) -> set[str]:
        return {str(row[1]) for row in self.connection.execute(f'PRAGMA table_info("{table}")')}

    def _record_reader(self, form_id: str) -> tuple[str, Callable[[tuple[Any, ...]], Record]]:
        """The column list of a form's table and a function turning one fetched tuple into a Record.

        Made once per form and schema version: `get` runs for single records many times over (photo
        links, titles), and reading the table's columns each time cost more than the record.
        """
        version = int(self.connection.execute("PRAGMA schema_version").fetchone()[0])
        cached = self._readers.get(form_id)
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
        select, to_record = self._make_reader(form_id)
        self._readers[form_id] = (version, select, to_record)
        return select, to_record

    def _make_reader(self, form_id: str) -> tuple[str, Callable[[tuple[Any, ...]], Record]]:
        form, repeat = self.spec_for(form_id)
        fields = repeat.fields if repeat else form.fields
        present = self._columns(self._table(form_id))
        envelope = [*ENVELOPE, *(("parent_uuid", "position") if repeat is not None else ())]
        names = [spec.name for spec in fields]
        calculated = [spec.name for spec in fields if spec.is_calculated]
        wanted = [*envelope, *names, *(override_column(name) for name in calculated)]
        # A column an older file does not have yet reads as NULL (read-only opens do not migrate).
        select = ", ".join(f'"{column}"' if column in present else "NULL" for column in wanted)
        decoders = [(index, spec) for index, spec in enumerate(fields) if spec.type in _DECODED]
        first_value = len(envelope)
        first_override = first_value + len(names)
        has_parent = repeat is not None

        def to_record(row: tuple[Any, ...]) -> Record:
            raw = row[first_value:first_override]
            values = dict(zip(names, raw, strict=True))
            for index, spec in decoders:
                if raw[index] is not None:
                    values[spec.name] = decode(spec, raw[index])
            overridden = {name for name, flag in zip(calculated, row[first_override:], strict=True) if flag}
            return Record(
                uuid=row[0],
                form_id=form_id,
                form_version=row[2],
                created_at=row[3],
                modified_at=row[4],
                author=row[5],
                revision=row[6],
                state=row[7],
                deleted=bool(row[8]),
                values=values,
                overridden=overridden,
                parent_uuid=row[9] if has_parent else None,
                position=row[10] if has_parent else None,
            )

        return select, to_record

    def get(self, record_uuid: str, with_children: bool = True) -> Record:
        form_id = self.form_id_of(record_uuid)
        if form_id == "attachment":
            raise RecordError(Text("That is a photo, not a form record.", "这是照片，不是表单记录。"), record_uuid)
        select, to_record = self._record_reader(form_id)
        row = self.connection.execute(
            f'SELECT {select} FROM "{self._table(form_id)}" WHERE uuid = ?', [record_uuid]
        ).fetchone()
        record = to_record(row)
        if with_children and "." not in form_id:
            for repeat in self.registry[form_id].repeats:
                record.children[repeat.name] = self.children(record_uuid, form_id, repeat.name)
        return record

    def at_row(self, form_id: str, rowid: int) -> Record:
        """One record of a form by its table row, without children (what `check` names a problem's record by)."""
        select, to_record = self._record_reader(form_id)
        row = self.connection.execute(f'SELECT {select} FROM "{self._table(form_id)}" WHERE rowid = ?', [rowid])
        return to_record(row.fetchone())

    def children(
        self, parent_uuid: str, form_id: str, repeat: str, include_deleted: bool = False
    ) -> builtins.list[Record]:
        child_id = f"{form_id}.{repeat}"
        table = self._table(child_id)
        deleted = "" if include_deleted else " AND deleted = 0"
        select, to_record = self._record_reader(child_id)
        rows = self.connection.execute(
            f'SELECT {select} FROM "{table}" WHERE parent_uuid = ?{deleted} ORDER BY position, created_at',
            [parent_uuid],
        )
        return [to_record(row) for row in rows]

    def iter_records(
        self,
        form_id: str,
        include_deleted: bool = False,
        order_by: str | None = None,
        with_children: bool = False,
    ) -> Iterator[Record]:
        """The records of a form one at a time, fetched in chunks: memory stays flat however many there are."""
        table = self._table(form_id)
        if table not in self._tables():
            return  # an older file opened read-only: the form's table does not exist yet
        select, to_record = self._record_reader(form_id)
        where = "" if include_deleted else " WHERE deleted = 0"
        order = f" ORDER BY {order_by}" if order_by else " ORDER BY created_at, rowid"
        repeats = self.registry[form_id].repeats if with_children and "." not in form_id else ()
        cursor = self.connection.execute(f'SELECT {select} FROM "{table}"{where}{order}')
        while chunk := cursor.fetchmany(_READ_CHUNK_ROWS):
            for row in chunk:
                record = to_record(row)
                for repeat in repeats:
                    # With the deleted records come the deleted repeat rows: an export carries their tombstones.
                    record.children[repeat.name] = self.children(record.uuid, form_id, repeat.name, include_deleted)
                yield record

    def list(
        self,
        form_id: str,
        include_deleted: bool = False,
        order_by: str | None = None,
        with_children: bool = False,
    ) -> builtins.list[Record]:
        return builtins.list(self.iter_records(form_id, include_deleted, order_by, with_children))

    def rows(
        self, form_id: str, columns: Sequence[str], include_deleted: bool = False, decoded: bool = True
    ) -> Iterator[tuple[Any, ...]]:
        """(uuid, *columns) of every record of a form as plain tuples, in chunks: the leanest read.

        In no particular order (no sort: sorting 200k readings cost SQLite more than reading them).
        Values are decoded unless `decoded` is False (as stored: 0/1 booleans, JSON multi-choices),
        for callers that convert each value themselves.
        """
        fields = {spec.name: spec for spec in self._fields(form_id)}
        table = self._table(form_id)
        if table not in self._tables():
            return
        present = self._columns(table)
        select = ", ".join(["uuid", *(f'"{column}"' if column in present else "NULL" for column in columns)])
        where = "" if include_deleted else " WHERE deleted = 0"
        decoders = [
            (index + 1, fields[name])
            for index, name in enumerate(columns)
            if decoded and name in fields and fields[name].type in _DECODED
        ]
        cursor = self.connection.execute(f'SELECT {select} FROM "{table}"{where}')
        while chunk := cursor.fetchmany(_READ_CHUNK_ROWS):
            if not decoders:
                yield from chunk
                continue
            for row in chunk:
                values = builtins.list(row)
                for index, spec in decoders:
                    values[index] = decode(spec, values[index])
                yield tuple(values)

    def _tables(self) -> set[str]:
        return {str(row[0]) for row in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def count(self, form_id: str, include_deleted: bool = False) -> int:
        where = "" if include_deleted else " WHERE deleted = 0"
        return int(self.connection.execute(f'SELECT count(*) FROM "{self._table(form_id)}"{where}').fetchone()[0])

    def singleton(self, form_id: str) -> Record | None:
        records = self.list(form_id, with_children=True)
        return records[0] if records else None

    def title(self, record: Record, language: str = "en") -> str:
        """How a record is named in lists and messages: its title field (a choice by its label)."""
        form, repeat = self.spec_for(record.form_id)
        name = form.title_field if repeat is None else repeat.title_field
        value = record.values.get(name) if name else None
        if value in (None, ""):
            return record.uuid[:8]
        assert name is not None
        spec = form.field(name) if repeat is None else repeat.field(name)
        choice = spec.choice(str(value)) if spec.choices else None
        title = choice.label.get(language) if choice else str(value)
        month = record.values.get("month") if repeat is None and name != "month" and form.has_field("month") else None
        return f"{month} {title}" if month else title

    # -- validation -------------------------------------------------------------------------------
    def parse(self, form_id: str, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Parse every raw value of a form, or raise RecordError naming the first bad field."""
        parsers = self._plan(form_id).parsers
        try:  # every value good (the usual case): one pass; else the loop below names the first bad field
            return {name: parsers[name](value) for name, value in raw.items()}
        except (KeyError, InvalidValue):
            pass
        values: dict[str, Any] = {}
        for name, value in raw.items():
            parse = parsers.get(name)
            if parse is None:
                raise RecordError(
                    Text(f"Form {form_id} has no field {name!r}.", f"表单 {form_id} 没有字段“{name}”。"),
                    field=name,
                )
            try:
                values[name] = parse(value)
            except InvalidValue as error:
                raise RecordError(error.message, field=name) from None
        return values

    def _hard_errors(self, fields: tuple[FieldSpec, ...], values: Mapping[str, Any]) -> builtins.list[Problem]:
        return [p for p in check_fields(fields, values) if p.severity is Severity.ERROR]

    def _check_links(
        self, fields: tuple[FieldSpec, ...], values: Mapping[str, Any], seen: dict[str, str] | None = None
    ) -> None:
        """Refuse references to records or photos that do not exist; `seen` caches targets over a batch."""
        for spec in fields:
            value = values.get(spec.name)
            if value is None:
                continue
            if spec.type is FieldType.REFERENCE:
                if seen is not None and value in seen:
                    row: Any = (seen[value],)
                else:
                    row = self.connection.execute("SELECT form_id FROM record_index WHERE uuid = ?", [value]).fetchone()
                    if row is not None and seen is not None:
                        seen[value] = row[0]
                if row is None or (spec.references and row[0] not in spec.references):
                    raise RecordError(
                        Text(
                            f"{spec.label.en}: no {' or '.join(spec.references) or 'record'} with id {value}.",
                            f"{spec.label.zh}：不存在编号为 {value} 的记录。",
                        ),
                        field=spec.name,
                    )
            if spec.type is FieldType.PHOTO:
                row = self.connection.execute("SELECT 1 FROM attachment WHERE uuid = ?", [value]).fetchone()
                if row is None:
                    raise RecordError(
                        Text(
                            f"{spec.label.en}: no photo with id {value}.",
                            f"{spec.label.zh}：不存在编号为 {value} 的照片。",
                        ),
                        field=spec.name,
                    )

    def _refuse_new_errors(
        self, fields: tuple[FieldSpec, ...], before: Mapping[str, Any], after: Mapping[str, Any], record: str | None
    ) -> None:
        # A new record has nothing to compare with: skip the second pass (it halves bulk imports).
        old = {(p.field, p.message) for p in self._hard_errors(fields, before)} if before else set()
        for problem in self._hard_errors(fields, after):
            if (problem.field, problem.message) not in old:
                raise RecordError(problem.message, record=record, field=problem.field)

    def _apply_calculations(self, fields: tuple[FieldSpec, ...], values: dict[str, Any], overridden: set[str]) -> None:
        for spec in fields:
            if spec.calculation is not None and spec.name not in overridden:
                values[spec.name] = calculate(spec, values)

    def problems(self, record: Record) -> builtins.list[Problem]:
        form, repeat = self.spec_for(record.form_id)
        if repeat is not None:
            return check_fields(repeat.fields, record.values, repeat.name, record.position)
        children: dict[str, builtins.list[Mapping[str, Any]]] = {
            name: [child.values for child in rows] for name, rows in record.children.items()
        }
        return check_record(form, record.values, children)

    # -- writing ----------------------------------------------------------------------------------
    def _log(
        self,
        record_uuid: str,
        form_id: str,
        operation: str,
        revision: int,
        field_name: str | None = None,
        old: Any = None,
        new: Any = None,
        batch: str | None = None,
        at: str | None = None,
        author: str | None = None,
        origin: str | None = None,
    ) -> None:
        """One change log row; `origin` names where a merged change came from (None: made here).

        A record's first logged change logs its creation first, from the envelope as it still is
        (writers that change the envelope call `_log_creation` before their UPDATE).
        """
        if operation != "create":
            self._log_creation(record_uuid, form_id)
        self.connection.execute(
            _LOG_INSERT,
            [
                at or now_iso(self.document.clock),
                author or self.document.author,
                record_uuid,
                form_id,
                operation,
                field_name,
                _json(old),
                _json(new),
                revision,
                batch,
                origin,
            ],
        )

    def _log_creation(self, record_uuid: str, form_id: str) -> None:
        """Log a record's creation (who, when, at which revision) if nothing of it is logged yet.

        Records are added without a change-log row (issue 15: one per record, with its index, was a
        quarter of a large audit's file); until its first change a record is as it was created, so
        its envelope says who created it, when and at which revision. Called before a change
        rewrites the envelope.
        """
        if form_id == "attachment":
            return  # a photo logs its creation when stored
        if self.connection.execute("SELECT 1 FROM change_log WHERE record_uuid = ? LIMIT 1", [record_uuid]).fetchone():
            return
        row = self.connection.execute(
            f'SELECT created_at, author, revision FROM "{self._table(form_id)}" WHERE uuid = ?', [record_uuid]
        ).fetchone()
        if row is not None:
            self.connection.execute(
                _LOG_INSERT, [row[0], row[1], record_uuid, form_id, "create", None, None, None, row[2], None, None]
            )

    def form_code(self, form_id: str, table: str) -> int:
        """The number `record_key` stores for a form (added the first time a record of it is stored)."""
        found = self.connection.execute("SELECT code FROM record_form WHERE form_id = ?", [form_id]).fetchone()
        if found is None:
            found = self.connection.execute(
                "INSERT INTO record_form (code, form_id, table_name) "
                "SELECT coalesce(max(code), 0) + 1, ?, ? FROM record_form RETURNING code",
                [form_id, table],
            ).fetchone()
        return int(found[0])

    def add(
        self,
        form_id: str,
        values: Mapping[str, Any] | None = None,
        *,
        parent: str | None = None,
        batch: str | None = None,
        envelope: Mapping[str, Any] | None = None,
    ) -> Added:
        """Add one record (or repeat row, when form_id is "form.repeat" and parent is given)."""
        added = self.add_many(form_id, [values or {}], parent=parent, batch=batch, envelopes=[envelope or {}])
        return Added(added[0], added.changes)

    def add_many(
        self,
        form_id: str,
        rows: Iterable[Mapping[str, Any]],
        *,
        parent: str | None = None,
        batch: str | None = None,
        envelopes: Iterable[Mapping[str, Any]] | None = None,
        origin: str | None = None,
        use_defaults: bool = True,
        atomic: bool = True,
    ) -> AddedMany:
        """Add many records in one transaction (all or nothing).

        `origin` and `use_defaults=False` are for a revision made elsewhere (`apply_remote`): stored
        as it came (a field left empty there stays empty). Nothing is logged: a new record's envelope
        says who created it and when until its first change (`_log_creation`), so `batch` and
        `origin` are not kept for a creation.

        Each row is parsed and validated on its own; the inserts go to SQLite in chunks
        (executemany), except for a form whose records refer to records of the same form (a water
        unit's parent): those are inserted row by row so that the next row's reference finds them.
        `atomic=False` (an import, which starts over on a failure) leaves the all-or-nothing to the
        caller's transaction: no savepoint of its own (SQLite copies every page a savepoint changes).
        """

        self.document.require_writable()
        form, repeat = self.spec_for(form_id)
        fields = repeat.fields if repeat else form.fields
        table = self._table(form_id)
        if repeat is not None and parent is None:
            raise RecordError(Text(f"A {form_id} row needs a parent record.", f"{form_id} 行需要所属记录。"))
        envelope_list = list(envelopes) if envelopes is not None else []
        defaults = {spec.name: spec.default for spec in fields if spec.default is not None} if use_defaults else {}
        self_referencing = _self_referencing(form_id, fields)
        columns = _insert_columns(fields, repeat)
        plan = self._plan(form_id)
        insert_row = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" for _ in columns)})'
        created: builtins.list[str] = []
        index_rows: builtins.list[str] = []
        table_rows: builtins.list[tuple[Any, ...]] = []

        if not atomic and not self.connection.in_transaction:
            raise RuntimeError("add_many(atomic=False) needs the caller's transaction")
        with self.document.transaction() if atomic else contextlib.nullcontext():
            position = self._first_many_position(form, repeat, form_id, table, parent)
            link_targets: dict[str, str] = {}
            now = now_iso(self.document.clock)
            for index, raw in enumerate(rows):
                envelope = envelope_list[index] if index < len(envelope_list) else {}
                values, overridden = self._import_values(form_id, fields, defaults, raw, envelope, index, link_targets)
                row = _envelope_columns(form, form_id, envelope, now, self.document.author)
                record_uuid = row[0]
                if repeat is not None:
                    row += [parent, position]
                    position += 1
                row += plan.stored(values, overridden)
                index_rows.append(record_uuid)
                table_rows.append(tuple(row))
                # No change-log row: who created the record and when is its envelope until its first
                # change, which logs the creation first (`_log_creation`; issue 15, file size).
                created.append(record_uuid)
                if self_referencing or len(table_rows) >= _INSERT_CHUNK_ROWS:
                    self._flush_many(form_id, insert_row, index_rows, table_rows)
                    index_rows.clear()
                    table_rows.clear()
            if table_rows:
                self._flush_many(form_id, insert_row, index_rows, table_rows)
        return AddedMany(created, Changes.of([form_id], created))

    def takes_columns(self, form_id: str) -> bool:
        """Whether `add_columns` can add new records of a form (see there)."""
        form, repeat = self.spec_for(form_id)
        fields = repeat.fields if repeat else form.fields
        return (
            repeat is None
            and not form.repeats
            and not form.singleton
            and self._plan(form_id).columnar
            and not _self_referencing(form_id, fields)
        )

    def add_columns(
        self,
        form_id: str,
        uuids: Sequence[str | None],
        columns: Mapping[str, Sequence[Any]],
        prepare: Mapping[str, Callable[[Any], Any]],
    ) -> AddedMany:
        """Add new records given field by field (an import's plain records), in the caller's transaction.

        The records `add_many(form_id, rows, atomic=False)` adds for the same rows, with the same
        checks, made per column (`RowPlan.column`: once per distinct value): `columns` holds each
        field's values, ABSENT where a record leaves it out; `uuids` their ids (None: a new one);
        `prepare` what to do to a field's raw values before they are parsed. Only for a form it
        `takes_columns` of. A refusal names the first bad value found, not its record: add the
        records through `add_many` to learn which one it is.
        """
        self.document.require_writable()
        if not self.connection.in_transaction or not self.takes_columns(form_id):
            raise RuntimeError(f"add_columns cannot add {form_id} records here")
        form = self.registry[form_id]
        plan = self._plan(form_id)
        count = len(uuids)
        seen: dict[str, str] = {}

        def link(spec: FieldSpec, value: Any) -> None:
            self._check_links((spec,), {spec.name: value}, seen)

        stored: builtins.list[Iterable[Any]] = []
        for spec in plan.fields:
            raw = columns.get(spec.name)
            try:
                if raw is None:  # left out of every record: its default
                    stored.append(itertools.repeat(plan.column(spec, [ABSENT], link=link)[0], count))
                else:
                    stored.append(plan.column(spec, raw, prepare.get(spec.name), link))
            except InvalidValue as error:
                raise RecordError(error.message, field=spec.name) from None
        ids = [new_uuid() if record_uuid is None else record_uuid for record_uuid in uuids]
        now = now_iso(self.document.clock)
        envelope = (form_id, form.version, now, now, self.document.author, 1, "draft", 0)
        rows = zip(ids, *(itertools.repeat(value, count) for value in envelope), *stored, strict=True)
        columns_sql = _insert_columns(plan.fields, None)
        insert_row = (
            f'INSERT INTO "{form_id}" ({", ".join(columns_sql)}) VALUES ({", ".join("?" for _ in columns_sql)})'
        )
        self._flush_many(form_id, insert_row, ids, rows)
        return AddedMany(ids, Changes.of([form_id], ids))

    def _flush_many(
        self,
        form_id: str,
        insert_row: str,
        index_rows: Sequence[str],
        table_rows: Iterable[tuple[Any, ...]],
    ) -> None:
        """Insert rows of new records: their ids in the index, then their form's table.

        The form's number is asked here, after the rows were checked: a refused import writes nothing.
        """
        code = self.form_code(form_id, self._table(form_id))
        try:
            self.connection.executemany(
                "INSERT INTO record_key (uuid, form) VALUES (?, ?)", zip(index_rows, itertools.repeat(code))
            )
        except sqlite3.IntegrityError:
            taken = self._first_taken(index_rows)
            raise RecordError(
                Text(f"A record with id {taken} already exists.", f"编号为 {taken} 的记录已存在。"), record=taken
            ) from None
        self.connection.executemany(insert_row, table_rows)

    def _first_many_position(
        self, form: FormSpec, repeat: RepeatSpec | None, form_id: str, table: str, parent: str | None
    ) -> int:
        """Refuse a second singleton record or a parent of another form; the first free row position."""
        if form.singleton and repeat is None and self.count(form_id) > 0:
            raise RecordError(
                Text(
                    f"This audit already has its {form.label.en.lower()} record.",
                    f"本诊断已有“{form.label.zh}”记录。",
                )
            )
        position = 0
        if repeat is not None:
            position = int(
                self.connection.execute(
                    f'SELECT coalesce(max(position), -1) + 1 FROM "{table}" WHERE parent_uuid = ?', [parent]
                ).fetchone()[0]
            )
            if self.form_id_of(parent) != form.id:  # type: ignore[arg-type]
                raise RecordError(Text(f"{parent} is not a {form.id} record.", f"{parent} 不是 {form.id} 记录。"))
        return position

    def _import_values(
        self,
        form_id: str,
        fields: tuple[FieldSpec, ...],
        defaults: Mapping[str, Any],
        raw: Mapping[str, Any],
        envelope: Mapping[str, Any],
        index: int,
        link_targets: dict[str, str],
    ) -> tuple[dict[str, Any], set[str]]:
        """One row of `add_many` parsed, calculated and checked: its values and its overridden fields."""
        try:
            parsed = self.parse(form_id, raw)
        except RecordError as error:
            raise RecordError(error.message, record=f"{form_id} #{index + 1}", field=error.field) from None
        if defaults:
            values = dict(defaults)
            values.update(parsed)
        else:
            values = parsed  # a dict of its own
        overridden = set(envelope["overridden"]) if "overridden" in envelope else set()
        plan = self._plan(form_id)
        if plan.calculated:
            self._apply_calculations(plan.calculated, values, overridden)
        if plan.may_refuse(values):  # else check_fields would find no error (row_plan)
            self._refuse_new_errors(fields, {}, values, f"{form_id} #{index + 1}")
        if plan.links:
            self._check_links(plan.links, values, link_targets)
        return values, overridden

    def _first_taken(self, record_uuids: Sequence[str]) -> str:
        """The first id of a batch that repeats an earlier one or is already in the audit."""
        seen: set[str] = set()
        for record_uuid in record_uuids:
            if record_uuid in seen or self.exists(record_uuid):
                return record_uuid
            seen.add(record_uuid)
        return record_uuids[0]

    def update(self, record_uuid: str, raw: Mapping[str, Any], batch: str | None = None) -> Updated:
        """Change fields of a record; returns {field: old value} of what actually changed (and its Changes)."""

        self.document.require_writable()
        record = self.get(record_uuid, with_children=False)
        if record.deleted:
            raise RecordError(
                Text("This record is deleted; restore it before editing.", "该记录已删除，请先恢复再编辑。"),
                record_uuid,
            )
        fields = self._fields(record.form_id)
        try:
            parsed = self.parse(record.form_id, raw)
        except RecordError as error:
            raise RecordError(error.message, record=record_uuid, field=error.field) from None
        for name in parsed:
            spec = next(s for s in fields if s.name == name)
            if spec.is_calculated and name not in record.overridden:
                raise RecordError(
                    Text(
                        f"{spec.label.en} is calculated; override it before entering a value.",
                        f"“{spec.label.zh}”为计算值，需先设为手工覆盖才能录入。",
                    ),
                    record_uuid,
                    name,
                )
        values = dict(record.values)
        values.update(parsed)
        self._apply_calculations(fields, values, record.overridden)
        self._refuse_new_errors(fields, record.values, values, record_uuid)
        self._check_links(fields, {k: values[k] for k in parsed})
        changed = {name: record.values.get(name) for name in values if values[name] != record.values.get(name)}
        if not changed:
            return Updated({}, Changes())
        revision = record.revision + 1
        specs = {spec.name: spec for spec in fields}
        with self.document.transaction():
            self._log_creation(record_uuid, record.form_id)
            assignments = ", ".join(f'"{name}" = ?' for name in changed)
            self.connection.execute(
                f'UPDATE "{self._table(record.form_id)}" SET {assignments}, modified_at = ?, revision = ?, '
                f"author = ? WHERE uuid = ?",
                [
                    *(encode(specs[n], values[n]) for n in changed),
                    now_iso(self.document.clock),
                    revision,
                    self.document.author,
                    record_uuid,
                ],
            )
            for name, old in changed.items():
                self._log(record_uuid, record.form_id, "update", revision, name, old, values[name], batch)
        return Updated(changed, Changes.of([record.form_id], edited=[record_uuid]))

    def apply_remote(
        self,
        envelope: RemoteEnvelope,
        values: Mapping[str, Any],
        origin: str,
        *,
        parent: str | None = None,
        overridden: Iterable[str] = (),
    ) -> Merged:
        """Apply a revision of a record made elsewhere (another copy of the audit, a package, the office).

        Stored as it came (its revision, author and times), logged as a merge with `origin` (who sent
        it: a source's stable name), and the base revision shared with `origin` kept, so that a record
        changed on both sides since then is kept in both versions as a conflict (audit/conflicts.py)
        instead of being overwritten. `values` is the whole version (a field left out is empty);
        `parent` names a repeat row's parent. The decision is `audit.merge.decide`; the returned
        Changes carry it as `.action`.
        """
        from audit.remote import apply_remote

        return apply_remote(self, envelope, values, origin, parent=parent, overridden=overridden)

    def set_overridden(self, record_uuid: str, field_name: str, overridden: bool, value: Any = None) -> Changes:
        """Let an expert replace a calculated value (or go back to the calculation)."""

        record = self.get(record_uuid, with_children=False)
        fields = self._fields(record.form_id)
        spec = next((s for s in fields if s.name == field_name and s.is_calculated), None)
        if spec is None:
            raise RecordError(
                Text(f"{field_name} is not a calculated field.", f"{field_name} 不是计算字段。"),
                record_uuid,
                field_name,
            )
        flags = set(record.overridden)
        (flags.add if overridden else flags.discard)(field_name)
        values = dict(record.values)
        if overridden and value is not None:
            values[field_name] = self.parse(record.form_id, {field_name: value})[field_name]
        self._apply_calculations(fields, values, flags)
        self._refuse_new_errors(fields, record.values, values, record_uuid)
        revision = record.revision + 1
        with self.document.transaction():
            self._log_creation(record_uuid, record.form_id)
            self.connection.execute(
                f'UPDATE "{self._table(record.form_id)}" SET "{override_column(field_name)}" = ?, "{field_name}" = ?, '
                "modified_at = ?, revision = ? WHERE uuid = ?",
                [
                    int(overridden),
                    encode(spec, values[field_name]),
                    now_iso(self.document.clock),
                    revision,
                    record_uuid,
                ],
            )
            self._log(
                record_uuid,
                record.form_id,
                "override" if overridden else "calculate",
                revision,
                field_name,
                record.values.get(field_name),
                values[field_name],
            )
        return Changes.of([record.form_id], edited=[record_uuid])

    def _set_deleted(self, record_uuid: str, deleted: bool, batch: str | None) -> Changes:

        self.document.require_writable()
        form_id = self.form_id_of(record_uuid)
        table = self._table(form_id)
        row = self.connection.execute(
            f'SELECT revision, deleted FROM "{table}" WHERE uuid = ?', [record_uuid]
        ).fetchone()
        if bool(row[1]) == deleted:
            return Changes()
        revision = int(row[0]) + 1
        with self.document.transaction():
            self._log_creation(record_uuid, form_id)
            self.connection.execute(
                f'UPDATE "{table}" SET deleted = ?, revision = ?, modified_at = ? WHERE uuid = ?',
                [int(deleted), revision, now_iso(self.document.clock), record_uuid],
            )
            self._log(record_uuid, form_id, "delete" if deleted else "restore", revision, batch=batch)
        return Changes.of([form_id], [record_uuid])

    def delete(self, record_uuid: str, batch: str | None = None) -> Changes:
        """Tombstone a record: it disappears from lists but is kept, so a merge cannot resurrect it."""
        return self._set_deleted(record_uuid, True, batch)

    def restore(self, record_uuid: str, batch: str | None = None) -> Changes:
        return self._set_deleted(record_uuid, False, batch)

    def set_state(self, record_uuid: str, state: str) -> Changes:

        form_id = self.form_id_of(record_uuid)
        table = self._table(form_id)
        revision = (
            int(self.connection.execute(f'SELECT revision FROM "{table}" WHERE uuid = ?', [record_uuid]).fetchone()[0])
            + 1
        )
        with self.document.transaction():
            self._log_creation(record_uuid, form_id)
            self.connection.execute(
                f'UPDATE "{table}" SET state = ?, revision = ?, modified_at = ? WHERE uuid = ?',
                [state, revision, now_iso(self.document.clock), record_uuid],
            )
            self._log(record_uuid, form_id, "state", revision, "state", None, state)
        return Changes.of([form_id], edited=[record_uuid])

    def _creation(self, record_uuid: str, names: builtins.list[str]) -> dict[str, Any]:
        """The "create" entry of a record whose creation is not logged: read from its envelope (see `_log_creation`)."""
        form_id = self.form_id_of(record_uuid)
        created_at, author, revision = self.connection.execute(
            f'SELECT created_at, author, revision FROM "{self._table(form_id)}" WHERE uuid = ?', [record_uuid]
        ).fetchone()
        found = {"changed_at": created_at, "author": author, "record_uuid": record_uuid, "form_id": form_id}
        return {name: found.get(name) for name in names} | {"id": 0, "operation": "create", "revision": revision}

    def history(self, record_uuid: str) -> builtins.list[dict[str, Any]]:
        # Plain SQL, as every read here: showing a record's history must not load sqlite-utils (first paint).
        cursor = self.connection.execute("SELECT * FROM change_log WHERE record_uuid = ? ORDER BY id", [record_uuid])
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor]
        if not any(row["operation"] == "create" for row in rows):
            rows.insert(0, self._creation(record_uuid, names))
        return [
            {
                **row,
                "old_value": json.loads(row["old_value"]) if row["old_value"] else None,
                "new_value": json.loads(row["new_value"]) if row["new_value"] else None,
            }
            for row in rows
        ]
