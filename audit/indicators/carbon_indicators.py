"""Carbon indicators: CO2 by scope and type, total, intensities, the DB33/T 1347-2023 level and grade, change.

Each family is one small function of a `CarbonContext`; `CARBON_INDICATORS` lists them in order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from audit.indicators.carbon import CarbonBalance, carbon_grade, carbon_level
from audit.indicators.energy import type_label
from audit.indicators.energy_indicators import Product
from audit.indicators.settings import IndicatorSettings
from audit.reference import ReferenceData, Source
from audit.results import Indicator, merge_sources
from forms.spec import Text

SCOPES = (
    ("scope1", "Scope 1: fuel combustion", "范围一：化石燃料燃烧"),
    ("scope2_electricity", "Scope 2: purchased electricity", "范围二：电力"),
    ("scope2_heat", "Scope 2: purchased heat and steam", "范围二：热力（蒸汽）"),
    ("deduction", "Zero-carbon self-generation deducted", "扣除零碳自发电量"),
)


@dataclass(frozen=True)
class CarbonContext:
    """What the carbon indicators read: the audit period's CO2 lines, the comparison's, the settings."""

    carbon: CarbonBalance
    comparison: CarbonBalance | None
    settings: IndicatorSettings
    denominators: Mapping[str, Mapping[str, float | None]]
    reference: ReferenceData
    products: tuple[Product, ...] = ()
    tag: str = "audit"

    def denominator(self, name: str) -> float | None:
        return self.denominators.get(self.tag, {}).get(name)

    def incomplete(self) -> Text | None:
        """Why the CO2 total cannot be graded: something was not counted (no factor)."""
        problems = self.carbon.problems()
        if not problems:
            return None
        return Text(
            "Withheld: the CO2 total is incomplete (not included: " + "; ".join(problems) + "), so L, K, the level "
            "and the grade would flatter the enterprise.",
            "暂不给出：二氧化碳排放总量不完整（未计入："
            + "；".join(problems)
            + "），据此计算的 L、K、碳效水平和等级会偏低。",
        )

    def intensity(self) -> float | None:
        """CO2 per 10k yuan value added (L of DB33/T 1347-2023), None without value added or a complete total."""
        value_added = self.denominator("value_added")
        if not value_added or self.incomplete() is not None:
            return None
        return self.carbon.total() / value_added


def _type_inputs(carbon: CarbonBalance, scope: str, code: str) -> dict[str, Any]:
    """The factor inputs of a type (the same for every month) plus the record count."""
    lines = [line for line in carbon.lines if line.scope == scope and line.energy_type == code]
    skip = ("kwh", "gj")
    inputs = (
        {k: v for k, v in lines[0].inputs.items() if not k.startswith("quantity") and k not in skip} if lines else {}
    )
    inputs["records"] = len(lines)
    return inputs


def scopes(context: CarbonContext) -> list[Indicator]:
    """CO2 of each scope, and of each energy type within it."""
    carbon = context.carbon
    results: list[Indicator] = []
    for scope, en, zh in SCOPES:
        by_type = carbon.by_type(scope)
        rounded = {code: round(v, 3) for code, v in by_type.items()}
        results.append(
            Indicator(
                f"carbon.{scope}",
                Text(en, zh),
                carbon.total(scope),
                "tCO2",
                {"by_type_tco2": rounded},
                carbon.sources(scope),
            )
        )
        if scope == "deduction":
            continue
        for code, value in by_type.items():
            label = type_label(code)
            sources = merge_sources(
                *(ln.sources for ln in carbon.lines if ln.scope == scope and ln.energy_type == code)
            )
            results.append(
                Indicator(
                    f"carbon.{scope}.{code}",
                    Text(f"CO2 from {label.en}", f"{label.zh}排放量"),
                    value,
                    "tCO2",
                    _type_inputs(carbon, scope, code),
                    sources,
                    formula="Σ quantity × emission factor",
                )
            )
    return results


def total(context: CarbonContext) -> list[Indicator]:
    """The CO2 of the audit period, naming what could not be counted."""
    carbon = context.carbon
    problems = carbon.problems()
    note = (
        Text("Not included (no factor): " + "; ".join(problems), "未计入（缺少因子）：" + "；".join(problems))
        if problems
        else None
    )
    return [
        Indicator(
            "carbon.total",
            Text("CO2 emissions, audit period", "二氧化碳排放总量（审计期）"),
            carbon.total(),
            "tCO2",
            {f"{scope}_tco2": round(carbon.total(scope), 3) for scope, _, _ in SCOPES},
            carbon.sources(),
            note,
            formula="scope1 + scope2_electricity + scope2_heat + deduction",
        )
    ]


def intensities(context: CarbonContext) -> list[Indicator]:
    """CO2 per 10k yuan of value added (L) and of output value."""
    carbon_total = context.carbon.total()
    value_added, output_value = context.denominator("value_added"), context.denominator("output_value")
    no_value_added = Text("Value added is not entered on the enterprise form.", "企业概况中未填写工业增加值。")
    incomplete = context.incomplete()
    return [
        Indicator(
            "carbon.intensity.value_added",
            Text("CO2 per 10k yuan value added (L)", "单位工业增加值碳排放（L）"),
            context.intensity(),
            "tCO2/10k yuan",
            {"total_tco2": carbon_total, "value_added_10k_yuan": value_added},
            context.carbon.sources(),
            incomplete or (None if value_added else no_value_added),
            formula="L = total_tco2 ÷ value_added_10k_yuan",
        ),
        Indicator(
            "carbon.intensity.output_value",
            Text("CO2 per 10k yuan output value", "单位产值碳排放"),
            carbon_total / output_value if output_value and incomplete is None else None,
            "tCO2/10k yuan",
            {"total_tco2": carbon_total, "output_value_10k_yuan": output_value},
            context.carbon.sources(),
            incomplete,
            formula="total_tco2 ÷ output_value_10k_yuan",
        ),
    ]


def product_intensities(context: CarbonContext) -> list[Indicator]:
    """CO2 per unit of each product (whole-plant CO2 ÷ that product's output), beside the energy figures."""
    carbon_total = context.carbon.total()
    incomplete = context.incomplete()
    return [
        Indicator(
            f"carbon.intensity.product.{product.uuid}",
            Text(f"Whole-plant CO2 per unit of {product.name}", f"单位产品碳排放（全厂排放/{product.name}产量）"),
            carbon_total / product.output if product.output and incomplete is None else None,
            f"tCO2/{product.unit}",
            {"total_tco2": carbon_total, "product": product.name, "output": product.output, "unit": product.unit},
            context.carbon.sources(),
            incomplete
            or Text("Whole-plant CO2 divided by this product's output.", "按全厂碳排放量除以该产品产量计算。"),
            formula="total_tco2 ÷ output",
            about=(product.uuid,),
        )
        for product in context.products
    ]


def level(context: CarbonContext) -> list[Indicator]:
    """The DB33/T 1347-2023 carbon-intensity level of L."""
    intensity = context.intensity()
    if intensity is None:
        incomplete = context.incomplete()
        if incomplete is None:
            return []
        label = Text("Carbon level", "碳效水平")
        return [Indicator("carbon.level", label, None, "tCO2/10k yuan", {}, context.carbon.sources(), incomplete)]
    code, label, source = carbon_level(intensity, context.reference)
    return [
        Indicator(
            "carbon.level",
            Text(f"Carbon level: {label.en}", f"碳效水平：{label.zh}"),
            intensity,
            "tCO2/10k yuan",
            {"level": code, "intensity": intensity},
            merge_sources(context.carbon.sources(), (source,)),
            formula="band of L in DB33/T 1347-2023 levels (upper bounds inclusive)",
        )
    ]


AVERAGE_SOURCE = Source(
    "audit setting", "-", "industry-average carbon intensity entered on the audit form (碳效码 platform)", "D"
)


def grade(context: CarbonContext) -> list[Indicator]:
    """The Zhejiang carbon-efficiency grade of K = L ÷ industry average."""
    intensity = context.intensity()
    average = context.settings.carbon_industry_average
    incomplete = context.incomplete()
    if incomplete is not None:
        label = Text("Zhejiang carbon-efficiency grade", "浙江碳效等级")
        return [Indicator("carbon.grade", label, None, "grade", {"industry_average": average}, note=incomplete)]
    if intensity is None or not average:
        note = Text(
            "Enter the industry-average carbon intensity on the audit form to grade (DB33/T 1347-2023).",
            "请在诊断项目表中填写行业平均单位增加值碳排放后评级（DB33/T 1347-2023）。",
        )
        label = Text("Zhejiang carbon-efficiency grade", "浙江碳效等级")
        inputs = {"intensity": intensity, "industry_average": average}
        return [Indicator("carbon.grade", label, None, "grade", inputs, note=note)]
    k = intensity / average
    number, grade_label, source = carbon_grade(k, context.reference)
    return [
        Indicator(
            "carbon.grade",
            Text(
                f"Zhejiang carbon-efficiency grade {number} ({grade_label.en})",
                f"浙江碳效等级 {number} 级（{grade_label.zh}）",
            ),
            float(number),
            "grade",
            {"k": k, "intensity": intensity, "industry_average": average, "label": grade_label},
            merge_sources(context.carbon.sources(), (source, AVERAGE_SOURCE)),
            formula="K = L ÷ industry_average; band of K in DB33/T 1347-2023 grades",
        )
    ]


def change(context: CarbonContext) -> list[Indicator]:
    """The change of CO2 against the comparison period."""
    if context.comparison is None:
        return []
    now, before = context.carbon.total(), context.comparison.total()
    return [
        Indicator(
            "carbon.change.total",
            Text("Change in CO2 vs comparison period", "碳排放较对比期变化"),
            (now - before) / before * 100.0 if before else None,
            "%",
            {"audit_tco2": round(now, 3), "comparison_tco2": round(before, 3)},
            merge_sources(context.carbon.sources(), context.comparison.sources()),
            formula="(audit_tco2 − comparison_tco2) ÷ comparison_tco2 × 100",
        )
    ]


def intensity_change(context: CarbonContext) -> list[Indicator]:
    """The change of L (CO2 per 10k yuan value added) against the comparison period."""
    if context.comparison is None:
        return []
    before_context = dataclasses.replace(context, carbon=context.comparison, comparison=None, tag="comparison")
    now, before = context.intensity(), before_context.intensity()
    note = None
    if now is None or before is None:
        note = (
            context.incomplete()
            or before_context.incomplete()
            or Text("Value added of one of the periods is missing.", "缺少某一期间的工业增加值。")
        )
    return [
        Indicator(
            "carbon.change.intensity_value_added",
            Text("Change in L vs comparison period", "单位工业增加值碳排放（L）较对比期变化"),
            (now - before) / before * 100.0 if now is not None and before else None,
            "%",
            {"audit_l": now, "comparison_l": before},
            merge_sources(context.carbon.sources(), context.comparison.sources()),
            note,
            formula="(L_audit − L_comparison) ÷ L_comparison × 100",
        )
    ]


def comparison_set(context: CarbonContext) -> list[Indicator]:
    """The comparison period's CO2 by source, total, L, level, K and grade, as for the audit period."""
    if context.comparison is None:
        return []
    before = dataclasses.replace(context, carbon=context.comparison, comparison=None, products=(), tag="comparison")
    results = []
    for compute in (scopes, total, intensities, level, grade):
        for indicator in compute(before):
            label = Text(
                indicator.label.en.replace("audit period", "comparison period"),
                indicator.label.zh.replace("审计期", "对比期"),
            )
            if label == indicator.label:
                label = Text(f"{label.en} (comparison period)", f"{label.zh}（对比期）")
            key = indicator.key.replace("carbon.", "carbon.comparison.", 1)
            results.append(dataclasses.replace(indicator, key=key, label=label))
    return results


CARBON_INDICATORS: tuple[Callable[[CarbonContext], list[Indicator]], ...] = (
    scopes,
    total,
    intensities,
    product_intensities,
    level,
    grade,
    change,
    intensity_change,
    comparison_set,
)


def compute_carbon_indicators(context: CarbonContext) -> list[Indicator]:
    """Every carbon indicator, in the order of CARBON_INDICATORS."""
    return [indicator for compute in CARBON_INDICATORS for indicator in compute(context)]
