"""Problems only a look across records finds: duplicate equipment tags and months missing from a year of energy."""

from __future__ import annotations

from pathlib import Path

from audit.completeness import audit_completeness
from audit.document import AuditDocument
from audit.problems import audit_problems, computed_problems, counts_by_record, with_computed
from forms.validation import Severity


def electricity(document: AuditDocument, month: str, kwh: float = 1000.0) -> str:
    return document.records.add(
        "energy_use", {"month": month, "energy_type": "electricity", "quantity": kwh, "unit": "kWh"}
    )


def test_duplicate_tags_are_a_warning_on_each_piece_of_equipment(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="t") as document:
        first = document.records.add("motor", {"tag": "M-01"})
        second = document.records.add("motor", {"tag": "m-01 "})  # same tag, typed differently
        pump = document.records.add("pump", {"tag": "M-01"})
        other = document.records.add("motor", {"tag": "M-02"})
        found = [p for p in computed_problems(document) if p.code == "equipment.duplicate_tag"]
        assert {p.record_uuid for p in found} == {first, second, pump}
        assert all(p.severity is Severity.WARNING and p.field == "tag" for p in found)
        message = next(p.message for p in found if p.record_uuid == pump)
        assert "Motors M-01" in message.en and "Motors m-01" in message.en
        assert "电动机 M-01" in message.zh
        assert other not in {p.record_uuid for p in found}
        # They reach the counts a navigator shows: the motor form has two warnings more than its records alone.
        summary = audit_completeness(document)
        folded = with_computed(summary, counts_by_record(found))
        assert folded["motor"].total.warnings == summary["motor"].total.warnings + 2
        assert folded["motor"].by_record[first].warnings == summary["motor"].by_record[first].warnings + 1


def test_a_month_missing_from_a_year_of_energy_is_named(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="t") as document:
        for month in range(1, 13):
            if month != 5:
                electricity(document, f"2025-{month:02d}")
        found = [p for p in computed_problems(document) if p.code == "energy.missing_month"]
        assert len(found) == 1
        assert "2025-05" in found[0].message.en and "Electricity" in found[0].message.en
        assert "2025-05" in found[0].message.zh and "电力" in found[0].message.zh
        assert found[0].form_id == "energy_use" and found[0].field == "month"
        electricity(document, "2025-05")
        assert not [p for p in computed_problems(document) if p.code == "energy.missing_month"]


def test_with_an_audit_period_only_its_months_are_expected(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="t") as document:
        document.records.add("audit", {"period_start": "2025-04-01", "period_end": "2025-06-30"})
        for month in ("2025-04", "2025-06", "2024-11"):
            electricity(document, month)
        found = [p for p in computed_problems(document) if p.code == "energy.missing_month"]
        assert len(found) == 1
        assert "2025-05" in found[0].message.en and "2025-01" not in found[0].message.en


def test_every_problem_of_the_audit_in_one_list_errors_first(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="t") as document:
        motor = document.records.add("motor", {"tag": "M-01"})
        document.records.add("motor", {"tag": "M-01"})
        problems = audit_problems(document)
        severities = [p.severity for p in problems]
        order = {Severity.ERROR: 0, Severity.MISSING: 1, Severity.WARNING: 2}
        assert severities == sorted(severities, key=order.__getitem__)
        # The enterprise form was never opened: its required values are still listed, without a record.
        assert any(
            p.form_id == "enterprise" and p.record_uuid == "" and p.severity is Severity.MISSING for p in problems
        )
        assert any(p.record_uuid == motor and p.field == "location" for p in problems)
        assert any(p.record_uuid == motor and p.code == "equipment.duplicate_tag" for p in problems)
