"""Equipment grading worked by hand: motor at a grade boundary, transformer losses, compressor over the limit, pump formula."""

from __future__ import annotations

import math
from typing import Any

import pytest

from audit.analysis import analyse_document
from audit.document import AuditDocument
from audit.indicators.equipment import grade_record
from audit.indicators.equipment.common import match_outdated
from audit.indicators.equipment.motor import motor_load
from audit.reference import reference_data

REF = reference_data()


def grade(form_id: str, values: dict[str, Any], measurements: list[dict[str, Any]] | None = None) -> Any:
    return grade_record(form_id, "00000000-test", values, measurements or [], REF)


MOTOR = {"tag": "M", "motor_type": "induction_lv", "rated_power_kw": 7.5, "poles": 4}


@pytest.mark.parametrize(
    ("efficiency", "verdict", "expected"),
    [
        # GB 18613-2020, 7.5 kW 4-pole: 1级 94.0, 2级 92.6, 3级 90.4 (STANDARDS.md §3.1)
        (90.4, "grade", 3),
        (90.39, "below_grade_3", None),
        (92.6, "grade", 2),
        (92.59, "grade", 3),
        (94.0, "grade", 1),
    ],
)
def test_motor_at_the_grade_boundaries(efficiency: float, verdict: str, expected: int | None) -> None:
    result = grade("motor", {**MOTOR, "nameplate_efficiency_pct": efficiency})
    assert (result.verdict, result.grade) == (verdict, expected)
    assert result.compared is not None and result.compared.input("limits_pct") == [94.0, 92.6, 90.4]


def test_motor_poles_from_speed_and_an_intermediate_rating() -> None:
    # 2 960 r/min at 50 Hz is a 2-pole motor; 8 kW is graded against the 7.5 kW row (2-pole 3级 90.1).
    result = grade(
        "motor", {"tag": "M", "rated_power_kw": 8.0, "rated_speed_rpm": 2960, "nameplate_efficiency_pct": 90.1}
    )
    assert (result.verdict, result.grade) == ("grade", 3)
    assert result.compared is not None and result.compared.input("table_row_kw") == 7.5
    assert result.status == "U"  # the intermediate-rating rule is unverified


def test_motor_missing_data_says_what_is_missing() -> None:
    assert grade("motor", {**MOTOR}).reason.en == "Cannot grade: missing nameplate efficiency"
    result = grade("motor", {"tag": "M", "rated_power_kw": 5.5, "nameplate_efficiency_pct": 90.0})
    assert result.verdict == "cannot_grade" and "poles or rated speed" in result.reason.en
    pm = grade("motor", {**MOTOR, "motor_type": "permanent_magnet", "nameplate_efficiency_pct": 95.0})
    assert pm.verdict == "not_applicable"


def test_motor_load_and_operating_efficiency_from_input_power() -> None:
    rated_kw, efficiency, share = 90.0, 0.952, 0.3
    beta, operating = motor_load(68.2, rated_kw, efficiency, share)
    # Check by substitution: the input the model gives back at that load is the measured input.
    losses = rated_kw * (1 / efficiency - 1)
    assert beta * rated_kw + share * losses + (1 - share) * beta**2 * losses == pytest.approx(68.2)
    assert operating == pytest.approx(beta * rated_kw / 68.2)
    # At full load the model returns the nameplate efficiency.
    full_input = rated_kw / efficiency
    assert motor_load(full_input, rated_kw, efficiency, share) == pytest.approx((1.0, efficiency))
    result = grade(
        "motor",
        {**MOTOR, "rated_power_kw": 90.0, "nameplate_efficiency_pct": 95.2},
        [{"quantity_measured": "active_power", "value": 68200.0, "unit": "W", "measured_at": "2026-03-11T10:20"}],
    )
    load = next(e for e in result.extras if e.key == "equipment.motor.load")
    assert load.value == pytest.approx(beta * 100)
    assert load.input("input_kw_from") == "spot measurement" and load.unverified


TRANSFORMER = {
    "tag": "T",
    "transformer_type": "oil",
    "core_material": "steel",
    "vector_group": "Dyn11",
    "rated_capacity_kva": 1600.0,
    "primary_voltage_kv": 10.0,
    "no_load_loss_kw": 1.17,
    "load_loss_kw": 14.5,
    "measured_load_kva": 960.0,
    "power_factor": 0.94,
    "annual_operating_hours": 8000.0,
    "standard_edition": "2024",
}


def test_transformer_losses_load_factor_and_economic_ratio_by_hand() -> None:
    result = grade("transformer", TRANSFORMER)
    extras = {e.key: e.value for e in result.extras}
    beta = 960 / 1600  # 0.6
    losses = 1.17 + beta**2 * 14.5  # 6.39 kW
    assert extras["equipment.transformer.load_ratio"] == pytest.approx(60.0)
    assert extras["equipment.transformer.losses"] == pytest.approx(6.39)
    assert extras["equipment.transformer.economic_load_ratio"] == pytest.approx(math.sqrt(1.17 / 14.5) * 100)  # 28.4 %
    output = beta * 1600 * 0.94
    assert extras["equipment.transformer.efficiency"] == pytest.approx(output / (output + losses) * 100)
    assert extras["equipment.transformer.annual_losses"] == pytest.approx(losses * 8000)
    # 1 600 kVA, GB 20052-2024 3级: P0 1.17, Pk 14.50 — exactly at the limit, so grade 3.
    assert (result.verdict, result.grade, result.standard) == ("grade", 3, "GB 20052-2024")


def test_transformer_grade_is_the_worse_of_p0_and_pk_and_edition_follows_purchase_date() -> None:
    better_p0 = grade("transformer", {**TRANSFORMER, "no_load_loss_kw": 0.94})  # P0 at 1级, Pk at 3级
    assert better_p0.grade == 3
    old = grade(
        "transformer",
        {**TRANSFORMER, "standard_edition": "auto", "purchase_date": "2012-06-15", "no_load_loss_kw": 1.64},
    )
    assert old.verdict == "below_grade_3" and old.standard == "GB 20052-2020"
    assert grade("transformer", {**TRANSFORMER, "rated_capacity_kva": 1500.0}).reason.en.startswith(
        "Cannot grade: no reference value"
    )
    dry = grade("transformer", {**TRANSFORMER, "transformer_type": "dry"})
    assert dry.reason.en == "Cannot grade: missing insulation class (B/F/H) of the dry-type transformer"


def test_dry_type_and_amorphous_transformers() -> None:
    # GB 20052-2024 Table 2, 1 000 kVA dry type, steel core: P0 1.02/1.205/1.415; class F Pk 7.315/7.315/8.13.
    dry = {
        **TRANSFORMER,
        "transformer_type": "dry",
        "insulation_class": "F",
        "rated_capacity_kva": 1000.0,
        "no_load_loss_kw": 1.205,
        "load_loss_kw": 7.315,
    }
    result = grade("transformer", dry)
    assert (result.verdict, result.grade) == ("grade", 2)  # P0 at grade 2, Pk at grade 1: the worse counts
    assert result.compared is not None and result.compared.input("pk_grade") == 1
    # Class B limits are lower (Pk 6.885/6.885/7.65): the same 7.315 kW is only grade 3 there.
    assert grade("transformer", {**dry, "insulation_class": "B"}).grade == 3
    # Table 1, 400 kVA amorphous Dyn11: P0 0.16/0.2/0.2, Pk 3.66/3.865/4.52 (not the steel 3.25/3.615).
    amorphous = {
        **TRANSFORMER,
        "rated_capacity_kva": 400.0,
        "core_material": "amorphous",
        "no_load_loss_kw": 0.16,
        "load_loss_kw": 3.80,
    }
    result = grade("transformer", amorphous)
    assert (result.verdict, result.grade) == ("grade", 2)
    # 35 kV, 3 150 kVA: P0 1.7/2.0/2.4, Pk 21/21/22.
    hv = {
        **TRANSFORMER,
        "primary_voltage_kv": 35.0,
        "rated_capacity_kva": 3150.0,
        "no_load_loss_kw": 2.4,
        "load_loss_kw": 22.5,
    }
    assert grade("transformer", hv).verdict == "below_grade_3"
    # The 2020 edition has no dry-type table here: an explicit 2020 choice says so and borrows nothing …
    old_dry = grade("transformer", {**dry, "standard_edition": "2020"})
    assert old_dry.verdict == "cannot_grade" and "2024" in old_dry.reason.en
    # … while "by purchase date" grades an old unit against 2024 and marks the substitution unverified.
    bought_2019 = grade("transformer", {**dry, "standard_edition": "auto", "purchase_date": "2019-05-01"})
    assert (bought_2019.grade, bought_2019.standard, bought_2019.grade_status) == (2, "GB 20052-2024", "U")


COMPRESSOR = {
    "tag": "AC",
    "compressor_type": "oil_injected_screw",
    "rated_power_kw": 75.0,
    "rated_pressure_mpa": 0.8,
    "cooling": "air",
    "control": "load_unload",
    "free_air_delivery_m3_per_min": 12.5,
}


@pytest.mark.parametrize(
    ("specific_power", "verdict", "expected"),
    # GB 19153-2019, 75 kW 0.8 MPa air-cooled: 1级 6.3, 2级 6.8, 3级 7.5 kW/(m³/min)
    [(7.9, "below_grade_3", None), (7.5, "grade", 3), (6.8, "grade", 2), (6.3, "grade", 1)],
)
def test_compressor_specific_power_against_the_grade_3_limit(
    specific_power: float, verdict: str, expected: int | None
) -> None:
    result = grade("air_compressor", {**COMPRESSOR, "measured_specific_power": specific_power})
    assert (result.verdict, result.grade) == (verdict, expected)


def test_compressor_specific_power_from_measured_input() -> None:
    # 99 kW ÷ 12.5 m³/min measured = 7.92 kW/(m³/min) > 7.5: below grade 3.
    measured = {**COMPRESSOR, "measured_input_kw": 99.0, "measured_free_air_delivery_m3_per_min": 12.5}
    result = grade("air_compressor", measured)
    assert result.verdict == "below_grade_3"
    assert result.compared is not None and result.compared.value == pytest.approx(7.92)
    # Without a measured flow the rated flow is not used (GB 19153: input power over the delivered flow).
    assert grade("air_compressor", {**COMPRESSOR, "measured_input_kw": 99.0}).verdict == "cannot_grade"
    assert grade(
        "air_compressor", {**COMPRESSOR, "rated_power_kw": 160.0, "measured_specific_power": 7.0}
    ).reason.en.startswith("Cannot grade: no reference value for 160 kW")


def test_pump_grade_from_the_gb_19762_formula() -> None:
    # Single-stage single-suction, Q 100 m³/h, H 32 m, 2 900 r/min; coefficients of STANDARDS.md §3.5.
    q = 100 / 3600
    ns = 3.65 * 2900 * math.sqrt(q) / 32**0.75
    ln_ns, ln_q = math.log(ns), math.log(100)
    base = -8.44 * ln_ns**2 - 0.48 * ln_q**2 + 0.09 * ln_ns * ln_q + 84.63 * ln_ns + 8.5 * ln_q
    grade_3 = base - 168.33
    assert grade_3 == pytest.approx(74.7, abs=0.1)
    pump = {
        "tag": "P",
        "pump_type": "single_stage_single_suction",
        "rated_flow_m3_per_h": 100.0,
        "rated_head_m": 32.0,
        "rated_speed_rpm": 2900,
    }
    at_limit = grade("pump", {**pump, "nameplate_efficiency_pct": round(grade_3, 2) + 0.01})
    assert (at_limit.verdict, at_limit.grade) == ("grade", 3)
    assert grade("pump", {**pump, "nameplate_efficiency_pct": round(grade_3, 2) - 0.02}).verdict == "below_grade_3"
    assert grade("pump", {**pump, "nameplate_efficiency_pct": base - 161.33 + 0.01}).grade == 1


def test_pump_unit_efficiency_from_measurements() -> None:
    pump = {
        "tag": "P",
        "pump_type": "submersible",
        "measured_flow_m3_per_h": 180.0,
        "measured_head_m": 30.0,
        "measured_input_kw": 20.0,
    }
    result = grade("pump", pump)
    assert result.verdict == "cannot_grade"
    unit = next(e for e in result.extras if e.key == "equipment.pump.unit_efficiency")
    assert unit.value == pytest.approx(1000 * 9.81 * 180 / 3600 * 30 / 1000 / 20 * 100)


def test_boiler_grades() -> None:
    gas = {"tag": "B", "fuel": "natural_gas", "medium": "hot_water", "rated_heat_output_mw": 2.8, "condensing": False}
    assert grade("boiler", {**gas, "design_efficiency_pct": 92.0}).grade == 3
    assert grade("boiler", {**gas, "design_efficiency_pct": 91.9}).verdict == "below_grade_3"
    assert grade("boiler", {**gas, "condensing": True, "design_efficiency_pct": 101.0}).grade == 2
    assert grade("boiler", {**gas, "fuel": "coal", "design_efficiency_pct": 80.0}).reason.en.startswith(
        "Cannot grade: missing coal class"
    )
    assert grade("boiler", {**gas, "fuel": "electric", "design_efficiency_pct": 97.5}).verdict == "meets_limit"


def test_fan_grades_need_psi_and_ns() -> None:
    fan = {"tag": "F", "fan_type": "centrifugal", "machine_number": 8.0, "nameplate_efficiency_pct": 83.0}
    # ψ 0.43, n_s 72, No8 → row ψ 0.35–0.45, n_s 65–80, column No5–10: 3级 73, 2级 82, 1级 87.
    assert grade("fan", {**fan, "pressure_coefficient": 0.43, "specific_speed": 72.0}).grade == 2
    assert grade("fan", fan).reason.en == "Cannot grade: missing pressure coefficient ψ and specific speed n_s"


@pytest.mark.parametrize(
    ("form_id", "model", "entry", "suspected"),
    [
        ("motor", "J02-52-4", "B1-1-1", False),
        ("motor", "JZR2-31-6", "B1-1-8", False),
        ("motor", "YB160M-4", "IND-YB", True),  # frame size and voltage decide: a suspected match
        ("motor", "YB2-160M-4", None, False),  # a later series, not YB
        ("motor", "Y2-200L-4", None, False),
        ("pump", "4BA-12", "IND-B-BA", False),
        ("pump", "IS100-65-200", None, False),
        ("fan", "9-27 No6.3D", "IND-8-18", False),
        ("air_compressor", "L-10/8", "IND-L10", False),
        ("transformer", "S9-1000/10", "PRACTICE-S7-S9", True),
        ("transformer", "S13-M-1600/10", None, False),
    ],
)
def test_outdated_catalogue_lookup(form_id: str, model: str, entry: str | None, suspected: bool) -> None:
    match = match_outdated(form_id, {"model": model}, REF)
    assert (match.entry_id if match else None) == entry
    if match is not None:
        assert match.suspected is suspected


def test_small_coal_boiler_is_outdated() -> None:
    match = match_outdated("boiler", {"fuel": "coal", "medium": "steam", "rated_capacity_t_per_h": 4.0}, REF)
    assert match is not None and match.entry_id == "IND-COAL-BOILER" and not match.suspected


def test_grading_through_the_document_uses_spot_measurements(document: AuditDocument) -> None:
    motor = document.records.add(
        "motor",
        {
            "tag": "M-1",
            "location": "A",
            "motor_type": "induction_lv",
            "rated_power_kw": 30.0,
            "poles": 4,
            "nameplate_efficiency_pct": 92.2,
            "driven_load": "pump",
            "control_method": "direct",
        },
    )
    document.records.add(
        "spot_measurement",
        {
            "equipment": motor,
            "quantity_measured": "active_power",
            "value": 21.6,
            "unit": "kW",
            "measured_at": "2026-03-11 10:55",
            "instrument": "Fluke 435",
            "calibration_date": "2025-11-20",
        },
    )
    report = analyse_document(document)
    result = next(r for r in report.equipment if r.uuid == motor)
    assert result.verdict == "below_grade_3"  # 30 kW 4-pole 3级 is 93.6
    assert any(e.key == "equipment.motor.load" and e.input("instrument") == "Fluke 435" for e in result.extras)


def test_calculated_fields_on_the_forms(document: AuditDocument) -> None:
    transformer = document.records.add(
        "transformer",
        {
            "tag": "T",
            "location": "A",
            "transformer_type": "oil",
            "rated_capacity_kva": 1600.0,
            "measured_load_kva": 960.0,
        },
    )
    assert document.records.get(transformer).values["load_ratio_pct"] == pytest.approx(60.0)
    compressor = document.records.add(
        "air_compressor",
        {
            "tag": "AC",
            "location": "A",
            "compressor_type": "oil_injected_screw",
            "rated_power_kw": 75.0,
            "rated_pressure_mpa": 0.8,
            "free_air_delivery_m3_per_min": 12.5,
            "cooling": "air",
            "control": "load_unload",
            "measured_input_kw": 99.0,
            "measured_free_air_delivery_m3_per_min": 11.0,
            "flow_test_method": "flow_meter",
            "flow_test_pressure_mpa": 0.8,
        },
    )
    # Measured input over the measured flow (GB 19153), not the rated 12.5 m³/min: 99 ÷ 11 = 9.0.
    assert document.records.get(compressor).values["input_specific_power"] == pytest.approx(9.0)
    # An expert may override a calculated value; grading then uses the measured specific power field first.
    document.records.update(compressor, {"measured_specific_power": 7.4})
    report = analyse_document(document)
    result = next(r for r in report.equipment if r.uuid == compressor)
    assert (result.verdict, result.grade) == ("grade", 3)


def test_scope_limits_are_said_not_guessed() -> None:
    high_voltage = grade("motor", {**MOTOR, "rated_voltage_v": 6000.0, "nameplate_efficiency_pct": 95.0})
    assert high_voltage.verdict == "not_applicable" and "GB 30254" in high_voltage.reason.en
    oil = {
        "tag": "B",
        "fuel": "natural_gas",
        "medium": "thermal_oil",
        "rated_heat_output_mw": 4.2,
        "design_efficiency_pct": 93.0,
    }
    result = grade("boiler", oil)
    assert result.grade == 3 and result.grade_status == "U"  # scope for thermal-oil heaters unverified
