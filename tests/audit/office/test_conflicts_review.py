"""Settling conflicts (take office, take package, edit) and the review workflow."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.office.conflicts import Choice, ConflictError, edit_record, open_conflicts, settle_conflict
from audit.office.database import OfficeDatabase
from audit.office.importing import merge_package
from audit.office.records import stored_records
from audit.office.review import ReviewError, ReviewStatus, find_audit, parse_status, review_history, set_review
from tests.audit.office.json_packages import package_of
from tests.cli_support import run_cli


def _conflicted(office: OfficeDatabase, document: AuditDocument) -> tuple[str, str]:
    """The office corrects a motor's location while the auditor changes its power: one conflict."""
    motor = document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
    first = package_of(document, 1)
    merge_package(office, first, "1.zip")
    edit_record(office, first.audit_uuid, motor, {"location": "printing"})
    document.records.update(motor, {"rated_power_kw": 18.5})
    outcome = merge_package(office, package_of(document, 2), "2.zip")
    assert outcome.counts is not None and outcome.counts.conflicts == 1
    return first.audit_uuid, motor


def test_an_office_edit_and_an_auditor_edit_are_both_kept(office: OfficeDatabase, document: AuditDocument) -> None:
    audit_uuid, motor = _conflicted(office, document)
    (conflict,) = open_conflicts(office)
    assert conflict.local.values["location"] == "printing" and conflict.local.author == "officer"
    assert conflict.incoming.values["rated_power_kw"] == 18.5
    assert conflict.differing_fields() == ["location", "rated_power_kw"]
    assert stored_records(office, audit_uuid)[motor].values["location"] == "printing"


def test_take_package_then_an_unchanged_later_package_changes_nothing(
    office: OfficeDatabase, document: AuditDocument
) -> None:
    audit_uuid, motor = _conflicted(office, document)
    (conflict,) = open_conflicts(office)
    settle_conflict(office, conflict.id, Choice.PACKAGE)
    held = stored_records(office, audit_uuid)[motor]
    assert held.values == {**conflict.incoming.values} and held.revision == conflict.incoming.revision
    outcome = merge_package(office, package_of(document, 3), "3.zip")
    assert outcome.counts is not None and outcome.counts.conflicts == 0 and outcome.counts.applied == 0
    assert open_conflicts(office) == []
    with pytest.raises(ConflictError, match="was settled by officer"):
        settle_conflict(office, conflict.id, Choice.OFFICE)


def test_take_office_keeps_it_until_the_auditor_changes_the_record_again(
    office: OfficeDatabase, document: AuditDocument
) -> None:
    audit_uuid, motor = _conflicted(office, document)
    (conflict,) = open_conflicts(office)
    kept = settle_conflict(office, conflict.id, Choice.OFFICE)
    assert kept.values["location"] == "printing" and kept.revision > conflict.incoming.revision
    merge_package(office, package_of(document, 3), "3.zip")
    assert open_conflicts(office) == []
    assert stored_records(office, audit_uuid)[motor].values["location"] == "printing"
    document.records.update(motor, {"rated_power_kw": 22})
    outcome = merge_package(office, package_of(document, 4), "4.zip")
    assert outcome.counts is not None and outcome.counts.conflicts == 1


def test_edit_writes_a_version_from_both_and_refuses_a_bad_value(
    office: OfficeDatabase, document: AuditDocument
) -> None:
    audit_uuid, motor = _conflicted(office, document)
    (conflict,) = open_conflicts(office)
    with pytest.raises(Exception, match="rated_power_kw"):
        settle_conflict(office, conflict.id, Choice.EDIT, {"rated_power_kw": -1})
    assert len(open_conflicts(office)) == 1
    settle_conflict(office, conflict.id, Choice.EDIT, {"rated_power_kw": 18.5})
    held = stored_records(office, audit_uuid)[motor]
    assert (held.values["location"], held.values["rated_power_kw"]) == ("printing", 18.5)


def test_review_workflow(office: OfficeDatabase, document: AuditDocument) -> None:
    audit_uuid, _ = _conflicted(office, document)
    with pytest.raises(ReviewError, match="comment"):
        set_review(office, audit_uuid, ReviewStatus.HAS_ISSUES)
    set_review(office, audit_uuid, parse_status("has-issues"), "Motor M-1: nameplate photo missing")
    with pytest.raises(ReviewError, match="1 conflict"):
        set_review(office, audit_uuid, ReviewStatus.ACCEPTED)
    settle_conflict(office, open_conflicts(office)[0].id, Choice.PACKAGE)
    set_review(office, find_audit(office, audit_uuid[:8]), parse_status("已通过"))
    history = [entry.status for entry in review_history(office, audit_uuid)]
    assert history == [ReviewStatus.RECEIVED, ReviewStatus.RECEIVED, ReviewStatus.HAS_ISSUES, ReviewStatus.ACCEPTED]
    status = office.connection.execute("SELECT review_status FROM audit").fetchone()[0]
    assert status == "accepted"
    merge_package(office, package_of(document, 3), "3.zip")
    assert office.connection.execute("SELECT review_status FROM audit").fetchone()[0] == "received"


def test_conflicts_settle_and_review_from_the_command_line(tmp_path: Path, document: AuditDocument) -> None:
    path = tmp_path / "cli.office"
    with OfficeDatabase.create(path, officer="officer") as office:
        audit_uuid, _ = _conflicted(office, document)
    listed = run_cli("office", "conflicts", path)
    assert listed.returncode == 0 and "1 open conflict(s)." in listed.stdout
    conflict_id = listed.stdout.split("\t", 1)[0]
    assert "rated_power_kw" in listed.stdout and "location" in listed.stdout
    refused = run_cli("office", "review", path, audit_uuid[:8], "accepted", language="zh")
    assert refused.returncode == 1 and "冲突未处理" in refused.stderr
    assert run_cli("office", "settle", path, conflict_id, "package").returncode == 0
    accepted = run_cli("office", "review", path, audit_uuid, "accepted")
    assert accepted.returncode == 0, accepted.stderr
    assert "0 open conflict(s)." in run_cli("office", "conflicts", path).stdout
    with OfficeDatabase.open(path) as office:
        assert [entry.status for entry in review_history(office, audit_uuid)][-1] is ReviewStatus.ACCEPTED
