"""Compressed air, combustion, steam, insulation, lighting and water methods against MEASUR and by hand."""

from __future__ import annotations

import pytest

from audit.measures.air_leak_repair import (
    OrificeLeak,
    UltrasonicTable,
    leak_kwh,
    load_unload_leak_m3_per_min,
    orifice_leak_m3_per_min,
    pump_down_leak_m3_per_min,
    ultrasonic_leak_m3_per_min,
)
from audit.measures.combustion import CombustionPoint, excess_air_fraction, fuel_savings
from audit.measures.compressor_heat_recovery import HeatRecoveryInputs, compressor_heat_recovery
from audit.measures.condensate_recovery import condensate_recovery
from audit.measures.cooling_tower import (
    cycles_of_concentration,
    evaporation_m3_per_h,
    raise_cycles,
    tower_water,
)
from audit.measures.flue_gas_heat_recovery import flue_gas_heat_recovery
from audit.measures.insulation import annual_heat_mj, bare_pipe_w_per_m, flat_surface_w_per_m2, insulated_pipe_w_per_m
from audit.measures.lighting import LightingGroup, led_lighting
from audit.measures.metering import metering
from audit.measures.pressure_reduction import PressureReductionInputs, power_ratio, pressure_reduction
from audit.measures.wastewater_reuse import wastewater_reuse
from tests.audit.measures.conversions import GAL_M3, INCH_MM, MMBTU_PER_H_KW, PSI_KPA, SCFM_M3_PER_MIN, f_to_c

# MEASUR's 0.16 kW/cfm as kW per m³/min of free air.
SP_SI = 0.16 / SCFM_M3_PER_MIN


def test_orifice_leaks_match_measur() -> None:
    # 550 °F, 14.7 psia, Cd 1, 0.375 in, 100 psig, 4 orifices -> 1 295.1250307181 scfm; 8640 h -> 1 790 380.84 kWh.
    leak = OrificeLeak(diameter_mm=0.375 * INCH_MM, count=4, line_pressure_kpa_gauge=100 * PSI_KPA)
    flow = orifice_leak_m3_per_min(leak, 1.0, f_to_c(550), 14.7 * PSI_KPA)
    assert flow == pytest.approx(1295.1250307181 * SCFM_M3_PER_MIN, rel=5e-4)
    assert leak_kwh(flow, 8640, SP_SI, 1.0) == pytest.approx(1790380.8424647334, rel=5e-4)


def test_estimated_and_ultrasonic_leaks_match_measur() -> None:
    assert leak_kwh(0.1 * SCFM_M3_PER_MIN, 8640, SP_SI, 1.0) == pytest.approx(138.24)
    table = UltrasonicTable(
        pressure_1_kpa=150 * PSI_KPA,
        pressure_2_kpa=125 * PSI_KPA,
        db_1=20,
        db_2=30,
        flow_11=1.04 * SCFM_M3_PER_MIN,
        flow_21=1.2 * SCFM_M3_PER_MIN,
        flow_12=1.85 * SCFM_M3_PER_MIN,
        flow_22=1.65 * SCFM_M3_PER_MIN,
    )
    flow = ultrasonic_leak_m3_per_min(table, 130 * PSI_KPA, 25)
    assert flow == pytest.approx(1.429 * SCFM_M3_PER_MIN)
    assert leak_kwh(flow, 8640, SP_SI, 1.0) == pytest.approx(1975.4496)


def test_pump_down_and_load_unload_tests_by_hand() -> None:
    # 6 m³ of receivers and pipes fall from 700 to 500 kPa(g) in 4 min: 6·200/101.325/4 = 2.9608 m³/min free air.
    assert pump_down_leak_m3_per_min(6, 700, 500, 4, 101.325) == pytest.approx(6 * 200 / 101.325 / 4)
    # A 13 m³/min compressor loaded 18 s of every 60 s with nothing in production: 3.9 m³/min of leaks.
    assert load_unload_leak_m3_per_min(13, 18, 42) == pytest.approx(3.9)
    # A modulating screw turns only 30 % of a flow reduction into less power (MEASUR control factor).
    assert leak_kwh(3.9, 6000, 6.5, 0.3) == pytest.approx(3.9 * 6.5 * 6000 * 0.3)


def test_pressure_reduction_matches_measur() -> None:
    inputs = PressureReductionInputs(
        input_kw=200,
        annual_hours=8760,
        present_kpa_gauge=100 * PSI_KPA,
        proposed_kpa_gauge=90 * PSI_KPA,
        atmospheric_kpa=14.7 * PSI_KPA,
        compression_exponent=0.395 / 1.395,
        unregulated_demand_fraction=0.0,
    )
    result = pressure_reduction(inputs)
    assert result.proposed_kwh == pytest.approx(1650714.710542, rel=1e-9)
    assert result.annual_savings_kwh == pytest.approx(200 * 8760 - 1650714.710542, rel=1e-8)
    # CompressorEEMs: 100 kW at 100 psig -> 94.22 kW at 90 psig (exponent 0.283, 14.69 psia).
    assert 100 * power_ratio(100 * PSI_KPA, 90 * PSI_KPA, 14.69 * PSI_KPA, 0.283) == pytest.approx(94.22, abs=0.005)


def test_artificial_demand_by_hand() -> None:
    # 0.8 -> 0.7 MPa(g): absolute 801.325 / 901.325; 60 % unregulated -> demand 1 - 0.6·(1 - 0.88905) = 0.93343.
    inputs = PressureReductionInputs(100, 1000, 800, 700, 101.325, 0.395 / 1.395, 0.6)
    result = pressure_reduction(inputs)
    assert result.demand_ratio == pytest.approx(1 - 0.6 * (1 - 801.325 / 901.325))
    assert result.proposed_kwh == pytest.approx(100000 * result.power_ratio * result.demand_ratio)


def test_compressor_heat_recovery_by_hand() -> None:
    # 90 kW × 5 000 h × 3.6 MJ/kWh × 0.65 recoverable × 0.8 used = 842 400 MJ; gas boiler at 0.9 -> 936 000 MJ.
    result = compressor_heat_recovery(HeatRecoveryInputs(90, 5000, 0.65, 0.8, 0.9))
    assert result.recovered_heat_mj == pytest.approx(842400)
    assert result.displaced_fuel_heat_mj == pytest.approx(936000)


def test_excess_air_and_o2_trim_match_measur() -> None:
    assert excess_air_fraction(0.06) == pytest.approx(0.3580, abs=5e-5)
    assert excess_air_fraction(0.02) == pytest.approx(0.094210532075, rel=1e-6)
    now = CombustionPoint(f_to_c(1600), 0.06, f_to_c(80))
    new = CombustionPoint(f_to_c(1200), 0.02, f_to_c(750))
    mmbtu_h = 10.0
    result = fuel_savings(now, new, mmbtu_h)
    assert result.available_heat_now == pytest.approx(0.455508888775, rel=1e-6)
    assert result.available_heat_new == pytest.approx(0.778931185299, rel=1e-6)
    assert result.fuel_savings_fraction == pytest.approx(0.415212925902, rel=1e-6)
    assert mmbtu_h - result.annual_fuel_saved_mj == pytest.approx(5.847870741, rel=1e-6)


def test_flue_gas_recovery_saves_fuel_as_the_flue_cools() -> None:
    # Same O₂ and air; 220 °C -> 120 °C at 3 % O₂. By hand with the same closed form in °F:
    # T 428 °F -> 248 °F; EA = 8.52381·0.03/(2 - 0.2857143) = 0.149166; cp at 68 °F = 0.017828518 + 0.000173808.
    result = flue_gas_heat_recovery(220, 120, 0.03, 20, 1_000_000)
    ea = 8.52381 * 0.03 / (2 - 9.52381 * 0.03) * 100
    cp = 0.017828518 + 0.000002556 * 68

    def ah(flue_f: float) -> float:
        return (
            95 - 0.025 * flue_f - (-1.07891327 + cp * flue_f) * ea / 100 + (-1.078913827 + cp * 68) * (1 + ea / 100)
        ) / 100

    assert result.available_heat_now == pytest.approx(ah(428))
    assert result.fuel_savings_fraction == pytest.approx((ah(248) - ah(428)) / ah(248))
    # Rule of thumb (STANDARDS.md §6, [C]): about 1 % per 10–15 °C -> 100 °C ≈ 6.7–10 %; the closed form gives ~5 %.
    assert 0.03 < result.fuel_savings_fraction < 0.10


def test_condensate_recovery_matches_standards_md_rule() -> None:
    # STANDARDS.md §6: a tonne of 90 °C condensate instead of 20 °C make-up saves 293 MJ ≈ 10.0 kgce.
    result = condensate_recovery(1.0, 90, 20, 1.0)
    assert result.fuel_saved_mj == pytest.approx(293.076)
    assert result.fuel_saved_mj / 29.3076 == pytest.approx(10.0)
    assert result.water_saved_m3 == 1.0
    assert condensate_recovery(1000, 80, 15, 0.85).fuel_saved_mj == pytest.approx(1000 * 4.1868 * 65 / 0.85)


def test_insulation_matches_measur_pipe_cases_within_the_model_difference() -> None:
    # MEASUR 1" pipe (Ø 0.025399 m), 422.039 K fluid, 299.817 K air, wind 0.89408 m/s, pipe ε 0.8: 278.898 W/m bare.
    # Its model adds temperature-dependent wall and air properties; ours is within 3 %.
    fluid_c, air_c = 422.039 - 273.15, 299.817 - 273.15
    assert bare_pipe_w_per_m(0.025399, fluid_c, air_c, 0.8, 0.89408) == pytest.approx(278.8984025085, rel=0.03)

    # 3" insulation, jacket ε 0.1: 19.386 W/m; k from MEASUR's polynomial at the insulation's mean temperature.
    def k(temperature_k: float) -> float:
        return (
            1.57526e-12 * temperature_k**4
            - 2.02822e-09 * temperature_k**3
            + 8.6328e-07 * temperature_k**2
            + 0.006729488
        )

    insulated = insulated_pipe_w_per_m(0.025399, fluid_c, air_c, 0.0762, k(361.0), 0.1, 0.89408)
    assert insulated == pytest.approx(19.3858771378, rel=0.02)
    # 8640 h at η 0.9: MEASUR 2 836 231 Wh/yr for 15.24 m.
    assert annual_heat_mj(insulated * 15.24, 8640, 0.9) == pytest.approx(2836231.3687633672 * 3600 / 1e6, rel=0.02)


def test_flat_surface_loss_by_hand_in_still_air() -> None:
    # 1 m high wall at 80 °C in 20 °C still air, ε 0.9: radiation 0.9σ(353.15⁴ - 293.15⁴) = 416.9 W/m²;
    # turbulent free convection h ≈ 1.31·ΔT^(1/3) = 5.13 W/(m²·K) -> 308 W/m²; together ≈ 725 W/m².
    loss = flat_surface_w_per_m2(1.0, 80, 20, 0.9, 0.0)
    radiation = 0.9 * 5.670374419e-8 * (353.15**4 - 293.15**4)
    assert radiation == pytest.approx(416.9, abs=0.1)
    assert loss == pytest.approx(416.9 + 1.31 * 60 ** (1 / 3) * 60, rel=0.05)


def test_led_lighting_matches_measur_example() -> None:
    baseline = (LightingGroup(400, 1, 452, 1.0, 8760),)
    proposed = (LightingGroup(150, 1, 452, 1.0, 8760),)
    result = led_lighting(baseline, proposed)
    assert result.baseline_kwh == pytest.approx(1583808)
    assert result.proposed_kwh == pytest.approx(593928)
    assert result.annual_savings_kwh * 0.066 == pytest.approx(65332.08)


def test_cooling_tower_matches_measur() -> None:
    # 2500 gpm, 10 MMBtu/h, 1000 h, LCF 1, CoC 3, drift 0.002 -> 0.0001: 2 100 000 -> 1 815 000 gal.
    circulating = 2500 * GAL_M3 * 60
    evaporation = evaporation_m3_per_h(10 * MMBTU_PER_H_KW, 1.0)
    before = tower_water(evaporation, circulating, 0.002, 3).make_up_m3_per_h * 1000
    after = tower_water(evaporation, circulating, 0.0001, 3).make_up_m3_per_h * 1000
    # MEASUR's 500 Btu/(h·gpm·°F) rounds water to 8.33 lb/gal: 0.2 % apart.
    assert before == pytest.approx(2100000 * GAL_M3, rel=3e-3)
    assert after == pytest.approx(1815000 * GAL_M3, rel=3e-3)


def test_water_assessment_tower_and_cycles() -> None:
    # WaterAssessment golden: conductivity 5 -> 15: CoC 3; evaporation 72 000 -> make-up 108 000, blowdown 36 000.
    cycles = cycles_of_concentration(15, 5)
    assert cycles == 3
    tower = tower_water(72000, 0, 0.0, cycles)
    assert tower.make_up_m3_per_h == pytest.approx(108000)
    assert tower.blowdown_m3_per_h == pytest.approx(36000)
    # By hand: E = 10 m³/h, 5 000 h, 2 -> 4 cycles: make-up 20 -> 13.333 m³/h, saves 33 333 m³ (STANDARDS.md §6 ~33 %).
    result = raise_cycles(10, 1000, 0.0, 2, 4, 5000)
    assert result.annual_water_saved_m3 == pytest.approx(5000 * (20 - 40 / 3))


def test_wastewater_reuse_and_metering_by_hand() -> None:
    # 100 000 m³ reused; water 4.1, wastewater 3.5, treatment 1.2 yuan/m³ and 1.5 kWh/m³ at 0.7 yuan/kWh.
    result = wastewater_reuse(100000, 4.1, 3.5, 1.5, 1.2, 0.7)
    assert result.treatment_kwh == pytest.approx(150000)
    assert result.annual_savings_yuan == pytest.approx(100000 * (4.1 + 3.5 - 1.2) - 150000 * 0.7)
    # 90 % of 25 required meters with 17 installed: 22.5 - 17 -> 6 meters to add.
    meters = metering(0.9, 17, 25, 3000, 1_000_000, 0.02)
    assert meters.meters_needed == 6
    assert meters.investment_yuan == 18000
    assert metering(0.9, 23, 25, 3000, 1_000_000, 0.02).annual_savings == 0.0
