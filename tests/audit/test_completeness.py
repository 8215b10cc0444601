"""Completeness counts per record, form and group, and the record tree of water-using units."""

from __future__ import annotations

from pathlib import Path

from audit.completeness import (
    Counts,
    audit_completeness,
    form_completeness,
    group_counts,
    record_tree,
    subtree_counts,
)
from audit.document import AuditDocument


def test_empty_singleton_counts_every_required_field(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="tester") as document:
        enterprise = form_completeness(document, "enterprise")
    # Required in forms/definitions/enterprise.py: name, credit_code, industry_code, county,
    # contact_person, employees, working_days, output_value_10k_yuan (8), plus "at least 1 product".
    assert enterprise.total == Counts(missing=9, errors=0, warnings=0, records=0)
    assert enterprise.total.status == "missing"


def test_record_counts_missing_errors_and_warnings(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="tester") as document:
        # A 10 % load factor is kept but warned about (LOAD_FACTOR warns below 20 %).
        motor = document.records.add(
            "motor",
            {
                "tag": "M-1",
                "location": "Dyeing",
                "rated_power_kw": 11,
                "driven_load": "pump",
                "control_method": "direct",
                "load_factor_pct": 10,
            },
        )
        bare = document.records.add("motor", {"tag": "M-2"})
        result = form_completeness(document, "motor")
    # M-1 has every required field; M-2 lacks location, rated_power_kw, driven_load, control_method
    # (quantity, status and motor_type come from defaults).
    assert result.by_record[motor] == Counts(missing=0, errors=0, warnings=1, records=1)
    assert result.by_record[bare] == Counts(missing=4, errors=0, warnings=0, records=1)
    assert result.total == Counts(missing=4, errors=0, warnings=1, records=2)
    assert result.by_record[motor].status == "warning"


def test_stored_error_is_counted(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="tester") as document:
        uuid = document.records.add("enterprise", {"name": "X"})
        # The store refuses new hard errors; an imported bad value is written around it, as a merge might.
        document.connection.execute("UPDATE enterprise SET credit_code = '123' WHERE uuid = ?", [uuid])
        result = form_completeness(document, "enterprise")
    assert result.by_record[uuid].errors == 1
    assert result.total.status == "error"


def test_group_sums_forms_and_deleted_records_do_not_count(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="tester") as document:
        document.records.add("pump", {"tag": "P-1"})
        gone = document.records.add("fan", {"tag": "F-1"})
        document.records.delete(gone)
        summary = audit_completeness(document)
        pump_missing = summary["pump"].total.missing
        counts = group_counts(summary, [form.id for form in document.registry.in_group("equipment")])
    assert summary["fan"].total == Counts()
    assert counts.records == 1
    assert counts.missing == pump_missing > 0


def test_water_units_form_a_tree_even_with_a_cycle(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="tester") as document:
        add = document.records.add
        plant = add("water_unit", {"name": "Plant", "level": "1", "unit_type": "production"})
        dyeing = add("water_unit", {"name": "Dyeing", "level": "2", "unit_type": "production", "parent_unit": plant})
        jet = add("water_unit", {"name": "Jet 1", "level": "3", "unit_type": "production", "parent_unit": dyeing})
        a = add("water_unit", {"name": "A", "level": "2", "unit_type": "other"})
        b = add("water_unit", {"name": "B", "level": "2", "unit_type": "other", "parent_unit": a})
        document.records.update(a, {"parent_unit": b})
        records = document.records.list("water_unit")
        completeness = form_completeness(document, "water_unit")
    tree = record_tree(records, "parent_unit")
    names = {key: [r.values["name"] for r in value] for key, value in tree.items()}
    assert names[plant] == ["Dyeing"]
    assert names[dyeing] == ["Jet 1"]
    assert sorted(r.uuid for rows in tree.values() for r in rows) == sorted([plant, dyeing, jet, a, b])
    assert [r.values["name"] for r in tree[None]] == ["Plant", "A"]
    assert subtree_counts(completeness, [plant, dyeing, jet]).records == 3


def test_repeat_rows_count_towards_their_record(tmp_path: Path) -> None:
    full = {
        "name": "Hengsheng",
        "credit_code": "91330621MA2BX7Q48L",
        "industry_code": "C1713",
        "county": "Keqiao",
        "contact_person": "Zhao",
        "employees": 420,
        "working_days": 330,
        "output_value_10k_yuan": 38600,
    }
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="tester") as document:
        uuid = document.records.add("enterprise", full)
        no_products = form_completeness(document, "enterprise").by_record[uuid]
        # Two products without their unit (required): the rows' gaps are the record's gaps.
        for name in ("Dyed cloth", "Printed cloth"):
            document.records.add("enterprise.products", {"product_name": name, "annual_output": 1}, parent=uuid)
        two_gaps = form_completeness(document, "enterprise").by_record[uuid]
    assert no_products == Counts(missing=1, errors=0, warnings=0, records=1)  # "at least 1 product"
    assert two_gaps == Counts(missing=2, errors=0, warnings=0, records=1)  # each product's unit


def test_one_changed_record_updates_the_form_without_a_recount(tmp_path: Path) -> None:
    from audit.completeness import record_counts, with_record

    with AuditDocument.create(tmp_path / "a.fieldaudit", author="tester") as document:
        first, second = document.records.add_many("pump", [{"tag": "P-1"}, {"tag": "P-2"}])
        before = form_completeness(document, "pump")
        document.records.update(first, {"location": "Boiler house"})
        changed = with_record(before, first, record_counts(document, document.records.get(first)))
        recounted_after_edit = form_completeness(document, "pump")
        # Filling the location removes exactly one missing value from the first pump.
        assert changed.total.missing == before.total.missing - 1
        assert changed == recounted_after_edit
        document.records.delete(second)
        gone = with_record(changed, second, None)  # takes `changed` over (no copy of the map)
        recounted = form_completeness(document, "pump")
    assert gone == recounted and gone.total.records == 1
