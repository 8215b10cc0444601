"""Whole-audit validation: the file's integrity, then every live record against its form."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audit.check_rules import (
    PARSED_TYPES,
    REFERENCE_TYPES,
    ColumnRule,
    Verdict,
    has_field_checks,
    is_self_contained,
)
from forms.spec import FieldSpec, FieldType, FormSpec, Text
from forms.validation import Severity

if TYPE_CHECKING:
    from audit.document import AuditDocument


@dataclass(frozen=True)
class CheckProblem:
    """A problem `check` found: the file's integrity, or a record against its form (not an audit finding)."""

    form_id: str
    record_uuid: str
    record_title: str
    field: str
    severity: Severity
    message: Text

    def line(self, language: str) -> str:
        return (
            f"{self.form_id} «{self.record_title}» ({self.record_uuid[:8]}) {self.field}: {self.message.get(language)}"
        )


def check_document(document: AuditDocument) -> list[CheckProblem]:
    """Every problem in the audit: storage integrity first, then each record (warnings included)."""
    problems: list[CheckProblem] = []
    integrity = [row[0] for row in document.connection.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        for line in integrity[:20]:
            problems.append(
                CheckProblem(
                    "-", "-", "-", "-", Severity.ERROR, Text(f"integrity check: {line}", f"完整性检查：{line}")
                )
            )
        return problems
    problems.extend(foreign_key_problems(document))
    # Values no edit could have stored come first (every form), then each form's records, as always.
    targets = _LiveTargets(document)
    by_record: list[CheckProblem] = []
    for form in document.registry:
        stored, flagged = _scan_form(document, form, targets)
        problems.extend(stored)
        if flagged is None:
            by_record.extend(_form_problems(document, form, targets))
        else:
            by_record.extend(_flagged_problems(document, form, flagged))
    return problems + by_record


# Schema 5 stores the record index in `record_key` (read through the `record_index` view): named as before.
_PARENT_SHOWN_AS = {"record_key": "record_index"}


def foreign_key_problems(document: AuditDocument) -> list[CheckProblem]:
    """Rows that refer to a missing row (SQLite's foreign key check)."""
    if no_dangling_keys(document.connection):
        return []
    return [
        CheckProblem(
            table,
            str(rowid),
            "-",
            shown,
            Severity.ERROR,
            Text(f"row {rowid} refers to a missing {shown} row", f"第{rowid}行引用了不存在的 {shown} 记录"),
        )
        for table, rowid, parent, _ in document.connection.execute("PRAGMA foreign_key_check")
        for shown in [_PARENT_SHOWN_AS.get(parent, parent)]
    ]


def no_dangling_keys(connection: sqlite3.Connection) -> bool:
    """True only if `PRAGMA foreign_key_check` would find nothing, asked one key at a time with the child's
    key read in index order, so that the lookups walk the parent's key in order too (0.27 s instead of
    1.1 s of CPU on the large audit, whose change log, merge bases and readings each refer to the record
    index). False if a key dangles or is not of the plain shape this covers: the PRAGMA then lists them."""
    try:
        tables = [str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            keys = connection.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
            for key_id, _, parent, column, parent_column, *_ in keys:
                if not _plain_key(connection, table, column, parent, parent_column, [k[0] for k in keys].count(key_id)):
                    return False
                dangling = connection.execute(
                    f'SELECT 1 FROM "{table}" AS child WHERE child."{column}" IS NOT NULL AND NOT EXISTS '
                    f'(SELECT 1 FROM "{parent}" AS parent WHERE parent."{parent_column}" = child."{column}") LIMIT 1'
                )
                if dangling.fetchone() is not None:
                    return False
    except sqlite3.Error:
        return False  # a key this cannot ask about: the PRAGMA answers (or fails) as it always did
    return True


def _plain_key(
    connection: sqlite3.Connection, table: str, column: str, parent: str, parent_column: str | None, columns: int
) -> bool:
    """A one-column key whose child and parent columns are declared alike (same affinity, so `=` compares as
    the key's lookup does), the parent column unique by an index of its own in binary order (its collation)."""
    if columns != 1 or parent_column is None:
        return False
    declared = {str(row[1]): str(row[2]).upper() for row in connection.execute(f'PRAGMA table_info("{table}")')}
    parent_declared = {str(row[1]): str(row[2]).upper() for row in connection.execute(f'PRAGMA table_info("{parent}")')}
    if column not in declared or declared[column] != parent_declared.get(parent_column):
        return False
    for _, index, unique, _, partial in connection.execute(f'PRAGMA index_list("{parent}")').fetchall():
        keyed = [row for row in connection.execute(f'PRAGMA index_xinfo("{index}")') if row[5]]
        if unique and not partial and [(row[2], row[4]) for row in keyed] == [(parent_column, "BINARY")]:
            return True
    return False


def _is_lean(form: FormSpec) -> bool:
    """Whether a form's records are checked column by column: no repeat groups, every field self-contained
    (the water readings and most small forms); the others are checked record by record."""
    return not form.repeats and all(is_self_contained(spec) for spec in form.fields)


def _scan_form(
    document: AuditDocument, form: FormSpec, targets: _LiveTargets
) -> tuple[list[CheckProblem], list[_Flagged] | None]:
    """The stored-value problems of a form's tables, and (for a lean form, else None) its records with a problem."""
    from audit.schema import child_table

    lean = _is_lean(form)
    stored, flagged = _scan_table(document, form.id, form.id, _rules(form.fields, lean, targets.live), lean)
    for repeat in form.repeats:
        rules = _rules(repeat.fields, False, targets.live)
        stored.extend(_scan_table(document, child_table(form, repeat), f"{form.id}.{repeat.name}", rules, False)[0])
    return stored, flagged if lean else None


def _rules(fields: tuple[FieldSpec, ...], lean: bool, live: Callable[[FieldSpec, str], bool]) -> list[ColumnRule]:
    """A rule per column with something to check: its stored values, and in a lean form its field and reference."""
    rules = []
    for spec in fields:
        stored = spec.type in PARSED_TYPES
        field = lean and has_field_checks(spec)
        reference = lean and spec.type in REFERENCE_TYPES
        if stored or field or reference:
            rules.append(ColumnRule(spec, stored=stored, field=field, live=live if reference else None))
    return rules


@dataclass
class _Flagged:
    """A live record with a problem: where `check` lists it (its form's order), its row, what was found."""

    order: tuple[tuple[int, object], int]
    rowid: int
    found: list[tuple[ColumnRule, Verdict, object]]


# Rows fetched at a time: large enough to amortise the call, small enough to stay in the CPU's caches.
_CHUNK_ROWS = 2000


def _scan_table(
    document: AuditDocument, table: str, form_id: str, rules: list[ColumnRule], records: bool
) -> tuple[list[CheckProblem], list[_Flagged]]:
    """One read of a table as tuples, each rule on its column a chunk at a time: the problems of stored values
    (every row, deleted ones too) and, if `records`, the live rows with a problem of their field or reference.
    A row's id and creation time are read only for a chunk with a problem (most chunks have none)."""
    connection = document.connection
    present = {str(row[1]) for row in connection.execute(f'PRAGMA table_info("{table}")')}
    if not rules or (not present and not any(rule.stored for rule in rules)):
        return [], []  # nothing to check, or an older file's missing table holding no parsed value
    # A parsed column is read by name even if missing (an error, as it always was); the others read as NULL.
    values = [f'"{r.spec.name}"' if r.stored or r.spec.name in present else "NULL" for r in rules]
    cursor = connection.execute(f'SELECT rowid, "deleted" = 0, {", ".join(values)} FROM "{table}"')
    stored: list[list[CheckProblem]] = [[] for _ in rules]
    flagged: list[_Flagged] = []
    while chunk := cursor.fetchmany(_CHUNK_ROWS):
        rowids, live, *columns = zip(*chunk, strict=True)
        hits = [rule.flagged(column) for rule, column in zip(rules, columns, strict=True)]
        if not any(hits):
            continue
        about = {
            row[0]: row[1:]
            for row in connection.execute(
                f'SELECT rowid, uuid, created_at FROM "{table}" WHERE rowid BETWEEN ? AND ?', [min(rowids), max(rowids)]
            )
        }
        by_row: dict[int, list[tuple[ColumnRule, Verdict, object]]] = {}
        for rule, column, found, hit in zip(rules, columns, stored, hits, strict=True):
            for index, verdict in hit:
                if verdict.stored is not None:
                    record_uuid = str(about[rowids[index]][0])
                    found.append(
                        CheckProblem(form_id, record_uuid, "-", rule.spec.name, Severity.ERROR, verdict.stored)
                    )
                if records and live[index] == 1 and (verdict.problems or verdict.broken):
                    by_row.setdefault(rowids[index], []).append((rule, verdict, column[index]))
        for rowid, found_in_row in by_row.items():
            flagged.append(_Flagged((_sqlite_order(about[rowid][1]), rowid), rowid, found_in_row))
    return [problem for found in stored for problem in found], flagged


def _sqlite_order(value: object) -> tuple[int, object]:
    """A sort key ordering values as SQLite's ORDER BY does: NULL, numbers, text (by code point), blobs."""
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)):
        return (1, value)
    return (2, value) if isinstance(value, str) else (3, value)


def _flagged_problems(document: AuditDocument, form: FormSpec, flagged: list[_Flagged]) -> Iterator[CheckProblem]:
    """A lean form's records with problems, in the form's order (created_at, rowid) as `_form_problems` lists them."""
    records = document.records
    for item in sorted(flagged, key=lambda item: item.order):
        record = records.at_row(form.id, item.rowid)
        title = records.title(record)
        for _, verdict, _ in item.found:
            for problem in verdict.problems:
                yield CheckProblem(form.id, record.uuid, title, problem.where(), problem.severity, problem.message)
        for rule, verdict, value in item.found:
            if verdict.broken:
                yield broken_reference(form.id, record.uuid, title, rule.spec, value)


def _form_problems(document: AuditDocument, form: FormSpec, targets: _LiveTargets) -> Iterator[CheckProblem]:
    """Each live record of a form against the form, and its references against the live records."""
    records = document.records
    references = [spec for spec in form.fields if spec.type in REFERENCE_TYPES]
    for record in records.iter_records(form.id, with_children=True):
        found = records.problems(record)
        broken = [
            (spec, value)
            for spec in references
            if (value := record.values.get(spec.name)) is not None and not targets.live(spec, str(value))
        ]
        if not found and not broken:
            continue  # most records: their title is never needed
        title = records.title(record)
        for problem in found:
            yield CheckProblem(form.id, record.uuid, title, problem.where(), problem.severity, problem.message)
        for spec, value in broken:
            yield broken_reference(form.id, record.uuid, title, spec, value)


def broken_reference(form_id: str, record_uuid: str, title: str, spec: FieldSpec, value: object) -> CheckProblem:
    """A reference to a record or photo that is missing or deleted."""
    return CheckProblem(
        form_id,
        record_uuid,
        title,
        spec.name,
        Severity.ERROR,
        Text(
            f"{spec.label.en} points to {value}, which is missing or deleted.",
            f"{spec.label.zh}指向的 {value} 不存在或已删除。",
        ),
    )


class _LiveTargets:
    """Whether a reference points to a live record or photo: each target form's live ids read once."""

    def __init__(self, document: AuditDocument) -> None:
        self.document = document
        self.by_form: dict[str, set[str]] = {}

    def _live(self, form_id: str) -> set[str]:
        if form_id not in self.by_form:
            if form_id == "attachment":
                rows = self.document.connection.execute("SELECT uuid FROM attachment WHERE deleted = 0")
                self.by_form[form_id] = {str(row[0]) for row in rows}
            else:
                self.by_form[form_id] = {str(row[0]) for row in self.document.records.rows(form_id, ())}
        return self.by_form[form_id]

    def live(self, spec: FieldSpec, target: str) -> bool:
        if spec.type is FieldType.PHOTO:
            return target in self._live("attachment")
        forms = spec.references
        if not forms:  # a reference to any form (a note's linked record): ask which form it is
            row = self.document.connection.execute(
                "SELECT form_id FROM record_index WHERE uuid = ?", [target]
            ).fetchone()
            if row is None:
                return False
            forms = (str(row[0]),)
        return any(target in self._live(form_id) for form_id in forms)
