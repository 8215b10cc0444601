"""Plain new records are imported column by column: they store and refuse exactly what record by record does.

An import first runs fast (`_Claims(careful=False)`): a form whose records are all plain and new is
added column by column (`RecordStore.add_columns`, each field parsed and checked once per distinct
value). A refusal there only makes the import start again record by record, so the careful run would
hide a fast run that refuses too much: these tests compare the two runs themselves, on two audits
given the same records, value by value.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from audit import jsonio
from audit.document import AuditDocument
from audit.errors import RecordError
from audit.jsonio import _Claims, _import_all, _import_plain, import_records
from audit.row_plan import RowPlan
from forms.spec import Choice, FieldSpec, FieldType, Rule, Text
from forms.validation import Severity, check_fields, parse_value
from tests.audit.test_import_content import _plain, _records, _target, bad_values, stored_content

# Records of an import, {form id: [record, ...]}.
Case = dict[str, list[dict[str, Any]]]
# The forms of the test file whose plain records go column by column.
COLUMNAR = ("production", "lighting", "water_reading")


def _new_id(label: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, label))


def _two_audits(tmp_path: Path) -> list[tuple[AuditDocument, str, bool]]:
    """(audit, its photo id, careful?) twice, each holding the test file's records (meters, units, ...)."""
    audits = []
    for careful in (False, True):
        folder = tmp_path / ("careful" if careful else "fast")
        folder.mkdir()
        document, photo = _target(folder)
        import_records(document, _records(photo), source="every-field.json")
        audits.append((document, photo, careful))
    return audits


def _outcome(document: AuditDocument, photo: str, careful: bool, data: dict[str, list[dict[str, Any]]]) -> str:
    """ "accepted" or "refused", of importing these records (the test file's photo named "PHOTO")."""
    given = {
        form_id: [{key: photo if value == "PHOTO" else value for key, value in entry.items()} for entry in entries]
        for form_id, entries in data.items()
    }
    try:
        _import_all(document, given, "case.json", _Claims(document, "file:case.json", careful=careful))
    except RecordError:
        return "refused"
    return "accepted"


def _compare(tmp_path: Path, cases: list[Case]) -> list[str]:
    """Each case's outcome, the same in both runs, and what both audits hold afterwards, the same too."""
    audits = _two_audits(tmp_path)
    outcomes: list[list[str]] = [[], []]
    for data in cases:
        for index, (document, photo, careful) in enumerate(audits):
            outcomes[index].append(_outcome(document, photo, careful, copy.deepcopy(data)))
    assert outcomes[0] == outcomes[1]
    fast_content, careful_content = (stored_content(document, photo) for document, photo, _ in audits)
    assert fast_content == careful_content
    # stored_content shows every id not in the test file as "new": the ids the cases gave (uuid5) as stored.
    fast_ids, careful_ids = (_given_ids(document) for document, _, _ in audits)
    assert fast_ids == careful_ids
    for document, _, _ in audits:
        document.close()
    return outcomes[0]


def _given_ids(document: AuditDocument) -> list[str]:
    ids = (str(row[0]) for row in document.connection.execute("SELECT uuid FROM record_key"))
    return sorted(record_uuid for record_uuid in ids if uuid.UUID(record_uuid).version == 5)


def test_plain_records_are_added_column_by_column(tmp_path: Path) -> None:
    """The path itself: the test file's plain records of these forms, several times over, go by columns."""
    document, photo = _target(tmp_path)
    with document:
        import_records(document, _records(photo), source="every-field.json")
        plain = _plain(_records(photo))
        for form_id in COLUMNAR:
            entries = [{**plain[form_id], "uuid": _new_id(f"{form_id} {n}")} for n in range(3)]
            entries.append({key: value for key, value in plain[form_id].items() if key != "uuid"})
            claims = _Claims(document, "file:x.json")
            with document.transaction():
                assert _import_plain(document, document.registry[form_id], entries, claims, f"x.json: {form_id}")
            assert document.records.count(form_id) == 2 + 4


def test_every_bad_value_is_refused_column_by_column_as_record_by_record(tmp_path: Path) -> None:
    records = _records("PHOTO")
    plain = _plain(records)
    cases: list[Case] = [
        {form_id: [{**plain[form_id], name: bad, "uuid": _new_id(f"bad value {case}")}]}
        for case, (form_id, name, bad) in enumerate(bad_values(records))
        if form_id in COLUMNAR
    ]
    outcomes = _compare(tmp_path, cases)
    assert outcomes.count("refused") > 20


@pytest.mark.parametrize("held_in_memory", [10_000, 0])
def test_mixed_columns_store_and_refuse_as_record_by_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held_in_memory: int
) -> None:
    """Values of every type in one column, left out, empty, spelled oddly; good and bad ones among them.

    With the audit's ids read at the start of the import, and (0) looked up in the audit instead.
    """
    monkeypatch.setattr(jsonio, "_HELD_IN_MEMORY", held_in_memory)
    reading = _plain(_records("PHOTO"))["water_reading"]
    lighting = _plain(_records("PHOTO"))["lighting"]
    values: list[Any] = [0.0, -0.0, 1, 2.5, " 3,5 ", "4", None, "", True, 1e308, 2**63, -1, -0.5, "nan", [1]]
    values += [float("inf"), float("-inf"), float("nan"), 1e308 * 10]
    resets: list[Any] = [True, False, "yes", "no", 1, 0, None, "maybe", 2, 1.0]
    cases: list[Case] = []
    for n, value in enumerate(values):
        batch = [{**reading, "uuid": _new_id(f"value {n} {k}"), "value": 7.5} for k in range(3)]
        batch[1]["value"] = value
        cases.append({"water_reading": batch})
    for n, reset in enumerate(resets):
        batch = [{**reading, "uuid": _new_id(f"reset {n} {k}")} for k in range(2)]
        batch[0]["register_reset"] = reset
        del batch[1]["register_reset"]  # left out: its default
        cases.append({"water_reading": batch})
    odd_ids = [
        [{**reading, "uuid": _new_id("twice")}, {**reading, "uuid": _new_id("twice"), "value": 9.0}],
        [{**reading, "uuid": _new_id("capitals").upper()}],
        [{**reading, "uuid": "{" + _new_id("braces") + "}"}, {**reading, "uuid": _new_id("beside braces")}],
        [{**reading, "uuid": None}],
        [{**reading, "uuid": 12}],
        [{key: value for key, value in reading.items() if key != "uuid"}] * 2,
        [{**reading, "uuid": _new_id("unknown field"), "no_such_field": 1}],
        [{**reading, "uuid": _new_id("meter missing"), "meter": _new_id("no meter")}],
        [{**reading, "uuid": _new_id("meter spelled"), "meter": reading["meter"].strip("{}").lower()}],
        [{**reading, "uuid": _new_id("children"), "children": {}}],
        [{**reading, "uuid": _new_id("reader"), "reader": 5}, {**reading, "uuid": _new_id("reader 2")}],
    ]
    cases.extend({"water_reading": batch} for batch in odd_ids)
    # An id the audit holds (the file's reading: an update), and one a record of another form of the file has.
    held = _records("PHOTO")["water_reading"][0]["uuid"]
    cases.append({"water_reading": [{**reading, "uuid": held, "value": 11.0}, {**reading, "uuid": _new_id("new")}]})
    meter = {**_plain(_records("PHOTO"))["water_meter"], "uuid": _new_id("meter and reading")}
    cases.append({"water_meter": [meter], "water_reading": [{**reading, "uuid": meter["uuid"]}]})
    # Equal values of different types in one column (1 == 1.0 == True): each parsed and checked as itself.
    for n, (first, second) in enumerate([(1, True), (True, 1), (1.0, True), (0, False), (0.0, -0.0), (1, 1.0)]):
        batch = [{**reading, "uuid": _new_id(f"equal {n} {k}")} for k in range(2)]
        batch[0]["value"], batch[1]["value"] = first, second
        batch[0]["register_reset"], batch[1]["register_reset"] = first, second
        cases.append({"water_reading": batch})
        lights = [{**lighting, "uuid": _new_id(f"equal lights {n} {k}"), "nameplate_photo": "PHOTO"} for k in range(2)]
        lights[0]["quantity"], lights[1]["quantity"] = first, second
        cases.append({"lighting": lights})
    cases.append({"lighting": [{**lighting, "uuid": _new_id("photo"), "nameplate_photo": "PHOTO"}]})
    cases.append({"lighting": [{**lighting, "uuid": _new_id("no photo"), "nameplate_photo": _new_id("nowhere")}]})
    outcomes = _compare(tmp_path, cases)
    assert "accepted" in outcomes
    assert "refused" in outcomes


def test_rows_remembered_as_fine_never_hide_a_problem() -> None:
    """Per-row checks remembered by the values they read answer as `check_fields` does, whatever came before."""
    from forms.registry import default_registry

    records = _records("PHOTO")
    odd: list[Any] = [None, 0, 1, 1.0, True, False, -1, -0.0, 0.5, 1e9, "x", "", "yes"]
    checked = 0
    for form in default_registry():
        plan = RowPlan(form.fields)
        if not plan.per_row or form.id not in records:
            continue
        for entry in records[form.id]:
            values = _parsed(form.fields, entry.get("values", entry))
            for name in plan.per_row_reads:
                for value in odd:
                    row = {**values, name: value}
                    assert _answer(plan._per_row_refuses, row) == _answer(_has_error, plan.per_row, row), (
                        form.id,
                        name,
                        value,
                    )
                    checked += 1
    assert checked > 1000


def test_a_value_remembered_as_fine_does_not_stand_for_an_equal_value_of_another_type() -> None:
    """1 == 1.0 == True, but a rule may tell them apart (`is`): each type is checked on its own."""
    field = FieldSpec(
        "count",
        FieldType.INTEGER,
        Text("Count", "数量"),
        constraints=(Rule("value is not True", Text("Not a yes.", "不是是。")),),
    )
    plan = RowPlan((field,))
    assert plan.per_row == (field,)
    assert plan._per_row_refuses({"count": 1}) is False
    assert plan._per_row_refuses({"count": True}) is True
    assert plan._per_row_refuses({"count": 1}) is False


def test_a_row_remembered_as_fine_does_not_stand_for_one_whose_rules_read_other_values() -> None:
    """A field shown only for some kinds: the same bad value is refused where it is shown."""
    kinds = (Choice("pump", Text("Pump", "泵")), Choice("fan", Text("Fan", "风机")))
    kind = FieldSpec("kind", FieldType.CHOICE, Text("Kind", "类型"), choices=kinds)
    head = FieldSpec("head_m", FieldType.DECIMAL, Text("Head", "扬程"), minimum=0, relevant='kind == "pump"')
    plan = RowPlan((kind, head))
    assert plan._per_row_refuses({"kind": "fan", "head_m": -1.0}) is False
    assert plan._per_row_refuses({"kind": "pump", "head_m": -1.0}) is True


def _answer(check: Callable[..., bool], *args: Any) -> object:
    """What a check answers, or the type of what it raised (a value of a type its field never holds)."""
    try:
        return check(*args)
    except TypeError as error:
        return type(error)


def _has_error(fields: tuple[FieldSpec, ...], row: dict[str, Any]) -> bool:
    return any(p.severity is Severity.ERROR for p in check_fields(fields, row))


def _parsed(fields: Any, raw: dict[str, Any]) -> dict[str, Any]:
    values = {}
    for spec in fields:
        if spec.name in raw:
            try:
                values[spec.name] = parse_value(spec, raw[spec.name])
            except ValueError:
                values[spec.name] = raw[spec.name]
    return values
