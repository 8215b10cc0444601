"""What an import stores, compared with what FieldAudit stored for the same file before import was made faster.

tests/audit/data/import_every_field.json holds a record of every form with a value in every field, twice:
as exported (with envelopes) and as hand-written plain records whose values are spelled the way people
type them (numbers as text, padded text, "yes", "{ID}" in capitals, choices as "a,b", seconds on times).
import_every_field.stored.json is what main's code at 76a595e (before this round of import work, issue 15) stored
for it: every form table, the record index, the merge bases and each record's history, and the
refusal (English and Chinese) of one bad value of every field. Regenerate it only for an intended
change of what import stores, and say so in the commit.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

from audit.attachments import add_photo
from audit.clock import FixedClock
from audit.document import AuditDocument
from audit.errors import AuditError
from audit.jsonio import import_records
from audit.schema import child_table
from forms.spec import FieldType

DATA = Path(__file__).parent / "data"
INPUT = DATA / "import_every_field.json"
EXPECTED = DATA / "import_every_field.stored.json"
# The id the file gives its photo; the target's own photo takes its place before the import.
PHOTO = "00000000-0000-4000-8000-00000000feed"
# One bad value per field type (parsed values) and per check (range, pattern).
BAD_BY_TYPE: dict[FieldType, Any] = {
    FieldType.INTEGER: "x1",
    FieldType.DECIMAL: "1,5",
    FieldType.TEXT: "bad\x01text",
    FieldType.CHOICE: "no_such_choice",
    FieldType.MULTI_CHOICE: ["no_such_choice"],
    FieldType.BOOLEAN: "maybe",
    FieldType.DATE: "2025-13-01",
    FieldType.DATETIME: "noon",
    FieldType.REFERENCE: "00000000-0000-4000-8000-000000000bad",
    FieldType.PHOTO: "00000000-0000-4000-8000-000000000bad",
}


def _target(tmp_path: Path) -> tuple[AuditDocument, str]:
    from PIL import Image

    picture = tmp_path / "p.png"
    Image.new("RGB", (32, 24), (1, 2, 3)).save(picture)
    document = AuditDocument.create(tmp_path / "target.fieldaudit", author="importer")
    document.clock = FixedClock()
    return document, str(add_photo(document, picture))


def _records(photo: str) -> dict[str, list[Any]]:
    data: dict[str, list[Any]] = json.loads(INPUT.read_text(encoding="utf-8").replace(PHOTO, photo))["records"]
    return data


def stored_content(document: AuditDocument, photo: str) -> dict[str, Any]:
    """Every row the import wrote that a user's audit holds (form tables, index, merge bases, history).

    The photo's id reads as in the file, and ids the import made up (repeat rows without one) as "new".
    """
    tables = ["record_index", "merge_base"]
    for form in document.registry:
        tables.append(form.id)
        tables.extend(child_table(form, repeat) for repeat in form.repeats)
    in_file = set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", INPUT.read_text()))
    uuids = [str(row[0]) for row in document.connection.execute("SELECT uuid FROM record_index")]
    shown = {uuid: "new" for uuid in uuids if uuid not in in_file} | {photo: PHOTO}
    content: dict[str, Any] = {}
    for table in tables:
        rows = document.connection.execute(f'SELECT * FROM "{table}"')
        content[table] = sorted(([_shown(shown, value) for value in row] for row in rows), key=repr)
    history = [
        [shown.get(uuid, uuid), [{k: _shown(shown, v) for k, v in entry.items() if k != "id"} for entry in entries]]
        for uuid in uuids
        if (entries := document.records.history(uuid))
    ]
    content["history"] = sorted(history, key=repr)
    loaded: dict[str, Any] = json.loads(json.dumps(content, ensure_ascii=False))
    return loaded


def _shown(shown: dict[str, str], value: Any) -> Any:
    return shown.get(value, value) if isinstance(value, str) else value


def _plain(records: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
    """{form id: its first plain record} of the forms the file has plain records of."""
    return {
        form_id: plain[0]
        for form_id, entries in records.items()
        if (plain := [e for e in entries if "values" not in e])
    }


def bad_values(records: dict[str, list[Any]]) -> list[tuple[str, str, Any]]:
    """(form id, field, bad value) for every field of every plain record's form, and range and pattern breaks."""
    from forms.registry import default_registry

    registry = default_registry()
    cases: list[tuple[str, str, Any]] = []
    for form_id in _plain(records):
        for spec in registry[form_id].fields:
            if spec.is_calculated:
                continue
            cases.append((form_id, spec.name, BAD_BY_TYPE[spec.type]))
            if spec.minimum is not None:
                cases.append((form_id, spec.name, spec.minimum - 1))
            if spec.maximum is not None:
                cases.append((form_id, spec.name, spec.maximum + 1))
            if spec.pattern:
                cases.append((form_id, spec.name, "!!"))
    return cases


def refusals(document: AuditDocument, photo: str) -> list[list[str]]:
    """[form, field, English message, Chinese message] of importing each plain record with one bad value."""
    records = _records(photo)
    plain = _plain(records)
    found: list[list[str]] = []
    for case, (form_id, name, bad) in enumerate(bad_values(records)):
        # A new id for each: an accepted case must not turn the next one into an update.
        entry = {**plain[form_id], name: bad, "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"bad value {case}"))}
        try:
            import_records(document, {form_id: [entry]}, source="bad.json")
        except AuditError as error:
            message = getattr(error, "message", None)
            found.append([form_id, name, str(getattr(message, "en", error)), str(getattr(message, "zh", error))])
        else:
            found.append([form_id, name, "accepted", "accepted"])
    return found


def test_an_import_stores_what_it_stored_before(tmp_path: Path) -> None:
    document, photo = _target(tmp_path)
    with document:
        result = import_records(document, _records(photo), source="every-field.json")
        content = stored_content(document, photo)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert result.added == len(expected["content"]["record_index"]) - 1  # all but the photo
    for table, rows in expected["content"].items():
        assert content[table] == rows, table


def test_bad_values_are_refused_with_the_messages_of_before(tmp_path: Path) -> None:
    document, photo = _target(tmp_path)
    with document:
        found = refusals(document, photo)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["refusals"]
    assert len(found) == len(expected) > 100
    for case, (mine, theirs) in enumerate(zip(found, expected, strict=True)):
        assert mine == theirs, case
