"""Comprehensive energy consumption worked by hand: a month of mixed energy, both bases, steam practices, periods."""

from __future__ import annotations

from typing import Any

import pytest

from audit.analysis import analyse_document
from audit.document import AuditDocument
from audit.indicators import FIELDS_READ
from forms.registry import default_registry

# Coefficients typed from STANDARDS.md (§1.3–1.6), not read from resources/: the test checks the
# table and the arithmetic together.
ELECTRICITY_KGCE_PER_KWH = 0.1229
STEAM_KGCE_PER_KG = 0.1286
NATURAL_GAS_KGCE_PER_M3 = 1.2143
DIESEL_KGCE_PER_KG = 1.4571
NEW_WATER_KGCE_PER_T = 0.0857
HEAT_KGCE_PER_MJ = 0.03412


def make_audit(document: AuditDocument, **settings: Any) -> None:
    document.records.add(
        "audit",
        {
            "title": "Worked example",
            "audit_type": "energy_audit",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "comparison_start": "2024-01-01",
            "comparison_end": "2024-12-31",
            "team_leader": "Wang",
            "institute": "Test",
            **settings,
        },
    )
    document.records.add("enterprise", {"output_value_10k_yuan": 1000.0, "value_added_10k_yuan": 250.0})


def mixed_month(month: str = "2025-03") -> list[dict[str, Any]]:
    return [
        {"month": month, "energy_type": "electricity", "quantity": 100_000, "unit": "kWh", "flow": "purchased"},
        {"month": month, "energy_type": "electricity", "quantity": 1.0, "unit": "MWh", "flow": "exported"},
        {
            "month": month,
            "energy_type": "electricity",
            "quantity": 5_000,
            "unit": "kWh",
            "flow": "onsite_generated",
            "generation_source": "pv",
        },
        {
            "month": month,
            "energy_type": "steam",
            "quantity": 500,
            "unit": "t",
            "flow": "purchased",
            "steam_pressure_mpa": 0.8,
        },
        {"month": month, "energy_type": "natural_gas", "quantity": 2.0, "unit": "10k_m3", "flow": "purchased"},
        {"month": month, "energy_type": "diesel", "quantity": 2000, "unit": "kg", "flow": "purchased"},
        {"month": month, "energy_type": "new_water", "quantity": 1000, "unit": "m3", "flow": "purchased"},
    ]


def value(report: Any, key: str) -> float:
    indicator = report.indicator(key)
    assert indicator is not None, key
    assert indicator.value is not None, (key, indicator.note)
    return float(indicator.value)


def test_a_month_of_mixed_energy_to_tce_by_hand(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add_many("energy_use", mixed_month())
    report = analyse_document(document)
    # Exported power is deducted; PV generated on site is energy consumed inside the boundary and counted
    # (GB/T 2589-2020 3.5, the default convention; issue 10); water is a medium left out.
    electricity = (100_000 - 1_000 + 5_000) * ELECTRICITY_KGCE_PER_KWH  # 12 781.6 kgce
    steam = 500 * 1000 * STEAM_KGCE_PER_KG  # 64 300 kgce
    gas = 20_000 * NATURAL_GAS_KGCE_PER_M3  # 24 286 kgce
    diesel = 2000 * DIESEL_KGCE_PER_KG  # 2 914.2 kgce
    expected_tce = (electricity + steam + gas + diesel) / 1000  # 104.2818 tce
    assert expected_tce == pytest.approx(104.2818, abs=1e-4)
    # Without the self-consumed PV (5 000 − 1 000 exported kWh): 100 000 kWh from the grid only.
    excluded = expected_tce - 4_000 * ELECTRICITY_KGCE_PER_KWH / 1000
    assert value(report, "energy.audit.renewables_excluded.equivalent") == pytest.approx(excluded, rel=1e-9)
    assert value(report, "energy.audit.total.equivalent") == pytest.approx(expected_tce, rel=1e-9)
    assert value(report, "energy.audit.share.steam") == pytest.approx(64.3 / expected_tce * 100)
    assert value(report, "energy.intensity.output_value") == pytest.approx(expected_tce / 1000.0)
    assert value(report, "energy.intensity.value_added") == pytest.approx(expected_tce / 250.0)
    total = report.indicator("energy.audit.total.equivalent")
    assert total is not None and "new_water" in total.input("not_counted")
    assert {s.standard for s in total.sources} == {"GB/T 2589"}
    # The type x month table nets the export, keeps generation apart, and converts units to the form's first unit.
    table = {(row["energy_type"], row["unit"]): row for row in report.energy.audit_balance.table()}
    cell = table[("electricity", "kWh")]["months"]["2025-03"]
    assert cell["quantity"] == pytest.approx(99_000) and cell["generated"] == pytest.approx(5_000)
    assert table[("natural_gas", "m3")]["months"]["2025-03"]["quantity"] == pytest.approx(20_000)
    assert table[("natural_gas", "m3")]["months"]["2025-03"]["tce"] == pytest.approx(24.286)
    assert table[("new_water", "t")]["counted"] is False


def test_energy_cost_sums_purchases_as_recorded(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add_many(
        "energy_use",
        [
            {"month": "2025-01", "energy_type": "electricity", "quantity": 1000, "unit": "kWh", "cost_yuan": 680.0},
            {"month": "2025-01", "energy_type": "steam", "quantity": 10, "unit": "t", "cost_yuan": 2650.0},
            {
                "month": "2025-01",
                "energy_type": "electricity",
                "quantity": 100,
                "unit": "kWh",
                "flow": "exported",
                "cost_yuan": 50.0,
            },
            {"month": "2024-01", "energy_type": "steam", "quantity": 10, "unit": "t", "cost_yuan": 9999.0},
        ],
    )
    report = analyse_document(document)
    assert value(report, "energy.audit.cost") == pytest.approx(680.0 + 2650.0)


def test_media_are_counted_when_the_audit_says_so(document: AuditDocument) -> None:
    make_audit(document, include_media_in_tce=True)
    document.records.add_many("energy_use", mixed_month())
    report = analyse_document(document)
    assert value(report, "energy.audit.total.equivalent") == pytest.approx(
        104.2818 + 1000 * NEW_WATER_KGCE_PER_T / 1000, abs=1e-4
    )


def test_equal_value_basis_uses_the_audit_coefficient(document: AuditDocument) -> None:
    make_audit(document, electricity_basis="equal_value", electricity_equal_value_kgce_per_kwh=0.30)
    document.records.add_many("energy_use", mixed_month())
    report = analyse_document(document)
    expected = (104_000 * 0.30 + 64_300 + 24_286 + 2_914.2) / 1000
    assert value(report, "energy.audit.total.equal_value") == pytest.approx(expected)
    assert value(report, "energy.audit.total.equivalent") == pytest.approx(104.2818, abs=1e-4)
    # Both bases are always there under the same keys; the audit's choice is the headline.
    headline = report.energy_total()
    assert headline is not None and headline.key == "energy.audit.total.equal_value"


def test_equal_value_from_the_table_is_marked_unverified(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add(
        "energy_use", {"month": "2025-01", "energy_type": "electricity", "quantity": 1000, "unit": "kWh"}
    )
    report = analyse_document(document)
    equal = report.indicator("energy.audit.total.equal_value")
    assert equal is not None and equal.status == "U" and equal.unverified
    equivalent = report.indicator("energy.audit.total.equivalent")
    assert equivalent is not None and equivalent.status == "V"


def test_steam_by_enthalpy(document: AuditDocument) -> None:
    make_audit(document, steam_practice="enthalpy")
    document.records.add(
        "energy_use",
        {"month": "2025-02", "energy_type": "steam", "quantity": 100, "unit": "t", "steam_pressure_mpa": 0.8},
    )
    report = analyse_document(document)
    # 0.8 MPa(g) = 0.901325 MPa abs; saturated vapour 2773.0 kJ/kg at 0.9 and 2777.1 at 1.0 MPa.
    enthalpy = 2773.0 + (2777.1 - 2773.0) * (0.901325 - 0.9) / 0.1
    expected = 100 * 1000 * enthalpy / 1000 * HEAT_KGCE_PER_MJ / 1000  # t × kg/t × MJ/kg × kgce/MJ → tce
    assert expected == pytest.approx(9.4617, abs=1e-3)  # ≈ 94.6 kgce/t as STANDARDS.md §1.6 works out
    assert value(report, "energy.audit.total.equivalent") == pytest.approx(expected, rel=1e-6)
    assert report.indicator("energy.audit.total.equivalent").status == "U"  # the steam table is from memory


def test_steam_in_gj_and_heat_in_mj(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add_many(
        "energy_use",
        [
            {"month": "2025-02", "energy_type": "steam", "quantity": 10, "unit": "GJ"},
            {"month": "2025-02", "energy_type": "heat", "quantity": 5000, "unit": "MJ"},
        ],
    )
    report = analyse_document(document)
    assert value(report, "energy.audit.total.equivalent") == pytest.approx((10_000 + 5_000) * HEAT_KGCE_PER_MJ / 1000)
    assert ("steam", "GJ") in {(row["energy_type"], row["unit"]) for row in report.energy.audit_balance.table()}


def test_measured_ncv_replaces_the_reference_coefficient(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add(
        "energy_use",
        {
            "month": "2025-04",
            "energy_type": "natural_gas",
            "quantity": 1000,
            "unit": "m3",
            "measured_ncv_kj_per_unit": 36_000,
        },
    )
    report = analyse_document(document)
    assert value(report, "energy.audit.total.equivalent") == pytest.approx(1000 * 36_000 / 29_307.6 / 1000)


def test_periods_select_months_and_the_change_is_against_the_comparison_period(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add_many(
        "energy_use",
        [
            {"month": "2025-06", "energy_type": "diesel", "quantity": 9, "unit": "t"},
            {"month": "2024-06", "energy_type": "diesel", "quantity": 10, "unit": "t"},
            {"month": "2023-06", "energy_type": "diesel", "quantity": 99, "unit": "t"},  # outside both periods
        ],
    )
    document.records.update(
        document.records.singleton("enterprise").uuid,  # type: ignore[union-attr]
        {"comparison_output_value_10k_yuan": 800.0},
    )
    report = analyse_document(document)
    assert value(report, "energy.audit.total.equivalent") == pytest.approx(9 * 1.4571)
    assert value(report, "energy.comparison.total.equivalent") == pytest.approx(10 * 1.4571)
    assert value(report, "energy.change.total") == pytest.approx(-10.0)
    # Intensity 9×1.4571/1000 against 10×1.4571/800: (9/1000)/(10/800) − 1 = −28 %.
    assert value(report, "energy.change.intensity_output_value") == pytest.approx(-28.0)
    missing = report.indicator("energy.change.intensity_value_added")
    assert missing is not None and missing.value is None and missing.note is not None


def test_unit_product_intensity_from_production_records(document: AuditDocument) -> None:
    make_audit(document)
    document.records.add(
        "energy_use", {"month": "2025-05", "energy_type": "electricity", "quantity": 1_000_000, "unit": "kWh"}
    )
    document.records.add_many(
        "production",
        [
            {"month": "2025-05", "product_name": "布A", "quantity": 300, "unit": "万米"},
            {"month": "2025-06", "product_name": "布A", "quantity": 200, "unit": "万米"},
            {"month": "2025-05", "product_name": "布B", "quantity": 500, "unit": "万米"},
        ],
    )
    report = analyse_document(document)
    tce = 1_000_000 * ELECTRICITY_KGCE_PER_KWH / 1000  # 122.9
    product_a = next(i for i in report.energy.indicators if i.input("product") == "布A")
    # The key names the product's record, never the user's text.
    first_a = next(r.uuid for r in document.records.list("production") if r.values["product_name"] == "布A")
    assert product_a.key == f"energy.intensity.product.{first_a}" and product_a.about == (first_a,)
    assert product_a.value == pytest.approx(tce * 1000 / 500)
    assert value(report, "energy.intensity.product.all") == pytest.approx(tce * 1000 / 1000)


def test_no_period_gives_a_note_not_a_crash(document: AuditDocument) -> None:
    document.records.add("audit", {"title": "x", "audit_type": "energy_audit", "team_leader": "a", "institute": "b"})
    report = analyse_document(document)
    total = report.indicator("energy.audit.total.equivalent")
    assert total is not None and total.value is None and total.note is not None


def test_every_field_the_indicators_read_exists_in_its_form() -> None:
    registry = default_registry()
    for form_id, names in FIELDS_READ.items():
        form = registry[form_id]
        for name in names:
            assert form.has_field(name), f"{form_id}.{name} is read by the indicators but not defined"
