"""Repeat-group rows merge by their own id and revision: a deleted row travels as a tombstone."""

from __future__ import annotations

from audit.document import AuditDocument
from audit.office.database import OfficeDatabase
from audit.office.importing import merge_package
from audit.office.records import records_json, stored_records
from tests.audit.office.json_packages import package_of


def test_a_deleted_repeat_row_travels_and_stays_deleted(office: OfficeDatabase, document: AuditDocument) -> None:
    enterprise = document.records.add("enterprise", {"name": "Keqiao Dyeing", "credit_code": "91330621MA2BX7Q48L"})
    kept = document.records.add("enterprise.products", {"product_name": "cloth", "unit": "t"}, parent=enterprise)
    dropped = document.records.add("enterprise.products", {"product_name": "yarn", "unit": "t"}, parent=enterprise)
    first = package_of(document, 1)
    document.records.delete(dropped)
    second = package_of(document, 2)
    for package in (second, first):
        merge_package(office, package, f"{package.revision}.zip")
    held = stored_records(office, first.audit_uuid)
    assert held[dropped].deleted and not held[kept].deleted
    assert held[dropped].parent_uuid == enterprise
    products = records_json(office, first.audit_uuid)["enterprise"][0]["children"]["products"]
    assert [row["values"]["product_name"] for row in products if not row["deleted"]] == ["cloth"]
