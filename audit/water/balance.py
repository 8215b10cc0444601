"""Unit, level and enterprise water balances (GB/T 12452-2022 test quantities).

Per unit and test day (all in m³):
    Vt = Vf + Vr                          (total use)
    Vf + Vs = Vco + Vd + Vl               (input = output)
where Vs is the part of Vr that arrives from another unit's discharge (cascade or treated-wastewater
reuse; 0 for circulating water and condensate, which go round inside the unit). With Vs = 0 this is
the reference form Vf = Vco + Vd + Vl [V concept, STANDARDS.md 2.2].
    closure error % = (Vf + Vs − Vco − Vd − Vl) / (Vf + Vs) × 100
Parents are the sum of their children, except that reuse whose source and receiving unit both lie
inside a parent never enters or leaves that parent (at the top, all reuse is inside the plant):
    Vd(parent) = Σ Vd − Σ Vs(internal),   Vs(parent) = Σ Vs − Σ Vs(internal),
so that for the enterprise Σ Vf = Vco + Vd(leaving the plant) + Vl holds again.
Each parent's metered intake is compared with the sum of its children's Vf:
    difference % = (metered − Σ children Vf) / metered × 100.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from audit.water.inputs import FlowInput, UnitInput
from audit.water.model import QUANTITIES, Flag, Origin, Severity, TestSetup, Totals, UnitBalance, UnitDay
from audit.water.readings import MeterDays
from audit.water.tree import UnitTree
from forms.spec import Text

# Meter position -> the unit quantity it measures.
ROLE_OF_POSITION = {"inlet": "vf", "source": "vf", "recycle": "vr", "outlet": "vd"}
REUSE_IN_KINDS = ("cascade", "treated_wastewater")
_ZH = {"vf": "新水量 Vf", "vr": "重复利用水量 Vr", "vco": "耗水量 Vco", "vd": "排水量 Vd", "vl": "漏溢水量 Vl"}
_EN = {"vf": "Vf", "vr": "Vr", "vco": "Vco", "vd": "Vd", "vl": "Vl"}


def _unit_flag(code: str, severity: Severity, unit: UnitBalance, en: str, zh: str) -> Flag:
    return Flag(code, severity, Text(en, zh), unit.name, unit.uuid)


def compute_balances(
    setup: TestSetup,
    tree: UnitTree,
    meter_days: dict[str, list[MeterDays]],
    flows: list[FlowInput],
    flags: list[Flag],
) -> dict[str, UnitBalance]:
    """A balance for every unit of the tree, leaves first from their data, then parents as sums."""
    days = setup.day_dates()
    balances = _empty_balances(tree)
    by_unit_day, duplicates = _flows_by_unit_day(flows, balances, days, flags)
    meters_of = _meters_by_role(meter_days, balances, flags)
    for uuid in reversed(tree.order):
        balance = balances[uuid]
        intake = meters_of.get((uuid, "vf"), [])
        balance.has_inlet_meter = bool(intake)
        if intake and all(all(v is not None for v in s.daily_m3) for s in intake):
            balance.metered_intake_m3 = sum(sum(v for v in s.daily_m3 if v is not None) for s in intake) / len(days)
        if balance.is_leaf:
            _leaf(balance, days, by_unit_day, meters_of, duplicates, setup, flags, tree.units[uuid])
    # Every leaf first, so that each reuse source is known before any parent nets reuse against discharge.
    _check_reuse_sources(balances, setup, flags)
    for uuid in reversed(tree.order):
        balance = balances[uuid]
        if not balance.is_leaf:
            _flag_flows_on_parent(balance, by_unit_day, duplicates, days, flags)
            _parent(balance, balances, setup, flags)
    return balances


def _empty_balances(tree: UnitTree) -> dict[str, UnitBalance]:
    """A balance for every unit of the tree, in tree order, holding only what the unit record says."""
    balances: dict[str, UnitBalance] = {}
    for uuid in tree.order:
        unit = tree.units[uuid]
        balances[uuid] = UnitBalance(
            uuid=uuid,
            name=unit.name,
            level=unit.level or 0,
            unit_type=unit.unit_type,
            recycle_kind=unit.recycle_kind,
            parent_uuid=unit.parent_uuid,
            children=list(tree.children[uuid]),
            reuse_from_uuid=unit.reuse_from_uuid,
        )
    return balances


def _flows_by_unit_day(
    flows: list[FlowInput], balances: dict[str, UnitBalance], days: list[dt.date], flags: list[Flag]
) -> tuple[dict[tuple[str, int], FlowInput], set[tuple[str, int]]]:
    """Flow records by (unit, test-day index), and the keys recorded more than once.

    One record per unit and day; the rest is flagged and ignored.
    """
    day_index = {day: i for i, day in enumerate(days)}
    by_unit_day: dict[tuple[str, int], FlowInput] = {}
    duplicates: set[tuple[str, int]] = set()
    for flow in flows:
        balance = balances.get(flow.unit_uuid)
        if balance is None:
            continue  # a unit left out of the tree was already flagged
        if flow.day not in day_index:
            flags.append(
                _unit_flag(
                    "water.flow_outside_period",
                    Severity.WARNING,
                    balance,
                    f"Unit {balance.name}: the daily quantities for {flow.day} are outside the test period and are not used.",
                    f"用水单元“{balance.name}”：{flow.day} 的逐日水量不在测试期内，未采用。",
                )
            )
            continue
        key = (flow.unit_uuid, day_index[flow.day])
        if key in by_unit_day:
            duplicates.add(key)
        by_unit_day[key] = flow
    for key in sorted(duplicates):
        balance = balances[key[0]]
        flags.append(
            _unit_flag(
                "water.flow_duplicate",
                Severity.ERROR,
                balance,
                f"Unit {balance.name} has more than one record of daily quantities for {days[key[1]]}; that day is not computed.",
                f"用水单元“{balance.name}”在 {days[key[1]]} 有多条逐日水量记录，该日不予计算。",
            )
        )
    return by_unit_day, duplicates


def _meters_by_role(
    meter_days: dict[str, list[MeterDays]], balances: dict[str, UnitBalance], flags: list[Flag]
) -> dict[tuple[str, str], list[MeterDays]]:
    """The meters measuring each unit's quantities, by (unit, quantity); flags Vr and Vd meters on parents."""
    meters_of: dict[tuple[str, str], list[MeterDays]] = defaultdict(list)
    for unit_uuid, series_list in meter_days.items():
        for series in series_list:
            role = ROLE_OF_POSITION.get(series.meter.position)
            if role is not None:
                meters_of[(unit_uuid, role)].append(series)
            balance = balances.get(unit_uuid)
            if balance is not None and not balance.is_leaf and role in ("vr", "vd"):
                meter = series.meter
                flags.append(
                    Flag(
                        "water.meter_on_parent_unused",
                        Severity.WARNING,
                        Text(
                            f"Meter {meter.number} measures {_EN[role]} of {balance.name}, which has sub-units: its balance is their sum, "
                            "so only intake meters of such units are used (compared with the sub-units). Attach the meter to the sub-unit it serves.",
                            f"水表 {meter.number} 计量“{balance.name}”的{_ZH[role]}，该单元有下级单元，其水平衡为下级之和，只采用其进水表（与下级比对）。请将该水表归入其所服务的下级单元。",
                        ),
                        meter.number,
                        meter.uuid,
                    )
                )
    return meters_of


def _flag_flows_on_parent(
    balance: UnitBalance,
    by_unit_day: dict[tuple[str, int], FlowInput],
    duplicates: set[tuple[str, int]],
    days: list[dt.date],
    flags: list[Flag],
) -> None:
    """A parent's own daily quantities are not used (its balance is its children's sum): say so per day."""
    for (unit_uuid, day), _flow in by_unit_day.items():
        if unit_uuid == balance.uuid and (unit_uuid, day) not in duplicates:
            flags.append(
                _unit_flag(
                    "water.flow_on_parent",
                    Severity.WARNING,
                    balance,
                    f"Unit {balance.name} has sub-units: its balance is their sum, so its own daily quantities for {days[day]} are not used. "
                    "Record unallocated water (e.g. pipe leaks) on a sub-unit of its own.",
                    f"用水单元“{balance.name}”有下级单元，其水平衡为下级之和，{days[day]} 的本级逐日水量未采用。未分配水量（如管网漏失）请另设下级单元记录。",
                )
            )


def _leaf(
    balance: UnitBalance,
    days: list[dt.date],
    by_unit_day: dict[tuple[str, int], FlowInput],
    meters_of: dict[tuple[str, str], list[MeterDays]],
    duplicates: set[tuple[str, int]],
    setup: TestSetup,
    flags: list[Flag],
    unit: UnitInput | None = None,
) -> None:
    has_meters = any(meters_of.get((balance.uuid, role)) for role in ("vf", "vr", "vd"))
    # With reuse streams listed, the part of Vr that arrives from other units is their share (issue 10).
    share_in = unit.stream_share(*REUSE_IN_KINDS) if unit is not None else None
    if not has_meters and not any(key[0] == balance.uuid for key in by_unit_day):
        flags.append(
            _unit_flag(
                "water.unit_no_data",
                Severity.WARNING,
                balance,
                f"Unit {balance.name} has neither meters nor daily quantities; it is not in the balance.",
                f"用水单元“{balance.name}”既无水表也无逐日水量，未计入水平衡。",
            )
        )
        balance.days = [UnitDay(day) for day in days]
        return
    # Keys of the problems already flagged: each is reported once per unit, not once per test day.
    reported: set[str] = set()
    for index, day in enumerate(days):
        unit_day = UnitDay(day)
        balance.days.append(unit_day)
        if (balance.uuid, index) in duplicates:
            continue
        flow = by_unit_day.get((balance.uuid, index))
        _leaf_day(balance, unit_day, index, flow, meters_of, share_in, reported, flags)
    _leaf_averages(balance, days, setup, flags, unit)


def _leaf_day(
    balance: UnitBalance,
    unit_day: UnitDay,
    index: int,
    flow: FlowInput | None,
    meters_of: dict[tuple[str, str], list[MeterDays]],
    share_in: float | None,
    reported: set[str],
    flags: list[Flag],
) -> None:
    """One test day of a leaf: where each quantity comes from, its values, and the one calculated quantity."""
    day = unit_day.day
    if flow is None and "defaults" not in reported:
        reported.add("defaults")
        flags.append(
            _unit_flag(
                "water.flow_defaults_used",
                Severity.WARNING,
                balance,
                f"Unit {balance.name} has no daily quantities for {day}: Vf, Vr and Vd are taken from its meters and Vco "
                "as the remainder, so its balance closes by construction. Record how the water leaves the unit.",
                f"用水单元“{balance.name}”在 {day} 没有逐日水量记录：Vf、Vr、Vd 取自水表，Vco 按余量计算，水平衡必然闭合。请记录该单元的用水去向。",
            )
        )
    origins = _day_origins(balance, flow, meters_of)
    unit_day.origins = origins
    values, ok = _day_values(balance, index, day, flow, origins, meters_of, reported, flags)
    calculated = [q for q in QUANTITIES if origins[q] == Origin.CALCULATED]
    # Checked even when a value is already lacking, so that every problem of the day is flagged.
    consistent = _day_consistent(balance, day, calculated, values, reported, flags)
    if not (ok and consistent):
        return
    if share_in is not None:
        reuse_in = values["vr"] * share_in
    else:
        reuse_in = values["vr"] if balance.recycle_kind in REUSE_IN_KINDS else 0.0
    if calculated:
        q = calculated[0]
        if q == "vf":
            residual = values["vco"] + values["vd"] + values["vl"] - reuse_in
        else:
            residual = values["vf"] + reuse_in - sum(values[k] for k in ("vco", "vd", "vl") if k != q)
        if residual < -1e-9:
            flags.append(
                _unit_flag(
                    "water.negative_flow",
                    Severity.ERROR,
                    balance,
                    f"Unit {balance.name}: {_EN[q]} on {day} calculated from the balance is negative ({residual:.1f} m³): "
                    "the other quantities do not fit together.",
                    f"用水单元“{balance.name}”：{day} 按平衡计算的{_ZH[q]}为负（{residual:.1f} m³），其他水量互相矛盾。",
                )
            )
            return
        values[q] = max(residual, 0.0)
    unit_day.values = values
    unit_day.reuse_in_m3 = reuse_in
    inflow = values["vf"] + reuse_in
    outflow = values["vco"] + values["vd"] + values["vl"]
    unit_day.closure_pct = _closure(inflow, outflow)
    unit_day.valid = unit_day.closure_pct is not None or inflow == outflow == 0


def _day_origins(
    balance: UnitBalance, flow: FlowInput | None, meters_of: dict[tuple[str, str], list[MeterDays]]
) -> dict[str, str]:
    """Where each quantity of the day comes from: as recorded, else its meters, Vco as the remainder, or none."""
    origins: dict[str, str] = {}
    for q in QUANTITIES:
        chosen = flow.origins.get(q) if flow is not None else None
        if chosen is None:
            if q in ("vf", "vr", "vd"):
                chosen = Origin.READING if meters_of.get((balance.uuid, q)) else Origin.NONE
            else:
                chosen = Origin.CALCULATED if q == "vco" else Origin.NONE
        origins[q] = str(chosen)
    return origins


def _day_values(
    balance: UnitBalance,
    index: int,
    day: dt.date,
    flow: FlowInput | None,
    origins: dict[str, str],
    meters_of: dict[tuple[str, str], list[MeterDays]],
    reported: set[str],
    flags: list[Flag],
) -> tuple[dict[str, float], bool]:
    """The day's values that are not calculated, and whether all of them are known."""
    values: dict[str, float] = {}
    ok = True
    for q in QUANTITIES:
        origin = origins[q]
        if origin == Origin.NONE:
            values[q] = 0.0
        elif origin == Origin.ESTIMATED:
            value = flow.values.get(q) if flow is not None else None
            if value is None:
                ok = False
                if f"missing-{q}" not in reported:
                    reported.add(f"missing-{q}")
                    flags.append(
                        _unit_flag(
                            "water.estimate_missing",
                            Severity.ERROR,
                            balance,
                            f"Unit {balance.name}: {_EN[q]} on {day} is marked as estimated but has no value.",
                            f"用水单元“{balance.name}”：{day} 的{_ZH[q]}标为估算但未填数值。",
                        )
                    )
            else:
                values[q] = float(value)
        elif origin == Origin.READING:
            series = meters_of.get((balance.uuid, q), [])
            if not series:
                ok = False
                if f"nometer-{q}" not in reported:
                    reported.add(f"nometer-{q}")
                    flags.append(
                        _unit_flag(
                            "water.reading_without_meter",
                            Severity.ERROR,
                            balance,
                            f"Unit {balance.name}: {_EN[q]} is to come from meters, but the unit has no meter in that position.",
                            f"用水单元“{balance.name}”：{_ZH[q]}标为水表读数，但该单元没有相应位置的水表。",
                        )
                    )
            elif any(s.daily_m3[index] is None for s in series):
                ok = False
            else:
                values[q] = sum(s.daily_m3[index] or 0.0 for s in series)
    return values, ok


def _day_consistent(
    balance: UnitBalance,
    day: dt.date,
    calculated: list[str],
    values: dict[str, float],
    reported: set[str],
    flags: list[Flag],
) -> bool:
    """Whether the balance can give the calculated quantity (Vr never, at most one) and no value is negative."""
    ok = True
    if "vr" in calculated or len(calculated) > 1:
        ok = False
        if "calc" not in reported:
            reported.add("calc")
            flags.append(
                _unit_flag(
                    "water.too_many_calculated",
                    Severity.ERROR,
                    balance,
                    f"Unit {balance.name} on {day}: {', '.join(_EN[q] for q in calculated)} are all to be calculated; "
                    "the balance gives at most one of Vf, Vco, Vd, Vl.",
                    f"用水单元“{balance.name}”{day}：{'、'.join(_ZH[q] for q in calculated)}均标为计算值，水平衡方程最多只能求出 Vf、Vco、Vd、Vl 中的一项。",
                )
            )
    for q, value in values.items():
        if value < 0:
            ok = False
            flags.append(
                _unit_flag(
                    "water.negative_flow",
                    Severity.ERROR,
                    balance,
                    f"Unit {balance.name}: {_EN[q]} on {day} is negative ({value:g} m³); the day is not computed.",
                    f"用水单元“{balance.name}”：{day} 的{_ZH[q]}为负（{value:g} m³），该日不予计算。",
                )
            )
    return ok


def _leaf_averages(
    balance: UnitBalance, days: list[dt.date], setup: TestSetup, flags: list[Flag], unit: UnitInput | None
) -> None:
    """The leaf's test means when every day has a valid balance, checked against its listed reuse streams."""
    missing = [d.day.isoformat() for d in balance.days if not d.valid]
    if missing:
        flags.append(
            _unit_flag(
                "water.unit_incomplete",
                Severity.WARNING,
                balance,
                f"Unit {balance.name}: no valid balance for test day(s) {', '.join(missing)}; the unit is not in the totals.",
                f"用水单元“{balance.name}”：测试日 {'、'.join(missing)} 无有效水平衡，该单元未计入合计。",
            )
        )
        return
    n = len(days)
    balance.complete = True
    for q in QUANTITIES:
        balance.average[q] = sum(d.values[q] for d in balance.days) / n
        balance.estimated[q] = sum(d.values[q] for d in balance.days if d.origins[q] == Origin.ESTIMATED) / n
        balance.calculated[q] = sum(d.values[q] for d in balance.days if d.origins[q] == Origin.CALCULATED) / n
    balance.reuse_in_m3 = sum(d.reuse_in_m3 for d in balance.days) / n
    balance.vf_metered = all(d.origins["vf"] == Origin.READING for d in balance.days) and balance.average["vf"] > 0
    if unit is not None and unit.reuse_streams:
        listed = sum(q for _, _, q in unit.reuse_streams)
        vr = balance.average["vr"]
        if abs(listed - vr) > max(vr, listed) * setup.unit_tolerance_pct / 100.0 + 1e-6:
            flags.append(
                _unit_flag(
                    "water.reuse_streams_differ",
                    Severity.WARNING,
                    balance,
                    f"Unit {balance.name}: its reuse streams add up to {listed:.1f} m³/d but its Vr is {vr:.1f} m³/d; "
                    "the streams are used only as shares of Vr.",
                    f"用水单元“{balance.name}”：重复利用水明细合计 {listed:.1f} m³/d，而 Vr 为 {vr:.1f} m³/d；明细仅用于按比例拆分 Vr。",
                )
            )
    _close(balance, setup, flags)


def _closure(inflow: float, outflow: float) -> float | None:
    if inflow > 0:
        return (inflow - outflow) / inflow * 100.0
    return 0.0 if outflow == 0 else None


def _close(balance: UnitBalance, setup: TestSetup, flags: list[Flag], flag: bool = True) -> None:
    # A parent's closure is a weighted mean of its children's, so only a child can be the cause: flag leaves.
    inflow = balance.average["vf"] + balance.reuse_in_m3
    outflow = balance.average["vco"] + balance.average["vd"] + balance.average["vl"]
    balance.closure_pct = _closure(inflow, outflow)
    if balance.closure_pct is None:
        balance.within_tolerance = False
        flags.append(
            _unit_flag(
                "water.closure_no_input",
                Severity.WARNING,
                balance,
                f"Unit {balance.name}: water leaves ({outflow:.1f} m³/d) but none comes in.",
                f"用水单元“{balance.name}”：有输出水量（{outflow:.1f} m³/d）但无输入水量。",
            )
        )
        return
    balance.within_tolerance = abs(balance.closure_pct) <= setup.unit_tolerance_pct + 1e-9
    if not balance.within_tolerance and flag:
        flags.append(
            _unit_flag(
                "water.closure_beyond_tolerance",
                Severity.WARNING,
                balance,
                f"Unit {balance.name}: closure error {balance.closure_pct:+.1f} % exceeds the tolerance of ±{setup.unit_tolerance_pct:g} % "
                f"(input {inflow:.1f} m³/d, output {outflow:.1f} m³/d).",
                f"用水单元“{balance.name}”：水平衡误差 {balance.closure_pct:+.1f}% 超出允许误差 ±{setup.unit_tolerance_pct:g}%"
                f"（输入 {inflow:.1f} m³/d，输出 {outflow:.1f} m³/d）。",
            )
        )


def _parent(balance: UnitBalance, balances: dict[str, UnitBalance], setup: TestSetup, flags: list[Flag]) -> None:
    children = [balances[c] for c in balance.children]
    incomplete = [c.name for c in children if not c.complete]
    if incomplete:
        flags.append(
            _unit_flag(
                "water.parent_incomplete",
                Severity.WARNING,
                balance,
                f"Unit {balance.name}: no total, because sub-unit(s) {', '.join(incomplete)} have no complete balance.",
                f"用水单元“{balance.name}”：下级单元 {'、'.join(incomplete)} 水平衡不完整，无法合计。",
            )
        )
        return
    balance.complete = True
    for q in QUANTITIES:
        balance.average[q] = sum(c.average[q] for c in children)
        balance.estimated[q] = sum(c.estimated.get(q, 0.0) for c in children)
        balance.calculated[q] = sum(c.calculated.get(q, 0.0) for c in children)
    # Reuse between units inside this one never enters or leaves it; at the top everything is inside.
    # What a child already netted (source and receiver both inside the child) is not netted again.
    internal = 0.0
    receivers: list[str] = []
    is_top = balance.parent_uuid is None
    inside = _subtree(balance.uuid, balances)
    for child in children:
        child_inside = _subtree(child.uuid, balances)
        for uuid in child_inside:
            leaf = balances[uuid]
            if not leaf.is_leaf or leaf.reuse_in_m3 <= 0:
                continue
            netted_below = not child.is_leaf and leaf.reuse_from_uuid in child_inside
            if not netted_below and (is_top or leaf.reuse_from_uuid in inside):
                internal += leaf.reuse_in_m3
                receivers.append(leaf.name)
    balance.reuse_in_m3 = sum(c.reuse_in_m3 for c in children) - internal
    balance.average["vd"] -= internal
    if balance.average["vd"] < -1e-9:
        # More water reused inside than its units discharge: Vd would be negative and every rate built on
        # it (wastewater reuse > 100 %) meaningless. No total, and the receiving units are named.
        flags.append(
            _unit_flag(
                "water.reuse_exceeds_discharge",
                Severity.ERROR,
                balance,
                f"Unit {balance.name}: its units reuse {internal:.1f} m³/d of one another's discharge ({', '.join(receivers)}), "
                f"more than they discharge (Vd would be {balance.average['vd']:.1f} m³/d); no total. Check the reused quantities "
                "and where they come from.",
                f"用水单元“{balance.name}”：其下级单元回用其他单元排水 {internal:.1f} m³/d（{'、'.join(receivers)}），"
                f"超过其排水量（Vd 将为 {balance.average['vd']:.1f} m³/d），不予合计。请核对回用水量及其来源。",
            )
        )
        balance.complete = False
        return
    _close(balance, setup, flags, flag=False)
    balance.children_intake_m3 = sum(c.average["vf"] for c in children)
    if balance.metered_intake_m3 is not None and balance.metered_intake_m3 > 0:
        metered = balance.metered_intake_m3
        balance.children_difference_pct = (metered - balance.children_intake_m3) / metered * 100.0
        balance.vf_metered = True
        if abs(balance.children_difference_pct) > setup.intake_tolerance_pct + 1e-9:
            flags.append(
                _unit_flag(
                    "water.children_vs_parent",
                    Severity.WARNING,
                    balance,
                    f"Unit {balance.name}: its meters show {metered:.1f} m³/d, its sub-units take {balance.children_intake_m3:.1f} m³/d "
                    f"({balance.children_difference_pct:+.1f} %, tolerance ±{setup.intake_tolerance_pct:g} %). Look for unmetered users, leaks or a wrong meter.",
                    f"用水单元“{balance.name}”：本级水表计量 {metered:.1f} m³/d，下级单元取水合计 {balance.children_intake_m3:.1f} m³/d"
                    f"（相差 {balance.children_difference_pct:+.1f}%，允许 ±{setup.intake_tolerance_pct:g}%），请查找未计量用户、漏损或水表问题。",
                )
            )


def _check_reuse_sources(balances: dict[str, UnitBalance], setup: TestSetup, flags: list[Flag]) -> None:
    """Cascade reuse cannot exceed what its source unit discharges (test means, m³/d).

    A receiving unit that draws more (beyond the unit closure tolerance) is flagged and left out of the
    totals: netting its reuse would drive the enterprise discharge negative. Treated wastewater is not
    checked here: its source is a treatment unit whose product water is not its own discharge; the
    parent's netting guard (no negative Vd) covers it.
    """
    drawn: dict[str, list[UnitBalance]] = defaultdict(list)
    for balance in balances.values():
        if (
            balance.is_leaf
            and balance.complete
            and balance.recycle_kind == "cascade"
            and balance.reuse_in_m3 > 0
            and balance.reuse_from_uuid in balances
        ):
            drawn[str(balance.reuse_from_uuid)].append(balance)
    for source_uuid, receivers in drawn.items():
        source = balances[source_uuid]
        leaves = [balances[u] for u in _subtree(source_uuid, balances) if balances[u].is_leaf]
        if not all(leaf.complete for leaf in leaves):
            continue  # the source's own balance is already flagged as incomplete
        available = sum(leaf.average["vd"] for leaf in leaves)
        taken = sum(r.reuse_in_m3 for r in receivers)
        if taken <= available * (1 + setup.unit_tolerance_pct / 100.0) + 1e-6:
            continue
        for receiver in receivers:
            flags.append(
                _unit_flag(
                    "water.reuse_exceeds_source",
                    Severity.ERROR,
                    receiver,
                    f"Unit {receiver.name} reuses {receiver.reuse_in_m3:.1f} m³/d from {source.name}, whose discharge is only "
                    f"{available:.1f} m³/d (all its receivers take {taken:.1f} m³/d); the unit is left out of the totals. "
                    "Check the reused quantity, its source, or the source's discharge.",
                    f"用水单元“{receiver.name}”回用“{source.name}”的水 {receiver.reuse_in_m3:.1f} m³/d，而后者排水量仅 "
                    f"{available:.1f} m³/d（各回用单元合计 {taken:.1f} m³/d），该单元不计入合计。请核对回用水量、来源或来源单元排水量。",
                )
            )
            receiver.complete = False


def _subtree(uuid: str, balances: dict[str, UnitBalance]) -> set[str]:
    """The unit and every unit below it."""
    found: set[str] = set()
    stack = [uuid]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(balances[current].children)
    return found


def totals_of(units: list[UnitBalance], missing: list[str]) -> Totals:
    """Sum of the given units (m³/d); for the enterprise these are the level-1 units, Vd leaving the plant.

    `missing` names the units whose data is lacking (the leaves at the root of it, not their parents).
    """
    totals = Totals(missing_units=list(missing))
    totals.complete = bool(units) and not missing and all(u.complete for u in units)
    complete = [u for u in units if u.complete]
    for q in QUANTITIES:
        totals.values[q] = sum(u.average[q] for u in complete)
        totals.estimated[q] = sum(u.estimated.get(q, 0.0) for u in complete)
    totals.reuse_in_m3 = sum(u.reuse_in_m3 for u in complete)
    inflow = totals.values["vf"] + totals.reuse_in_m3
    totals.values["vt"] = totals.values["vf"] + totals.values["vr"]
    outflow = totals.values["vco"] + totals.values["vd"] + totals.values["vl"]
    totals.closure_pct = _closure(inflow, outflow) if complete else None
    return totals


def annualise(totals: Totals, production_days: int) -> Totals:
    """Test-day averages (m³/d) × production days per year -> m³/a."""
    return Totals(
        values={q: v * production_days for q, v in totals.values.items()},
        estimated={q: v * production_days for q, v in totals.estimated.items()},
        reuse_in_m3=totals.reuse_in_m3 * production_days,
        closure_pct=totals.closure_pct,
        complete=totals.complete,
        missing_units=list(totals.missing_units),
    )
