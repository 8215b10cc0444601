"""The register keeps what each audit's analyse() gave, links audits by credit code and answers in SQL."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from audit.analysis import analyse, load_inputs
from audit.document import AuditDocument
from audit.jsonio import export_records
from audit.office import register, reserve
from audit.office.database import OfficeDatabase
from audit.office.importing import merge_package
from audit.office.records import flatten
from audit.office.register import RegisterQuery
from audit.office.register_schema import INDICATOR_COLUMNS
from audit.results import Outcome
from tests.audit.office.builder import VARIANTS, Audited
from tests.audit.office.json_packages import package_of


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12))


def test_every_register_figure_is_the_audits_own_analysis(filled: OfficeDatabase, audited: list[Audited]) -> None:
    for audit in audited:
        row = register.audit_row(filled.db, audit.audit_uuid)
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


def test_each_enterprise_shows_its_latest_audit(filled: OfficeDatabase, audited: list[Audited]) -> None:
    rows = register.register_page(filled.db, RegisterQuery())
    assert register.register_count(filled.db, RegisterQuery()) == len(rows) == len({v.credit_code for v in VARIANTS})
    latest_year: dict[str, int] = {}
    for v in VARIANTS:
        latest_year[v.credit_code] = max(latest_year.get(v.credit_code, 0), v.year)
    assert {row["credit_code"]: row["year"] for row in rows} == latest_year
    enterprise = filled.db.execute("SELECT credit_code, audits, latest_audit_uuid FROM enterprise").fetchall()
    assert {code: audits for code, audits, _ in enterprise} == {
        "91330621MA2BX7Q48L": 3,
        "913306007236547823": 2,
        "91330600MA288XKJ2N": 1,
    }
    assert {latest for _, _, latest in enterprise} == {row["audit_uuid"] for row in rows}


def test_filters_search_and_sort(filled: OfficeDatabase) -> None:
    def names(**query: object) -> list[str]:
        return [row["name"] for row in register.register_page(filled.db, RegisterQuery(**query))]  # type: ignore[arg-type]

    assert names() == sorted(names())
    assert names(town="马鞍街道") == ["永通染整"]
    assert names(industry="C17") == names() and names(industry="C1751") == ["华舍纺织"]
    assert names(industry="C1") == names()
    grades = {row["name"]: row["carbon_grade"] for row in register.register_page(filled.db, RegisterQuery())}
    assert names(grade=5) == [name for name, grade in grades.items() if grade == 5] == ["永通染整"]
    assert names(grade=0) == []
    assert names(search="华舍") == ["华舍纺织"] and names(search="913306007") == ["永通染整"]
    assert names(search="%") == [] and names(search="_") == []
    by_co2 = register.register_page(filled.db, RegisterQuery(sort="co2", descending=True))
    co2 = [row["co2_t"] for row in by_co2]
    assert co2 == sorted(co2, reverse=True)
    assert register.register_count(filled.db, RegisterQuery(town="马鞍街道")) == 1
    assert register.choices(filled.db, "town") == sorted({v.town for v in VARIANTS})


def test_pages_do_not_overlap(filled: OfficeDatabase) -> None:
    query = RegisterQuery(sort="grade")
    pages = [register.register_page(filled.db, query, offset, 1) for offset in range(4)]
    assert [len(page) for page in pages] == [1, 1, 1, 0]
    assert len({page[0]["credit_code"] for page in pages if page}) == 3


def test_trend_links_the_years_of_one_enterprise(filled: OfficeDatabase, audited: list[Audited]) -> None:
    audits = register.enterprise_audits(filled.db, "91330621MA2BX7Q48L")
    assert [row["year"] for row in audits] == [2023, 2024, 2025]
    series = register.trend(filled.db, "91330621MA2BX7Q48L")
    expected = [a.analysis.energy_total() for a in audited[:3]]
    assert [point[3] for point in series["energy_tce"]] == [e.value for e in expected if e is not None]
    assert [point[2] for point in series["carbon_grade"]] == [a.audit_uuid for a in audited[:3]]
    assert [point[1] for point in series["co2_t"]] == [1, 2, 3]


def test_a_corrected_credit_code_moves_the_audit(filled: OfficeDatabase, audited: list[Audited]) -> None:
    moved = audited[2].summary
    corrected = dataclasses.replace(
        moved, revision=moved.revision + 1, identity={**moved.identity, "credit_code": "91330600MA288XKJ2N"}
    )
    with filled.transaction():
        register.store_summary(filled.db, corrected)
    assert [row["year"] for row in register.enterprise_audits(filled.db, "91330621MA2BX7Q48L")] == [2023, 2024]
    rows = {row["credit_code"]: row for row in register.register_page(filled.db, RegisterQuery())}
    assert rows["91330621MA2BX7Q48L"]["year"] == 2024
    assert len(register.enterprise_audits(filled.db, "91330600MA288XKJ2N")) == 2


def test_a_new_revision_replaces_the_audit_and_its_measures(filled: OfficeDatabase, audited: list[Audited]) -> None:
    summary = audited[0].summary
    fewer = dataclasses.replace(summary, revision=7, measures=summary.measures[:2])
    with filled.transaction():
        register.store_summary(filled.db, fewer)
    measures = register.audit_measures(filled.db, summary.audit_uuid)
    assert [m["measure_key"] for m in measures] == [m.key for m in summary.measures[:2]]
    assert {m["revision"] for m in measures} == {7}
    assert filled.db.execute("SELECT count(*) FROM audit_summary").fetchone()[0] == len(audited)


def test_water_evaluation_says_what_fails(filled: OfficeDatabase, audited: list[Audited]) -> None:
    row = register.audit_row(filled.db, audited[2].audit_uuid)
    assert row is not None
    failed = [
        c for c in audited[2].analysis.water.comparisons if c.key.startswith("gbt7119.") and c.outcome is Outcome.FAIL
    ]
    assert failed and row["water_evaluation"] == "fail"
    for comparison in failed:
        assert comparison.note is not None and comparison.note.zh in row["water_reasons_zh"]
    assert row["water_valid_test"] == 1
    checks = register.audit_water_checks(filled.db, audited[2].audit_uuid)
    assert [c["key"] for c in checks] == [c.key for c in audited[2].analysis.water.comparisons]


def test_an_audit_without_a_credit_code_is_refused(office: OfficeDatabase, audited: list[Audited]) -> None:
    inputs = audited[0].inputs
    energy = dataclasses.replace(inputs.energy, enterprise={**inputs.energy.enterprise, "credit_code": None})
    with pytest.raises(register.RegisterError, match="credit code"):
        register.identity_of(dataclasses.replace(inputs, energy=energy))


def test_refresh_audit_analyses_the_offices_merged_records(office: OfficeDatabase, demo_path: Path) -> None:
    """The path a merged package takes: records in the office -> analysis_inputs -> analyse() -> register."""
    with AuditDocument.open(demo_path, read_only=True) as document:
        data = export_records(document)
        expected = analyse(load_inputs(document))
    audit_uuid = data["audit_uuid"]
    with office.transaction() as db:
        db.table("audit").insert({"audit_uuid": audit_uuid, "review_status": "received", "latest_revision": 4})
        db.table("office_record").insert_all(record.row(audit_uuid) for record in flatten(data["records"]))
    summary = register.refresh_audit(office, audit_uuid)
    row = register.audit_row(office.db, audit_uuid)
    assert row is not None and row["revision"] == summary.revision == 4
    energy, co2 = expected.energy_total(), expected.indicator("carbon.total")
    assert energy is not None and co2 is not None
    assert row["energy_tce"] == energy.value and row["co2_t"] == co2.value
    assert [m["measure_key"] for m in register.audit_measures(office.db, audit_uuid)] == [
        m.key for m in expected.measures.measures
    ]


def test_a_new_revision_keeps_the_projects_made_from_it(filled: OfficeDatabase, audited: list[Audited]) -> None:
    with filled.transaction() as db:
        created = reserve.create_projects(db, audited[2].audit_uuid)
        register.store_summary(db, dataclasses.replace(audited[2].summary, revision=9))
    assert created
    rows = reserve.reserve(filled.db, "2026-06")
    assert {row.project["id"] for row in rows} == set(created)
    assert register.audit_row(filled.db, audited[2].audit_uuid)["revision"] == 9  # type: ignore[index]


def test_without_industry_thresholds_the_evaluation_is_undecided(
    filled: OfficeDatabase, audited: list[Audited]
) -> None:
    """华舍纺织 (C1751): no GB/T 7119 thresholds are held for its industry; basic requirements alone do not pass it."""
    audit = audited[5]
    industry = [c for c in audit.analysis.water.comparisons if c.key == "gbt7119.industry"]
    assert industry and industry[0].outcome is Outcome.CANNOT_EVALUATE
    row = register.audit_row(filled.db, audit.audit_uuid)
    assert row is not None and row["water_evaluation"] == "cannot_evaluate"
    assert industry[0].note is not None and industry[0].note.en in row["water_reasons_en"]


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ({"gbt7119.leak_rate": "pass", "gbt7119.basic.water_balance_test": "pass"}, "pass"),
        ({"gbt7119.leak_rate": "pass", "gbt7119.basic.domestic_metered_separately": "cannot_evaluate"}, "pass"),
        ({"gbt7119.leak_rate": "pass", "gbt7119.basic.condensate_recovered": "fail"}, "fail"),
        ({"gbt7119.leak_rate": "cannot_evaluate", "gbt7119.repeated_utilisation_rate": "pass"}, "cannot_evaluate"),
        ({"gbt7119.basic.water_balance_test": "pass"}, "cannot_evaluate"),
        ({"gbt24789.metering_rate_level_1": "fail"}, None),
    ],
)
def test_water_evaluation_rules(outcomes: dict[str, str], expected: str | None) -> None:
    checks = [
        register.WaterCheck(key, key, key, outcome, None, "", "", f"why {key}", f"原因 {key}", "U")
        for key, outcome in outcomes.items()
    ]
    evaluation, reasons_en, _ = register.water_evaluation(checks)
    assert evaluation == expected
    for key, outcome in outcomes.items():
        named = f"why {key}" in reasons_en
        assert named == (
            (expected == "fail" and outcome == "fail") or (expected == "cannot_evaluate" and outcome != "pass")
        )


def test_a_merged_package_enters_the_register_with_its_revision(office: OfficeDatabase, demo_path: Path) -> None:
    """Round trip: demo audit -> package -> office merge (office13) -> register row equal to the audit's analyse()."""
    with AuditDocument.open(demo_path, read_only=True) as document:
        package = package_of(document, 5)
        expected = analyse(load_inputs(document))
    outcome = merge_package(office, package, "demo.zip")
    assert outcome.refresh_problem is None
    row = register.audit_row(office.db, package.audit_uuid)
    assert row is not None and row["revision"] == 5 and row["latest"] == 1
    grade = expected.indicator("carbon.grade")
    energy = expected.energy_total()
    assert grade is not None and energy is not None
    assert (
        row["energy_tce"] == energy.value and row["carbon_grade"] == grade.value and row["carbon_k"] == grade.input("k")
    )


def test_refresh_all_recomputes_every_audit_and_names_those_it_cannot(office: OfficeDatabase, demo_path: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        package = package_of(document, 2)
    merge_package(office, package, "demo.zip")
    with office.transaction() as db:
        db.execute("UPDATE audit_summary SET co2_t = 0")  # a stale figure
        db.table("audit").insert({"audit_uuid": "no-records", "review_status": "received", "latest_revision": 1})
    refreshed, problems = register.refresh_all(office)
    assert refreshed == 1 and [audit for audit, _ in problems] == ["no-records"]
    assert "credit code" in problems[0][1].en
    row = register.audit_row(office.db, package.audit_uuid)
    assert row is not None and row["co2_t"] > 0
