"""Whole-audit validation: the file's integrity, then every live record against its form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from forms.spec import Text
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
    records = document.records
    for form in document.registry:
        for record in records.list(form.id, with_children=True):
            title = records.title(record)
            for problem in records.problems(record):
                problems.append(
                    CheckProblem(form.id, record.uuid, title, problem.where(), problem.severity, problem.message)
                )
            problems.extend(_dangling_references(document, form.id, record.uuid, title, record.values))
    return problems


def _dangling_references(
    document: AuditDocument, form_id: str, record_uuid: str, title: str, values: dict[str, object]
) -> list[CheckProblem]:
    from forms.spec import FieldType

    found: list[CheckProblem] = []
    form = document.registry[form_id]
    for spec in form.fields:
        value = values.get(spec.name)
        if value is None or spec.type not in (FieldType.REFERENCE, FieldType.PHOTO):
            continue
        table = "attachment" if spec.type is FieldType.PHOTO else None
        if table is None:
            row = document.connection.execute("SELECT form_id FROM record_index WHERE uuid = ?", [value]).fetchone()
            target_live = row is not None and _is_live(document, str(value), str(row[0]))
        else:
            row = document.connection.execute("SELECT deleted FROM attachment WHERE uuid = ?", [value]).fetchone()
            target_live = row is not None and not row[0]
        if not target_live:
            found.append(
                CheckProblem(
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
            )
    return found


def _is_live(document: AuditDocument, record_uuid: str, form_id: str) -> bool:
    if form_id == "attachment":
        return True
    record = document.records.get(record_uuid, with_children=False)
    return not record.deleted
