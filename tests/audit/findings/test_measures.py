"""Measures from the findings: the expert's decisions and overrides, own measures, prices, totals, the CLI."""

from __future__ import annotations

import json
import math

import pytest

from audit.cli import main as cli_main
from audit.document import AuditDocument
from tests.audit.findings.support import analyse, uuid_of


def _system(demo: AuditDocument) -> str:
    return demo.records.list("compressed_air_system")[0].uuid


def test_a_decision_is_kept_and_never_overwritten_by_re_running(demo: AuditDocument) -> None:
    key = f"compressor_heat_recovery:{_system(demo)}"
    before = {m.key: m for m in analyse(demo).measures.measures}[key]
    assert before.implementation_status == "proposed" and before.decision is None
    decision = demo.records.add(
        "measure",
        {
            "measure_key": key,
            "method": "compressor_heat_recovery",
            "status": "rejected",
            "rejection_reason": "already_planned",
            "reason_note": "企业已签合同",
        },
    )
    for _ in range(2):  # the rules run again: the decision stands, the measure leaves the totals
        analysis = analyse(demo)
        measure = {m.key: m for m in analysis.measures.measures}[key]
        assert (measure.implementation_status, measure.rejection_reason, measure.decision) == (
            "rejected",
            "already_planned",
            decision,
        )
    record = demo.records.get(decision)
    assert (record.values["status"], record.revision) == ("rejected", 1)  # the analysis never wrote to it


def test_rejected_measures_leave_the_totals(demo: AuditDocument) -> None:
    key = f"compressor_heat_recovery:{_system(demo)}"
    analysis = analyse(demo)
    gas_before = sum(
        s.quantity
        for s in (analysis.measures.totals.savings if analysis.measures.totals else ())
        if s.energy_type == "natural_gas"
    )
    recovered = {m.key: m for m in analysis.measures.measures}[key].saving("natural_gas")
    demo.records.add(
        "measure",
        {
            "measure_key": key,
            "method": "compressor_heat_recovery",
            "status": "rejected",
            "rejection_reason": "long_payback",
        },
    )
    after = analyse(demo).measures.totals
    assert after is not None
    gas_after = sum(s.quantity for s in after.savings if s.energy_type == "natural_gas")
    assert gas_after == pytest.approx(gas_before - recovered)


def test_overrides_recompute_the_measure_and_are_recorded(demo: AuditDocument) -> None:
    key = f"air_leak_repair:{_system(demo)}"
    original = {m.key: m for m in analyse(demo).measures.measures}[key]
    hours = next(i.value for i in original.inputs if i.name == "annual_hours")
    decision = demo.records.add(
        "measure", {"measure_key": key, "method": "air_leak_repair", "status": "accepted", "investment_yuan": 12000.0}
    )
    demo.records.add(
        "measure.overrides", {"input": "annual_hours", "value": hours / 2, "note": "two shifts"}, parent=decision
    )
    measure = {m.key: m for m in analyse(demo).measures.measures}[key]
    assert measure.saving("electricity") == pytest.approx(original.saving("electricity") / 2)
    assert measure.investment_yuan == 12000.0 and set(measure.overridden) == {"annual_hours", "investment_yuan"}
    assert measure.implementation_status == "accepted"
    assert measure.simple_payback_years == pytest.approx(12000.0 / (measure.annual_savings_yuan or 1))


def test_an_experts_own_measure(demo: AuditDocument) -> None:
    demo.records.add(
        "measure",
        {
            "measure_key": "own:stenter-exhaust",
            "method": "other",
            "title": "定形机废气热回收（2#–4#）",
            "status": "proposed",
            "annual_natural_gas_m3": 120000.0,
            "investment_yuan": 450000.0,
            "useful_life_years": 10,
            "cost_class": "capital",
        },
    )
    measure = {m.key: m for m in analyse(demo).measures.measures}["own:stenter-exhaust"]
    assert measure.own and measure.saving("natural_gas") == 120000.0
    # 120 000 m³ × 1.2143 kgce/m³ (GB/T 2589 gas-field row) and 3.90 yuan/m³ (the demo's price).
    assert measure.tce_equivalent == pytest.approx(120000 * 1.2143 / 1000)
    assert measure.annual_savings_yuan == pytest.approx(120000 * 3.90)
    assert measure.simple_payback_years == pytest.approx(450000 / (120000 * 3.90))


def test_electricity_is_valued_at_time_of_use_for_round_the_clock_loads(demo: AuditDocument) -> None:
    analysis = analyse(demo)
    by_key = {m.key: m for m in analysis.measures.measures}
    l03 = uuid_of(demo, "lighting", "L-03")
    led = by_key[f"led_lighting:{l03}"]
    # The demo's periods: sharp 2 h 1.2620, peak 6 h 1.0150, flat 8 h 0.6570, valley 8 h 0.3190 (per day).
    weighted = (2 * 1.2620 + 6 * 1.0150 + 8 * 0.6570 + 8 * 0.3190) / 24
    assert led.annual_savings_yuan == pytest.approx(led.saving("electricity") * weighted)
    assert "time-of-use" in led.price_basis.en
    l02 = uuid_of(demo, "lighting", "L-02")
    demo.records.update(l02, {"annual_operating_hours": 3000.0})
    daytime = {m.key: m for m in analyse(demo).measures.measures}[f"led_lighting:{l02}"]
    assert daytime.annual_savings_yuan == pytest.approx(daytime.saving("electricity") * 0.6570)
    assert "flat" in daytime.price_basis.en


def test_measures_on_the_same_record_are_applied_in_sequence(demo: AuditDocument) -> None:
    analysis = analyse(demo)
    system = _system(demo)
    leak = next(m for m in analysis.measures.measures if m.key == f"air_leak_repair:{system}")
    pressure = next(m for m in analysis.measures.measures if m.key == f"pressure_reduction:{system}")
    baseline = leak.savings[0].baseline
    assert baseline is not None and baseline == pressure.savings[0].baseline
    together = baseline * (
        1 - (1 - leak.saving("electricity") / baseline) * (1 - pressure.saving("electricity") / baseline)
    )
    totals = analysis.measures.totals
    assert totals is not None
    overlap = next(s.quantity for s in totals.overlap if s.energy_type == "electricity")
    assert overlap == pytest.approx(leak.saving("electricity") + pressure.saving("electricity") - together)
    counted = sum(m.saving("electricity") for m in analysis.measures.measures if m.counted)
    assert next(s.quantity for s in totals.savings if s.energy_type == "electricity") == pytest.approx(
        counted - overlap
    )
    assert "sequence" in totals.method.en


def test_measures_are_sorted_low_cost_first_then_by_payback(demo: AuditDocument) -> None:
    measures = analyse(demo).measures.measures
    classes = [m.cost_class.value for m in measures]
    assert classes == sorted(classes, key=lambda c: c != "low_cost")
    capital = [m.simple_payback_years for m in measures if m.cost_class.value == "capital"]
    assert capital == sorted(capital, key=lambda p: math.inf if p is None else p)


def test_the_demo_yields_a_credible_set(demo: AuditDocument) -> None:
    analysis = analyse(demo)
    rules = {f.rule for f in analysis.findings if f.assessed}
    assert {
        "motor.below_grade_3",
        "pump_fan.throttled",
        "compressor.specific_power_above_limit",
        "air.leaks",
        "air.pressure_above_need",
        "air.heat_not_recovered",
        "transformer.below_grade_3",
        "power_factor.low",
        "boiler.high_flue_temperature",
        "boiler.high_excess_air",
        "thermal.uninsulated_surface",
        "lighting.inefficient",
        "cooling.low_cycles",
        "metering.below_gbt24789",
    } <= rules
    totals = analysis.measures.totals
    assert totals is not None
    energy = analysis.energy_total()
    assert energy is not None and energy.value
    # Savings of a few per cent of the plant's energy, paying back in about a year: what diagnoses report.
    assert 0.01 < totals.tce_equivalent / energy.value < 0.10
    assert 0.3 < (totals.simple_payback_years or 0) < 3


def test_findings_command_prints_and_writes_json(demo_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["findings", str(demo_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in data["findings"]} >= {"air.leaks", "motor.below_grade_3"}
    measure = data["measures"]["measures"][0]
    assert {
        "key",
        "savings",
        "tce_equivalent",
        "tco2",
        "annual_savings_yuan",
        "investment_yuan",
        "simple_payback_years",
        "implementation_status",
        "inputs",
        "iac_code",
    } <= set(measure)
    assert cli_main(["findings", str(demo_path)]) == 0
    text = capsys.readouterr().out
    assert "air.leaks" in text and "tce" in text
