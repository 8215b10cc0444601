"""Measures proposed by the rules: savings by energy type, tce, CO₂, money, investment, payback, decisions, totals.

A rule hands over a `Draft`: the method, the record it acts on, its inputs (each an `Input` with a unit)
and an evaluator that turns inputs into an `Estimate`. Here the expert's decision (a `measure` record with
the same key) is applied: its overrides replace inputs before the evaluator runs again, its status,
investment and life replace the proposal's. Nothing here writes: re-running never touches a decision.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from audit.findings._inputs import FindingInputs, Row
from audit.indicators.carbon import fuel_emission_factor, grid_factor
from audit.indicators.energy import conversion
from audit.indicators.settings import IndicatorSettings
from audit.measures import CostClass, methods, payback_years
from audit.reference import ReferenceData, Source
from audit.results import Input, Status, unit_of_name, weakest
from forms.spec import Text

# Hours a year above which a load is taken to run around the clock, so every time-of-use period applies
# in proportion to its hours (7 000 h ≈ three shifts, 6 days a week).
CONTINUOUS_HOURS = 7000.0
TOU_ITEMS = ("electricity_sharp", "electricity_peak", "electricity_flat", "electricity_valley")
PRICE_ITEM = {"natural_gas": "natural_gas", "steam": "steam", "raw_coal": "coal", "heat": "heat", "water": "water"}
GJ_PER_TCE = 29.3076


@dataclass(frozen=True)
class Saving:
    """An annual saving of one energy type (or water) in its native unit; `baseline` is what the affected
    record uses of it a year, when known (for applying several measures on one record in sequence)."""

    energy_type: str  # an energy_use code (electricity, natural_gas, steam, raw_coal, heat) or "water"
    quantity: float
    unit: str  # kWh, m3, t, GJ
    baseline: float | None = None


@dataclass(frozen=True)
class Estimate:
    savings: tuple[Saving, ...]
    investment_yuan: float
    useful_life_years: float
    # Results along the way a reader wants to see (leak flow, new power, capacitor size).
    results: tuple[Input, ...] = ()
    # Money saved that is not energy or water at the audit's prices (treatment cost, a charge), yuan/a.
    other_savings_yuan: float = 0.0


Evaluator = Callable[[Mapping[str, float]], Estimate]


@dataclass(frozen=True)
class Draft:
    """A measure as a rule proposes it, before valuation and before the expert's decision."""

    method: str
    record: str
    title: Text
    inputs: tuple[Input, ...]
    evaluate: Evaluator
    formula: str
    sources: tuple[Source, ...] = ()
    records: tuple[str, ...] = ()
    # Annual hours of the load, for the time-of-use electricity price (None: not known).
    hours: float | None = None

    @property
    def key(self) -> str:
        return f"{self.method}:{self.record}"


@dataclass(frozen=True)
class Money:
    yuan: float | None
    basis: Text


@dataclass(frozen=True)
class Measure:
    """One conservation measure with everything a report lists (BuildingSync Measure, IAC code)."""

    key: str
    method: str
    title: Text
    method_label: Text
    iac_code: str
    iac_status: str
    category: str
    cost_class: CostClass
    finding: str  # the rule that proposed it ("" for the expert's own)
    records: tuple[str, ...]
    savings: tuple[Saving, ...]
    tce_equivalent: float | None
    tce_equal_value: float | None
    tco2: float | None
    water_m3: float
    annual_savings_yuan: float | None
    price_basis: Text
    investment_yuan: float
    useful_life_years: float
    simple_payback_years: float | None
    implementation_status: str  # proposed, accepted, rejected, implemented, verified
    rejection_reason: str | None
    reason_note: str
    narrative: str
    decision: str | None  # uuid of the expert's measure record
    inputs: tuple[Input, ...]
    overridden: tuple[str, ...]
    results: tuple[Input, ...]
    formula: str
    sources: tuple[Source, ...]
    status: Status
    own: bool = False
    problems: tuple[Text, ...] = ()

    @property
    def counted(self) -> bool:
        """Rejected measures are listed but not added to the totals."""
        return self.implementation_status != "rejected"

    def saving(self, energy_type: str) -> float:
        return sum(s.quantity for s in self.savings if s.energy_type == energy_type)


@dataclass(frozen=True)
class Totals:
    """Totals of the counted measures, with measures on the same record applied in sequence."""

    savings: tuple[Saving, ...]
    tce_equivalent: float
    tce_equal_value: float
    tco2: float
    water_m3: float
    annual_savings_yuan: float
    investment_yuan: float
    simple_payback_years: float | None
    low_cost_yuan: float
    capital_yuan: float
    method: Text
    # How much the sum of the measures taken one by one overstates the total (kWh, m³ … by energy type).
    overlap: tuple[Saving, ...] = ()


@dataclass(frozen=True)
class MeasureResult:
    measures: tuple[Measure, ...] = ()
    totals: Totals | None = None
    problems: tuple[Text, ...] = field(default_factory=tuple)


# -- prices ----------------------------------------------------------------------------------------------


def _prices(inputs: FindingInputs) -> dict[str, Row]:
    return inputs.prices


def price(energy_type: str, unit: str, hours: float | None, inputs: FindingInputs) -> Money:
    """The audit's price for a saving: time-of-use electricity weighted by period hours for a load that runs
    around the clock, the average or flat price otherwise."""
    key = ("price", energy_type, unit, hours is not None and hours >= CONTINUOUS_HOURS)
    if key not in inputs.memo:
        inputs.memo[key] = _price(energy_type, unit, hours, inputs)
    return inputs.memo[key]  # type: ignore[return-value]


def _price(energy_type: str, unit: str, hours: float | None, inputs: FindingInputs) -> Money:
    prices = _prices(inputs)
    if energy_type == "electricity":
        periods = [prices[item] for item in TOU_ITEMS if item in prices and prices[item].number("hours_per_day")]
        if periods and hours is not None and hours >= CONTINUOUS_HOURS:
            day = sum(float(p.number("hours_per_day") or 0) for p in periods)
            if abs(day - 24) < 0.01:
                value = sum(float(p.number("price_yuan") or 0) * float(p.number("hours_per_day") or 0) for p in periods)
                return Money(
                    value / day,
                    Text(
                        "time-of-use periods weighted by their hours (the load runs around the clock)",
                        "按各时段小时数加权的分时电价（设备全天运行）",
                    ),
                )
        for item, en, zh in (
            ("electricity_average", "average electricity price", "平均电价"),
            (
                "electricity_flat",
                "flat-period price (the load's hours by period are not known)",
                "平段电价（设备分时段运行小时未知）",
            ),
        ):
            if item in prices:
                return Money(float(prices[item].number("price_yuan") or 0), Text(en, zh))
        return Money(None, Text("no electricity price in the audit", "审计未填写电价"))
    item = PRICE_ITEM.get(energy_type, energy_type)
    row = prices.get(item)
    if row is None:
        return Money(None, Text(f"no {item} price in the audit", f"审计未填写{item}价格"))
    if str(row.get("unit")) != unit:
        return Money(
            None,
            Text(f"{item} price is per {row.get('unit')}, the saving in {unit}", f"{item}价格单位与节约量单位不同"),
        )
    return Money(float(row.number("price_yuan") or 0), Text(f"{item} price of the audit", "审计所填价格"))


def wastewater_price(inputs: FindingInputs) -> float | None:
    row = _prices(inputs).get("wastewater")
    return row.number("price_yuan") if row else None


# -- valuation -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Valuation:
    tce_equivalent: float | None
    tce_equal_value: float | None
    tco2: float | None
    sources: tuple[Source, ...]
    problems: tuple[Text, ...]


def _year(settings: IndicatorSettings) -> int | None:
    return settings.audit_period.end.year if settings.audit_period else None


# Per-analysis memo of conversion and emission factors: (settings, energy type, unit) → factors.
_FACTORS: dict[tuple[int, int, str, str], Any] = {}


def _factors(saving: Saving, settings: IndicatorSettings, reference: ReferenceData) -> Any:
    key = (id(settings), id(reference), saving.energy_type, saving.unit)
    if key not in _FACTORS:
        if len(_FACTORS) > 256:
            _FACTORS.clear()
        factor = conversion(
            {"energy_type": saving.energy_type, "unit": saving.unit}, settings, reference, _year(settings)
        )
        grid = grid_factor(settings, reference)[0] if saving.energy_type == "electricity" else None
        fuel = (
            fuel_emission_factor(saving.energy_type, saving.unit, settings, reference)
            if saving.energy_type not in ("electricity", "steam", "heat")
            else None
        )
        _FACTORS[key] = (factor, grid, fuel, settings, reference)  # keep both alive so their ids stay unique
    return _FACTORS[key][:3]


def value_savings(savings: Iterable[Saving], settings: IndicatorSettings, reference: ReferenceData) -> Valuation:
    """tce on both bases by GB/T 2589 coefficients, tCO₂ by the audit's grid and fuel factors."""
    tce_eq = tce_ev = tco2 = 0.0
    sources: list[Source] = []
    problems: list[Text] = []
    for saving in savings:
        if saving.energy_type == "water":
            continue
        try:
            factor, grid, fuel = _factors(saving, settings, reference)
        except Exception as error:  # an unknown energy type or unit is reported, not fatal
            problems.append(
                Text(f"no tce coefficient for {saving.energy_type}: {error}", f"{saving.energy_type} 无折标系数")
            )
            continue
        tce_eq += saving.quantity * factor.equivalent / 1000.0
        tce_ev += saving.quantity * factor.equal_value / 1000.0
        sources.extend(factor.sources + factor.equal_sources)
        if saving.energy_type == "electricity":
            if grid is None:
                problems.append(Text("no grid factor for the audit's region and year", "无该地区与年份的电网排放因子"))
            else:
                tco2 += saving.quantity * grid.value / 1000.0
                sources.append(grid.source)
        elif saving.energy_type in ("steam", "heat"):
            heat = reference.sourced(
                "carbon/heat_factor.json", reference.raw["carbon/heat_factor.json"]["purchased_heat"]
            )
            tco2 += saving.quantity * factor.equivalent / 1000.0 * GJ_PER_TCE * heat.value
            sources.append(heat.source)
        else:
            if fuel is None:
                problems.append(
                    Text(f"no emission factor for {saving.energy_type}", f"{saving.energy_type} 无排放因子")
                )
                continue
            per, basis, source, _ = fuel
            quantity = (
                saving.quantity / 10000.0
                if basis == "10k_m3"
                else saving.quantity * (0.001 if saving.unit == "kg" else 1.0)
            )
            tco2 += quantity * per
            sources.append(source)
    return Valuation(tce_eq, tce_ev, tco2, tuple(dict.fromkeys(sources)), tuple(problems))


# -- decisions and measures ------------------------------------------------------------------------------


def decisions(inputs: FindingInputs) -> dict[str, Row]:
    """The expert's measure records by key (the latest one wins if a key was entered twice)."""
    return {str(row.get("measure_key")): row for row in inputs.of("measure") if row.get("measure_key")}


def _overrides(decision: Row | None) -> dict[str, float]:
    if decision is None:
        return {}
    return {
        str(o.get("input")): float(o["value"])
        for o in decision.children.get("overrides", ())
        if o.get("input") and o.get("value") is not None
    }


def build_measure(
    draft: Draft,
    finding: str,
    decision: Row | None,
    inputs: FindingInputs,
    settings: IndicatorSettings,
    reference: ReferenceData,
) -> Measure:
    spec = methods()[draft.method]
    overrides = _overrides(decision)
    known = {i.name for i in draft.inputs}
    used = {name: value for name, value in overrides.items() if name in known}
    values = {i.name: float(i.value) for i in draft.inputs} | used
    shown = tuple(Input(i.name, values[i.name], i.unit, i.label) if i.name in used else i for i in draft.inputs)
    problems: list[Text] = [
        Text(f"override of unknown input {name!r} ignored", f"未知输入项 {name} 的修改已忽略")
        for name in overrides
        if name not in known
    ]
    estimate = draft.evaluate(values)
    chosen_investment = decision.number("investment_yuan") if decision else None
    chosen_life = decision.number("useful_life_years") if decision else None
    investment = chosen_investment if chosen_investment is not None else estimate.investment_yuan
    life = chosen_life if chosen_life is not None else estimate.useful_life_years
    overridden = tuple(used) + tuple(
        name for name in ("investment_yuan", "useful_life_years") if decision and decision.number(name) is not None
    )
    valuation = value_savings(estimate.savings, settings, reference)
    money, bases = _money(estimate, draft.hours, inputs)
    state = str(decision.get("status", "proposed")) if decision else "proposed"
    return Measure(
        key=draft.key,
        method=draft.method,
        title=draft.title,
        method_label=spec.label,
        iac_code=spec.iac_code,
        iac_status=spec.iac_status,
        category=spec.category,
        cost_class=CostClass(str(decision.get("cost_class")))
        if decision and decision.get("cost_class")
        else spec.cost_class,
        finding=finding,
        records=draft.records or (draft.record,),
        savings=estimate.savings,
        tce_equivalent=valuation.tce_equivalent,
        tce_equal_value=valuation.tce_equal_value,
        tco2=valuation.tco2,
        water_m3=sum(s.quantity for s in estimate.savings if s.energy_type == "water"),
        annual_savings_yuan=money,
        price_basis=bases,
        investment_yuan=investment,
        useful_life_years=life,
        simple_payback_years=payback_years(investment, money) if money is not None else None,
        implementation_status=state,
        rejection_reason=str(decision.get("rejection_reason"))
        if decision and state == "rejected" and decision.get("rejection_reason")
        else None,
        reason_note=str(decision.get("reason_note", "")) if decision else "",
        narrative=str(decision.get("narrative", "")) if decision else "",
        decision=decision.uuid if decision else None,
        inputs=shown,
        overridden=overridden,
        results=estimate.results,
        formula=draft.formula,
        sources=tuple(dict.fromkeys(draft.sources + valuation.sources)),
        status=weakest(*(s.status for s in draft.sources + valuation.sources)),
        problems=tuple(problems) + valuation.problems,
    )


def _money(estimate: Estimate, hours: float | None, inputs: FindingInputs) -> tuple[float | None, Text]:
    total = estimate.other_savings_yuan
    bases: list[Text] = []
    for saving in estimate.savings:
        if saving.quantity == 0:
            continue
        unit_price = price(saving.energy_type, saving.unit, hours, inputs)
        bases.append(unit_price.basis)
        if unit_price.yuan is None:
            return None, unit_price.basis
        total += saving.quantity * unit_price.yuan
    text = Text("; ".join(b.en for b in bases), "；".join(b.zh for b in bases))
    return total, text


def own_measure(decision: Row, settings: IndicatorSettings, reference: ReferenceData, inputs: FindingInputs) -> Measure:
    """A measure the expert wrote: savings, investment and life as entered."""
    savings = tuple(
        Saving(energy_type, float(decision.number(name) or 0.0), unit)
        for name, energy_type, unit in (
            ("annual_electricity_kwh", "electricity", "kWh"),
            ("annual_natural_gas_m3", "natural_gas", "m3"),
            ("annual_steam_t", "steam", "t"),
            ("annual_coal_t", "raw_coal", "t"),
            ("annual_water_m3", "water", "m3"),
        )
        if decision.number(name)
    )
    estimate = Estimate(
        savings, float(decision.number("investment_yuan") or 0.0), float(decision.number("useful_life_years") or 0.0)
    )
    valuation = value_savings(savings, settings, reference)
    money, basis = _money(estimate, None, inputs)
    method = str(decision.get("method", "other"))
    spec = methods().get(method)
    title = str(decision.get("title") or decision.get("measure_key"))
    state = str(decision.get("status", "proposed"))
    return Measure(
        key=str(decision.get("measure_key")),
        method=method,
        title=Text(title, title),
        method_label=spec.label if spec else Text("Expert's own measure", "专家自拟措施"),
        iac_code=spec.iac_code if spec else "",
        iac_status=spec.iac_status if spec else "U",
        category=spec.category if spec else "other",
        cost_class=CostClass(str(decision.get("cost_class")))
        if decision.get("cost_class")
        else (spec.cost_class if spec else CostClass.CAPITAL),
        finding="",
        records=(str(decision.get("equipment")),) if decision.get("equipment") else (),
        savings=savings,
        tce_equivalent=valuation.tce_equivalent,
        tce_equal_value=valuation.tce_equal_value,
        tco2=valuation.tco2,
        water_m3=sum(s.quantity for s in savings if s.energy_type == "water"),
        annual_savings_yuan=money,
        price_basis=basis,
        investment_yuan=estimate.investment_yuan,
        useful_life_years=estimate.useful_life_years,
        simple_payback_years=payback_years(estimate.investment_yuan, money) if money is not None else None,
        implementation_status=state,
        rejection_reason=str(decision.get("rejection_reason"))
        if state == "rejected" and decision.get("rejection_reason")
        else None,
        reason_note=str(decision.get("reason_note", "")),
        narrative=str(decision.get("narrative", "")),
        decision=decision.uuid,
        inputs=(),
        overridden=(),
        results=(),
        formula="entered by the expert",
        sources=valuation.sources,
        status=Status.D,
        own=True,
        problems=valuation.problems,
    )


# -- totals ----------------------------------------------------------------------------------------------

SEQUENCE_TEXT = Text(
    "Measures on the same record and energy type are applied in sequence: each saves its own fraction f of "
    "what the ones before it left, so together they save baseline × (1 − Π(1 − f)); the order does not change "
    "the total. Measures without a known baseline are added as they are. Rejected measures are not counted.",
    "同一设备、同一能源品种上的多项措施依次叠加：每项按其节能比例 f 作用于前项实施后的剩余用能，"
    "合计节能量 = 基准用能 × (1 − Π(1 − f))，与实施顺序无关；无基准用能的措施直接相加；不采纳的措施不计入合计。",
)


def totals(measures: Iterable[Measure], settings: IndicatorSettings, reference: ReferenceData) -> Totals:
    counted = [m for m in measures if m.counted]
    groups: dict[tuple[str, str, str], list[tuple[Saving, Measure]]] = defaultdict(list)
    plain: list[Saving] = []
    for measure in counted:
        for saving in measure.savings:
            if saving.baseline and saving.baseline > 0 and measure.records:
                groups[(measure.records[0], saving.energy_type, saving.unit)].append((saving, measure))
            else:
                plain.append(saving)
    combined: list[Saving] = list(plain)
    overlap: dict[tuple[str, str], float] = defaultdict(float)
    for (_, energy_type, unit), items in groups.items():
        baseline = max(s.baseline or 0.0 for s, _ in items)
        remaining = math.prod(1.0 - min(1.0, s.quantity / baseline) for s, _ in items)
        together = baseline * (1.0 - remaining)
        combined.append(Saving(energy_type, together, unit))
        overlap[(energy_type, unit)] += sum(s.quantity for s, _ in items) - together
    by_type: dict[tuple[str, str], float] = defaultdict(float)
    for saving in combined:
        by_type[(saving.energy_type, saving.unit)] += saving.quantity
    summed = tuple(Saving(t, q, u) for (t, u), q in sorted(by_type.items()))
    valuation = value_savings(summed, settings, reference)
    # Money is scaled like energy: each measure's money times the share of its energy left after overlap.
    energy_sum = sum(s.quantity for m in counted for s in m.savings if s.energy_type != "water")
    energy_combined = sum(s.quantity for s in summed if s.energy_type != "water")
    scale = energy_combined / energy_sum if energy_sum else 1.0
    money = sum((m.annual_savings_yuan or 0.0) for m in counted) * scale
    investment = sum(m.investment_yuan for m in counted)
    return Totals(
        savings=summed,
        tce_equivalent=valuation.tce_equivalent or 0.0,
        tce_equal_value=valuation.tce_equal_value or 0.0,
        tco2=valuation.tco2 or 0.0,
        water_m3=sum(s.quantity for s in summed if s.energy_type == "water"),
        annual_savings_yuan=money,
        investment_yuan=investment,
        simple_payback_years=payback_years(investment, money),
        low_cost_yuan=sum(m.investment_yuan for m in counted if m.cost_class is CostClass.LOW_COST),
        capital_yuan=sum(m.investment_yuan for m in counted if m.cost_class is CostClass.CAPITAL),
        method=SEQUENCE_TEXT,
        overlap=tuple(Saving(t, q, u) for (t, u), q in sorted(overlap.items()) if q > 1e-9),
    )


def sort_key(measure: Measure) -> tuple[int, float]:
    """No-cost/low-cost first, then by payback (never-paying last)."""
    payback = measure.simple_payback_years
    return (0 if measure.cost_class is CostClass.LOW_COST else 1, math.inf if payback is None else payback)


_unit_of_name = lru_cache(maxsize=2048)(unit_of_name)


def as_inputs(values: Mapping[str, Any], labels: Mapping[str, Text] | None = None) -> tuple[Input, ...]:
    """Inputs from name → (value, unit) or name → value; units from names where not given."""
    result = []
    for name, value in values.items():
        if isinstance(value, tuple):
            number, unit = value
        else:
            number, unit = value, _unit_of_name(name)
        result.append(Input(name, float(number), unit, (labels or {}).get(name)))
    return tuple(result)
