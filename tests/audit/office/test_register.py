"""The register keeps what each audit's analyse() gave, links audits by credit code and answers in SQL."""

from __future__ import annotations

import dataclasses
import math

import pytest

from audit.analysis import analyse
from audit.lean_sqlite_utils import Database
from audit.office import register
from audit.office.register import RegisterQuery
from audit.office.register_schema import INDICATOR_COLUMNS
from audit.results import Outcome
from tests.audit.office.builder import VARIANTS, Audited


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12))


def test_every_register_figure_is_the_audits_own_analysis(filled_db: Database, audited: list[Audited]) -> None:
    for audit in audited:
        row = register.audit_row(filled_db, audit.audit_uuid)
        assert row is not None
        analysis = analyse(audit.inputs)  # again, from the inputs: the register must equal a fresh analyse()
        energy = analysis.energy_total()
        assert energy is not None and _same(row["energy_tce"], energy.value)
        for column, key in INDICATOR_COLUMNS.items():
            indicator = analysis.indicator(key)
            assert indicator is not None, key
            assert _same(row[column], indicator.value), (column, row[column], indicator.value)
        grade = analysis.indicator("carbon.grade")
        assert grade is not None and _same(row["carbon_k"], grade.input("k"))
        totals = analysis.measures.totals
        assert totals is not None
        assert _same(row["savings_tce"], totals.tce_equivalent) and _same(row["savings_tco2"], totals.tco2)
        assert _same(row["savings_water_m3"], totals.water_m3) and _same(
            row["savings_yuan"], totals.annual_savings_yuan
        )
        severities = [finding.severity.value for finding in analysis.findings]
        assert row["findings_high"] == severities.count("high") > 0
        assert row["findings_medium"] == severities.count("medium")
        assert row["revision"] == audit.summary.revision and row["audit_uuid"] == audit.audit_uuid
        assert register.statuses_of(row)["energy_tce"] == energy.status.value


def test_each_enterprise_shows_its_latest_audit(filled_db: Database, audited: list[Audited]) -> None:
    rows = register.register_page(filled_db, RegisterQuery())
    assert register.register_count(filled_db, RegisterQuery()) == len(rows) == len({v.credit_code for v in VARIANTS})
    latest_year: dict[str, int] = {}
    for v in VARIANTS:
        latest_year[v.credit_code] = max(latest_year.get(v.credit_code, 0), v.year)
    assert {row["credit_code"]: row["year"] for row in rows} == latest_year
    enterprise = filled_db.execute("SELECT credit_code, audits, latest_audit_uuid FROM enterprise").fetchall()
    assert {code: audits for code, audits, _ in enterprise} == {
        "91330621MA2BX7Q48L": 3,
        "913306007236547823": 2,
        "91330600MA288XKJ2N": 1,
    }
    assert {latest for _, _, latest in enterprise} == {row["audit_uuid"] for row in rows}


def test_filters_search_and_sort(filled_db: Database) -> None:
    def names(**query: object) -> list[str]:
        return [row["name"] for row in register.register_page(filled_db, RegisterQuery(**query))]  # type: ignore[arg-type]

    assert names() == sorted(names())
    assert names(town="马鞍街道") == ["永通染整"]
    assert names(industry="C17") == names() and names(industry="C1751") == ["华舍纺织"]
    assert names(industry="C1") == names()
    grades = {row["name"]: row["carbon_grade"] for row in register.register_page(filled_db, RegisterQuery())}
    assert names(grade=5) == [name for name, grade in grades.items() if grade == 5] == ["永通染整"]
    assert names(grade=0) == []
    assert names(search="华舍") == ["华舍纺织"] and names(search="913306007") == ["永通染整"]
    assert names(search="%") == [] and names(search="_") == []
    by_co2 = register.register_page(filled_db, RegisterQuery(sort="co2", descending=True))
    co2 = [row["co2_t"] for row in by_co2]
    assert co2 == sorted(co2, reverse=True)
    assert register.register_count(filled_db, RegisterQuery(town="马鞍街道")) == 1
    assert register.choices(filled_db, "town") == sorted({v.town for v in VARIANTS})


def test_pages_do_not_overlap(filled_db: Database) -> None:
    query = RegisterQuery(sort="grade")
    pages = [register.register_page(filled_db, query, offset, 1) for offset in range(4)]
    assert [len(page) for page in pages] == [1, 1, 1, 0]
    assert len({page[0]["credit_code"] for page in pages if page}) == 3


def test_trend_links_the_years_of_one_enterprise(filled_db: Database, audited: list[Audited]) -> None:
    audits = register.enterprise_audits(filled_db, "91330621MA2BX7Q48L")
    assert [row["year"] for row in audits] == [2023, 2024, 2025]
    series = register.trend(filled_db, "91330621MA2BX7Q48L")
    expected = [a.analysis.energy_total() for a in audited[:3]]
    assert [point[3] for point in series["energy_tce"]] == [e.value for e in expected if e is not None]
    assert [point[2] for point in series["carbon_grade"]] == [a.audit_uuid for a in audited[:3]]
    assert [point[1] for point in series["co2_t"]] == [1, 2, 3]


def test_a_corrected_credit_code_moves_the_audit(filled_db: Database, audited: list[Audited]) -> None:
    moved = audited[2].summary
    corrected = dataclasses.replace(
        moved, revision=moved.revision + 1, identity={**moved.identity, "credit_code": "91330600MA288XKJ2N"}
    )
    with filled_db.conn:
        register.store_summary(filled_db, corrected)
    assert [row["year"] for row in register.enterprise_audits(filled_db, "91330621MA2BX7Q48L")] == [2023, 2024]
    rows = {row["credit_code"]: row for row in register.register_page(filled_db, RegisterQuery())}
    assert rows["91330621MA2BX7Q48L"]["year"] == 2024
    assert len(register.enterprise_audits(filled_db, "91330600MA288XKJ2N")) == 2


def test_a_new_revision_replaces_the_audit_and_its_measures(filled_db: Database, audited: list[Audited]) -> None:
    summary = audited[0].summary
    fewer = dataclasses.replace(summary, revision=7, measures=summary.measures[:2])
    with filled_db.conn:
        register.store_summary(filled_db, fewer)
    measures = register.audit_measures(filled_db, summary.audit_uuid)
    assert [m["measure_key"] for m in measures] == [m.key for m in summary.measures[:2]]
    assert {m["revision"] for m in measures} == {7}
    assert filled_db.execute("SELECT count(*) FROM audit_summary").fetchone()[0] == len(audited)


def test_water_evaluation_says_what_fails(filled_db: Database, audited: list[Audited]) -> None:
    row = register.audit_row(filled_db, audited[2].audit_uuid)
    assert row is not None
    failed = [
        c for c in audited[2].analysis.water.comparisons if c.key.startswith("gbt7119.") and c.outcome is Outcome.FAIL
    ]
    assert failed and row["water_evaluation"] == "fail"
    for comparison in failed:
        assert comparison.note is not None and comparison.note.zh in row["water_reasons_zh"]
    assert row["water_valid_test"] == 1
    checks = register.audit_water_checks(filled_db, audited[2].audit_uuid)
    assert [c["key"] for c in checks] == [c.key for c in audited[2].analysis.water.comparisons]


def test_an_audit_without_a_credit_code_is_refused(register_db: Database, audited: list[Audited]) -> None:
    inputs = audited[0].inputs
    energy = dataclasses.replace(inputs.energy, enterprise={**inputs.energy.enterprise, "credit_code": None})
    with pytest.raises(register.RegisterError, match="credit code"):
        register.identity_of(dataclasses.replace(inputs, energy=energy))
