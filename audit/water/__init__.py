"""Water-balance test by GB/T 12452-2022: readings -> daily quantities -> balances -> indicators -> comparisons.

`compute_water(document)` is the one call the command line, the GUI and the report make;
`compute(inputs)` does the same on values already read (tests build those from real records).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from audit.cancel import checkpoint
from audit.water.balance import annualise, compute_balances, totals_of
from audit.water.indicators import compute_indicators, rate_flags
from audit.water.inputs import WaterInputs, load_inputs
from audit.water.model import DayTotals, Flag, Severity, SourceSummary, TestSetup, Totals, UnitBalance, WaterResult
from audit.water.readings import MeterDays, meter_days
from audit.water.standards import basic_requirements, compare_gbt7119, compare_gbt24789, tolerance_defaults
from audit.water.tree import UnitTree, build_tree
from forms.definitions.water_source import NONCONVENTIONAL_TYPES
from forms.spec import Text

if TYPE_CHECKING:
    from audit.document import AuditDocument

__all__ = ["WaterResult", "compute", "compute_water", "load_inputs"]


def compute_water(document: AuditDocument) -> WaterResult:
    return compute(load_inputs(document))


def _setup(inputs: WaterInputs) -> TestSetup | None:
    test = inputs.test
    if not test or not test.get("start_at") or not test.get("test_days") or not test.get("production_days_per_year"):
        return None
    defaults = tolerance_defaults()
    unit_default = defaults["unit_closure_tolerance_pct"]
    intake_default = defaults["intake_tolerance_pct"]
    unit_tolerance = test.get("unit_closure_tolerance_pct")
    intake_tolerance = test.get("intake_tolerance_pct")
    # A tolerance the auditor set is theirs to answer for; only the default carries the reference status.
    return TestSetup(
        title=str(test.get("title") or ""),
        start=dt.datetime.fromisoformat(str(test["start_at"])),
        days=int(test["test_days"]),
        production_days=int(test["production_days_per_year"]),
        unit_tolerance_pct=float(unit_tolerance if unit_tolerance is not None else unit_default["value"]),
        unit_tolerance_status=unit_default["status"]
        if unit_tolerance in (None, unit_default["value"])
        else "set by auditor",
        intake_tolerance_pct=float(intake_tolerance if intake_tolerance is not None else intake_default["value"]),
        intake_tolerance_status=intake_default["status"]
        if intake_tolerance in (None, intake_default["value"])
        else "set by auditor",
    )


def compute(inputs: WaterInputs) -> WaterResult:
    setup = _setup(inputs)
    enterprise_name = str(inputs.enterprise.get("name") or "")
    industry_code = str(inputs.enterprise.get("industry_code") or "")
    if setup is None:
        return _not_ready(enterprise_name, industry_code)
    flags: list[Flag] = []
    tree, tree_flags = build_tree(inputs.units)
    flags += tree_flags
    series_of_unit, source_series = _meter_series(inputs, tree, setup, flags)
    balances = compute_balances(setup, tree, series_of_unit, inputs.flows, flags)
    units = [balances[uuid] for uuid in tree.order]
    excluded = [tree.units[u].name for u in tree.excluded]
    lacking = [u.name for u in units if u.is_leaf and not u.complete]
    roots = [balances[r] for r in tree.roots]
    if not inputs.units:
        flags.append(
            Flag(
                "water.no_units",
                Severity.WARNING,
                Text(
                    "No water-using units yet: add the enterprise (level 1) and its units.",
                    "尚无用水单元：请添加一级用水单位及其下级单元。",
                ),
            )
        )
    enterprise = totals_of(roots, excluded + lacking)
    levels = _level_totals(units, excluded)
    annual = annualise(enterprise, setup.production_days)
    sources = _source_summaries(inputs, source_series, setup)
    _annualise_units(units, setup)
    daily = daily_totals(setup, units, roots, enterprise.complete, source_series, series_of_unit)
    indicators = compute_indicators(setup, inputs, units, enterprise, annual)
    flags += rate_flags(indicators, units)
    industry, comparisons = compare_gbt7119(industry_code, indicators)
    comparisons += basic_requirements(units, enterprise)
    comparisons += compare_gbt24789(indicators, [m for m in inputs.meters if m.unit_uuid in tree.units])
    return WaterResult(
        ready=True,
        enterprise_name=enterprise_name,
        test=setup,
        flags=flags,
        units=units,
        sources=sources,
        enterprise=enterprise,
        levels=levels,
        annual=annual,
        indicators=indicators,
        comparisons=comparisons,
        industry=industry,
        industry_code=industry_code,
        daily=daily,
    )


def _not_ready(enterprise_name: str, industry_code: str) -> WaterResult:
    """The result when no test is set up yet: nothing can be computed, the one flag says what to fill in."""
    return WaterResult(
        ready=False,
        enterprise_name=enterprise_name,
        industry_code=industry_code,
        flags=[
            Flag(
                "water.no_test",
                Severity.ERROR,
                Text(
                    "No water-balance test yet: fill in the water-balance test form (start, days, production days).",
                    "尚无水平衡测试：请填写“水平衡测试”表（开始时间、测试天数、年生产天数）。",
                ),
            )
        ],
    )


def _meter_series(
    inputs: WaterInputs, tree: UnitTree, setup: TestSetup, flags: list[Flag]
) -> tuple[dict[str, list[MeterDays]], dict[str, list[MeterDays]]]:
    """Each meter's daily quantities, grouped by unit and by water source; appends the meters' flags."""
    boundaries = setup.boundaries()
    readings_of = defaultdict(list)
    for reading in inputs.readings:
        readings_of[reading.meter_uuid].append(reading)
    series_of_unit: dict[str, list[MeterDays]] = defaultdict(list)
    source_series: dict[str, list[MeterDays]] = defaultdict(list)
    for meter in inputs.meters:
        checkpoint()  # a meter's week of readings takes ~50 ms: a background job may stop between meters
        if meter.unit_uuid not in tree.units:
            flags.append(
                Flag(
                    "water.meter_without_unit",
                    Severity.ERROR,
                    Text(
                        f"Meter {meter.number} belongs to no unit of this audit; it is not used.",
                        f"水表 {meter.number} 不属于本诊断的任何用水单元，未采用。",
                    ),
                    meter.number,
                    meter.uuid,
                )
            )
            continue
        if meter.unit_uuid in tree.excluded:
            continue
        series, meter_flags = meter_days(meter, readings_of.get(meter.uuid, []), boundaries)
        flags += meter_flags
        series_of_unit[meter.unit_uuid].append(series)
        if meter.source_uuid:
            source_series[meter.source_uuid].append(series)
    return series_of_unit, source_series


def _level_totals(units: list[UnitBalance], excluded: list[str]) -> dict[int, Totals]:
    """The totals of the units at each level, naming the leaves at or below it that lack data."""
    levels = {}
    for level in (1, 2, 3):
        at_level = [u for u in units if u.level == level]
        if at_level:
            below = [u.name for u in units if u.is_leaf and not u.complete and u.level >= level]
            levels[level] = totals_of(at_level, (excluded if level == 1 else []) + below)
    return levels


def _source_summaries(
    inputs: WaterInputs, source_series: Mapping[str, list[MeterDays]], setup: TestSetup
) -> list[SourceSummary]:
    """Each water source: its billed annual quantity, and its metered daily average when every day was read."""
    sources = []
    for source in inputs.sources:
        series_list = source_series.get(source.uuid, [])
        metered = None
        if series_list and all(v is not None for s in series_list for v in s.daily_m3):
            metered = sum(v or 0.0 for s in series_list for v in s.daily_m3) / setup.days
        sources.append(
            SourceSummary(
                source.uuid,
                source.name,
                source.source_type,
                source.source_type in NONCONVENTIONAL_TYPES,
                source.annual_quantity_m3,
                metered,
            )
        )
    return sources


def _annualise_units(units: list[UnitBalance], setup: TestSetup) -> None:
    """Each unit's annual quantities and, when it takes water, its repeated-use rate."""
    for unit in units:
        unit.annual = {q: v * setup.production_days for q, v in unit.average.items()}
        if unit.complete and unit.average.get("vf", 0.0) + unit.average.get("vr", 0.0) > 0:
            unit.repeated_rate_pct = unit.average["vr"] / (unit.average["vr"] + unit.average["vf"]) * 100.0


def daily_totals(
    setup: TestSetup,
    units: list[UnitBalance],
    roots: list[UnitBalance],
    complete: bool,
    source_series: Mapping[str, list[MeterDays]],
    series_of_unit: Mapping[str, list[MeterDays]],
) -> list[DayTotals]:
    """The enterprise per test day: Σ leaves (reuse between units is internal to the plant, so Vd is net of it),
    its closure, and the intake meters against the level-1 inflows (empty days when the balance is incomplete)."""
    days = setup.day_dates()
    leaves = [u for u in units if u.is_leaf and u.complete]
    meters = [s for series in source_series.values() for s in series] or [
        s for root in roots for s in series_of_unit.get(root.uuid, []) if s.meter.position in ("inlet", "source")
    ]
    result = []
    for index, day in enumerate(days):
        totals = DayTotals(day)
        if complete and leaves:
            values = {q: sum(u.days[index].values.get(q, 0.0) for u in leaves) for q in ("vf", "vr", "vco", "vd", "vl")}
            values["vd"] -= sum(u.days[index].reuse_in_m3 for u in leaves)
            values["vt"] = values["vf"] + values["vr"]
            totals.values = values
            outflow = values["vco"] + values["vd"] + values["vl"]
            totals.closure_pct = (values["vf"] - outflow) / values["vf"] * 100.0 if values["vf"] > 0 else None
            totals.units_intake_m3 = values["vf"]
        readings = [s.daily_m3[index] for s in meters]
        if meters and all(r is not None for r in readings):
            totals.metered_intake_m3 = float(sum(r for r in readings if r is not None))
            if totals.units_intake_m3 is not None and totals.metered_intake_m3 > 0:
                metered = totals.metered_intake_m3
                totals.difference_pct = (metered - totals.units_intake_m3) / metered * 100.0
        result.append(totals)
    return result
