"""Merging packages into the office: in and out of order, conflicts, tombstones, replays, refusals."""

from __future__ import annotations

import hashlib
from pathlib import Path

from audit.analysis import analyse, load_inputs
from audit.document import AuditDocument
from audit.jsonio import export_records
from audit.office.database import OfficeDatabase
from audit.office.importing import merge_package
from audit.office.records import analysis_inputs, records_json, stored_records
from audit.results import to_json
from tests.audit.office.json_packages import JsonPackage, package_of


def _digest(path: Path) -> str:
    parts = [path, Path(f"{path}-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


def test_demo_round_trip_gives_the_audits_own_numbers(office: OfficeDatabase, demo_path: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        package = package_of(document, revision=1)
        expected = to_json(analyse(load_inputs(document)))
    outcome = merge_package(office, package, "demo.zip")
    assert outcome.merged and outcome.counts is not None
    assert outcome.counts.inserted == len(stored_records(office, package.audit_uuid)) > 100
    assert to_json(analyse(analysis_inputs(office, package.audit_uuid))) == expected
    name, code = office.connection.execute("SELECT enterprise_name, credit_code FROM audit").fetchone()
    assert name and len(code) == 18


def _three_revisions(document: AuditDocument) -> tuple[JsonPackage, JsonPackage, JsonPackage, str]:
    motor = document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
    first = package_of(document, 1)
    document.records.update(motor, {"rated_power_kw": 18.5})
    second = package_of(document, 2)
    document.records.delete(motor)
    third = package_of(document, 3)
    return first, second, third, motor


def test_revisions_in_and_out_of_order_end_the_same(tmp_path: Path, document: AuditDocument) -> None:
    packages = _three_revisions(document)[:3]
    held = []
    for order in ((0, 1, 2), (2, 0, 1), (1, 2, 0)):
        with OfficeDatabase.create(tmp_path / f"{order}.office") as office:
            for index in order:
                assert merge_package(office, packages[index], f"{index}.zip").merged
            held.append(records_json(office, packages[0].audit_uuid))
            conflicts = office.connection.execute("SELECT count(*) FROM conflict").fetchone()[0]
            assert conflicts == 0
    assert held[0] == held[1] == held[2]


def test_a_deleted_record_is_not_resurrected_by_an_older_package(
    office: OfficeDatabase, document: AuditDocument
) -> None:
    first, second, third, motor = _three_revisions(document)
    merge_package(office, second, "2.zip")
    assert not stored_records(office, second.audit_uuid)[motor].deleted
    merge_package(office, third, "3.zip")
    outcome = merge_package(office, first, "1.zip")
    assert outcome.counts is not None and outcome.counts.kept_local >= 1 and outcome.counts.applied == 0
    kept = stored_records(office, first.audit_uuid)[motor]
    assert kept.deleted and kept.revision == document.records.get(motor).revision
    assert kept.values["rated_power_kw"] == 18.5


def test_a_replayed_package_is_refused_and_changes_nothing(office: OfficeDatabase, document: AuditDocument) -> None:
    first = _three_revisions(document)[0]
    assert merge_package(office, first, "1.zip").merged
    before = _digest(office.path)
    again = merge_package(office, first, "1-copy.zip")
    assert again.refused is not None and "already imported" in again.refused.en and "重复导入" in again.refused.zh
    assert _digest(office.path) == before


def test_the_same_records_in_a_new_package_change_no_record(office: OfficeDatabase, document: AuditDocument) -> None:
    document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
    merge_package(office, package_of(document, 1), "1.zip")
    rows_before = office.connection.execute("SELECT * FROM office_record ORDER BY uuid").fetchall()
    outcome = merge_package(office, package_of(document, 1), "1-again.zip")
    assert outcome.counts is not None and outcome.counts.unchanged == 1
    assert outcome.counts.inserted == outcome.counts.applied == outcome.counts.conflicts == 0
    assert office.connection.execute("SELECT * FROM office_record ORDER BY uuid").fetchall() == rows_before


def test_a_package_with_a_bad_value_is_refused_byte_for_byte(office: OfficeDatabase, document: AuditDocument) -> None:
    document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
    merge_package(office, package_of(document, 1), "1.zip")
    records = export_records(document)
    records["records"]["motor"][0]["values"]["rated_power_kw"] = -5
    records["records"]["motor"][0]["revision"] = 9
    before = _digest(office.path)
    outcome = merge_package(office, JsonPackage(records, 2), "bad.zip")
    assert outcome.refused is not None and "rated_power_kw" in outcome.refused.en
    assert _digest(office.path) == before


def test_two_laptops_editing_the_same_record_are_kept_as_a_conflict(
    office: OfficeDatabase, document: AuditDocument, tmp_path: Path
) -> None:
    motor = document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
    merge_package(office, package_of(document, 1, signer="aaaaaaaaaaaaaaaa"), "a1.zip")
    merge_package(office, package_of(document, 1, signer="bbbbbbbbbbbbbbbb"), "b1.zip")
    copy_path = tmp_path / "copy.fieldaudit"
    document.save_copy(copy_path)
    document.records.update(motor, {"rated_power_kw": 18.5})
    with AuditDocument.open(copy_path, author="zhao") as copy:
        copy.records.update(motor, {"location": "printing"})
        from_b = package_of(copy, 2, signer="bbbbbbbbbbbbbbbb")
    assert merge_package(office, package_of(document, 2, signer="aaaaaaaaaaaaaaaa"), "a2.zip").merged
    outcome = merge_package(office, from_b, "b2.zip")
    assert outcome.counts is not None and outcome.counts.conflicts == 1
    held = stored_records(office, from_b.audit_uuid)[motor]
    assert held.values["rated_power_kw"] == 18.5 and held.values["location"] == "dyeing"
    local_json, incoming_json = office.connection.execute("SELECT local_json, incoming_json FROM conflict").fetchone()
    assert '"rated_power_kw": 18.5' in local_json and '"printing"' in incoming_json
