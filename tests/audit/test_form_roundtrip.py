"""Every form, with a value in every field, survives export and import unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from audit.attachments import add_photo
from audit.document import AuditDocument
from audit.jsonio import export_records, import_records
from forms.registry import default_registry
from forms.spec import FieldSpec, FieldType, FormSpec
from forms.validation import is_relevant
from forms.validators import grid_factor_years, uscc_check_character

REGISTRY = default_registry()
# Cross-field rules a generic generator cannot guess (load loss is larger than no-load loss).
KNOWN_GOOD = {"no_load_loss_kw": 0.41, "load_loss_kw": 4.52}


def sample_value(spec: FieldSpec, record: dict[str, Any], order: int, document: AuditDocument, photo: str) -> Any:
    """A plausible value that satisfies the field's own range, pattern and choices."""
    if spec.name in KNOWN_GOOD:
        return KNOWN_GOOD[spec.name]
    if spec.name.endswith("_origin"):
        return "estimated"  # the water quantities' origin under which a typed quantity is used
    if spec.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
        choices = spec.active_choices()
        if spec.units_from and record.get(spec.units_from):
            owner = next(c for c in _owner_choices(spec, record))
            choices = tuple(c for c in choices if c.code in owner.units) or choices
        return choices[0].code if spec.type is FieldType.CHOICE else [choices[0].code]
    if spec.validator == "grid_factor_year":
        return grid_factor_years()[-1]
    if spec.type in (FieldType.INTEGER, FieldType.DECIMAL):
        low = spec.minimum if spec.minimum is not None else 0
        high = spec.maximum if spec.maximum is not None else low + 100
        value = low + (high - low) / 2
        if spec.type is FieldType.INTEGER:
            value = int(value)
            if value % 2:  # even numbers satisfy "poles are even"
                value = value + 1 if spec.maximum is None or value + 1 <= spec.maximum else value - 1
        return value
    if spec.type is FieldType.BOOLEAN:
        return True
    if spec.type is FieldType.DATE:
        return (dt.date(2025, 1, 1) + dt.timedelta(days=order)).isoformat()
    if spec.type is FieldType.DATETIME:
        return (dt.datetime(2025, 1, 1, 8, 0) + dt.timedelta(days=order)).isoformat(timespec="minutes")
    if spec.type is FieldType.PHOTO:
        return photo
    if spec.type is FieldType.REFERENCE:
        target = spec.references[0] if spec.references else "note"
        existing = document.records.list(target)
        if existing:
            return existing[0].uuid
        return document.records.add(target, minimal_values(REGISTRY[target], document, photo))
    if spec.validator == "uscc":
        return "91330621MA2BX7Q48" + uscc_check_character("91330621MA2BX7Q48")
    if spec.validator == "year_month":
        return "2025-06"
    if spec.pattern:
        return {"industry_code": "C1713", "contact_phone": "0575-84562210"}.get(spec.name, "x")
    return f"{spec.name} 值"


def _owner_choices(spec: FieldSpec, record: dict[str, Any]) -> list[Any]:
    for form in REGISTRY:
        for field in form.fields:
            if field.name == spec.units_from and field.choice(str(record[spec.units_from])):
                return [field.choice(str(record[spec.units_from]))]
    return []


def minimal_values(form: FormSpec, document: AuditDocument, photo: str = "") -> dict[str, Any]:
    values: dict[str, Any] = {}
    for order, spec in enumerate(form.fields):
        if spec.type is FieldType.REFERENCE and form.id in spec.references:
            continue  # a tree's root needs no parent
        if spec.required and not spec.is_calculated and spec.type is not FieldType.PHOTO and is_relevant(spec, values):
            values[spec.name] = sample_value(spec, values, order, document, photo)
    return values


@pytest.mark.parametrize("form", list(REGISTRY), ids=lambda f: f.id)
def test_every_field_round_trips_through_json(form: FormSpec, tmp_path: Path) -> None:
    source = tmp_path / "source.fieldaudit"
    picture = tmp_path / "p.png"
    from PIL import Image

    Image.new("RGB", (32, 24), (1, 2, 3)).save(picture)
    with AuditDocument.create(source) as document:
        photo = add_photo(document, picture)
        values: dict[str, Any] = {}
        for order, spec in enumerate(form.fields):
            if not spec.is_calculated:
                values[spec.name] = sample_value(spec, values, order, document, photo)
        record = document.records.add(form.id, values)
        for repeat in form.repeats:
            row = {spec.name: sample_value(spec, {}, i, document, photo) for i, spec in enumerate(repeat.fields)}
            document.records.add(f"{form.id}.{repeat.name}", row, parent=record)
        exported = export_records(document)
        original = document.records.get(record)
    target = tmp_path / "target.fieldaudit"
    with AuditDocument.create(target) as document:
        # Photos travel in packages, not JSON: give the target the same photo id first.
        document.connection.execute("ATTACH DATABASE ? AS src", [str(source)])
        document.connection.execute(
            "INSERT INTO record_key (uuid, form) SELECT uuid, ? FROM src.record_index WHERE form_id = 'attachment'",
            [document.records.form_code("attachment", "attachment")],
        )
        document.connection.execute("INSERT INTO attachment SELECT * FROM src.attachment")
        document.connection.execute("DETACH DATABASE src")
        import_records(document, exported["records"], source="roundtrip")
        copy = document.records.get(record)
        assert copy.values == original.values
        assert (copy.revision, copy.form_version, copy.created_at, copy.author) == (
            original.revision,
            original.form_version,
            original.created_at,
            original.author,
        )
        assert [c.values for c in copy.children.get("products", [])] == [
            c.values for c in original.children.get("products", [])
        ]
        assert export_records(document)["records"] == exported["records"]
