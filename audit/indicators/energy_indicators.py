"""Energy indicators (GB/T 2589-2020): totals on both bases, structure, cost, intensities, change.

Each indicator family is one small function of an `EnergyContext`; `ENERGY_INDICATORS` lists them in
the order they are shown. Adding an indicator is one function here and one line in the tuple (and its
key in the catalogue).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from audit.indicators.energy import RENEWABLE_CONVENTION, EnergyBalance, type_label
from audit.indicators.settings import IndicatorSettings
from audit.results import Indicator, merge_sources
from forms.spec import Text

BASES = (("equivalent", "equivalent value", "当量值"), ("equal_value", "equal value", "等价值"))
PERIODS = (("audit", "审计期"), ("comparison", "对比期"))


@dataclass(frozen=True)
class Product:
    """A product's output over the audit period; `uuid` is the record that names it (the enterprise's
    product row, else the first production record), so the indicator key does not carry user text."""

    uuid: str
    name: str
    output: float
    unit: str


@dataclass(frozen=True)
class EnergyContext:
    """What the energy indicators read: both periods' balances, the settings and the denominators."""

    settings: IndicatorSettings
    audit: EnergyBalance | None
    comparison: EnergyBalance | None
    # Output value and value added (10k yuan) per period tag ("audit", "comparison").
    denominators: Mapping[str, Mapping[str, float | None]]
    products: tuple[Product, ...]
    # The comparison period's output of the audit-period products (same record uuid), from production records.
    comparison_products: tuple[Product, ...] = ()

    @property
    def basis(self) -> str:
        return self.settings.electricity_basis

    def balance(self, tag: str) -> EnergyBalance | None:
        return self.audit if tag == "audit" else self.comparison


def totals(context: EnergyContext) -> list[Indicator]:
    """Comprehensive energy consumption per period on both bases; the audit's chosen basis is the headline."""
    results: list[Indicator] = []
    for tag, period_zh in PERIODS:
        balance = context.balance(tag)
        for basis, basis_en, basis_zh in BASES:
            key = f"energy.{tag}.total.{basis}"
            label = Text(
                f"Comprehensive energy consumption, {tag} period ({basis_en})",
                f"综合能耗（{period_zh}，电力按{basis_zh}）",
            )
            headline = basis == context.basis
            if balance is None:
                note = Text("The period is not set on the audit form.", "诊断项目表中未填写该期间。")
                results.append(Indicator(key, label, None, "tce", note=note, headline=headline))
                continue
            self_use = balance.renewable_self_use(basis)
            inputs = {
                "period": balance.period.label(),
                "records": len(balance.lines),
                "not_counted": sorted({ln.energy_type for ln in balance.lines if not ln.counted and not ln.problem}),
                "not_convertible": [ln.energy_type for ln in balance.lines if ln.problem],
                "by_type_tce": {code: round(v, 4) for code, v in balance.by_type(basis).items()},
                "renewable_self_use": context.settings.renewable_self_use,
                "renewable_self_use_tce": self_use,
            }
            results.append(
                Indicator(
                    key,
                    label,
                    balance.total(basis),
                    "tce",
                    inputs,
                    balance.sources(basis),
                    headline=headline,
                    formula="Σ quantity × coefficient (kgce/unit) ÷ 1000, exports subtracted"
                    + (", self-consumed PV/wind subtracted" if balance.exclude_renewables else ""),
                )
            )
            # Both conventions for on-site PV and wind, always (issue 10): the headline above follows the audit.
            for convention, total, en, zh in (
                ("renewables_counted", balance.gross_total(basis), "with", "计入"),
                ("renewables_excluded", balance.gross_total(basis) - self_use, "without", "不计入"),
            ):
                results.append(
                    Indicator(
                        f"energy.{tag}.{convention}.{basis}",
                        Text(
                            f"Comprehensive energy consumption, {tag} period ({basis_en}), {en} self-consumed PV/wind",
                            f"综合能耗（{period_zh}，电力按{basis_zh}，自发自用光伏/风电{zh}）",
                        ),
                        total,
                        "tce",
                        {"renewable_self_use_tce": self_use, "gross_tce": balance.gross_total(basis)},
                        merge_sources(balance.sources(basis), (RENEWABLE_CONVENTION,)),
                        formula="gross − self-consumed PV/wind" if convention == "renewables_excluded" else "gross",
                    )
                )
    return results


def structure(context: EnergyContext) -> list[Indicator]:
    """The share of each counted energy type in the audit period's total."""
    balance = context.audit
    if balance is None:
        return []
    basis = context.basis
    total = balance.total(basis)
    results: list[Indicator] = []
    for code, type_tce in balance.by_type(basis).items():
        lines = [line for line in balance.lines if line.energy_type == code]
        if not any(line.counted for line in lines):
            continue
        sources = merge_sources(
            *(line.sources + (line.equal_sources if basis == "equal_value" else ()) for line in lines)
        )
        label = type_label(code)
        results.append(
            Indicator(
                f"energy.audit.share.{code}",
                Text(f"Share of {label.en} in the energy structure", f"{label.zh}占综合能耗比例"),
                type_tce / total * 100.0 if total else None,
                "%",
                {"type_tce": round(type_tce, 4), "total_tce": round(total, 4)},
                sources,
                formula="type_tce ÷ total_tce × 100",
            )
        )
    return results


def cost(context: EnergyContext) -> list[Indicator]:
    """The recorded cost of purchased energy in the audit period."""
    if context.audit is None:
        return []
    costs: dict[str, float] = defaultdict(float)
    for line in context.audit.lines:
        if line.flow == "purchased" and line.cost_yuan:
            costs[line.energy_type] += float(line.cost_yuan)
    return [
        Indicator(
            "energy.audit.cost",
            Text("Energy cost, audit period (purchased, as recorded)", "能源费用（审计期，外购，按记录）"),
            sum(costs.values()) if costs else None,
            "yuan",
            {"by_type_yuan": {code: round(v, 2) for code, v in costs.items()}},
            note=None if costs else Text("No costs are recorded.", "未记录费用。"),
            formula="Σ cost_yuan of purchased energy",
        )
    ]


INTENSITIES = (
    ("energy.intensity.output_value", "Energy per 10k yuan output value", "单位产值综合能耗", "output_value"),
    ("energy.intensity.value_added", "Energy per 10k yuan value added", "单位工业增加值综合能耗", "value_added"),
)


def intensities(context: EnergyContext) -> list[Indicator]:
    """Energy per 10k yuan of output value and of value added (audit period)."""
    if context.audit is None:
        return []
    total = context.audit.total(context.basis)
    sources = context.audit.sources(context.basis)
    results: list[Indicator] = []
    for key, en, zh, denominator_key in INTENSITIES:
        denominator = context.denominators.get("audit", {}).get(denominator_key)
        note = (
            None
            if denominator
            else Text("The denominator is not entered on the enterprise form.", "企业概况中未填写分母。")
        )
        results.append(
            Indicator(
                key,
                Text(en, zh),
                total / denominator if denominator else None,
                "tce/10k yuan",
                {"total_tce": round(total, 4), f"{denominator_key}_10k_yuan": denominator},
                sources,
                note,
                formula=f"total_tce ÷ {denominator_key}_10k_yuan",
            )
        )
    return results


ALLOCATION_NOTE = Text(
    "Whole-plant energy divided by this product's output; allocate energy to products for a true unit-product figure.",
    "按全厂综合能耗除以该产品产量计算；如需真实单位产品能耗，应按产品分摊能耗。",
)


def product_intensities(context: EnergyContext) -> list[Indicator]:
    """Whole-plant energy per unit of each product (keyed by the product's record), and of all products
    together when they share a unit."""
    if context.audit is None:
        return []
    total = context.audit.total(context.basis)
    sources = context.audit.sources(context.basis)
    results: list[Indicator] = []
    for product in context.products:
        name = product.name
        results.append(
            Indicator(
                f"energy.intensity.product.{product.uuid}",
                Text(f"Whole-plant energy per unit of {name}", f"单位产品综合能耗（全厂能耗/{name}产量）"),
                total * 1000.0 / product.output if product.output else None,
                f"kgce/{product.unit}",
                {"total_tce": round(total, 4), "product": name, "output": product.output, "unit": product.unit},
                sources,
                ALLOCATION_NOTE,
                formula="total_tce × 1000 ÷ output",
                about=(product.uuid,),
            )
        )
    units = {p.unit for p in context.products}
    if len(context.products) > 1 and len(units) == 1:
        unit = next(iter(units))
        output = sum(p.output for p in context.products)
        results.append(
            Indicator(
                "energy.intensity.product.all",
                Text("Energy per unit of all products", "单位产品综合能耗（全部产品）"),
                total * 1000.0 / output if output else None,
                f"kgce/{unit}",
                {"total_tce": round(total, 4), "output": output, "unit": unit},
                sources,
                formula="total_tce × 1000 ÷ Σ output",
                about=tuple(p.uuid for p in context.products),
            )
        )
    return results


def electricity_per_product(context: EnergyContext) -> list[Indicator]:
    """Electricity used per unit of each product (whole-plant electricity ÷ that product's output), kWh."""
    if context.audit is None:
        return []
    kwh = context.audit.electricity_kwh()
    return [
        Indicator(
            f"energy.electricity.product.{product.uuid}",
            Text(f"Whole-plant electricity per unit of {product.name}", f"单位产品电耗（全厂用电/{product.name}产量）"),
            kwh / product.output if product.output else None,
            f"kWh/{product.unit}",
            {"electricity_kwh": kwh, "product": product.name, "output": product.output, "unit": product.unit},
            (),
            ALLOCATION_NOTE,
            formula="(purchased − exported + generated on site) kWh ÷ output",
            about=(product.uuid,),
        )
        for product in context.products
    ]


def change(context: EnergyContext) -> list[Indicator]:
    """The change of the total against the comparison period."""
    if context.audit is None or context.comparison is None:
        return []
    now, before = context.audit.total(context.basis), context.comparison.total(context.basis)
    return [
        Indicator(
            "energy.change.total",
            Text("Change in comprehensive energy consumption vs comparison period", "综合能耗较对比期变化"),
            (now - before) / before * 100.0 if before else None,
            "%",
            {"audit_tce": round(now, 4), "comparison_tce": round(before, 4)},
            merge_sources(context.audit.sources(context.basis), context.comparison.sources(context.basis)),
            formula="(audit_tce − comparison_tce) ÷ comparison_tce × 100",
        )
    ]


INTENSITY_CHANGES = (
    ("output_value", "Change in energy per 10k yuan output value", "单位产值综合能耗较对比期变化"),
    ("value_added", "Change in energy per 10k yuan value added", "单位增加值综合能耗较对比期变化"),
)


def intensity_change(context: EnergyContext) -> list[Indicator]:
    """The change of each intensity against the comparison period."""
    if context.audit is None or context.comparison is None:
        return []
    now, before = context.audit.total(context.basis), context.comparison.total(context.basis)
    sources = merge_sources(context.audit.sources(context.basis), context.comparison.sources(context.basis))
    results: list[Indicator] = []
    for denominator_key, en, zh in INTENSITY_CHANGES:
        d_now = context.denominators.get("audit", {}).get(denominator_key)
        d_before = context.denominators.get("comparison", {}).get(denominator_key)
        value = ((now / d_now) / (before / d_before) - 1.0) * 100.0 if d_now and d_before and before else None
        inputs = {
            "audit_tce": round(now, 4),
            "comparison_tce": round(before, 4),
            "audit_10k_yuan": d_now,
            "comparison_10k_yuan": d_before,
        }
        note = (
            None
            if value is not None
            else Text("A denominator for one of the periods is missing.", "缺少某一期间的分母数据。")
        )
        results.append(
            Indicator(
                f"energy.change.intensity_{denominator_key}",
                Text(en, zh),
                value,
                "%",
                inputs,
                sources,
                note,
                formula="((audit_tce ÷ audit_10k_yuan) ÷ (comparison_tce ÷ comparison_10k_yuan) − 1) × 100",
            )
        )
    return results


def _for_comparison(indicator: Indicator) -> Indicator:
    """An audit-period indicator recomputed for the comparison period, under the comparison's key and label."""
    key = indicator.key.replace("energy.audit.", "energy.comparison.", 1)
    if key.startswith("energy.intensity."):
        key = key.replace("energy.intensity.", "energy.comparison.intensity.", 1)
    label = Text(f"{indicator.label.en} (comparison period)", f"{indicator.label.zh}（对比期）")
    return dataclasses.replace(indicator, key=key, label=label)


def comparison_set(context: EnergyContext) -> list[Indicator]:
    """The comparison period's structure and intensities, as for the audit period (issue 10)."""
    if context.comparison is None:
        return []
    swapped = EnergyContext(
        context.settings,
        context.comparison,
        None,
        {"audit": context.denominators.get("comparison", {})},
        context.comparison_products,
    )
    return [_for_comparison(i) for compute in (structure, intensities, product_intensities) for i in compute(swapped)]


def product_change(context: EnergyContext) -> list[Indicator]:
    """The change of each product's whole-plant energy per unit against the comparison period's, the
    comparison output read from that period's production records (same product name and unit)."""
    if context.audit is None or context.comparison is None:
        return []
    now, before = context.audit.total(context.basis), context.comparison.total(context.basis)
    sources = merge_sources(context.audit.sources(context.basis), context.comparison.sources(context.basis))
    outputs_before = {p.uuid: p.output for p in context.comparison_products}
    results: list[Indicator] = []
    for product in context.products:
        output_before = outputs_before.get(product.uuid)
        per_unit_now = now * 1000.0 / product.output if product.output else None
        per_unit_before = before * 1000.0 / output_before if output_before else None
        value = (per_unit_now / per_unit_before - 1.0) * 100.0 if per_unit_now and per_unit_before else None
        note = ALLOCATION_NOTE
        if value is None:
            note = Text(
                f"No {product.unit} output of {product.name} recorded for both periods, or no energy before.",
                f"缺少两个期间{product.name}的产量（{product.unit}）或对比期能耗，无法比较。",
            )
        results.append(
            Indicator(
                f"energy.change.product.{product.uuid}",
                Text(
                    f"Change in whole-plant energy per unit of {product.name} vs comparison period",
                    f"单位产品综合能耗（{product.name}）较对比期变化",
                ),
                value,
                "%",
                {
                    "product": product.name,
                    "audit_tce": round(now, 4),
                    "audit_output": product.output,
                    "comparison_tce": round(before, 4),
                    "comparison_output": output_before,
                    "unit": product.unit,
                },
                sources,
                note,
                formula="((audit_tce ÷ audit_output) ÷ (comparison_tce ÷ comparison_output) − 1) × 100",
                about=(product.uuid,),
            )
        )
    return results


ENERGY_INDICATORS: tuple[Callable[[EnergyContext], list[Indicator]], ...] = (
    totals,
    structure,
    cost,
    intensities,
    product_intensities,
    electricity_per_product,
    change,
    intensity_change,
    comparison_set,
    product_change,
)


def compute_energy_indicators(context: EnergyContext) -> list[Indicator]:
    """Every energy indicator, in the order of ENERGY_INDICATORS."""
    return [indicator for compute in ENERGY_INDICATORS for indicator in compute(context)]
