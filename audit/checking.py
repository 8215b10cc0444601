"""Whole-audit validation: the file's integrity, then every live record against its form."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forms.spec import FieldSpec, FieldType, FormSpec, Text
from forms.validation import InvalidValue, Severity, parse_value

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
    for table, rowid, parent, _ in document.connection.execute("PRAGMA foreign_key_check"):
        problems.append(
            CheckProblem(
                table,
                str(rowid),
                "-",
                parent,
                Severity.ERROR,
                Text(f"row {rowid} refers to a missing {parent} row", f"第{rowid}行引用了不存在的 {parent} 记录"),
            )
        )
    problems.extend(stored_value_problems(document))
    targets = _LiveTargets(document)
    for form in document.registry:
        problems.extend(_form_problems(document, form, targets))
    return problems


def _form_problems(document: AuditDocument, form: FormSpec, targets: _LiveTargets) -> Iterator[CheckProblem]:
    """Each live record of a form against the form, and its references against the live records."""
    records = document.records
    references = [spec for spec in form.fields if spec.type in (FieldType.REFERENCE, FieldType.PHOTO)]
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
            yield CheckProblem(
                form.id,
                record.uuid,
                title,
                spec.name,
                Severity.ERROR,
                Text(
                    f"{spec.label.en} points to {value}, which is missing or deleted.",
                    f"{spec.label.zh}指向的 {value} 不存在或已删除。",
                ),
            )


# Types whose stored values `check` reads again through the form's parser (others are free text).
_PARSED_TYPES = frozenset(
    {
        FieldType.INTEGER,
        FieldType.DECIMAL,
        FieldType.BOOLEAN,
        FieldType.CHOICE,
        FieldType.MULTI_CHOICE,
        FieldType.DATE,
        FieldType.DATETIME,
    }
)


_REMEMBERED_VALUES = 10_000


def stored_value_problems(document: AuditDocument) -> list[CheckProblem]:
    """Values in the file that no edit through FieldAudit could have stored: text in a number column,
    unknown choice codes, dates that are not dates (another tool, a bit flip, an old bug)."""
    from audit.schema import child_table

    found: list[CheckProblem] = []
    for form in document.registry:
        groups = [(form.id, form.id, form.fields)] + [
            (child_table(form, repeat), f"{form.id}.{repeat.name}", repeat.fields) for repeat in form.repeats
        ]
        for table, form_id, fields in groups:
            for spec in fields:
                if spec.type not in _PARSED_TYPES:
                    continue
                rows = document.connection.execute(
                    f'SELECT uuid, "{spec.name}", typeof("{spec.name}") FROM "{table}" WHERE "{spec.name}" IS NOT NULL'
                )
                # Values repeat (choice codes, the times 110 meters were read at): each is parsed once
                # (up to a bound, so that memory stays flat on columns of distinct values).
                good: set[tuple[object, str]] = set()
                for record_uuid, stored, kind in rows:
                    if (stored, kind) in good:
                        continue
                    message = _stored_problem(spec, stored, str(kind))
                    if message is not None:
                        found.append(CheckProblem(form_id, str(record_uuid), "-", spec.name, Severity.ERROR, message))
                    elif len(good) < _REMEMBERED_VALUES:
                        good.add((stored, kind))
    return found


def _stored_problem(spec: FieldSpec, stored: object, kind: str) -> Text | None:
    numeric = spec.type in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.BOOLEAN)
    if numeric and kind not in ("integer", "real"):
        shown = str(stored)[:40]
        return Text(
            f"{spec.label.en}: stored value {shown!r} is not a number (changed outside FieldAudit?).",
            f"{spec.label.zh}：存储的值“{shown}”不是数值（是否在 FieldAudit 之外被修改？）。",
        )
    value: object = stored
    if spec.type is FieldType.MULTI_CHOICE:
        try:
            value = json.loads(str(stored))
        except ValueError:
            value = str(stored)
    try:
        parse_value(spec, value)
    except InvalidValue as error:
        return error.message
    return None


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
