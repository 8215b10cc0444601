"""A package the office returns: its corrections and review reach the auditor, whose unsent edits stay."""

from __future__ import annotations

from pathlib import Path

from audit.document import AuditDocument
from audit.office.auditors import register_auditor
from audit.office.conflicts import edit_record
from audit.office.database import OfficeDatabase
from audit.office.importing import import_package
from audit.office.review import ReviewStatus, set_review
from audit.packages.bag import export_package, mark_submitted
from audit.packages.keys import load_or_create_key
from audit.packages.receive import office_review, receive_package
from tests.cli_support import run_cli


def test_the_office_returns_its_correction_and_review_and_unsent_edits_stay(
    office: OfficeDatabase, tmp_path: Path
) -> None:
    auditor_key = load_or_create_key("Wang", tmp_path / "auditor")
    office_key = load_or_create_key("Keqiao county office", tmp_path / "office")
    key_file = tmp_path / "wang.pub.json"
    key_file.write_bytes(auditor_key.public.file_bytes())
    register_auditor(office, key_file)
    with AuditDocument.create(tmp_path / "plant.fieldaudit", author="wang") as document:
        motor = document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
        pump = document.records.add("pump", {"tag": "P-1", "location": "boiler house"})
        mark_submitted(document, export_package(document, tmp_path / "sent.zip", auditor_key))
        audit_uuid = str(document.meta("audit_uuid"))
        assert import_package(office, tmp_path / "sent.zip").merged
        edit_record(office, audit_uuid, motor, {"location": "printing"})
        set_review(office, audit_uuid, ReviewStatus.HAS_ISSUES, "M-1 is in the printing shop; add its photo.")
        document.records.update(pump, {"location": "pump house"})  # not sent yet
        from audit.office.returning import return_package

        written = return_package(office, audit_uuid, tmp_path / "returned.zip", office_key)
        received = receive_package(document, tmp_path / "returned.zip", [office_key.public])
        assert received.package_id == written.package_id
        assert document.records.get(motor)["location"] == "printing"
        assert document.records.get(pump)["location"] == "pump house"
        review = office_review(document)
        assert review is not None and review["status"] == "has_issues"
        assert review["comments"][-1]["comment"] == "M-1 is in the printing shop; add its photo."


def test_return_from_the_command_line(office: OfficeDatabase, tmp_path: Path) -> None:
    auditor_key = load_or_create_key("Wang", tmp_path / "auditor")
    key_file = tmp_path / "wang.pub.json"
    key_file.write_bytes(auditor_key.public.file_bytes())
    register_auditor(office, key_file)
    with AuditDocument.create(tmp_path / "plant.fieldaudit", author="wang") as document:
        document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
        export_package(document, tmp_path / "sent.zip", auditor_key)
        audit_uuid = str(document.meta("audit_uuid"))
    assert import_package(office, tmp_path / "sent.zip").merged
    office.close()
    returned = run_cli("office", "return", office.path, audit_uuid[:8], "-o", tmp_path / "back.zip")
    assert returned.returncode == 0, returned.stderr
    assert (tmp_path / "back.zip").exists() and "back.zip" in returned.stdout
    verified = run_cli("package", "verify", tmp_path / "back.zip", "--accept-unknown")
    assert verified.returncode == 0, verified.stderr
