"""A record's history as a person reads it: who changed which field from what to what, and when."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from forms.spec import FieldSpec, FieldType, Text

if TYPE_CHECKING:
    from audit.document import AuditDocument

OPERATIONS = {
    "create": Text("Created", "新建"),
    "update": Text("Changed", "修改"),
    "delete": Text("Deleted", "删除"),
    "restore": Text("Restored", "恢复"),
    "override": Text("Overridden by hand", "手工覆盖"),
    "calculate": Text("Calculated again", "恢复计算"),
    "state": Text("State", "状态"),
    "link_photo": Text("Photo attached", "添加照片"),
    "unlink_photo": Text("Photo removed", "移除照片"),
    "merge": Text("Merged from another copy", "从其他副本合并"),
    "conflict": Text("Conflict: changed on both sides", "冲突：双方均有修改"),
    "settle": Text("Conflict settled", "冲突已处理"),
}
# Operations whose rows carry a field's old and new value (undone to find a record's first values).
_FIELD_CHANGES = ("update", "merge", "settle")
_SHOWN_ON_CREATE = 4  # values listed on a "Created" line (all of them in its tooltip)


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: str  # ISO time as stored, "T" replaced by a space
    author: str
    operation: Text
    field: Text  # the field's label; for a repeat row, "Products › Name"
    old: Text
    new: Text
    record_uuid: str
    log_id: int = 0  # the change log's own order, for changes within the same second


def _value(document: AuditDocument, spec: FieldSpec | None, value: Any, language: str) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if spec is None:
        return str(value)
    if spec.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
        codes = value if isinstance(value, list) else [value]
        labels = [(c.label.get(language) if (c := spec.choice(str(code))) else str(code)) for code in codes]
        return ", ".join(labels)
    if spec.type is FieldType.BOOLEAN:
        yes = value in (True, 1, "1", "true")
        return {"en": ("Yes", "No"), "zh": ("是", "否")}[language][0 if yes else 1]
    if spec.type in (FieldType.REFERENCE, FieldType.PHOTO) and isinstance(value, str):
        records = document.records
        if spec.type is FieldType.REFERENCE and records.exists(value):
            return records.title(records.get(value, with_children=False), language)
        return value[:8]
    if isinstance(value, float):
        return f"{value:.12g}"
    return str(value)


def value_text(document: AuditDocument, spec: FieldSpec | None, value: Any, language: str) -> str:
    """A stored value as a person reads it (a choice by its label, a reference by its record's title)."""
    return _value(document, spec, value, language)


def _both(document: AuditDocument, spec: FieldSpec | None, value: Any) -> Text:
    return Text(_value(document, spec, value, "en"), _value(document, spec, value, "zh"))


def _first_revision(current: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The values a record was created with: today's values with every later change undone, newest first."""
    values = dict(current)
    for row in reversed(rows):
        if row["operation"] in _FIELD_CHANGES and row.get("field"):
            values[str(row["field"])] = row.get("old_value")
    return values


def record_history(document: AuditDocument, record_uuid: str) -> list[HistoryEntry]:
    """Every change of a record and of its repeat rows (a product of the enterprise), newest first."""
    records = document.records
    record = records.get(record_uuid)
    uuids = [record_uuid, *(child.uuid for rows in record.children.values() for child in rows)]
    entries: list[HistoryEntry] = []
    for uuid in uuids:
        form_id = records.form_id_of(uuid)
        form, repeat = records.spec_for(form_id)
        fields = {spec.name: spec for spec in (repeat or form).fields}
        prefix = Text(f"{repeat.label.en} › ", f"{repeat.label.zh} › ") if repeat is not None else Text("", "")
        rows = records.history(uuid)
        first_values = _first_revision(records.get(uuid, with_children=False).values, rows)
        for row in rows:
            operation = str(row["operation"])
            name = row.get("field") or ""
            spec = fields.get(name)
            label = spec.label if spec is not None else Text(name, name)
            new_value = row.get("new_value")
            if operation == "create" and new_value is None:
                new_value = first_values  # the log refers to the first revision rather than repeat it
            if operation == "create" and isinstance(new_value, dict):
                shown = [(fields.get(k), v) for k, v in new_value.items() if v not in (None, "", [])]
                new = Text(
                    "; ".join(
                        f"{s.label.en if s else ''} {_value(document, s, v, 'en')}" for s, v in shown[:_SHOWN_ON_CREATE]
                    ),
                    "；".join(
                        f"{s.label.zh if s else ''} {_value(document, s, v, 'zh')}" for s, v in shown[:_SHOWN_ON_CREATE]
                    ),
                )
                if len(shown) > _SHOWN_ON_CREATE:
                    new = Text(
                        new.en + f" (+{len(shown) - _SHOWN_ON_CREATE})",
                        new.zh + f"（另 {len(shown) - _SHOWN_ON_CREATE} 项）",
                    )
                old = Text("—", "—")
                label = Text("", "")
            elif operation in ("link_photo", "unlink_photo"):
                old, new = Text("", ""), Text("", "")
            else:
                old = _both(document, spec, row.get("old_value"))
                new = _both(document, spec, new_value)
            entries.append(
                HistoryEntry(
                    changed_at=str(row["changed_at"]).replace("T", " "),
                    author=str(row["author"] or ""),
                    operation=OPERATIONS.get(operation, Text(operation, operation)),
                    field=Text(prefix.en + label.en, prefix.zh + label.zh) if (label.en or prefix.en) else label,
                    old=old,
                    new=new,
                    record_uuid=uuid,
                    log_id=int(row["id"]),
                )
            )
    # Newest first; the log's own order breaks ties within one second.
    return sorted(entries, key=lambda e: (e.changed_at, e.log_id), reverse=True)
