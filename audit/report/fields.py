"""Records in the report: a record's fields as label/value rows, a repeat group or a form as a table."""

from __future__ import annotations

from collections.abc import Sequence

from audit.records import Record
from audit.report.cells import SheetWriter, header_text
from forms.spec import FieldSpec, FieldType, Text

YES_NO = (Text("No", "否"), Text("Yes", "是"))


def write_value(writer: SheetWriter, row: int, col: int, spec: FieldSpec, value: object) -> None:
    """One field's value as the cell type it is: a number, a date, a choice's label, or text."""
    if value is None or value == "":
        writer.blank(row, col)
    elif spec.type is FieldType.INTEGER and isinstance(value, int | float):
        writer.number(row, col, float(value), "integer")
    elif spec.type is FieldType.DECIMAL and isinstance(value, int | float):
        writer.number(row, col, float(value), "decimal2")
    elif spec.type is FieldType.DATE:
        writer.date(row, col, str(value))
    elif spec.type is FieldType.BOOLEAN:
        writer.text(row, col, YES_NO[bool(value)])
    elif spec.type is FieldType.CHOICE:
        choice = spec.choice(str(value))
        writer.text(row, col, choice.label if choice is not None else str(value))
    elif spec.type is FieldType.MULTI_CHOICE and isinstance(value, list | tuple):
        labels = [choice.label.get(writer.language) if (choice := spec.choice(str(v))) else str(v) for v in value]
        writer.text(row, col, "、".join(labels) if writer.language == "zh" else ", ".join(labels))
    else:
        writer.text(row, col, value)


def write_fields(
    writer: SheetWriter, row: int, fields: Sequence[FieldSpec], record: Record | None, col: int = 0
) -> int:
    """Label (with unit) and value, one field a row; fields left empty and not required are skipped."""
    for spec in fields:
        if spec.type is FieldType.PHOTO:
            continue
        value = None if record is None else record.values.get(spec.name)
        if value in (None, "") and not spec.required:
            continue
        writer.text(row, col, header_text(spec.label, spec.unit, writer.language), "label")
        write_value(writer, row, col + 1, spec, value)
        row += 1
    return row


def write_table(writer: SheetWriter, row: int, fields: Sequence[FieldSpec], records: Sequence[Record]) -> int:
    """A header row of labels with units, then one row per record; returns the next free row."""
    shown = [spec for spec in fields if spec.type is not FieldType.PHOTO]
    writer.headers(row, [(spec.label, spec.unit) for spec in shown])
    for offset, record in enumerate(records, start=1):
        for col, spec in enumerate(shown):
            write_value(writer, row + offset, col, spec, record.values.get(spec.name))
    return row + len(records) + 1
