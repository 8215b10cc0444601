"""Whole-audit reads stay lean: chunked, tuples where a caller needs a few columns, cancellable counts."""

from __future__ import annotations

import pytest

from audit.completeness import form_completeness
from audit.document import AuditDocument


class Stop(Exception):
    pass


def add_notes(document: AuditDocument, count: int) -> None:
    document.records.add_many("note", [{"title": f"N{index}"} for index in range(count)])


def test_a_background_count_reports_progress_and_can_be_stopped(document: AuditDocument) -> None:
    add_notes(document, 4500)
    calls: list[tuple[int, int]] = []
    counted = form_completeness(document, "note", lambda done, total, _: calls.append((done, total)))
    assert calls == [(2000, 4500), (4000, 4500)]
    assert counted.total.records == 4500 and counted == form_completeness(document, "note")

    def stop(done: int, total: int, _: str) -> None:
        raise Stop  # what a cancelled job's progress does

    with pytest.raises(Stop):
        form_completeness(document, "note", stop)


def test_rows_are_tuples_of_the_named_columns_decoded(document: AuditDocument) -> None:
    meter_unit = document.records.add("water_unit", {"name": "全厂", "level": "1", "unit_type": "production"})
    meter = document.records.add(
        "water_meter", {"meter_number": "W-1", "unit": meter_unit, "position": "inlet", "meter_type": "mechanical"}
    )
    reading = document.records.add(
        "water_reading", {"meter": meter, "read_at": "2025-06-16T08:00", "value": 12, "register_reset": True}
    )
    rows = list(document.records.rows("water_reading", ("meter", "value", "register_reset")))
    assert rows == [(reading, meter, 12.0, True)]
    assert [record.uuid for record in document.records.iter_records("water_reading")] == [reading]
