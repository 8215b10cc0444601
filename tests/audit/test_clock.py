"""Every time an audit stores comes from its clock, so a test (or a replay) can say what time it is."""

from __future__ import annotations

import datetime as dt

from audit.clock import FixedClock, SystemClock, now_iso
from audit.document import AuditDocument


def test_records_and_the_change_log_take_the_documents_clock(document: AuditDocument) -> None:
    clock = FixedClock(dt.datetime(2025, 6, 16, 8, 30, 15, 999))
    document.clock = clock
    uuid = document.records.add("note", {"title": "Boiler room", "body": "Insulation missing on the header."})
    clock.advance(90)
    document.records.update(uuid, {"title": "Boiler room (north)"})
    record = document.records.get(uuid)
    assert record.created_at == "2025-06-16T08:30:15"
    assert record.modified_at == "2025-06-16T08:31:45"
    assert [entry["changed_at"] for entry in document.records.history(uuid)][-1] == "2025-06-16T08:31:45"


def test_the_system_clock_is_local_time_to_the_second() -> None:
    before = dt.datetime.now().replace(microsecond=0)
    stamp = dt.datetime.fromisoformat(now_iso(SystemClock()))
    assert before <= stamp <= dt.datetime.now() and stamp.microsecond == 0
