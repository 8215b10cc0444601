"""The office's records of an audit: flattened from the records JSON and analysed like the audit itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from audit.analysis import analyse, load_inputs
from audit.document import AuditDocument
from audit.jsonio import export_records
from audit.office.database import OfficeDatabase
from audit.office.records import RecordsRefused, analysis_inputs, flatten, records_json
from audit.results import to_json


def test_the_office_analyses_stored_records_to_the_audits_own_numbers(tmp_path: Path, demo_path: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        data = export_records(document)
        expected = to_json(analyse(load_inputs(document)))
    audit_uuid = data["audit_uuid"]
    flat = flatten(data["records"])
    with OfficeDatabase.create(tmp_path / "county.office") as office:
        with office.transaction() as db:
            db.table("audit").insert({"audit_uuid": audit_uuid, "review_status": "received"})
            db.table("office_record").insert_all(record.row(audit_uuid) for record in flat)
        assert records_json(office, audit_uuid) == _without_empty_children(data["records"])
        analysis = analyse(analysis_inputs(office, audit_uuid))
    assert analysis.energy_total() is not None
    assert to_json(analysis) == expected


def _without_empty_children(records: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    # The export writes "children": {} for a record whose repeat groups are all empty.
    return {
        form_id: [{k: v for k, v in entry.items() if k != "children" or v} for entry in entries]
        for form_id, entries in records.items()
    }


def test_an_id_given_twice_is_refused() -> None:
    record = {
        "uuid": "5b0c0000-0000-4000-8000-000000000001",
        "form_version": 1,
        "created_at": "2026-01-01T00:00:00",
        "modified_at": "2026-01-01T00:00:00",
        "author": "wang",
        "revision": 1,
        "state": "draft",
        "deleted": False,
        "values": {"tag": "M-1"},
    }
    assert len(flatten({"motor": [record]})) == 1
    with pytest.raises(RecordsRefused, match="twice"):
        flatten({"motor": [record, record]})
    with pytest.raises(RecordsRefused, match="revision missing"):
        flatten({"motor": [{k: v for k, v in record.items() if k != "revision"}]})
