"""Motor replacement, variable-speed drive, transformer and power-factor methods against MEASUR and by hand."""

from __future__ import annotations

import math

import pytest

from audit.measures.motor_replacement import MotorDecision, MotorReplacementInputs, motor_replacement
from audit.measures.power_factor import power_factor_correction
from audit.measures.transformer import (
    TransformerLosses,
    annual_loss_kwh,
    economic_load_ratio,
    load_transfer,
    transformer_replacement,
)
from audit.measures.variable_speed_drive import (
    DutyPoint,
    SystemCurve,
    VsdInputs,
    hydraulic_kw,
    nameplate_speed_kw,
    variable_speed_drive,
)
from tests.audit.measures.conversions import FT_M, GAL_M3, HP_KW


def measur_motor(price: float = 0.066, threshold: float = 2.0) -> MotorReplacementInputs:
    # MEASUR replace-existing defaults: 150 hp at 0.746 kW/hp (the service's factor), 75 % load, 8760 h,
    # 92 % -> 96 %, purchase 13 000, rewind 8 000, rewind loss 1 point.
    return MotorReplacementInputs(
        rated_output_kw=150 * 0.746,
        load_fraction=0.75,
        annual_hours=8760,
        efficiency_existing=0.92,
        efficiency_new=0.96,
        rewind_efficiency_loss=0.01,
        purchase_cost_yuan=13000,
        rewind_cost_yuan=8000,
        electricity_price_yuan_per_kwh=price,
        payback_threshold_years=threshold,
    )


def test_motor_replacement_matches_measur_replace_existing() -> None:
    result = motor_replacement(measur_motor())
    assert result.existing_kwh == pytest.approx(799111.96, abs=0.01)
    assert result.new_kwh == pytest.approx(765815.63, abs=0.01)
    assert result.rewound_kwh == pytest.approx(807893.41, abs=0.01)
    assert result.annual_savings_yuan == pytest.approx(2197.56, abs=0.01)
    assert result.simple_payback_years == pytest.approx(5.92, abs=0.005)
    assert result.incremental_payback_years == pytest.approx(1.80, abs=0.005)
    # Payback 5.92 years is over the 2-year threshold, the increment over a rewind (1.80) is under it.
    assert result.decision is MotorDecision.REPLACE_ON_FAILURE


def test_motor_replacement_decision_follows_the_threshold() -> None:
    assert motor_replacement(measur_motor(threshold=6.0)).decision is MotorDecision.REPLACE_NOW
    assert motor_replacement(measur_motor(threshold=1.0)).decision is MotorDecision.REWIND_ON_FAILURE


def test_motor_replacement_hand_example_in_si() -> None:
    # 15 kW motor at 60 % load, 6 000 h: 90 % -> 93 %: 54 000/0.90 - 54 000/0.93 = 60 000 - 58 064.516 kWh.
    inputs = MotorReplacementInputs(15, 0.6, 6000, 0.90, 0.93, 0.01, 9000, 3000, 0.8, 2.0)
    result = motor_replacement(inputs)
    assert result.annual_savings_kwh == pytest.approx(60000 - 58064.516, abs=0.01)
    assert result.annual_savings_yuan == pytest.approx(1935.484 * 0.8, abs=0.01)
    assert result.simple_payback_years == pytest.approx(9000 / (1935.484 * 0.8), rel=1e-5)


def test_fluid_power_matches_psat_pump_efficiency() -> None:
    # PSAT golden: 1840 gpm, 174.85 ft, shaft 103.385910304 hp -> pump efficiency 78.555319445 % (water at 20 °C).
    flow_m3_per_h = 1840 * GAL_M3 * 60
    fluid_kw = hydraulic_kw(flow_m3_per_h, 174.85 * FT_M, 998.2)
    assert fluid_kw / (103.385910304 * HP_KW) == pytest.approx(0.78555319445, rel=2e-4)


def test_nameplate_speed_estimate_matches_measur() -> None:
    # MEASUR enters η as "100" and divides by it: 6 950.9206 kWh; with η = 1 (a fraction) it is 100 × that.
    kw = nameplate_speed_kw(100, 1.0, 55 / 60, 2.5, 1.0)
    assert kw * 8640 == pytest.approx(6950.9206 * 100, rel=1e-7)


def test_vsd_on_a_system_with_static_head_saves_less_than_the_cube_law() -> None:
    curve = SystemCurve(static_head_m=20, friction_head_at_design_m=20, design_flow_m3_per_h=100, exponent=2.0)
    inputs = VsdInputs(
        curve=curve,
        duty=(DutyPoint(100, 2000, 18.0), DutyPoint(50, 4000, 14.0)),
        density_kg_per_m3=1000,
        machine_efficiency=0.75,
        motor_efficiency=0.92,
        drive_efficiency=0.95,
    )
    result = variable_speed_drive(inputs)
    chain = 0.75 * 0.92 * 0.95
    # By hand: at 100 m³/h the system needs 40 m, at 50 m³/h 20 + 20·0.25 = 25 m.
    full = 1000 * 9.80665 * (100 / 3600) * 40 / 1000 / chain
    half = 1000 * 9.80665 * (50 / 3600) * 25 / 1000 / chain
    assert result.vsd_input_kw == pytest.approx((full, half), rel=1e-9)
    assert result.baseline_kwh == pytest.approx(18 * 2000 + 14 * 4000)
    assert result.annual_savings_kwh == pytest.approx(18 * 2000 + 14 * 4000 - full * 2000 - half * 4000, rel=1e-9)
    # The bare cube law would put the half-flow point at 1/8 of full power, far below the 25 m point.
    assert half > full / 8 * 2


def test_economic_load_ratio_of_grade_3_units_matches_standards_md() -> None:
    # STANDARDS.md §6: 1000 kVA 3级 ≈ 0.28, 400 kVA 3级 ≈ 0.30 (GB 20052 P0/Pk).
    assert economic_load_ratio(TransformerLosses(1000, 0.83, 10.30)) == pytest.approx(0.28, abs=0.005)
    assert economic_load_ratio(TransformerLosses(400, 0.41, 4.52)) == pytest.approx(0.30, abs=0.005)


def test_transformer_replacement_and_load_transfer_by_hand() -> None:
    old = TransformerLosses(1000, 1.20, 11.60)  # an S9-era unit
    new = TransformerLosses(1000, 0.665, 7.415)  # GB 20052-2024 1级 Yyn0
    # β = 0.4: old 1.2·8760 + 0.16·11.6·8760, new 0.665·8760 + 0.16·7.415·8760.
    assert annual_loss_kwh(old, 400, 8760, 8760) == pytest.approx(8760 * (1.2 + 1.856))
    result = transformer_replacement(old, new, 400, 8760, 8760)
    assert result.annual_savings_kwh == pytest.approx(8760 * (1.2 + 1.856 - 0.665 - 1.1864))
    # Two 1000 kVA units at 200 and 150 kVA: before 2·0.83·8760 + (0.04 + 0.0225)·10.3·8760; after one unit at
    # 350 kVA: 0.83·8760 + 0.1225·10.3·8760.
    unit = TransformerLosses(1000, 0.83, 10.30)
    transfer = load_transfer(unit, 200, unit, 150, 8760, 8760)
    assert transfer.before_kwh == pytest.approx(8760 * (1.66 + 0.0625 * 10.3))
    assert transfer.after_kwh == pytest.approx(8760 * (0.83 + 0.1225 * 10.3))
    assert transfer.receiving_load_ratio == pytest.approx(0.35)


def test_power_factor_correction_matches_measur() -> None:
    result = power_factor_correction(87, 0.87, 0.95)
    assert result.apparent_kva == pytest.approx(100)
    assert result.reactive_kvar == pytest.approx(49.3052, abs=1e-4)
    assert result.new_apparent_kva == pytest.approx(91.5789, abs=1e-4)
    assert result.new_reactive_kvar == pytest.approx(28.5955, abs=1e-4)
    assert result.capacitor_kvar == pytest.approx(20.7097, abs=1e-4)
    # Current falls to 0.87/0.95 of itself; losses to its square.
    assert result.loss_reduction_fraction == pytest.approx(1 - (0.87 / 0.95) ** 2)
    assert math.isclose(result.loss_reduction_fraction, 0.16133, abs_tol=1e-5)
