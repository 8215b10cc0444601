"""Applying someone else's revision: stored as it came, import converges, conflicts kept and settled."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from audit.clock import FixedClock
from audit.conflicts import Choice, base_before_settling, count_conflicts, list_conflicts, settle, unsettle
from audit.document import AuditDocument
from audit.history import record_history
from audit.jsonio import export_records, import_records, read_import
from audit.merge import MergeAction, RemoteEnvelope
from audit.schema import SCHEMA_VERSION

SCHEMA2_FIXTURE = Path(__file__).parent / "data" / "schema2_merge_fixture.fieldaudit.gz"


def _open(path: Path, author: str, start: dt.datetime) -> AuditDocument:
    document = AuditDocument.create(path, author=author)
    document.clock = FixedClock(start)
    return document


@pytest.fixture
def auditor(tmp_path: Path) -> Iterator[AuditDocument]:
    document = _open(tmp_path / "auditor.fieldaudit", "li.auditor", dt.datetime(2026, 11, 2, 9, 0))
    yield document
    document.close()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[AuditDocument]:
    document = _open(tmp_path / "office.fieldaudit", "wang.office", dt.datetime(2026, 11, 20, 14, 0))
    yield document
    document.close()


def later(document: AuditDocument, minutes: int = 5) -> None:
    clock = document.clock
    assert isinstance(clock, FixedClock)
    clock.advance(minutes * 60)


def send(source: AuditDocument, target: AuditDocument, tmp_path: Path, name: str = "sent.json") -> Any:
    """Export `source` to a file and import the file into `target`, as the command line does."""
    path = tmp_path / name
    path.write_text(json.dumps(export_records(source), ensure_ascii=False), encoding="utf-8")
    data = read_import(path)
    return import_records(target, data.records, source=str(path), origin=data.origin)


def export_file(source: AuditDocument, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(export_records(source), ensure_ascii=False), encoding="utf-8")
    return path


def receive(target: AuditDocument, path: Path) -> Any:
    data = read_import(path)
    return import_records(target, data.records, source=str(path), origin=data.origin)


def conflicting_motor(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path, *auditor_powers_kw: float
) -> tuple[str, Path]:
    """A motor sent to the office, changed there to 37 kW, and at the auditor's to each of `auditor_powers_kw`.

    Returns the motor and the auditor's export of it (not yet received).
    """
    motor = auditor.records.add("motor", {"tag": "M-07", "rated_power_kw": 30})
    send(auditor, office, tmp_path, "one.json")
    office.records.update(motor, {"rated_power_kw": 37})
    for power in auditor_powers_kw:
        later(auditor)
        auditor.records.update(motor, {"rated_power_kw": power})
    return motor, export_file(auditor, tmp_path, "two.json")


def test_importing_the_same_file_twice_changes_nothing(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor = auditor.records.add("motor", {"tag": "M-07", "rated_power_kw": 30})
    enterprise = auditor.records.add("enterprise", {"name": "绍兴印染厂"})
    auditor.records.add("enterprise.products", {"product_name": "印染布"}, parent=enterprise)
    path = export_file(auditor, tmp_path, "audit.json")
    first = receive(office, path)
    assert (first.added, first.updated, first.conflicts) == (3, 0, 0)
    log_rows = office.connection.execute("SELECT count(*) FROM change_log").fetchone()[0]
    second = receive(office, path)
    assert (second.added, second.updated, second.unchanged, second.conflicts) == (0, 0, 3, 0)
    assert office.connection.execute("SELECT count(*) FROM change_log").fetchone()[0] == log_rows
    assert office.records.get(motor).revision == 1


def test_an_auditors_revision_5_is_stored_as_revision_5_by_the_auditor(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor = auditor.records.add("motor", {"tag": "M-07", "rated_power_kw": 30})
    send(auditor, office, tmp_path, "first.json")
    for power in (37, 45, 55, 75):
        later(auditor)
        auditor.records.update(motor, {"rated_power_kw": power})
    result = send(auditor, office, tmp_path, "second.json")
    assert (result.updated, result.unchanged) == (1, 0)
    mine, theirs = office.records.get(motor), auditor.records.get(motor)
    assert (mine.revision, mine.author, mine.modified_at) == (5, "li.auditor", theirs.modified_at)
    assert mine["rated_power_kw"] == 75
    [merge] = [row for row in office.records.history(motor) if row["operation"] == "merge"]
    assert (merge["field"], merge["old_value"], merge["new_value"]) == ("rated_power_kw", 30, 75)
    assert (merge["author"], merge["revision"]) == ("li.auditor", 5)
    assert merge["origin"] == f"audit:{auditor.meta('audit_uuid')}"
    shown = record_history(office, motor)
    newest = shown[0]
    assert (newest.operation.en, newest.author, newest.old.en, newest.new.en) == (
        "Merged from another copy",
        "li.auditor",
        "30",
        "75",
    )
    assert shown[-1].operation.en == "Created" and shown[-1].author == "li.auditor" and "M-07" in shown[-1].new.en


def test_revisions_arriving_out_of_order_leave_the_newest_and_never_resurrect_a_tombstone(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor = auditor.records.add("motor", {"tag": "M-07", "rated_power_kw": 30})
    older = export_file(auditor, tmp_path, "older.json")
    later(auditor)
    auditor.records.update(motor, {"rated_power_kw": 37})
    later(auditor)
    auditor.records.delete(motor)
    newer = export_file(auditor, tmp_path, "newer.json")
    assert receive(office, newer).added == 1
    result = receive(office, older)
    assert (result.updated, result.unchanged, result.conflicts) == (0, 1, 0)
    record = office.records.get(motor)
    assert record.deleted and record.revision == 3 and record["rated_power_kw"] == 37


def test_a_newer_delete_applies_and_a_restore_travels_back(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor = auditor.records.add("motor", {"tag": "M-07"})
    send(auditor, office, tmp_path, "one.json")
    later(auditor)
    auditor.records.delete(motor)
    assert send(auditor, office, tmp_path, "two.json").updated == 1
    assert office.records.get(motor).deleted and office.records.list("motor") == []
    later(auditor)
    auditor.records.restore(motor)
    send(auditor, office, tmp_path, "three.json")
    assert not office.records.get(motor).deleted
    operations = [row["operation"] for row in office.records.history(motor)]
    assert operations == ["create", "delete", "restore"]


def test_an_edit_on_both_sides_is_kept_in_both_versions_and_listed(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor = auditor.records.add("motor", {"tag": "M-07", "rated_power_kw": 30, "location": "泵房"})
    send(auditor, office, tmp_path, "one.json")
    office.records.update(motor, {"rated_power_kw": 37})
    later(auditor)
    auditor.records.update(motor, {"rated_power_kw": 45})
    path = export_file(auditor, tmp_path, "two.json")
    assert receive(office, path).conflicts == 1
    assert office.records.get(motor)["rated_power_kw"] == 37  # the local version stays
    [conflict] = list_conflicts(office)
    assert conflict.record_uuid == motor and conflict.their_values["rated_power_kw"] == 45
    assert (conflict.theirs.revision, conflict.theirs.author) == (2, "li.auditor")
    assert conflict.differing_fields() == ["rated_power_kw"]
    # The same file again: still one conflict, nothing overwritten.
    assert receive(office, path).conflicts == 1
    assert count_conflicts(office) == 1 and office.records.get(motor)["rated_power_kw"] == 37


def test_taking_theirs_stores_their_version_and_the_file_then_changes_nothing(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor, path = conflicting_motor(auditor, office, tmp_path, 45, 55)
    receive(office, path)
    [conflict] = list_conflicts(office)
    changes = settle(office, motor, conflict.source, Choice.THEIRS)
    assert motor in changes.edited and count_conflicts(office) == 0
    record = office.records.get(motor)
    assert (record["rated_power_kw"], record.revision, record.author) == (55, 3, "li.auditor")
    assert receive(office, path).unchanged == 1 and count_conflicts(office) == 0
    # Back at the auditor, the office's copy is the auditor's own version: nothing to do.
    assert send(office, auditor, tmp_path, "back.json").updated == 0
    assert auditor.records.get(motor)["rated_power_kw"] == 55


def test_taking_mine_keeps_the_local_values_as_a_revision_above_both(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor, path = conflicting_motor(auditor, office, tmp_path, 45)
    receive(office, path)
    [conflict] = list_conflicts(office)
    settle(office, motor, conflict.source, Choice.MINE)
    record = office.records.get(motor)
    assert (record["rated_power_kw"], record.revision, record.author) == (37, 3, "wang.office")
    assert receive(office, path).unchanged == 1 and count_conflicts(office) == 0
    history = office.records.history(motor)
    assert history[-1]["operation"] == "settle" and history[-1]["origin"] == conflict.source
    with pytest.raises(Exception, match="No open conflict"):
        settle(office, motor, conflict.source, Choice.MINE)


def test_delete_against_edit_is_a_conflict_and_taking_theirs_deletes(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor, _ = conflicting_motor(auditor, office, tmp_path)
    later(auditor)
    auditor.records.delete(motor)
    assert send(auditor, office, tmp_path, "two.json").conflicts == 1
    assert not office.records.get(motor).deleted
    [conflict] = list_conflicts(office)
    assert conflict.theirs.deleted
    settle(office, motor, conflict.source, Choice.THEIRS)
    assert office.records.get(motor).deleted


def test_the_same_change_on_both_sides_is_no_conflict(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor = auditor.records.add("motor", {"tag": "M-07", "rated_power_kw": 30})
    send(auditor, office, tmp_path, "one.json")
    office.records.update(motor, {"rated_power_kw": 45})
    later(auditor)
    auditor.records.update(motor, {"rated_power_kw": 45})
    result = send(auditor, office, tmp_path, "two.json")
    assert result.conflicts == 0 and count_conflicts(office) == 0
    send(office, auditor, tmp_path, "back.json")
    a, b = auditor.records.get(motor), office.records.get(motor)
    assert (a.revision, a.author, a.modified_at) == (b.revision, b.author, b.modified_at)


def test_repeat_rows_travel_with_their_edits_additions_and_tombstones(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    enterprise = auditor.records.add("enterprise", {"name": "绍兴印染厂"})
    cloth = auditor.records.add("enterprise.products", {"product_name": "印染布"}, parent=enterprise)
    yarn = auditor.records.add("enterprise.products", {"product_name": "纱线"}, parent=enterprise)
    send(auditor, office, tmp_path, "one.json")
    later(auditor)
    auditor.records.update(cloth, {"product_name": "印染布（棉）", "annual_output": 1200})
    auditor.records.delete(yarn)
    dye = auditor.records.add("enterprise.products", {"product_name": "染料"}, parent=enterprise)
    result = send(auditor, office, tmp_path, "two.json")
    assert (result.added, result.updated, result.conflicts) == (1, 2, 0)
    rows = {row.uuid: row for row in office.records.children(enterprise, "enterprise", "products", True)}
    assert rows[cloth]["product_name"] == "印染布（棉）" and rows[cloth]["annual_output"] == 1200
    assert rows[yarn].deleted and not rows[dye].deleted and rows[dye].revision == 1
    # An older copy of the rows arriving later does not bring the deleted one back.
    assert receive(office, tmp_path / "one.json").updated == 0
    assert office.records.get(yarn).deleted


def test_a_repeat_row_changed_on_both_sides_is_a_conflict(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    enterprise = auditor.records.add("enterprise", {"name": "绍兴印染厂"})
    cloth = auditor.records.add("enterprise.products", {"product_name": "印染布"}, parent=enterprise)
    send(auditor, office, tmp_path, "one.json")
    office.records.update(cloth, {"annual_output": 900})
    later(auditor)
    auditor.records.update(cloth, {"annual_output": 1200})
    assert send(auditor, office, tmp_path, "two.json").conflicts == 1
    [conflict] = list_conflicts(office)
    assert conflict.form_id == "enterprise.products" and conflict.their_values["annual_output"] == 1200
    assert office.records.get(cloth)["annual_output"] == 900


def test_apply_remote_refuses_a_record_of_another_form(auditor: AuditDocument) -> None:
    motor = auditor.records.add("motor", {"tag": "M-07"})
    pump = RemoteEnvelope(motor, "pump", 1, 2, "x", "2026-11-02T09:00:00", "2026-11-02T09:00:00", "draft", False)
    with pytest.raises(Exception, match="is a motor record here"):
        auditor.records.apply_remote(pump, {"tag": "P-1"}, "test")
    assert auditor.records.get(motor).revision == 1


def test_apply_remote_says_what_it_decided(auditor: AuditDocument) -> None:
    envelope = RemoteEnvelope(
        "0d9d4c0e-2a7e-4d55-8a57-2b8b4f0e1a11",
        "note",
        1,
        4,
        "li.auditor",
        "2026-11-02T09:00:00",
        "2026-11-02T10:00:00",
        "draft",
        False,
    )
    inserted = auditor.records.apply_remote(envelope, {"title": "锅炉房漏汽"}, "test")
    assert inserted.action is MergeAction.INSERT and envelope.uuid in inserted.record_uuids
    again = auditor.records.apply_remote(envelope, {"title": "锅炉房漏汽"}, "test")
    assert again.action is MergeAction.UNCHANGED and not again
    note = auditor.records.get(envelope.uuid)
    assert (note.revision, note.author, note.created_at) == (4, "li.auditor", "2026-11-02T09:00:00")
    assert note["category"] is None  # stored as it came: no default filled in


def test_an_audit_of_schema_2_is_upgraded_and_then_merges(tmp_path: Path) -> None:
    path = tmp_path / "schema2.fieldaudit"
    with gzip.open(SCHEMA2_FIXTURE) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    with AuditDocument.open(path, read_only=True) as document:
        assert document.schema_version() == 2 and list_conflicts(document) == []
        assert document.records.get("6f1f5a6e-1d2b-4c1e-9a3e-0d6b1a2c3d4e")["rated_power_kw"] == 37
    with AuditDocument.open(path, author="wang.office") as document:
        assert document.schema_version() == SCHEMA_VERSION
        motor = document.records.get("6f1f5a6e-1d2b-4c1e-9a3e-0d6b1a2c3d4e")
        assert (motor["rated_power_kw"], motor.revision, motor.author) == (37, 2, "li.auditor")
        assert [row["operation"] for row in document.records.history(motor.uuid)] == ["create", "update"]
        newer = RemoteEnvelope(
            motor.uuid, "motor", 1, 3, "li.auditor", motor.created_at, "2026-11-03T10:00:00", "draft", False
        )
        # Edited here (revision 2) and never merged from this source: both sides may have changed it.
        merged = document.records.apply_remote(newer, {"tag": "M-07", "rated_power_kw": 45}, "audit:other")
        assert merged.action is MergeAction.CONFLICT
        [conflict] = list_conflicts(document)
        assert conflict.their_values["rated_power_kw"] == 45 and document.records.get(motor.uuid).revision == 2
        settle(document, motor.uuid, "audit:other", Choice.THEIRS)
        assert document.records.get(motor.uuid)["rated_power_kw"] == 45
        products = document.records.get("0b7c2f4e-8d1a-4e5b-9c3f-2a1b0c9d8e7f").children["products"]
        assert [row["product_name"] for row in products] == ["印染布"]


def test_undoing_a_settlement_brings_back_the_local_version_and_the_conflict(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor, path = conflicting_motor(auditor, office, tmp_path, 45)
    receive(office, path)
    [conflict] = list_conflicts(office)
    base = base_before_settling(office, conflict)
    settle(office, motor, conflict.source, Choice.THEIRS)
    assert office.records.get(motor)["rated_power_kw"] == 45
    changes = unsettle(office, conflict, base)
    assert motor in changes.edited
    assert office.records.get(motor)["rated_power_kw"] == 37
    [again] = list_conflicts(office)
    assert again.their_values == conflict.their_values and again.theirs == conflict.theirs
    # The base is back too: the same file is still a conflict, not an update or "already seen".
    assert receive(office, path).conflicts == 1
    settle(office, motor, conflict.source, Choice.MINE)
    assert office.records.get(motor)["rated_power_kw"] == 37 and count_conflicts(office) == 0


def test_records_received_cost_no_log_or_base_row_and_history_still_shows_who_created_them(
    auditor: AuditDocument, office: AuditDocument, tmp_path: Path
) -> None:
    motor = auditor.records.add("motor", {"tag": "M-07", "rated_power_kw": 30})
    receive(office, export_file(auditor, tmp_path, "audit.json"))
    # Issue 15 (file size): the creation is the record's envelope; the base shared with the auditor
    # is the revision it came at.
    counted = "SELECT (SELECT count(*) FROM change_log), (SELECT count(*) FROM merge_base)"
    assert office.connection.execute(counted).fetchone() == (0, 0)
    created = [(e.operation.en, e.author, e.changed_at, e.new) for e in record_history(office, motor)]
    assert [entry[:3] for entry in created] == [("Created", "li.auditor", "2026-11-02 09:00:00")]
    later(office)
    office.records.update(motor, {"rated_power_kw": 37})
    # The first change logs the creation first: who created the record, when and with which values
    # stays in its history as it was shown before.
    history = [(e.operation.en, e.author, e.changed_at, e.new) for e in record_history(office, motor)]
    assert history[1:] == created and "M-07" in created[0][3].en and "37" not in created[0][3].en
    assert history[0][:3] == ("Changed", "wang.office", "2026-11-20 14:05:00") and history[0][3].en == "37"
    # The office's edit goes back to the auditor as an edit made after the shared revision 1.
    back = receive(auditor, export_file(office, tmp_path, "back.json"))
    assert (back.updated, back.conflicts) == (1, 0)
    assert auditor.records.get(motor)["rated_power_kw"] == 37
