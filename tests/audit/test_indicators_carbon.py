"""CO2 worked by hand (scope 1 fuels, scope 2 power and steam, PV deducted) and the DB33/T 1347 grade at each boundary."""

from __future__ import annotations

from typing import Any

import pytest

from audit.analysis import analyse_document
from audit.document import AuditDocument
from audit.errors import RecordError
from audit.indicators.carbon import carbon_grade, carbon_level
from audit.reference import reference_data
from tests.audit.test_indicators_energy import make_audit, mixed_month

# Typed from STANDARDS.md §4.1–4.3 and §9.
GRID_NATIONAL_2023 = 0.5306  # kgCO2/kWh
GRID_ZHEJIANG_2022 = 0.5153
HEAT_T_PER_GJ = 0.11
CO2_PER_C = 44 / 12


def value(report: Any, key: str) -> float:
    indicator = report.indicator(key)
    assert indicator is not None and indicator.value is not None, key
    return float(indicator.value)


def test_a_month_of_mixed_energy_to_co2_by_hand(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add_many("energy_use", mixed_month())
    report = analyse_document(document)

    # Natural gas, set A: NCV 389.31 GJ/10⁴m³ × 15.3 tC/TJ × OF 0.99 × 44/12, 2 × 10⁴ m³.
    gas = 2.0 * 389.31 * 15.3 / 1000 * 0.99 * CO2_PER_C
    # Diesel: 2 t × 42.652 GJ/t × 20.2 tC/TJ × 0.98 × 44/12.
    diesel = 2.0 * 42.652 * 20.2 / 1000 * 0.98 * CO2_PER_C
    assert gas / 2 == pytest.approx(21.622, abs=1e-3) and diesel / 2 == pytest.approx(3.0959, abs=1e-4)
    # Electricity: 100 000 kWh bought − 1 000 kWh exported + 5 000 kWh PV consumed, latest national factor;
    # the PV part is then deducted as zero-carbon self-generation.
    electricity_gross = (100_000 - 1_000 + 5_000) * GRID_NATIONAL_2023 / 1000
    pv_deduction = -5_000 * GRID_NATIONAL_2023 / 1000
    # Steam: 500 t of 0.8 MPa(g) saturated steam, enthalpy above 20 °C feedwater (83.9 kJ/kg), × 0.11 tCO2/GJ.
    enthalpy = 2773.0 + (2777.1 - 2773.0) * (0.901325 - 0.9) / 0.1
    steam = 500 * (enthalpy - 83.9) / 1000 * HEAT_T_PER_GJ
    assert steam / 500 / HEAT_T_PER_GJ == pytest.approx(2.69, abs=0.01)  # ≈ 2.69 GJ/t, STANDARDS.md §4.3

    assert value(report, "carbon.scope1") == pytest.approx(gas + diesel, rel=1e-9)
    assert value(report, "carbon.scope2_electricity") == pytest.approx(electricity_gross, rel=1e-9)
    assert value(report, "carbon.deduction") == pytest.approx(pv_deduction, rel=1e-9)
    assert value(report, "carbon.scope2_heat") == pytest.approx(steam, rel=1e-9)
    total = gas + diesel + electricity_gross + pv_deduction + steam
    assert value(report, "carbon.total") == pytest.approx(total, rel=1e-9)
    assert value(report, "carbon.intensity.value_added") == pytest.approx(total / 250.0)
    # New water (a medium) carries no CO2 of its own.
    assert report.indicator("carbon.scope1.new_water") is None


def test_grid_region_and_year_are_chosen_per_audit(document: AuditDocument) -> None:
    make_audit(document, grid_factor_region="zhejiang", grid_factor_year=2022)
    document.records.add(
        "energy_use", {"month": "2025-01", "energy_type": "electricity", "quantity": 10_000, "unit": "kWh"}
    )
    report = analyse_document(document)
    indicator = report.indicator("carbon.scope2_electricity")
    assert indicator is not None
    assert indicator.value == pytest.approx(10_000 * GRID_ZHEJIANG_2022 / 1000)
    assert indicator.status == "C"  # provincial factors are corroborated, not quoted


def test_a_missing_grid_year_is_reported_not_guessed(document: AuditDocument) -> None:
    # A year the table lacks is refused on the audit form (issue 10 item 1) ...
    with pytest.raises(RecordError, match="data years 2021, 2022, 2023"):
        make_audit(document, grid_factor_year=2019)
    # ... and a year the table has for another region only falls back to that region's latest year, saying so
    # (before, electricity became 0 t CO2 and the grade was computed from the fuels alone).
    make_audit(document, grid_factor_region="east_china", grid_factor_year=2021)
    document.records.add(
        "energy_use", {"month": "2025-01", "energy_type": "electricity", "quantity": 10_000, "unit": "kWh"}
    )
    report = analyse_document(document)
    total = report.indicator("carbon.total")
    assert total is not None and total.value == pytest.approx(10_000 * 0.5500 / 1000)  # East China 2023
    notes = " ".join(source.note for source in total.sources)
    assert "data year 2021" in notes and "2023, is used" in notes


def test_a_fuel_without_a_factor_is_named(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add("energy_use", {"month": "2025-01", "energy_type": "coal_tar", "quantity": 1, "unit": "t"})
    report = analyse_document(document)
    total = report.indicator("carbon.total")
    assert total is not None and total.note is not None and "coal_tar" in total.note.en


@pytest.mark.parametrize(
    ("k", "grade"),
    [(0.30, 1), (0.6, 1), (0.6001, 2), (0.8, 2), (0.8001, 3), (1.2, 3), (1.2001, 4), (2.0, 4), (2.0001, 5), (3.5, 5)],
)
def test_carbon_grade_at_each_boundary(k: float, grade: int) -> None:
    found, _label, source = carbon_grade(k, reference_data())
    assert found == grade
    assert source.standard == "DB33/T 1347" and source.status == "U"


@pytest.mark.parametrize(
    ("intensity", "level"),
    [(0.6, "low_carbon"), (0.61, "medium_carbon"), (2.0, "medium_carbon"), (2.01, "high_carbon")],
)
def test_carbon_level_bands(intensity: float, level: str) -> None:
    assert carbon_level(intensity, reference_data())[0] == level


def test_grade_through_the_audit_with_an_entered_industry_average(document: AuditDocument) -> None:
    # 1 000 000 kWh × 0.5306 = 530.6 tCO2; value added 250 → L = 2.1224; average 1.7686… gives K = 1.2 exactly.
    make_audit(document, carbon_industry_average_t_per_10k_yuan=round(530.6 / 250 / 1.2, 6))
    document.records.add(
        "energy_use", {"month": "2025-01", "energy_type": "electricity", "quantity": 1_000_000, "unit": "kWh"}
    )
    report = analyse_document(document)
    grade = report.indicator("carbon.grade")
    assert grade is not None and grade.value == 3.0
    assert grade.input("k") == pytest.approx(1.2, abs=1e-5)
    assert grade.unverified


def test_no_industry_average_means_no_grade_and_says_why(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add(
        "energy_use", {"month": "2025-01", "energy_type": "electricity", "quantity": 1000, "unit": "kWh"}
    )
    grade = analyse_document(document).indicator("carbon.grade")
    assert grade is not None and grade.value is None
    assert grade.note is not None and "industry-average" in grade.note.en
