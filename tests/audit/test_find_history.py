"""Find any record by words in its values; a record's history in words a person reads."""

from __future__ import annotations

from pathlib import Path

from audit.document import AuditDocument
from audit.find import find_records
from audit.history import record_history


def test_find_by_tag_choice_label_and_reference_title(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="t") as document:
        add = document.records.add
        motor = add("motor", {"tag": "M-07", "location": "染色车间", "driven_load": "compressor"})
        add("motor", {"tag": "M-08", "location": "Boiler house"})
        meter = add("water_meter", {"meter_number": "W-011"})
        reading = add("water_reading", {"meter": meter, "read_at": "2025-06-16T08:00", "value": 12.5})
        assert [(f.what, f.matched) for f in find_records(document, "M-07")] == [
            ("Motors: M-07", "Equipment tag: M-07")
        ]
        # A choice by its label in either language, several words all required.
        assert [f.record_uuid for f in find_records(document, "压缩机 染色")] == [motor]
        assert [f.record_uuid for f in find_records(document, "Compressor")] == [motor]
        found = {f.record_uuid: f for f in find_records(document, "W-011")}
        assert set(found) == {meter, reading}
        assert found[reading].matched == "Meter: W-011"
        assert find_records(document, "  ") == []
        document.records.delete(motor)
        assert find_records(document, "M-07") == []  # deleted records are not found


def test_history_names_fields_labels_and_authors_newest_first(tmp_path: Path) -> None:
    with AuditDocument.create(tmp_path / "a.fieldaudit", author="Li Ming") as document:
        motor = document.records.add("motor", {"tag": "M-07", "driven_load": "pump"})
        document.author = "Wang Fang"
        document.records.update(motor, {"driven_load": "fan"})
        entries = record_history(document, motor)
        assert [(e.author, e.operation.en, e.field.en, e.old.en, e.new.en) for e in entries[:1]] == [
            ("Wang Fang", "Changed", "Driven load", "Pump", "Fan")
        ]
        assert (entries[0].old.zh, entries[0].new.zh, entries[0].operation.zh) == ("水泵", "风机", "修改")
        assert entries[-1].operation.en == "Created" and entries[-1].author == "Li Ming"
        assert "Equipment tag M-07" in entries[-1].new.en
