"""Bad water-test data is refused or flagged naming the meter or unit, and nothing is computed from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.errors import RecordError
from audit.results import Outcome
from audit.water import compute_water
from audit.water.inputs import MeterInput, ReadingInput
from audit.water.model import Severity
from audit.water.readings import meter_days
from tests.audit.water_builder import START, WaterAudit


@pytest.fixture
def w(tmp_path: Path) -> Iterator[WaterAudit]:
    audit = WaterAudit(tmp_path / "bad.fieldaudit", days=2)
    audit.unit("全厂", 1)
    audit.unit("染色", 2, "全厂")
    audit.meter("W-7", "染色")
    yield audit
    audit.close()


def flags_for(result: object, code: str) -> list:  # type: ignore[type-arg]
    return [f for f in result.flags if f.code == code]  # type: ignore[attr-defined]


def test_register_interpolated_across_day_boundaries() -> None:
    meter = MeterInput("m", "W-1", "u", "inlet", None, "cumulative", None)
    boundaries = [START, START + dt.timedelta(days=1), START + dt.timedelta(days=2)]
    readings = [
        ReadingInput("a", "m", START, 1000.0),
        ReadingInput("b", "m", START + dt.timedelta(hours=30), 1150.0),
        ReadingInput("c", "m", START + dt.timedelta(hours=48), 1240.0),
    ]
    series, flags = meter_days(meter, readings, boundaries)
    # 150 m³ over 30 h: 24 h of it (120) on day 1, 6 h (30) on day 2, plus the last 90.
    assert series.daily_m3 == pytest.approx([120.0, 30.0 + 90.0])
    assert flags == []


def test_negative_values_are_refused_by_the_forms(w: WaterAudit) -> None:
    with pytest.raises(RecordError) as refused:
        w.read("W-7", 0, -5.0)
    assert "0" in refused.value.message.en
    with pytest.raises(RecordError):
        w.flow("染色", 0, vf=("estimated", -10.0))
    assert w.records.count("water_reading") == 0
    assert w.records.count("water_flow") == 0


def test_negative_reading_that_bypassed_the_form_is_flagged(w: WaterAudit) -> None:
    w.daily_register("W-7", [100, 100])
    # As if imported from an older file: write straight to the table, past validation.
    last = w.records.list("water_reading")[-1]
    w.document.connection.execute("UPDATE water_reading SET value = -3 WHERE uuid = ?", [last.uuid])
    result = compute_water(w.document)
    negative = flags_for(result, "water.negative_reading")
    assert negative and negative[0].subject == "W-7" and "W-7" in negative[0].message.zh
    assert result.unit_named("染色").complete is False  # day 2 lost its closing reading


def test_negative_calculated_flow_is_flagged_naming_the_unit(w: WaterAudit) -> None:
    w.daily_register("W-7", [10, 10])
    for day in (0, 1):
        w.flow("染色", day, vf="reading", vco=("estimated", 25.0), vd="calculated")
    result = compute_water(w.document)
    negative = flags_for(result, "water.negative_flow")
    assert negative and all(f.subject == "染色" for f in negative)
    assert "染色" in negative[0].message.en and "Vd" in negative[0].message.en
    assert result.unit_named("染色").complete is False
    assert result.enterprise.complete is False and "染色" in result.enterprise.missing_units
    rate = result.indicator("water.repeated_utilisation_rate")
    assert rate.value is None and rate.note is not None and "染色" in rate.note.en
    comparison = result.comparisons_for("gbt7119.repeated_utilisation_rate")[0]
    assert comparison.outcome is Outcome.CANNOT_EVALUATE


def test_reading_going_backwards_is_flagged_and_its_days_not_computed(w: WaterAudit) -> None:
    w.read("W-7", 0, 1000.0)
    w.read("W-7", 24, 1100.0)
    w.read("W-7", 36, 1050.0)  # misread, or a new meter
    w.read("W-7", 48, 1120.0)
    for day in (0, 1):
        w.flow("染色", day, vf="reading", vco=("estimated", 5.0), vd="calculated")
    result = compute_water(w.document)
    backwards = flags_for(result, "water.reading_backwards")
    assert len(backwards) == 1 and backwards[0].severity is Severity.ERROR
    assert backwards[0].subject == "W-7" and "1050" in backwards[0].message.en and "W-7" in backwards[0].message.zh
    unit = result.unit_named("染色")
    assert unit.days[0].valid and unit.days[0].values["vf"] == pytest.approx(100.0)
    assert not unit.days[1].valid and unit.complete is False
    assert flags_for(result, "water.meter_day_uncovered")[0].subject == "W-7"


def test_meter_replacement_marked_on_the_reading_is_counted(w: WaterAudit) -> None:
    w.read("W-7", 0, 1000.0)
    w.read("W-7", 12, 1050.0)  # last reading of the old meter
    w.read("W-7", 12, 5.0, register_reset=True)  # first reading of the new one, same minute
    w.read("W-7", 24, 55.0)
    w.read("W-7", 48, 155.0)
    for day in (0, 1):
        w.flow("染色", day, vf="reading", vco=("estimated", 5.0), vd="calculated")
    result = compute_water(w.document)
    assert not flags_for(result, "water.reading_backwards")
    assert [f.subject for f in flags_for(result, "water.meter_reset")] == ["W-7"]
    assert [d.values["vf"] for d in result.unit_named("染色").days] == pytest.approx([50 + 50, 100])


def test_readings_outside_the_period_are_flagged_and_not_used(w: WaterAudit) -> None:
    w.read("W-7", -6, 900.0)
    w.daily_register("W-7", [100, 100])
    w.read("W-7", 60, 9999.0)
    for day in (0, 1):
        w.flow("染色", day, vf="reading", vco=("estimated", 5.0), vd="calculated")
    result = compute_water(w.document)
    outside = flags_for(result, "water.reading_outside_period")
    assert len(outside) == 2 and {f.subject for f in outside} == {"W-7"}
    assert "outside the test period" in outside[0].message.en and "不在测试期" in outside[0].message.zh
    assert result.unit_named("染色").average["vf"] == pytest.approx(100.0)


def test_unit_tree_with_a_cycle_is_flagged_and_left_out(w: WaterAudit) -> None:
    w.unit("前处理", 2, "全厂")
    w.unit("退浆", 3, "前处理")
    w.unit("煮漂", 3, "退浆")
    # Make 前处理 a child of 煮漂: 前处理 -> 煮漂 -> 退浆 -> 前处理.
    w.records.update(w.units["前处理"], {"parent_unit": w.units["煮漂"], "level": "3"})
    w.daily_register("W-7", [10, 10])
    for day in (0, 1):
        w.flow("染色", day, vf="reading", vco=("estimated", 1.0), vd="calculated")
    result = compute_water(w.document)
    cycle = flags_for(result, "water.unit_cycle")
    assert len(cycle) == 1 and cycle[0].severity is Severity.ERROR
    for name in ("前处理", "退浆", "煮漂"):
        assert name in cycle[0].message.en and name in cycle[0].message.zh
    names = {u.name for u in result.units}
    assert names == {"全厂", "染色"}
    assert result.enterprise.complete is False
    assert set(result.enterprise.missing_units) == {"前处理", "退浆", "煮漂"}


def test_closure_beyond_tolerance_names_the_unit(w: WaterAudit) -> None:
    w.daily_register("W-7", [100, 100])
    for day in (0, 1):
        w.flow("染色", day, vf="reading", vco=("estimated", 10.0), vd=("estimated", 80.0), vl="none")
    result = compute_water(w.document)
    unit = result.unit_named("染色")
    assert unit.closure_pct == pytest.approx(10.0)  # (100 − 10 − 80) / 100
    assert unit.within_tolerance is False
    flag = flags_for(result, "water.closure_beyond_tolerance")
    assert len(flag) == 1 and flag[0].subject == "染色" and flag[0].subject_uuid == w.units["染色"]
    assert "染色" in flag[0].message.en and "+10.0 %" in flag[0].message.en and "±5 %" in flag[0].message.en


def test_sub_units_far_from_the_parent_meter_are_flagged(w: WaterAudit) -> None:
    w.unit("染缸", 3, "染色")
    w.meter("W-8", "染缸")
    w.daily_register("W-7", [100, 100])
    w.daily_register("W-8", [70, 70])
    for day in (0, 1):
        w.flow("染缸", day, vf="reading", vco=("estimated", 5.0), vd="calculated")
    result = compute_water(w.document)
    assert result.unit_named("染色").children_difference_pct == pytest.approx(30.0)
    flag = flags_for(result, "water.children_vs_parent")
    assert len(flag) == 1 and flag[0].subject == "染色"


def test_two_calculated_quantities_are_refused(w: WaterAudit) -> None:
    w.daily_register("W-7", [100, 100])
    w.flow("染色", 0, vf="reading", vco="calculated", vd="calculated")
    w.flow("染色", 1, vf="reading", vco=("estimated", 5.0), vd="calculated")
    result = compute_water(w.document)
    assert flags_for(result, "water.too_many_calculated")[0].subject == "染色"
    assert result.unit_named("染色").complete is False


def test_reading_origin_without_a_meter_is_flagged(w: WaterAudit) -> None:
    w.daily_register("W-7", [100, 100])
    for day in (0, 1):
        w.flow("染色", day, vf="reading", vco=("estimated", 5.0), vd="reading")
    result = compute_water(w.document)
    flag = flags_for(result, "water.reading_without_meter")
    assert flag and flag[0].subject == "染色" and "Vd" in flag[0].message.en


def test_without_a_test_record_nothing_is_computed(tmp_path: Path) -> None:
    from audit.document import AuditDocument

    with AuditDocument.create(tmp_path / "empty.fieldaudit") as document:
        result = compute_water(document)
    assert result.ready is False
    assert result.flags[0].code == "water.no_test" and "水平衡测试" in result.flags[0].message.zh


def test_outlet_meter_on_a_parent_is_not_silently_ignored(w: WaterAudit) -> None:
    w.unit("染缸", 3, "染色")
    w.meter("W-9", "染色", "outlet")
    w.daily_register("W-9", [50, 50])
    w.flow("染缸", 0, vf=("estimated", 60.0), vco=("estimated", 5.0), vd="calculated")
    w.flow("染缸", 1, vf=("estimated", 60.0), vco=("estimated", 5.0), vd="calculated")
    result = compute_water(w.document)
    flag = flags_for(result, "water.meter_on_parent_unused")
    assert len(flag) == 1 and flag[0].subject == "W-9" and "染色" in flag[0].message.zh
    assert result.unit_named("染色").average["vd"] == pytest.approx(55.0)  # the sub-unit's, not the meter's 50


def test_unit_without_daily_quantities_is_told_its_balance_closes_by_construction(w: WaterAudit) -> None:
    w.daily_register("W-7", [100, 120])
    result = compute_water(w.document)
    unit = result.unit_named("染色")
    assert unit.average["vco"] == pytest.approx(110.0) and unit.closure_pct == pytest.approx(0.0)
    flag = flags_for(result, "water.flow_defaults_used")
    assert len(flag) == 1 and flag[0].subject == "染色" and flag[0].severity is Severity.WARNING


def test_daily_quantities_twice_or_outside_the_period_are_not_used(w: WaterAudit) -> None:
    w.daily_register("W-7", [100, 100])
    w.flow("染色", 0, vf="reading", vco=("estimated", 5.0), vd="calculated")
    w.flow("染色", 0, vf="reading", vco=("estimated", 9.0), vd="calculated")
    w.flow("染色", 1, vf="reading", vco=("estimated", 5.0), vd="calculated")
    w.flow("染色", 5, vf="reading", vco=("estimated", 5.0), vd="calculated")
    result = compute_water(w.document)
    duplicate = flags_for(result, "water.flow_duplicate")
    assert len(duplicate) == 1 and duplicate[0].subject == "染色" and "2025-06-16" in duplicate[0].message.en
    outside = flags_for(result, "water.flow_outside_period")
    assert len(outside) == 1 and "2025-06-21" in outside[0].message.en
    unit = result.unit_named("染色")
    assert not unit.days[0].valid and unit.days[1].valid and not unit.complete


def test_a_test_without_units_is_not_a_complete_balance(tmp_path: Path) -> None:
    audit = WaterAudit(tmp_path / "no-units.fieldaudit")
    result = compute_water(audit.document)
    audit.close()
    assert [f.code for f in result.flags] == ["water.no_units"]
    assert result.enterprise.complete is False
    assert result.comparisons_for("gbt7119.basic.water_balance_test")[0].outcome is Outcome.CANNOT_EVALUATE
    reason = result.indicator("water.repeated_utilisation_rate").note
    assert reason is not None and "no water-using units" in reason.en
