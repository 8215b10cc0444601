"""Sorted, filtered, paged reads of one form's typed table, for record tables of any size."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from audit.errors import RecordError
from audit.records import decode
from audit.schema import child_table, override_column
from forms.spec import FieldSpec, FieldType, FormSpec, RepeatSpec, Text
from forms.validation import Severity, check_fields, is_relevant

if TYPE_CHECKING:
    from audit.document import AuditDocument

# SQLite's default limit on bound parameters is 32766 since 3.32; stay far below it.
_KEYS_PER_STATEMENT = 500
_BOOLEAN_WORDS = {True: ("yes", "true", "是"), False: ("no", "false", "否")}


@dataclass(frozen=True)
class TableQuery:
    """What a record table shows: which rows, in which order. Every name is checked against the form."""

    form_id: str
    parent_uuid: str | None = None
    include_deleted: bool = False
    # Words separated by spaces; every word must appear in some column (labels of choices count).
    filter_text: str = ""
    sort_field: str | None = None
    descending: bool = False
    # Choice columns sort by their label in this language.
    language: str = "en"


@dataclass(frozen=True)
class TableRow:
    """One record as a table shows it: decoded values plus what the table marks on its cells."""

    key: int  # SQLite rowid: stable while the audit is open, cheap to look up
    uuid: str
    deleted: bool
    revision: int
    values: dict[str, Any]
    overridden: frozenset[str] = frozenset()
    # field -> worst problem of that cell (error, missing, warning) and its messages
    problems: dict[str, tuple[Severity, tuple[Text, ...]]] = field(default_factory=dict)
    irrelevant: frozenset[str] = frozenset()


def _form(document: AuditDocument, form_id: str) -> tuple[FormSpec, RepeatSpec | None]:
    try:
        return document.records.spec_for(form_id)
    except KeyError:
        raise RecordError(Text(f"There is no form {form_id!r}.", f"没有表单“{form_id}”。")) from None


def table_fields(document: AuditDocument, form_id: str) -> tuple[FieldSpec, ...]:
    """The columns of a form's table: its fields, in form order."""
    form, repeat = _form(document, form_id)
    return repeat.fields if repeat is not None else form.fields


def _table_name(document: AuditDocument, form_id: str) -> str:
    form, repeat = _form(document, form_id)
    return child_table(form, repeat) if repeat is not None else form.id


def _field(fields: Sequence[FieldSpec], name: str, form_id: str) -> FieldSpec:
    for spec in fields:
        if spec.name == name:
            return spec
    raise RecordError(Text(f"Form {form_id} has no field {name!r}.", f"表单 {form_id} 没有字段“{name}”。"), field=name)


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _label_matches(label: Text, code: str, word: str) -> bool:
    folded = word.casefold()
    return folded in label.en.casefold() or folded in label.zh or folded in code.casefold()


def _where(document: AuditDocument, query: TableQuery, fields: Sequence[FieldSpec]) -> tuple[str, list[Any]]:
    _, repeat = _form(document, query.form_id)
    clauses: list[str] = []
    params: list[Any] = []
    if not query.include_deleted:
        clauses.append("deleted = 0")
    if query.parent_uuid is not None:
        if repeat is None:
            raise RecordError(
                Text(
                    f"{query.form_id} is not a repeat group; it has no parent record.",
                    f"{query.form_id} 不是重复组，没有所属记录。",
                )
            )
        clauses.append("parent_uuid = ?")
        params.append(query.parent_uuid)
    titles: dict[str, str] | None = None
    for word in query.filter_text.split():
        alternatives: list[str] = []
        for spec in fields:
            column = f'"{spec.name}"'
            kind = spec.type
            if kind in (FieldType.TEXT, FieldType.DATE, FieldType.DATETIME):
                alternatives.append(f"{column} LIKE ? ESCAPE '\\'")
                params.append(_like(word))
            elif kind in (FieldType.INTEGER, FieldType.DECIMAL):
                alternatives.append(f"CAST({column} AS TEXT) LIKE ? ESCAPE '\\'")
                params.append(_like(word))
            elif kind is FieldType.CHOICE:
                codes = [c.code for c in spec.choices if _label_matches(c.label, c.code, word)]
                if codes:
                    alternatives.append(f"{column} IN ({', '.join('?' for _ in codes)})")
                    params.extend(codes)
            elif kind is FieldType.MULTI_CHOICE:
                for choice in spec.choices:
                    if _label_matches(choice.label, choice.code, word):
                        # Stored as a JSON list: match the quoted code, not a substring of another code.
                        alternatives.append(f"{column} LIKE ? ESCAPE '\\'")
                        params.append(_like(f'"{choice.code}"'))
            elif kind is FieldType.BOOLEAN:
                for flag, words in _BOOLEAN_WORDS.items():
                    if word.casefold() in words:
                        alternatives.append(f"{column} = ?")
                        params.append(int(flag))
            elif kind is FieldType.REFERENCE:
                if titles is None:
                    titles = reference_titles(document, None, _referenced_forms(document, fields))
                uuids = [u for u, title in titles.items() if word.casefold() in title.casefold()]
                if uuids:
                    alternatives.append(f"{column} IN ({', '.join('?' for _ in uuids)})")
                    params.extend(uuids)
        clauses.append("(" + (" OR ".join(alternatives) or "0") + ")")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _referenced_forms(document: AuditDocument, fields: Sequence[FieldSpec]) -> tuple[str, ...]:
    found: list[str] = []
    for spec in fields:
        if spec.type is FieldType.REFERENCE:
            found.extend(spec.references or document.registry.ids())
    return tuple(dict.fromkeys(found))


def _order(document: AuditDocument, query: TableQuery, fields: Sequence[FieldSpec]) -> tuple[str, list[Any]]:
    _, repeat = _form(document, query.form_id)
    direction = "DESC" if query.descending else "ASC"
    if query.sort_field is None:
        if repeat is not None:
            return f" ORDER BY parent_uuid, position {direction}, rowid {direction}", []
        return f" ORDER BY rowid {direction}", []
    spec = _field(fields, query.sort_field, query.form_id)
    column = f'"{spec.name}"'
    params: list[Any] = []
    ranks: dict[str, int] = {}
    if spec.type is FieldType.CHOICE:
        if query.language.lower().startswith("zh"):
            # SQLite has no pinyin collation; the form's own order follows the standard's tables.
            ranks = {c.code: i for i, c in enumerate(spec.choices)}
        else:
            ordered = sorted(spec.choices, key=lambda c: c.label.get(query.language).casefold())
            ranks = {c.code: i for i, c in enumerate(ordered)}
    elif spec.type is FieldType.REFERENCE:
        titles = reference_titles(document, None, spec.references or tuple(document.registry.ids()))
        ranks = {u: i for i, (u, _) in enumerate(sorted(titles.items(), key=lambda item: item[1].casefold()))}
    expression = column
    if ranks:
        expression = "CASE " + column + " " + " ".join("WHEN ? THEN ?" for _ in ranks) + f" ELSE {len(ranks)} END"
        for code, rank in ranks.items():
            params.extend((code, rank))
    # Blank cells last in either direction: they are what is still to be filled in.
    return f" ORDER BY ({column} IS NULL), {expression} {direction}, rowid {direction}", params


def count_rows(document: AuditDocument, query: TableQuery) -> int:
    """How many rows the query selects, counted by SQLite."""
    fields = table_fields(document, query.form_id)
    where, params = _where(document, query, fields)
    sql = f'SELECT count(*) FROM "{_table_name(document, query.form_id)}"{where}'
    return int(document.connection.execute(sql, params).fetchone()[0])


def row_keys(document: AuditDocument, query: TableQuery) -> list[int]:
    """The rowid of every selected row, in display order: sorted and filtered by SQLite in one pass.

    A table keeps this list (8 bytes a row) and fetches the values of visible rows only, so
    scrolling to row 99 999 costs one indexed lookup instead of an OFFSET that walks every row.
    """
    fields = table_fields(document, query.form_id)
    where, where_params = _where(document, query, fields)
    order, order_params = _order(document, query, fields)
    sql = f'SELECT rowid FROM "{_table_name(document, query.form_id)}"{where}{order}'
    return [row[0] for row in document.connection.execute(sql, [*where_params, *order_params])]


def _columns(fields: Sequence[FieldSpec]) -> list[str]:
    columns = ["rowid", "uuid", "deleted", "revision"]
    for spec in fields:
        columns.append(f'"{spec.name}"')
        if spec.is_calculated:
            columns.append(f'"{override_column(spec.name)}"')
    return columns


def _to_row(fields: Sequence[FieldSpec], raw: Sequence[Any], with_problems: bool) -> TableRow:
    values: dict[str, Any] = {}
    overridden: set[str] = set()
    index = 4
    for spec in fields:
        values[spec.name] = decode(spec, raw[index])
        index += 1
        if spec.is_calculated:
            if raw[index]:
                overridden.add(spec.name)
            index += 1
    problems: dict[str, tuple[Severity, tuple[Text, ...]]] = {}
    irrelevant: frozenset[str] = frozenset()
    if with_problems:
        order = {Severity.ERROR: 0, Severity.MISSING: 1, Severity.WARNING: 2}
        for problem in check_fields(tuple(fields), values):
            worst, messages = problems.get(problem.field, (problem.severity, ()))
            if order[problem.severity] < order[worst]:
                worst = problem.severity
            problems[problem.field] = (worst, (*messages, problem.message))
        irrelevant = frozenset(spec.name for spec in fields if spec.relevant and not is_relevant(spec, values))
    return TableRow(
        key=int(raw[0]),
        uuid=str(raw[1]),
        deleted=bool(raw[2]),
        revision=int(raw[3]),
        values=values,
        overridden=frozenset(overridden),
        problems=problems,
        irrelevant=irrelevant,
    )


def rows_by_keys(
    document: AuditDocument, form_id: str, keys: Sequence[int], with_problems: bool = True
) -> list[TableRow]:
    """The rows with these rowids, in the order given (keys no longer present are left out)."""
    fields = table_fields(document, form_id)
    table = _table_name(document, form_id)
    columns = ", ".join(_columns(fields))
    found: dict[int, TableRow] = {}
    for start in range(0, len(keys), _KEYS_PER_STATEMENT):
        chunk = list(keys[start : start + _KEYS_PER_STATEMENT])
        sql = f'SELECT {columns} FROM "{table}" WHERE rowid IN ({", ".join("?" for _ in chunk)})'
        for raw in document.connection.execute(sql, chunk):
            row = _to_row(fields, raw, with_problems)
            found[row.key] = row
    return [found[key] for key in keys if key in found]


def page_rows(
    document: AuditDocument, query: TableQuery, offset: int, limit: int, with_problems: bool = True
) -> list[TableRow]:
    """One page of rows with LIMIT/OFFSET (simple, but SQLite walks `offset` rows to get there)."""
    fields = table_fields(document, query.form_id)
    where, where_params = _where(document, query, fields)
    order, order_params = _order(document, query, fields)
    sql = (
        f'SELECT {", ".join(_columns(fields))} FROM "{_table_name(document, query.form_id)}"{where}{order} '
        "LIMIT ? OFFSET ?"
    )
    rows = document.connection.execute(sql, [*where_params, *order_params, int(limit), int(offset)])
    return [_to_row(fields, raw, with_problems) for raw in rows]


def key_of(document: AuditDocument, form_id: str, record_uuid: str) -> int | None:
    """The rowid of a record in its form's table (None if it is not there)."""
    row = document.connection.execute(
        f'SELECT rowid FROM "{_table_name(document, form_id)}" WHERE uuid = ?', [record_uuid]
    ).fetchone()
    return None if row is None else int(row[0])


def reference_titles(document: AuditDocument, uuids: Iterable[str] | None, form_ids: Iterable[str]) -> dict[str, str]:
    """uuid -> the title a person knows a record by (its title field, else the start of its uuid).

    `uuids` None means every live record of those forms (to offer as choices); otherwise only those.
    """
    wanted = None if uuids is None else set(uuids)
    titles: dict[str, str] = {}
    for form_id in form_ids:
        if form_id not in document.registry:
            continue
        form = document.registry[form_id]
        title = f'"{form.title_field}"' if form.title_field else "NULL"
        if wanted is None:
            batches = [document.connection.execute(f'SELECT uuid, {title} FROM "{form.id}" WHERE deleted = 0')]
        else:
            ordered = sorted(wanted)
            batches = [
                document.connection.execute(
                    f'SELECT uuid, {title} FROM "{form.id}" WHERE uuid IN ({", ".join("?" for _ in chunk)})', chunk
                )
                for chunk in (ordered[i : i + _KEYS_PER_STATEMENT] for i in range(0, len(ordered), _KEYS_PER_STATEMENT))
            ]
        for rows in batches:
            for record_uuid, value in rows:
                titles[str(record_uuid)] = str(value) if value not in (None, "") else str(record_uuid)[:8]
    return titles


def deleted_counts(document: AuditDocument, query: TableQuery) -> tuple[int, int]:
    """(live, deleted) rows under the query's other conditions, counted by SQLite."""
    live = count_rows(document, replace(query, include_deleted=False))
    every = count_rows(document, replace(query, include_deleted=True))
    return live, every - live
