"""Water-balance traps an independent worked example fell into (issue 10 items 4 and 6), built through the real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.errors import RecordError
from audit.water import compute_water
from audit.water.model import WaterResult
from tests.audit.water_builder import WaterAudit, pickling_plant
from tests.cli_support import run_cli


def plating_line(tmp_path: Path, source: bool) -> WaterAudit:
    """A fastener plant's pickling line (A) whose rinse water is reused by the washing unit (B).

    With its source named the reuse is a cascade (checked against A's discharge); without, treated wastewater
    netted at the plant (checked by the plant's discharge never going negative).
    """
    w = WaterAudit(tmp_path / "fastener.fieldaudit", days=1, industry_code="C3482")
    w.unit("全厂", 1)
    w.unit("酸洗", 2, "全厂")
    w.unit("清洗", 2, "全厂")
    reuse = {"recycle_kind": "treated_wastewater"}
    if source:
        reuse = {"recycle_kind": "cascade", "reuse_from_unit": w.units["酸洗"]}
    w.records.update(w.units["清洗"], reuse)
    # A: Vf 100, Vco 10, Vd 90. B: Vf 20 + reused 120 (estimated), Vco 5, Vd 10: B claims more reuse than A discharges.
    w.flow("酸洗", 0, vf=("estimated", 100.0), vco=("estimated", 10.0), vd="calculated", vl="none")
    w.flow(
        "清洗",
        0,
        vf=("estimated", 20.0),
        vr=("estimated", 120.0),
        vco=("estimated", 5.0),
        vd=("estimated", 10.0),
        vl="none",
    )
    return w


@pytest.mark.parametrize("source", [True, False])
def test_reuse_beyond_the_source_discharge_is_flagged_and_never_gives_negative_totals_or_rates_over_100(
    tmp_path: Path, source: bool
) -> None:
    w = plating_line(tmp_path, source)
    result = compute_water(w.document)
    w.close()
    # Before: enterprise Vd = 90 + 10 − 120 = −20 m³/d, closure 83 %, wastewater reuse 120/(120 − 20) = 120 %.
    assert result.enterprise.values.get("vd", 0.0) >= 0
    assert not result.enterprise.complete
    codes = {(f.code, f.subject) for f in result.flags}
    if source:
        assert ("water.reuse_exceeds_source", "清洗") in codes
        flag = next(f for f in result.flags if f.code == "water.reuse_exceeds_source")
        assert "120.0" in flag.message.en and "90.0" in flag.message.en
    else:
        assert ("water.reuse_exceeds_discharge", "全厂") in codes
    for indicator in result.indicators:
        if indicator.unit == "%" and indicator.value is not None:
            assert 0 <= indicator.value <= 100, indicator.key
    assert result.indicator("water.wastewater_reuse_rate").value is None
    assert result.indicator("water.repeated_utilisation_rate").value is None


def test_reuse_within_the_source_discharge_still_counts(tmp_path: Path) -> None:
    w = WaterAudit(tmp_path / "ok.fieldaudit", days=1, industry_code="C3482")
    w.unit("全厂", 1)
    w.unit("酸洗", 2, "全厂")
    w.unit("清洗", 2, "全厂")
    w.records.update(w.units["清洗"], {"recycle_kind": "treated_wastewater", "reuse_from_unit": w.units["酸洗"]})
    w.flow("酸洗", 0, vf=("estimated", 100.0), vco=("estimated", 10.0), vd="calculated", vl="none")
    w.flow(
        "清洗", 0, vf=("estimated", 20.0), vr=("estimated", 60.0), vco=("estimated", 5.0), vd="calculated", vl="none"
    )
    result = compute_water(w.document)
    w.close()
    assert result.enterprise.complete
    # Vd leaving the plant: 90 + (20 + 60 − 5) − 60 = 105; wastewater reuse 60 / (60 + 105) = 36.4 %.
    assert result.enterprise.values["vd"] == pytest.approx(105.0)
    assert result.indicator("water.wastewater_reuse_rate").value == pytest.approx(60 / 165 * 100)
    assert not any(f.code.startswith("water.reuse_exceeds") for f in result.flags)


@pytest.mark.parametrize(("quantity", "origin"), [("vr", "none"), ("vd", "reading"), ("vco", "calculated")])
def test_a_daily_quantity_typed_under_an_origin_that_ignores_it_is_refused(
    tmp_path: Path, quantity: str, origin: str
) -> None:
    w = WaterAudit(tmp_path / "typed.fieldaudit", days=1)
    w.unit("全厂", 1)
    day = "2025-06-16"
    with pytest.raises(RecordError, match="a quantity is entered but the origin says"):
        w.records.add(
            "water_flow", {"unit": w.units["全厂"], "day": day, f"{quantity}_origin": origin, f"{quantity}_m3": 12.0}
        )
    # An estimate says so and is used; switching it to "does not occur" is refused until the value is cleared.
    flow = w.flow(
        "全厂", 0, vf=("estimated", 50.0), vr=("estimated", 12.0), vco=("estimated", 8.0), vd="calculated", vl="none"
    )
    with pytest.raises(RecordError, match="does not occur"):
        w.records.update(flow, {"vr_origin": "none"})
    result = compute_water(w.document)
    w.close()
    assert result.enterprise.values["vr"] == pytest.approx(12.0)


def test_annual_new_water_comes_from_the_bills_and_the_annualised_test_is_shown_beside_it(tmp_path: Path) -> None:
    w = WaterAudit(tmp_path / "bills.fieldaudit", days=2, production_days=300)
    w.records.add("water_source", {"name": "自来水", "source_type": "tap", "annual_quantity_m3": 27_000})
    well = w.records.add("water_source", {"name": "深井", "source_type": "groundwater", "annual_quantity_m3": 1_500})
    w.unit("全厂", 1)
    for day in (0, 1):
        w.flow("全厂", day, vf=("estimated", 100.0), vco=("estimated", 10.0), vd="calculated", vl="none")
    test = w.records.singleton("water_test")
    assert test is not None
    w.records.add(
        "water_test.test_production", {"product_name": "染色布", "unit": "万米", "quantity": 4.0}, parent=test.uuid
    )
    result = compute_water(w.document)
    # Enterprise products: 600 万米 a year. Bills 27 000 + 1 500 = 28 500 m³/a → 47.5 m³/万米; the test
    # annualised, 100 m³/d × 300 d = 30 000 m³/a → 50.0; over the test, 200 m³ ÷ 4 万米 = 50.0.
    assert result.indicator("water.new_water_per_product").value == pytest.approx(28_500 / 600)
    assert result.indicator("water.new_water_per_product").input("basis").startswith("water bills")
    assert result.indicator("water.new_water_per_product_annualised_test").value == pytest.approx(30_000 / 600)
    assert result.indicator("water.new_water_per_product_test_period").value == pytest.approx(200 / 4)
    assert result.indicator("water.new_water_per_10k_output").value == pytest.approx(28_500 / 5000)
    # A source without its annual quantity: the bills are incomplete, so the annualised test is used and said so.
    w.records.update(well, {"annual_quantity_m3": None})
    fallback = compute_water(w.document)
    w.close()
    assert fallback.indicator("water.new_water_per_product").value == pytest.approx(30_000 / 600)
    assert "annualised test" in fallback.indicator("water.new_water_per_product").input("basis")


def test_several_reuse_streams_split_a_units_reuse_by_kind(tmp_path: Path) -> None:
    w = WaterAudit(tmp_path / "streams.fieldaudit", days=1, industry_code="C1713")
    w.unit("全厂", 1)
    w.unit("前处理", 2, "全厂")
    w.unit("染色", 2, "全厂")
    dyeing = w.units["染色"]
    # The dyeing range's reuse: a cooling loop (120), rinse water cascaded from pretreatment (8.5) and treated
    # wastewater (12.0). With one recycle kind ("circulating") the treated share could not be entered: 0 %.
    w.records.update(dyeing, {"recycle_kind": "circulating"})
    for kind, quantity in (("circulating", 120.0), ("cascade", 8.5), ("treated_wastewater", 12.0)):
        w.records.add(
            "water_unit.reuse_streams",
            {"kind": kind, "from_unit": w.units["前处理"], "quantity_m3_per_d": quantity},
            parent=dyeing,
        )
    w.flow("前处理", 0, vf=("estimated", 100.0), vco=("estimated", 10.0), vd="calculated", vl="none")
    w.flow(
        "染色", 0, vf=("estimated", 30.0), vr=("estimated", 140.5), vco=("estimated", 5.0), vd="calculated", vl="none"
    )
    result = compute_water(w.document)
    w.close()
    # Reuse arriving from another unit: 8.5 + 12.0 = 20.5 m³/d, an input of the dyeing balance:
    # Vd = 30 + 20.5 − 5 = 45.5; leaving the plant: 90 + 45.5 − 20.5 = 115.
    assert result.unit_named("染色").average["vd"] == pytest.approx(45.5)
    assert result.enterprise.values["vd"] == pytest.approx(115.0)
    assert result.enterprise.closure_pct == pytest.approx(0.0)
    # Wastewater reuse = 12 / (12 + 115) = 9.45 %.
    assert result.indicator("water.wastewater_reuse_rate").value == pytest.approx(12 / 127 * 100)
    assert not any(f.code == "water.reuse_streams_differ" for f in result.flags)


def test_totals_closure_and_the_main_meter_per_test_day_and_repeated_use_per_unit(tmp_path: Path) -> None:
    w = pickling_plant(tmp_path / "daily.fieldaudit", [155.0, 165.0])
    result = compute_water(w.document)
    w.close()
    first, second = result.daily
    # Day 1: Vf 150, Vco 15, Vd 90 + 40 = 130 → closure (150 − 145)/150 = 3.33 %; main meter 155 vs 150: 3.23 %.
    assert first.values["vf"] == pytest.approx(150.0) and first.values["vd"] == pytest.approx(130.0)
    assert first.closure_pct == pytest.approx(5 / 150 * 100)
    assert first.metered_intake_m3 == pytest.approx(155.0)
    assert first.difference_pct == pytest.approx(5 / 155 * 100)
    # Day 2: Vf 160, Vd 110 + 40 = 150, Vco 15 → closure −3.125 %; meter 165 vs 160: 3.03 %.
    assert second.closure_pct == pytest.approx(-5 / 160 * 100)
    assert second.difference_pct == pytest.approx(5 / 165 * 100)
    # Repeated use of the pickling line over the test: 300 / (300 + 110) = 73.2 %.
    assert result.unit_named("酸洗").repeated_rate_pct == pytest.approx(300 / 410 * 100)
    assert result.unit_named("清洗").repeated_rate_pct == pytest.approx(0.0)


def test_the_water_command_shows_each_test_day_and_each_units_repeated_use(tmp_path: Path) -> None:
    # −5 ÷ 160 = −3.125 % shows as −3.12 (rounded half to even). Intake tolerance 3 %: day 1's main meter 152 vs 150 (1.32 %) is within, day 2's 170 vs 160 (5.88 %) is not.
    path = tmp_path / "days.fieldaudit"
    pickling_plant(path, [152.0, 170.0], intake_tolerance_pct=3.0).close()
    english = run_cli("water", path)
    assert english.returncode == 0, english.stderr
    days = [line.strip() for line in english.stdout.splitlines() if line.strip().startswith("Test day")]
    assert days == [
        "Test day 2025-06-16 [m³]: Vf 150.0, Vr 300.0, Vco 15.0, Vd 130.0, Vl 0.0, Vt 450.0; closure 3.33 %; "
        "main meter 152.0 vs level-1 inflows 150.0: 1.32 %",
        "Test day 2025-06-17 [m³]: Vf 160.0, Vr 300.0, Vco 15.0, Vd 150.0, Vl 0.0, Vt 460.0; closure -3.12 %; "
        "main meter 170.0 vs level-1 inflows 160.0: !5.88 %",
    ]
    header = next(line for line in english.stdout.splitlines() if line.startswith("Unit  "))
    pickling = next(line for line in english.stdout.splitlines() if line.strip().startswith("酸洗"))
    assert header.rstrip().endswith("Repeated use %")
    # Pickling line over the test: Vr 300 ÷ (300 + Vf 110) = 73.2 %.
    assert pickling.rstrip().endswith("73.2")
    chinese = run_cli("water", path, language="zh_CN").stdout
    assert "测试日 2025-06-17 [m³]：" in chinese and "总表 170.0，一级单元取水合计 160.0：差 !5.88%" in chinese
    assert "重复利用率%" in chinese


def boiler_house(tmp_path: Path, condensate_m3_per_d: float) -> WaterResult:
    """A boiler raising 0.5 t/h for 8 h/d (D·h/ρ = 4 m³/d) that claims `condensate_m3_per_d` of condensate back."""
    w = WaterAudit(tmp_path / f"boiler-{condensate_m3_per_d:g}.fieldaudit", days=1)
    w.unit("全厂", 1)
    boiler = w.unit("锅炉房", 2, "全厂", unit_type="boiler", recycle_kind="condensate")
    w.records.update(boiler, {"steam_output_t_per_h": 0.5, "steam_hours_per_day": 8.0})
    w.flow(
        "锅炉房",
        0,
        vf=("estimated", 5.0),
        vr=("estimated", condensate_m3_per_d),
        vco=("estimated", 4.0),
        vd="calculated",
        vl="none",
    )
    result = compute_water(w.document)
    w.close()
    return result


def test_a_rate_above_100_percent_is_withheld_and_its_unit_flagged(tmp_path: Path) -> None:
    # 3 m³/d back of 4 m³/d raised: r_b = 75 %.
    plausible = boiler_house(tmp_path, 3.0)
    assert plausible.indicator("water.condensate_recovery_rate").value == pytest.approx(75.0)
    assert not any(f.code == "water.rate_over_100" for f in plausible.flags)
    # 6 m³/d back of 4 m³/d raised would be 150 %: no rate, a note naming the inputs, the boiler house flagged.
    result = boiler_house(tmp_path, 6.0)
    rate = result.indicator("water.condensate_recovery_rate")
    assert rate.value is None
    assert rate.note is not None and "150.0 %" in rate.note.en and "150.0%" in rate.note.zh
    assert "V_br_m3_per_d = 6.0" in rate.note.en and "units = 锅炉房)" in rate.note.en
    flag = next(f for f in result.flags if f.code == "water.rate_over_100")
    assert flag.subject == "锅炉房" and flag.subject_uuid == result.unit_named("锅炉房").uuid
    assert all(i.value is None or i.value <= 100.0 for i in result.indicators if i.unit == "%")
