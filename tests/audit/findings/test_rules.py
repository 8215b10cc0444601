"""Each findings rule on the demo audit: it fires, it does not fire once the data is fixed, and it says what
is missing when it cannot decide. Every test edits a real copy of the demo audit and analyses it."""

from __future__ import annotations

from audit.document import AuditDocument
from tests.audit.findings.support import analyse, cannot_assess, does_not_fire, fires, uuid_of


def test_motor_below_grade_3(demo: AuditDocument) -> None:
    m05, m03, m01 = (uuid_of(demo, "motor", t) for t in ("M-05", "M-03", "M-01"))
    analysis = analyse(demo)
    (old,) = fires(analysis, "motor.below_grade_3", m05)
    assert "outdated" in old.message.en and old.measures == (f"motor_replacement:{m05}",)
    assert old.evidence and old.evidence[0].key == "equipment.motor.efficiency"
    assert old.limit is not None and old.limit.threshold == 90.4  # GB 18613 7.5 kW 4P grade 3
    assert does_not_fire(analysis, "motor.below_grade_3", m01)
    demo.records.update(m03, {"nameplate_efficiency_pct": 95.0})
    demo.records.update(uuid_of(demo, "motor", "M-13"), {"nameplate_efficiency_pct": None})
    analysis = analyse(demo)
    assert does_not_fire(analysis, "motor.below_grade_3", m03)
    assert "nameplate efficiency" in cannot_assess(analysis, "motor.below_grade_3")[0].message.en


def test_motor_replacement_says_which_input_is_missing(demo: AuditDocument) -> None:
    m04 = uuid_of(demo, "motor", "M-04")
    demo.records.update(m04, {"load_factor_pct": None})
    (finding,) = fires(analyse(demo), "motor.below_grade_3", m04)
    assert finding.measures == ()
    assert [m.en for m in finding.measure_missing] == ["no load factor for M-04"]


def test_motor_low_load(demo: AuditDocument) -> None:
    m06 = uuid_of(demo, "motor", "M-06")
    assert does_not_fire(analyse(demo), "motor.low_load", m06)
    demo.records.update(m06, {"load_factor_pct": 30.0})
    (low,) = fires(analyse(demo), "motor.low_load", m06)
    assert low.limit is not None and low.limit.threshold == 40.0 and low.status.value == "U"
    demo.records.update(m06, {"load_factor_pct": None})
    assert [f.message.en for f in cannot_assess(analyse(demo), "motor.low_load", m06)] == [
        "Cannot assess: no load factor for M-06"
    ]


def test_pump_fan_throttled(demo: AuditDocument) -> None:
    p01 = uuid_of(demo, "pump", "P-01")
    analysis = analyse(demo)
    assert len(fires(analysis, "pump_fan.throttled", p01)) == 1
    measure = next(m for m in analysis.measures.measures if m.key == f"variable_speed_drive:{p01}")
    assert measure.saving("electricity") > 0 and measure.iac_code == "2.4121"
    demo.records.update(p01, {"control_method": "vfd"})
    assert does_not_fire(analyse(demo), "pump_fan.throttled", p01)


def test_pump_fan_bypassed_fires_with_its_own_text_and_a_vsd(demo: AuditDocument) -> None:
    p03, f01 = uuid_of(demo, "pump", "P-03"), uuid_of(demo, "fan", "F-01")
    demo.records.update(p03, {"control_method": "bypass"})
    demo.records.update(f01, {"control_method": "bypass"})
    analysis = analyse(demo)
    (pump,) = fires(analysis, "pump_fan.throttled", p03)
    assert "bypass" in pump.message.en and "旁通" in pump.message.zh and "throttling" not in pump.message.en
    assert pump.measures == (f"variable_speed_drive:{p03}",)
    measure = next(m for m in analysis.measures.measures if m.key == f"variable_speed_drive:{p03}")
    assert measure.saving("electricity") > 0
    assert len(fires(analysis, "pump_fan.throttled", f01)) == 1
    demo.records.update(p03, {"control_method": "on_off"})
    assert does_not_fire(analyse(demo), "pump_fan.throttled", p03)


def test_compressor_specific_power_above_limit(demo: AuditDocument) -> None:
    ac01, ac02 = uuid_of(demo, "air_compressor", "AC-01"), uuid_of(demo, "air_compressor", "AC-02")
    analysis = analyse(demo)
    (hit,) = fires(analysis, "compressor.specific_power_above_limit", ac01)
    assert hit.evidence[0].value == 7.9
    assert does_not_fire(analysis, "compressor.specific_power_above_limit", ac02)
    demo.records.update(ac02, {"measured_specific_power": None, "measured_input_kw": None})
    assert cannot_assess(analyse(demo), "compressor.specific_power_above_limit", ac02)


def test_air_leaks(demo: AuditDocument) -> None:
    system = demo.records.list("compressed_air_system")[0].uuid
    (hit,) = fires(analyse(demo), "air.leaks", system)
    share = hit.evidence[0]
    assert share.key == "finding.air.leak_share" and 10 < float(share.value or 0) < 11
    demo.records.update(system, {"measured_flow_m3_per_min": 60.0})
    assert does_not_fire(analyse(demo), "air.leaks", system)
    demo.records.update(system, {"leak_method": "not_tested"})
    (missing,) = cannot_assess(analyse(demo), "air.leaks", system)
    assert "no leak test" in missing.message.en


def test_air_leaks_by_pump_down(demo: AuditDocument) -> None:
    system = demo.records.list("compressed_air_system")[0].uuid
    # 8 m³ falling from 0.70 to 0.50 MPa in 5 min: 8·200/101.325/5 = 3.158 m³/min of 26 -> 12.1 %.
    demo.records.update(
        system,
        {
            "leak_method": "pump_down",
            "system_volume_m3": 8.0,
            "pump_down_start_mpa": 0.7,
            "pump_down_end_mpa": 0.5,
            "pump_down_minutes": 5.0,
        },
    )
    (hit,) = fires(analyse(demo), "air.leaks", system)
    assert hit.evidence[0].value == __import__("pytest").approx(8 * 200 / 101.325 / 5 / 26 * 100)


def test_air_pressure_above_need(demo: AuditDocument) -> None:
    system = demo.records.list("compressed_air_system")[0].uuid
    (hit,) = fires(analyse(demo), "air.pressure_above_need", system)
    assert hit.limit is not None and abs(hit.limit.threshold - 0.65) < 1e-9  # 0.55 needed + 0.1 margin
    demo.records.update(system, {"header_pressure_mpa": 0.62})
    assert does_not_fire(analyse(demo), "air.pressure_above_need", system)
    demo.records.update(system, {"header_pressure_mpa": None, "unload_pressure_mpa": None})
    assert cannot_assess(analyse(demo), "air.pressure_above_need", system)


def test_air_heat_not_recovered(demo: AuditDocument) -> None:
    system = demo.records.list("compressed_air_system")[0].uuid
    analysis = analyse(demo)
    assert fires(analysis, "air.heat_not_recovered", system)
    measure = next(m for m in analysis.measures.measures if m.method == "compressor_heat_recovery")
    assert measure.saving("natural_gas") > 0 and measure.status.value == "U"  # gas NCV and costs are unverified
    demo.records.update(system, {"heat_recovery_installed": True})
    assert does_not_fire(analyse(demo), "air.heat_not_recovered", system)
    demo.records.update(system, {"heat_recovery_installed": False, "measured_input_kw": None})
    assert cannot_assess(analyse(demo), "air.heat_not_recovered", system)


def test_transformer_below_grade_3(demo: AuditDocument) -> None:
    t4, t2 = uuid_of(demo, "transformer", "T-4"), uuid_of(demo, "transformer", "T-2")
    analysis = analyse(demo)
    assert len(fires(analysis, "transformer.below_grade_3", t4)) == 1
    measure = next(m for m in analysis.measures.measures if m.key == f"transformer_replacement:{t4}")
    # By hand: S9-1000 (P0 1.70, Pk 10.3) at 180 kVA vs grade 1 Yyn0 (0.665, 7.415), 7920 h energised:
    beta2 = (180 / 1000) ** 2
    assert measure.saving("electricity") == __import__("pytest").approx(7920 * (1.70 - 0.665 + beta2 * (10.3 - 7.415)))
    assert does_not_fire(analysis, "transformer.below_grade_3", t2)
    demo.records.update(t2, {"rated_capacity_kva": 1700.0})
    assert cannot_assess(analyse(demo), "transformer.below_grade_3", t2)


def test_transformer_load_far_from_economic(demo: AuditDocument) -> None:
    t4 = uuid_of(demo, "transformer", "T-4")
    analysis = analyse(demo)
    assert len(fires(analysis, "transformer.load_far_from_economic", t4)) == 1
    transfer = next(m for m in analysis.measures.measures if m.key == f"transformer_load_transfer:{t4}")
    assert len(transfer.records) == 2 and transfer.saving("electricity") > 0
    demo.records.update(t4, {"measured_load_kva": 400.0})
    assert does_not_fire(analyse(demo), "transformer.load_far_from_economic", t4)
    demo.records.update(t4, {"measured_load_kva": None})
    assert cannot_assess(analyse(demo), "transformer.load_far_from_economic", t4)


def test_low_power_factor(demo: AuditDocument) -> None:
    t4 = uuid_of(demo, "transformer", "T-4")
    analysis = analyse(demo)
    assert fires(analysis, "power_factor.low", t4)
    measure = next(m for m in analysis.measures.measures if m.key == f"power_factor_correction:{t4}")
    kvar = next(r.value for r in measure.results if r.name == "capacitor_kvar")
    # 180 kVA at 0.86: P = 154.8 kW; Q_c = P(tan acos 0.86 − tan acos 0.95).
    import math

    assert kvar == __import__("pytest").approx(154.8 * (math.tan(math.acos(0.86)) - math.tan(math.acos(0.95))))
    demo.records.update(t4, {"power_factor": 0.95})
    assert does_not_fire(analyse(demo), "power_factor.low", t4)


def test_boiler_below_gb24500(demo: AuditDocument) -> None:
    b01 = uuid_of(demo, "boiler", "B-01")
    assert fires(analyse(demo), "boiler.below_gb24500", b01)
    demo.records.update(b01, {"design_efficiency_pct": 95.0})
    assert does_not_fire(analyse(demo), "boiler.below_gb24500", b01)
    demo.records.update(b01, {"design_efficiency_pct": None, "measured_efficiency_pct": None})
    assert cannot_assess(analyse(demo), "boiler.below_gb24500", b01)


def test_boiler_high_flue_temperature_and_furnaces(demo: AuditDocument) -> None:
    b01, s01, s02 = uuid_of(demo, "boiler", "B-01"), uuid_of(demo, "furnace", "S-01"), uuid_of(demo, "furnace", "S-02")
    analysis = analyse(demo)
    (boiler,) = fires(analysis, "boiler.high_flue_temperature", b01)
    assert boiler.evidence[0].value == 215.0  # from the combustion test
    assert fires(analysis, "boiler.high_flue_temperature", s01)
    assert does_not_fire(analysis, "boiler.high_flue_temperature", s02)  # heat already recovered
    test = demo.records.list("boiler_combustion_test")[0].uuid
    demo.records.update(test, {"flue_temperature_c": 140.0})
    demo.records.update(s01, {"flue_temperature_c": None})
    analysis = analyse(demo)
    assert does_not_fire(analysis, "boiler.high_flue_temperature", b01)
    assert cannot_assess(analysis, "boiler.high_flue_temperature", s01)


def test_boiler_high_excess_air(demo: AuditDocument) -> None:
    b01 = uuid_of(demo, "boiler", "B-01")
    analysis = analyse(demo)
    assert len(fires(analysis, "boiler.high_excess_air", b01)) == 1
    tuning = next(m for m in analysis.measures.measures if m.key == f"burner_tuning:{b01}")
    # 318 m³/h × 7920 h of gas; 6.5 % -> 3 % O₂ at 215 °C flue, 22 °C air saves a few per cent.
    assert 0.01 < tuning.saving("natural_gas") / (318 * 7920) < 0.05
    test = demo.records.list("boiler_combustion_test")[0].uuid
    demo.records.update(test, {"flue_o2_pct": 3.0})
    assert does_not_fire(analyse(demo), "boiler.high_excess_air", b01)
    demo.records.delete(test)
    demo.records.update(b01, {"flue_gas_o2_pct": None})
    assert cannot_assess(analyse(demo), "boiler.high_excess_air", b01)


def test_condensate_not_recovered(demo: AuditDocument) -> None:
    b02 = uuid_of(demo, "boiler", "B-02")
    assert does_not_fire(analyse(demo), "steam.condensate_not_recovered", b02)  # on standby
    demo.records.update(b02, {"status": "running"})
    analysis = analyse(demo)
    assert fires(analysis, "steam.condensate_not_recovered", b02)
    measure = next(m for m in analysis.measures.measures if m.method == "condensate_recovery")
    assert measure.water_m3 > 0 and measure.saving("natural_gas") > 0
    demo.records.update(b02, {"condensate_return_pct": 85.0})
    assert does_not_fire(analyse(demo), "steam.condensate_not_recovered", b02)
    demo.records.update(b02, {"condensate_return_pct": None})
    assert cannot_assess(analyse(demo), "steam.condensate_not_recovered", b02)


def test_uninsulated_surface(demo: AuditDocument) -> None:
    main, insulated = (
        uuid_of(demo, "surface_survey", n, "location")
        for n in ("园区来汽总管（动力车间至染色车间）", "前处理车间蒸汽支管")
    )
    analysis = analyse(demo)
    assert fires(analysis, "thermal.uninsulated_surface", main)
    measure = next(m for m in analysis.measures.measures if m.key == f"insulation:{main}")
    assert measure.savings[0].energy_type == "steam" and measure.saving("steam") > 0
    assert does_not_fire(analysis, "thermal.uninsulated_surface", insulated)
    demo.records.update(main, {"length_m": None})
    (hit,) = fires(analyse(demo), "thermal.uninsulated_surface", main)
    assert hit.measures == () and "no diameter or length" in hit.measure_missing[0].en


def test_inefficient_lighting(demo: AuditDocument) -> None:
    l03, l01 = uuid_of(demo, "lighting", "L-03"), uuid_of(demo, "lighting", "L-01")
    analysis = analyse(demo)
    assert fires(analysis, "lighting.inefficient", l03)
    led = next(m for m in analysis.measures.measures if m.key == f"led_lighting:{l03}")
    # 60 × 430 W metal halide -> 0.375 × 430 W LED over 7920 h.
    assert led.saving("electricity") == __import__("pytest").approx(60 * 430 * (1 - 0.375) * 7920 / 1000)
    assert does_not_fire(analysis, "lighting.inefficient", l01)


def test_energy_intensity_worse(demo: AuditDocument) -> None:
    assert does_not_fire(analyse(demo), "energy.intensity_worse")  # the demo improved by 7.8 %
    enterprise = demo.records.singleton("enterprise")
    assert enterprise is not None
    demo.records.update(enterprise.uuid, {"output_value_10k_yuan": 30000.0, "value_added_10k_yuan": 6000.0})
    (hit,) = fires(analyse(demo), "energy.intensity_worse")
    assert hit.evidence[0].key == "energy.change.intensity_output_value"
    audit = demo.records.singleton("audit")
    assert audit is not None
    demo.records.update(audit.uuid, {"comparison_start": None, "comparison_end": None})
    assert cannot_assess(analyse(demo), "energy.intensity_worse")


def test_carbon_low_grade(demo: AuditDocument) -> None:
    assert does_not_fire(analyse(demo), "carbon.low_grade")  # grade 3
    audit = demo.records.singleton("audit")
    assert audit is not None
    demo.records.update(audit.uuid, {"carbon_industry_average_t_per_10k_yuan": 3.0})
    (hit,) = fires(analyse(demo), "carbon.low_grade")
    assert hit.evidence[0].key == "carbon.grade" and hit.evidence[0].value >= 4
    demo.records.update(audit.uuid, {"carbon_industry_average_t_per_10k_yuan": None})
    assert cannot_assess(analyse(demo), "carbon.low_grade")


def test_product_quota_cannot_assess_without_quota_values(demo: AuditDocument) -> None:
    """The demo's cloth maps to 印染布, whose DB33/T 685-2023 values were not found: the rule says so."""
    missing = cannot_assess(analyse(demo), "energy.product_quota")
    assert len(missing) == 3
    assert all("no quota values for 印染布 in DB33/T 685-2023, product " in m.message.en for m in missing)
    assert {"染色布（棉）", "染色布（涤纶）", "印花布"} == {
        m.message.en.split("product ")[1].split(" (")[0] for m in missing
    }
    assert does_not_fire(analyse(demo), "energy.product_quota")


def _make_product(demo: AuditDocument, name: str, unit: str, kgce_per_unit: float) -> float:
    """Turn the demo's 印花布 into `name` counted in `unit`, with output chosen so that whole-plant energy
    (equivalent value) per unit is `kgce_per_unit`; returns that output."""
    total = analyse(demo).indicator("energy.audit.total.equivalent")
    assert total is not None and total.value is not None
    output = total.value * 1000.0 / kgce_per_unit
    for record in demo.records.list("production"):
        if record.values["product_name"] in ("印花布", "水泥熟料", "涤纶 熔体直纺 POY"):
            demo.records.update(record.uuid, {"product_name": name, "unit": unit, "quantity": output / 12})
    return output


def test_product_quota_fires_above_the_limit_level(demo: AuditDocument) -> None:
    """Worked example: cement clinker under GB 16780-2021 表2 (1/2/3级 = 100/107/117 kgce/t, all [U])."""
    _make_product(demo, "水泥熟料", "t", 120.0)
    (hit,) = fires(analyse(demo), "energy.product_quota")
    assert hit.severity.value == "high" and hit.limit is not None and hit.limit.threshold == 117.0
    assert "exceeds the [U] 3级 limit 117 kgce/t of GB 16780-2021" in hit.message.en
    assert "verify against the official text" in hit.message.en and "核对" in hit.message.zh
    assert hit.evidence[0].value is not None and abs(hit.evidence[0].value - 120.0) < 0.01
    assert hit.status.value == "U"


def test_product_quota_level_reached(demo: AuditDocument) -> None:
    _make_product(demo, "水泥熟料", "t", 110.0)
    (hit,) = fires(analyse(demo), "energy.product_quota")
    assert hit.severity.value == "low" and "reaches only 3级" in hit.message.en and hit.limit.threshold == 107.0
    _make_product(demo, "水泥熟料", "t", 105.0)
    assert does_not_fire(analyse(demo), "energy.product_quota")


def test_product_quota_edition_and_unit(demo: AuditDocument) -> None:
    """GB 36889-2025 takes effect on 2026-06-01: a 2024 audit falls under the 2018 edition, whose values
    were not found; a product counted in 万米 cannot be compared with a kgce/t quota."""
    _make_product(demo, "涤纶 熔体直纺 POY", "t", 60.0)
    assert any(
        "no quota values for 涤纶 熔体直纺 POY in GB 36889-2018" in m.message.en
        for m in cannot_assess(analyse(demo), "energy.product_quota")
    )
    _make_product(demo, "水泥熟料", "万米", 60.0)
    assert any("counted in 万米" in m.message.en for m in cannot_assess(analyse(demo), "energy.product_quota"))


def test_wastewater_not_reused_proposes_reuse(demo: AuditDocument, document: AuditDocument) -> None:
    """The demo reuses 22 % of its wastewater (threshold 20 % [C]); once its treated-wastewater reuse is
    booked as water circulating inside its units, the rate is 0 % and the rule proposes treating 20 % of the
    discharge for reuse."""
    assert does_not_fire(analyse(demo), "water.wastewater_not_reused")
    for record in demo.records.list("water_unit"):
        if record.values.get("recycle_kind") == "treated_wastewater":
            demo.records.update(record.uuid, {"recycle_kind": "circulating"})
    analysis = analyse(demo)
    (hit,) = fires(analysis, "water.wastewater_not_reused")
    rate = analysis.indicator("water.wastewater_reuse_rate")
    assert rate is not None and rate.value == 0.0 and hit.limit is not None and hit.limit.threshold == 20.0
    discharged = rate.input("Vd_m3_per_d")
    assert f"reusing {0.2 * discharged:.0f} m³/d more reaches 20 %" in hit.message.en and "废水回用率" in hit.message.zh
    (measure,) = (m for m in analysis.measures.measures if m.key == "wastewater_reuse:gbt7119.wastewater_reuse_rate")
    days = demo.records.list("enterprise")[0].values["working_days"]
    assert abs(measure.saving("water") - 0.2 * discharged * days) < 1e-6
    assert measure.saving("electricity") < 0  # the treatment uses electricity
    assert any(s.status == "U" for s in measure.sources)
    assert cannot_assess(analyse(document), "water.wastewater_not_reused")


def test_water_indicators_and_metering(demo: AuditDocument, document: AuditDocument) -> None:
    analysis = analyse(demo)
    (failed,) = fires(analysis, "water.indicator_below_threshold")
    assert failed.evidence[0].key.startswith("gbt7119.") and failed.limit is not None
    assert len(fires(analysis, "metering.below_gbt24789")) == 1
    measure = next(m for m in analysis.measures.measures if m.method == "metering")
    # 9 of 11 level-2 units metered against 100 %: 2 meters.
    assert next(r.value for r in measure.results if r.name == "meters_needed") == 2
    empty = analyse(document)
    assert does_not_fire(empty, "water.indicator_below_threshold")
    assert does_not_fire(empty, "metering.below_gbt24789")
    assert cannot_assess(empty, "water.balance_not_closing")


def test_water_balance_not_closing(demo: AuditDocument) -> None:
    assert does_not_fire(analyse(demo), "water.balance_not_closing")
    # The dyeing machines' outputs are read off meters: an estimate of evaporation far too high breaks the balance.
    unit = uuid_of(demo, "water_unit", "溢流染色机组（24台）", "name")
    rows = [r for r in demo.records.list("water_flow") if r.values.get("unit") == unit]
    for row in rows:
        demo.records.update(row.uuid, {"vco_origin": "estimated", "vco_m3": 400.0, "vco_method": "test"})
    assert fires(analyse(demo), "water.balance_not_closing", unit)


def test_once_through_cooling(demo: AuditDocument) -> None:
    unit = uuid_of(demo, "water_unit", "定形机冷水辊", "name")
    assert does_not_fire(analyse(demo), "water.once_through_cooling", unit)
    demo.records.update(unit, {"recycle_kind": "none"})
    assert fires(analyse(demo), "water.once_through_cooling", unit)


def test_cooling_tower_cycles(demo: AuditDocument) -> None:
    ct1 = uuid_of(demo, "cooling_tower", "CT-1")
    analysis = analyse(demo)
    (hit,) = fires(analysis, "cooling.low_cycles", ct1)
    assert hit.evidence[0].value == __import__("pytest").approx(214 / 56)
    measure = next(m for m in analysis.measures.measures if m.key == f"cooling_tower_cycles:{ct1}")
    # E = 0.0015 × 5 K × 260 m³/h = 1.95 m³/h; blowdown E/(N−1) from 3.82 to 5 cycles, 7920 h.
    evaporation = 0.0015 * 5 * 260
    assert measure.water_m3 == __import__("pytest").approx((evaporation / (214 / 56 - 1) - evaporation / 4) * 7920)
    demo.records.update(ct1, {"circulating_concentration": 300.0})
    assert does_not_fire(analyse(demo), "cooling.low_cycles", ct1)
    demo.records.update(ct1, {"circulating_concentration": None})
    assert cannot_assess(analyse(demo), "cooling.low_cycles", ct1)


def test_water_rules_say_what_stops_them(demo: AuditDocument) -> None:
    enterprise = demo.records.singleton("enterprise")
    assert enterprise is not None
    demo.records.update(enterprise.uuid, {"industry_code": None})
    meter = demo.records.list("water_meter")[0]
    demo.records.update(meter.uuid, {"accuracy_class": None})
    analysis = analyse(demo)
    (industry,) = cannot_assess(analysis, "water.indicator_below_threshold")
    assert "industry code" in industry.message.en
    assert does_not_fire(analysis, "water.indicator_below_threshold")
    assert cannot_assess(analysis, "metering.below_gbt24789")
