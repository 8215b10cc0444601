"""The project reserve: accepted measures become projects; monthly progress moves their status as documented."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.office import reserve
from audit.office.database import OfficeDatabase
from audit.office.register_schema import ACCEPTED
from audit.office.reserve import Entry, Progress, ReserveStatus, project_status
from tests.audit.office.builder import Audited


def _accepted(audit: Audited) -> list[str]:
    return [m.key for m in audit.analysis.measures.measures if m.implementation_status in ACCEPTED]


def test_accepted_measures_of_the_latest_audits_become_projects(filled: OfficeDatabase, audited: list[Audited]) -> None:
    with filled.transaction():
        created = reserve.create_projects(filled.db, today=dt.date(2026, 1, 15))
        again = reserve.create_projects(filled.db)
    latest = [audited[2], audited[4], audited[5]]  # the latest audit of each enterprise
    expected = {(a.audit_uuid, key) for a in latest for key in _accepted(a)}
    assert len(created) == len(expected) >= 8 and again == []
    rows = reserve.reserve(filled.db, "2026-01")
    assert {(row.project["audit_uuid"], row.project["measure_key"]) for row in rows} == expected
    measures = {(a.audit_uuid, m.key): m for a in latest for m in a.analysis.measures.measures}
    for row in rows:
        measure = measures[(row.project["audit_uuid"], row.project["measure_key"])]
        assert row.project["planned_tce"] == measure.tce_equivalent and row.project["planned_tco2"] == measure.tco2
        assert row.project["investment_yuan"] == measure.investment_yuan
        assert row.project["start_month"] == "2026-01" and row.project["planned_completion"] == "2026-12"
        assert row.project["owner"] == row.project["enterprise"]


def _status(entries: list[Entry], month: str) -> ReserveStatus:
    return project_status("2026-01", "2026-10", entries, month)


@pytest.mark.parametrize(
    ("entries", "month", "expected"),
    [
        ([], "2025-12", ReserveStatus.ON_TRACK),  # not started yet
        ([], "2026-01", ReserveStatus.ON_TRACK),  # first month: 10 % planned, within the margin
        ([], "2026-03", ReserveStatus.STALLED),  # two months started, nothing reported
        ([Entry("2026-01", "in_progress", 10), Entry("2026-02", "in_progress", 20)], "2026-02", ReserveStatus.ON_TRACK),
        ([Entry("2026-01", "in_progress", 10), Entry("2026-03", "in_progress", 10)], "2026-03", ReserveStatus.STALLED),
        ([Entry("2026-01", "in_progress", 5), Entry("2026-04", "in_progress", 15)], "2026-04", ReserveStatus.LATE),
        ([Entry("2026-09", "in_progress", 95)], "2026-11", ReserveStatus.STALLED),
        ([Entry("2026-10", "in_progress", 90)], "2026-11", ReserveStatus.LATE),  # past the planned completion
        ([Entry("2026-05", "completed", 100)], "2026-12", ReserveStatus.COMPLETED),
        ([Entry("2026-05", "in_progress", 100)], "2026-05", ReserveStatus.COMPLETED),
        ([Entry("2026-02", "dropped", 10)], "2026-06", ReserveStatus.DROPPED),
        ([Entry("2026-02", "dropped", 10), Entry("2026-03", "in_progress", 30)], "2026-03", ReserveStatus.ON_TRACK),
    ],
)
def test_status_rules(entries: list[Entry], month: str, expected: ReserveStatus) -> None:
    assert _status(entries, month) is expected


def test_monthly_progress_changes_the_reserve_status(filled: OfficeDatabase) -> None:
    with filled.transaction():
        project = reserve.create_projects(filled.db, today=dt.date(2026, 1, 1))[0]
        reserve.update_project(filled.db, project, start_month="2026-01", planned_completion="2026-06")

    def status(month: str) -> ReserveStatus:
        return next(row for row in reserve.reserve(filled.db, month) if row.project["id"] == project).status

    assert status("2026-03") is ReserveStatus.STALLED
    with filled.transaction():
        first = reserve.add_progress(filled.db, project, Progress("2026-03", "in_progress", 50, achieved_tce=1.0))
    assert status("2026-03") is ReserveStatus.ON_TRACK
    assert status("2026-05") is ReserveStatus.STALLED
    with filled.transaction():
        reserve.add_progress(filled.db, project, Progress("2026-05", "completed", 100, achieved_tce=9.5))
    assert status("2026-05") is ReserveStatus.COMPLETED
    # Each month is recomputed from the entries up to it: in April 50 % is 16.7 points behind the plan (66.7 %).
    assert status("2026-04") is ReserveStatus.LATE
    with filled.transaction():
        reserve.set_progress_deleted(filled.db, first, True)  # undo the first entry
    assert status("2026-03") is ReserveStatus.STALLED
    assert [e["month"] for e in reserve.progress_entries(filled.db, project)] == ["2026-05"]


def test_county_totals_against_the_target(filled: OfficeDatabase) -> None:
    with filled.transaction():
        ids = reserve.create_projects(filled.db, today=dt.date(2026, 1, 1))
        reserve.set_setting(filled.db, "reserve_target_tce", 100)
        reserve.add_progress(filled.db, ids[0], Progress("2026-02", "in_progress", 40, achieved_tce=3.5))
    rows = reserve.reserve(filled.db, "2026-02")
    totals = reserve.totals(filled.db, rows)
    assert totals.targets["tce"] == 100.0 and totals.targets["tco2"] is None
    assert totals.achieved["tce"] == 3.5
    assert totals.planned["tce"] == pytest.approx(sum(row.project["planned_tce"] or 0 for row in rows))
    assert sum(totals.by_status.values()) == len(rows)
    if len(ids) > 1:
        with filled.transaction():
            reserve.add_progress(filled.db, ids[1], Progress("2026-02", "dropped", 0))
        dropped = reserve.totals(filled.db, reserve.reserve(filled.db, "2026-02"))
        assert dropped.by_status["dropped"] == 1 and dropped.planned["tce"] < totals.planned["tce"]


def test_bad_progress_is_refused(filled: OfficeDatabase) -> None:
    with filled.transaction():
        project = reserve.create_projects(filled.db, today=dt.date(2026, 1, 1))[0]
    for bad in (
        Progress("2026-13", "in_progress", 10),
        Progress("2026-02", "done", 10),
        Progress("2026-02", "in_progress", 120),
    ):
        with pytest.raises(ValueError):
            reserve.add_progress(filled.db, project, bad)
    assert reserve.progress_entries(filled.db, project) == []
