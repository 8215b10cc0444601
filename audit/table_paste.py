"""Typed cell input and spreadsheet paste: text from a cell becomes a stored value, or a message says why not."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audit.choice_labels import choice_code
from audit.errors import AuditError, RecordError
from audit.queries import reference_titles, table_fields
from forms.spec import FieldSpec, FieldType, Text
from forms.validation import InvalidValue, Severity, check_fields, parse_value

if TYPE_CHECKING:
    from audit.document import AuditDocument

# Excel, WPS and LibreOffice separate clipboard cells by tabs and rows by CR LF; a cell holding a tab,
# a line break or a quote is wrapped in double quotes with inner quotes doubled.
_QUOTED_CELL = re.compile(r'"((?:[^"]|"")*)"')


class PasteError(AuditError):
    """A pasted block was refused as a whole; the message names the first bad cell."""

    def __init__(self, message: Text, row: int, column: str | None) -> None:
        super().__init__(message)
        self.row = row
        self.column = column


@dataclass
class PastePlan:
    """What a checked paste will do: edit existing records, then add new ones, in this order."""

    updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    additions: list[dict[str, Any]] = field(default_factory=list)
    # The table row number of each update, then of each addition (for messages).
    rows: list[int] = field(default_factory=list)


def parse_clipboard(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated clipboard text (as spreadsheets copy a block of cells)."""
    rows: list[list[str]] = []
    row: list[str] = []
    position = 0
    length = len(text)
    while position < length:
        match = _QUOTED_CELL.match(text, position) if text[position] == '"' else None
        if match is not None and (match.end() == length or text[match.end()] in "\t\r\n"):
            cell = match.group(1).replace('""', '"')
            position = match.end()
        else:
            end = position
            while end < length and text[end] not in "\t\r\n":
                end += 1
            cell = text[position:end]
            position = end
        row.append(cell)
        if position < length and text[position] == "\t":
            position += 1
            if position == length:
                row.append("")
            continue
        if position < length and text[position] == "\r":
            position += 1
        if position < length and text[position] == "\n":
            position += 1
        rows.append(row)
        row = []
    if row:
        rows.append(row)
    return rows


def cell_value(
    document: AuditDocument, spec: FieldSpec, text: str, titles: dict[str, dict[str, str]] | None = None
) -> Any:
    """The stored value for text typed or pasted into a cell; raises InvalidValue with the reason.

    Choices may be given by code or by label in either language; references by the title of the
    record (a meter number, an equipment tag) or its uuid. `titles` caches those titles per field
    across the cells of one paste.
    """
    raw: Any = text
    if spec.type is FieldType.CHOICE:
        raw = choice_code(spec, text) if text.strip() else None
    elif spec.type is FieldType.MULTI_CHOICE:
        parts = [p for p in re.split(r"[,;，；、]+", text) if p.strip()]
        raw = [choice_code(spec, p) for p in parts]
    elif spec.type is FieldType.REFERENCE and text.strip():
        wanted = text.strip()
        known = None if titles is None else titles.get(spec.name)
        if known is None:
            known = reference_titles(document, None, spec.references or tuple(document.registry.ids()))
            if titles is not None:
                titles[spec.name] = known
        if wanted not in known:
            matches = [u for u, title in known.items() if title.casefold() == wanted.casefold()]
            if len(matches) > 1:
                raise InvalidValue(
                    spec.name,
                    Text(
                        f"{spec.label.en}: {len(matches)} records are called {wanted!r}; pick one in the list.",
                        f"{spec.label.zh}：有{len(matches)}条记录名为“{wanted}”，请在列表中选择。",
                    ),
                )
            if not matches:
                raise InvalidValue(
                    spec.name,
                    Text(
                        f"{spec.label.en}: no record called {wanted!r}.", f"{spec.label.zh}：没有名为“{wanted}”的记录。"
                    ),
                )
            raw = matches[0]
    return parse_value(spec, raw)


def _read_only_reason(spec: FieldSpec, overridden: frozenset[str] | set[str]) -> Text | None:
    if spec.type is FieldType.PHOTO:
        return Text("photos are attached in the photo view, not typed.", "照片须在照片视图中添加，不能录入文字。")
    if spec.is_calculated and spec.name not in overridden:
        return Text(
            "the value is calculated; override it in the form first.", "该值为计算值，请先在表单中设为手工覆盖。"
        )
    return None


def _refused(row: int, spec: FieldSpec | None, message: Text) -> PasteError:
    if spec is None:
        return PasteError(
            Text(f"Row {row}: {message.en} Nothing was pasted.", f"第{row}行：{message.zh} 未粘贴任何内容。"), row, None
        )
    return PasteError(
        Text(
            f"Row {row}, column “{spec.label.en}”: {message.en} Nothing was pasted.",
            f"第{row}行“{spec.label.zh}”列：{message.zh} 未粘贴任何内容。",
        ),
        row,
        spec.name,
    )


class _DryRun(Exception):
    """Raised to roll back a paste that was only being tried."""


def plan_paste(
    document: AuditDocument,
    form_id: str,
    columns: Sequence[str],
    targets: Sequence[str | None],
    block: Sequence[Sequence[str]],
    *,
    parent_uuid: str | None = None,
    first_row: int = 1,
) -> PastePlan:
    """Check a pasted block cell by cell and as whole records; raise PasteError at the first bad cell.

    `columns` names the field under each pasted column, `targets` the record under each pasted row
    (None: the row is new). `first_row` is the table row number of the first pasted row, for messages.
    The plan is finally tried against the store inside a transaction that is rolled back, so a plan
    that comes back will be written whole.
    """
    fields = {spec.name: spec for spec in table_fields(document, form_id)}
    specs = [fields[name] for name in columns]
    plan = PastePlan()
    titles: dict[str, dict[str, str]] = {}
    for index, (cells, target) in enumerate(zip(block, targets, strict=True)):
        row_number = first_row + index
        current: dict[str, Any] = {}
        overridden: frozenset[str] | set[str] = frozenset()
        if target is not None:
            record = document.records.get(target, with_children=False)
            if record.deleted:
                raise _refused(
                    row_number, None, Text("the record is deleted; restore it first.", "该记录已删除，请先恢复。")
                )
            current = dict(record.values)
            overridden = record.overridden
        else:
            current = {spec.name: spec.default for spec in fields.values() if spec.default is not None}
        values: dict[str, Any] = {}
        for spec, text in zip(specs, cells, strict=False):
            reason = _read_only_reason(spec, overridden)
            if reason is not None:
                if text.strip():
                    raise _refused(row_number, spec, reason)
                continue
            try:
                values[spec.name] = cell_value(document, spec, text, titles)
            except InvalidValue as error:
                raise _refused(row_number, spec, error.message) from None
        merged = {**current, **values}
        before = {
            (p.field, p.message) for p in check_fields(tuple(fields.values()), current) if p.severity is Severity.ERROR
        }
        for problem in check_fields(tuple(fields.values()), merged):
            if problem.severity is Severity.ERROR and (problem.field, problem.message) not in before:
                raise _refused(row_number, fields.get(problem.field), problem.message)
        if target is None:
            if any(text.strip() for text in cells):
                plan.additions.append(values)
                plan.rows.append(row_number)
        else:
            plan.updates.append((target, values))
            plan.rows.insert(len(plan.updates) - 1, row_number)
    _try(document, form_id, plan, parent_uuid, fields)
    return plan


def _try(
    document: AuditDocument,
    form_id: str,
    plan: PastePlan,
    parent_uuid: str | None,
    fields: Mapping[str, FieldSpec],
) -> None:
    """Write the plan inside a transaction and roll it back: the store's own checks have the last word."""
    step = 0
    try:
        with document.transaction():
            for record_uuid, values in plan.updates:
                document.records.update(record_uuid, values)
                step += 1
            for values in plan.additions:
                document.records.add(form_id, values, parent=parent_uuid)
                step += 1
            raise _DryRun
    except _DryRun:
        return
    except RecordError as error:
        raise _refused(plan.rows[step], fields.get(error.field or ""), error.message) from None
