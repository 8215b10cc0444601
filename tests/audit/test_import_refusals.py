"""Hostile import files (issue 16, items 6 and 10): each refused in one line, no traceback, the audit unchanged."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.errors import AuditError
from audit.jsonio import import_records
from tests.cli_support import run_cli

MOTOR_UUID = "5b0c3e0e-1111-4111-8111-111111111111"


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def audit_with_motor(tmp_path: Path) -> Path:
    path = tmp_path / "a.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("motor", {"tag": "M-1", "rated_power_kw": 15}, envelope={"uuid": MOTOR_UUID})
    return path


def refused(audit: Path, tmp_path: Path, text: str) -> str:
    """Import `text` through the command line; assert a one-line refusal that left the audit as it was."""
    data = tmp_path / "in.json"
    data.write_text(text, encoding="utf-8")
    before = dump(audit)
    result = run_cli("import", audit, data)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[:2000]
    assert len(lines[0]) < 1000
    assert dump(audit) == before
    return lines[0]


BIG_INTEGERS = [
    ("quantity", "9223372036854775808"),  # 2^63: beyond SQLite's integers
    ("quantity", "9" * 400),
    ("rated_power_kw", "9007199254740993"),  # 2^53 + 1 cannot be a float exactly
    ("rated_power_kw", "9" * 400),  # too large for a float at all
    ("rated_power_kw", "9" * 5000),  # beyond Python's 4,300-digit limit for reading integers
    ("quantity", '"9007199254740993"'),  # as text, it is read through float
]


@pytest.mark.parametrize(("field", "number"), BIG_INTEGERS, ids=lambda v: v[:20])
def test_integers_that_cannot_be_stored_exactly_are_refused(
    audit_with_motor: Path, tmp_path: Path, field: str, number: str
) -> None:
    line = refused(audit_with_motor, tmp_path, f'{{"motor": [{{"tag": "M-2", "{field}": {number}}}]}}')
    assert "too large" in line or "digits" in line


def test_an_integer_above_2_53_is_stored_exactly(audit_with_motor: Path, tmp_path: Path) -> None:
    data = tmp_path / "in.json"
    data.write_text('{"motor": [{"tag": "M-2", "quantity": 9007199254740993}]}', encoding="utf-8")
    assert run_cli("import", audit_with_motor, data).returncode == 0
    connection = sqlite3.connect(audit_with_motor)
    stored = connection.execute("SELECT quantity FROM motor WHERE tag = 'M-2'").fetchone()[0]
    connection.close()
    assert stored == 2**53 + 1


def test_a_revision_of_2_63_or_more_is_refused(audit_with_motor: Path, tmp_path: Path) -> None:
    entry = {"uuid": str(uuid.uuid4()), "revision": 2**63, "values": {"tag": "M-2"}}
    line = refused(audit_with_motor, tmp_path, json.dumps({"records": {"motor": [entry]}}))
    assert "revision" in line


@pytest.mark.parametrize(
    "text",
    [
        '{"motor": [{"tag": "M\\ud800"}]}',
        '{"motor": [{"t\\ud800ag": "M"}]}',
        '{"mo\\udc00tor": [{"tag": "M"}]}',
        '{"records": {"motor": [{"author": "a\\udc00", "values": {"tag": "M"}}]}}',
    ],
    ids=["value", "field name", "form id", "author"],
)
def test_lone_surrogates_are_refused(audit_with_motor: Path, tmp_path: Path, text: str) -> None:
    # refused() asserts exit 1, one line, no traceback and the audit unchanged; the line is the message.
    assert refused(audit_with_motor, tmp_path, text).strip()


def test_a_refusal_does_not_echo_a_huge_value(audit_with_motor: Path, tmp_path: Path) -> None:
    line = refused(audit_with_motor, tmp_path, json.dumps({"motor": [{"tag": "M", "driven_load": "x" * 1_000_000}]}))
    assert "characters)" in line


def test_another_format_or_a_newer_format_version_is_refused(audit_with_motor: Path, tmp_path: Path) -> None:
    assert "format" in refused(audit_with_motor, tmp_path, '{"format": "zip", "records": {"motor": []}}')
    line = refused(
        audit_with_motor, tmp_path, '{"format": "fieldaudit-records", "format_version": 2, "records": {"motor": []}}'
    )
    assert "version 2" in line


def test_an_entry_carrying_another_forms_uuid_is_refused_naming_both(audit_with_motor: Path, tmp_path: Path) -> None:
    entry = {"uuid": MOTOR_UUID, "revision": 5, "values": {"tag": "P-1"}}
    line = refused(audit_with_motor, tmp_path, json.dumps({"records": {"pump": [entry]}}))
    assert "motor" in line and "pump" in line


def test_one_uuid_under_two_forms_is_refused_naming_both(audit_with_motor: Path, tmp_path: Path) -> None:
    same = str(uuid.uuid4())
    line = refused(audit_with_motor, tmp_path, json.dumps({"fan": [{"uuid": same}], "pump": [{"uuid": same}]}))
    assert "fan" in line and "pump" in line


def test_braced_and_plain_spellings_are_one_record(audit_with_motor: Path, tmp_path: Path) -> None:
    braced = "{" + MOTOR_UUID.upper() + "}"
    line = refused(audit_with_motor, tmp_path, json.dumps({"pump": [{"uuid": braced, "tag": "P-1"}]}))
    assert "motor" in line and "pump" in line
    # Under its own form, the braced spelling updates the record instead of adding a second one.
    data = tmp_path / "same.json"
    data.write_text(
        json.dumps({"records": {"motor": [{"uuid": braced, "revision": 2, "values": {"location": "泵房"}}]}}),
        encoding="utf-8",
    )
    assert run_cli("import", audit_with_motor, data).returncode == 0
    connection = sqlite3.connect(audit_with_motor)
    rows = connection.execute("SELECT uuid, location FROM motor").fetchall()
    connection.close()
    assert rows == [(MOTOR_UUID, "泵房")]


def _unit_chain(count: int) -> list[dict[str, object]]:
    """A chain of water units, each the parent of the next, listed child first."""
    uuids = [str(uuid.uuid4()) for _ in range(count)]
    units: list[dict[str, object]] = [{"uuid": uuids[0], "name": "全厂", "level": "1", "unit_type": "production"}]
    for index in range(1, count):
        level = "2" if index == 1 else "3"
        units.append(
            {
                "uuid": uuids[index],
                "name": f"U{index}",
                "level": level,
                "parent_unit": uuids[index - 1],
                "unit_type": "production",
            }
        )
    units.reverse()
    return units


def test_children_listed_before_parents_import_in_linear_time(tmp_path: Path) -> None:
    """Resolving references in passes took quadratic time (2,000 units: 193 s); one map makes it linear."""
    timings = []
    for count in (500, 2000):
        path = tmp_path / f"chain{count}.fieldaudit"
        with AuditDocument.create(path) as document:
            started = time.perf_counter()
            result = import_records(document, {"water_unit": _unit_chain(count)}, source="chain.json")
            timings.append(time.perf_counter() - started)
            assert result.added == count
            assert document.records.count("water_unit") == count
    print(f"child-first water units: 500 in {timings[0]:.2f} s, 2000 in {timings[1]:.2f} s")
    # Four times the units: linear is about 4x the time; quadratic was 16x. Allow for a busy machine.
    assert timings[1] < 8 * timings[0] + 0.5


def test_a_cycle_of_units_is_refused_naming_an_entry(tmp_path: Path) -> None:
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    units = [
        {"uuid": first, "name": "A", "level": "2", "parent_unit": second, "unit_type": "production"},
        {"uuid": second, "name": "B", "level": "2", "parent_unit": first, "unit_type": "production"},
    ]
    with AuditDocument.create(tmp_path / "c.fieldaudit") as document:
        with pytest.raises(AuditError) as refusal:
            import_records(document, {"water_unit": units}, source="cycle.json")
        assert "cycle.json: water_unit[" in refusal.value.message.en
        assert document.records.count("water_unit") == 0


def test_the_create_entry_refers_to_the_first_revision_instead_of_repeating_values(document: AuditDocument) -> None:
    """The change log no longer repeats every value of a new row; the first revision is still recoverable."""
    record = document.records.add("motor", {"tag": "M-1", "rated_power_kw": 15, "location": "泵房"})
    document.records.update(record, {"rated_power_kw": 18.5})
    history = document.records.history(record)
    create = history[0]
    assert (create["operation"], create["revision"], create["new_value"], create["field"]) == ("create", 1, None, None)
    # Revision 1 = the row now, with each later change undone (newest first).
    first = dict(document.records.get(record).values)
    for entry in reversed(history[1:]):
        first[entry["field"]] = entry["old_value"]
    assert (first["tag"], first["rated_power_kw"], first["location"]) == ("M-1", 15.0, "泵房")
