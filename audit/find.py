"""Find any record of an audit by words in any of its values: a tag, a name, a number, a choice's label."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audit.queries import TableQuery, row_keys, rows_by_keys, table_fields
from forms.spec import FieldSpec, FieldType

if TYPE_CHECKING:
    from audit.document import AuditDocument


@dataclass(frozen=True)
class Found:
    """One record found: what it is ("Motors: M-07") and the value that matched ("Location: Dyeing shop")."""

    form_id: str
    record_uuid: str
    what: str
    matched: str
    field: str


def _shown(spec: FieldSpec, value: Any, language: str) -> str:
    if value is None:
        return ""
    if spec.type is FieldType.CHOICE:
        choice = spec.choice(str(value))
        return choice.label.get(language) if choice else str(value)
    if spec.type is FieldType.MULTI_CHOICE and isinstance(value, list):
        labels = [spec.choice(str(code)) for code in value]
        return ", ".join(c.label.get(language) if c else "" for c in labels)
    if isinstance(value, float):
        return f"{value:.12g}"
    return str(value)


def _matched(
    document: AuditDocument, fields: tuple[FieldSpec, ...], values: dict[str, Any], words: list[str], language: str
) -> tuple[str, str]:
    """The first field whose shown value holds the first word (a reference by the title of its record)."""
    first = words[0].casefold()
    records = document.records
    for spec in fields:
        if spec.type is FieldType.PHOTO:
            continue
        if spec.type is FieldType.REFERENCE:
            target = values.get(spec.name)
            if isinstance(target, str) and records.exists(target):
                title = records.title(records.get(target, with_children=False), language)
                if first in title.casefold():
                    return spec.name, f"{spec.label.get(language)}: {title}"
            continue
        text = _shown(spec, values.get(spec.name), language)
        other = _shown(spec, values.get(spec.name), "zh" if language == "en" else "en")
        if first in text.casefold() or first in other.casefold() or first in str(values.get(spec.name)).casefold():
            return spec.name, f"{spec.label.get(language)}: {text}"
    return "", ""


def find_records(document: AuditDocument, text: str, language: str = "en", limit: int = 200) -> list[Found]:
    """Live records in which every word of `text` appears in some value, form by form (at most `limit`).

    The words are matched by SQLite, as a table's filter box matches them (choice labels in both
    languages count), so 100,000 readings are searched without reading them into Python.
    """
    words = text.split()
    if not words:
        return []
    records = document.records
    found: list[Found] = []
    for form in document.registry:
        for form_id in (form.id, *(f"{form.id}.{repeat.name}" for repeat in form.repeats)):
            if len(found) >= limit:
                return found
            keys = row_keys(document, TableQuery(form_id, filter_text=text, language=language))
            fields = table_fields(document, form_id)
            for row in rows_by_keys(document, form_id, keys[: limit - len(found)], with_problems=False):
                record = records.get(row.uuid, with_children=False)
                spec, repeat = records.spec_for(form_id)
                if repeat is not None and record.parent_uuid and records.exists(record.parent_uuid):
                    # A repeat row is named by the record it belongs to: "Enterprise: Hengsheng › Products".
                    parent = records.get(record.parent_uuid, with_children=False)
                    what = (
                        f"{spec.label.get(language)}: {records.title(parent, language)} › {repeat.label.get(language)}"
                    )
                else:
                    what = f"{(repeat or spec).label.get(language)}: {records.title(record, language)}"
                field, matched = _matched(document, fields, row.values, words, language)
                found.append(Found(form_id, row.uuid, what, matched, field))
    return found
