"""The carbon-efficiency register: grades by industry and town, who moved since last year, grade 4-5 and measures."""

from __future__ import annotations

from audit.office import carbon_register, register
from audit.office.database import OfficeDatabase
from audit.office.register import RegisterQuery
from tests.audit.office.builder import Audited


def _grade(audit: Audited) -> int | None:
    grade = audit.analysis.indicator("carbon.grade")
    return None if grade is None or grade.value is None else int(grade.value)


def test_grade_distribution_by_town_and_industry(filled: OfficeDatabase, audited: list[Audited]) -> None:
    latest = [audited[2], audited[4], audited[5]]
    by_town = {counts.group: counts for counts in carbon_register.grade_distribution(filled.db, "town")}
    for audit in latest:
        town = audit.summary.identity["town"]
        grade = _grade(audit)
        assert grade is not None and by_town[town].by_grade[grade] == 1 and by_town[town].total == 1
    by_industry = {c.group: c for c in carbon_register.grade_distribution(filled.db, "industry")}
    assert by_industry["C1713"].total == 2 and by_industry["C1751"].total == 1
    assert sum(c.total for c in by_industry.values()) == register.register_count(filled.db, RegisterQuery())


def test_enterprises_that_moved_grade_since_their_previous_audit(
    filled: OfficeDatabase, audited: list[Audited]
) -> None:
    moves = {row["name"]: row for row in carbon_register.grade_moves(filled.db)}
    expected = {}
    for before, after in ((audited[1], audited[2]), (audited[3], audited[4])):
        if _grade(before) != _grade(after):
            expected[after.summary.identity["name"]] = (_grade(before), _grade(after))
    assert expected, "the variants are built so that grades move"
    assert {name: (row["previous_grade"], row["carbon_grade"]) for name, row in moves.items()} == expected
    for row in moves.values():
        assert row["previous_year"] == row["year"] - 1 and row["previous_audit_uuid"] != row["audit_uuid"]


def test_grade_4_and_5_with_their_accepted_measures(filled: OfficeDatabase, audited: list[Audited]) -> None:
    rows = carbon_register.low_grade(filled.db)
    latest = [a for a in (audited[2], audited[4], audited[5]) if (_grade(a) or 0) >= 4]
    assert {row["audit_uuid"] for row in rows} == {a.audit_uuid for a in latest} != set()
    for row in rows:
        audit = next(a for a in latest if a.audit_uuid == row["audit_uuid"])
        accepted = [m.key for m in audit.analysis.measures.measures if m.implementation_status == "accepted"]
        assert [m["measure_key"] for m in row["measures"]] == accepted
        assert len(accepted) >= 2
