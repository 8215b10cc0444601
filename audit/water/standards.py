"""Reference values of the water standards (resources/water/*.json) and the comparisons made with them.

GB/T 7119-2018: industry thresholds chosen by the enterprise's GB/T 4754-2017 code, plus the basic
requirements the test data can show; GB/T 24789: metering rates by level and meter accuracy. Each
comparison is pass, fail or cannot-evaluate, says why, and carries the weakest status of the
threshold and of the indicator's formula.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from audit import reference
from audit.reference import RESOURCES as RESOURCES_ROOT
from audit.reference import Source
from audit.results import Indicator, Limit, Outcome, weakest
from audit.water.inputs import MeterInput
from audit.water.model import Totals, UnitBalance
from forms.spec import Text

RESOURCES = RESOURCES_ROOT / "water"


@lru_cache(maxsize=8)
def load_resource(name: str) -> dict[str, Any]:
    """A water reference file, checked like every resource: a source and a status for every value."""
    return reference.load_resource(f"water/{name}")


def tolerance_defaults() -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = load_resource("tolerances.json")["values"]
    return values


def industry_for(code: str) -> dict[str, Any] | None:
    """The threshold set whose GB/T 4754 prefix matches the code (longest prefix wins); C1713 -> 1713."""
    digits = re.sub(r"^[A-Za-z]", "", code.strip())
    best: tuple[int, dict[str, Any]] | None = None
    for industry in load_resource("gbt7119_thresholds.json")["industries"]:
        for prefix in industry["gbt4754_prefixes"]:
            if digits.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), industry)
    return best[1] if best else None


def comparison(
    key: str,
    label: Text,
    outcome: Outcome,
    reason: Text,
    value: float | None = None,
    operator: str = "",
    threshold: float | None = None,
    unit: str = "",
    standard: str = "",
    edition: str = "",
    clause: str = "",
    status: str = "U",
    measured_status: str = "V",
    citation: Text | None = None,
) -> Indicator:
    """A comparison with a standard as an Indicator: the outcome, the reason (its note), the limit, the clause.

    `status` is the rule's (the threshold's); `measured_status` that of the indicator compared. The
    comparison is as weak as the weaker of the two.
    """
    source = Source(standard, edition, clause, status, citation=citation)
    limit = Limit(operator, threshold, unit) if operator and threshold is not None else None
    formula = f"value {limit.text()}" if limit is not None else ""
    return Indicator(
        key,
        label,
        value,
        unit,
        note=reason,
        sources=(source,),
        status=weakest(measured_status),
        outcome=outcome,
        limit=limit,
        formula=formula,
    )


def citation_of(rule: dict[str, Any]) -> Text | None:
    """The rule's standard and clause in each language, from its source's `cited` and `clauses` tables."""
    for name in ("gbt7119_thresholds.json", "gbt24789_metering.json"):
        source = load_resource(name)["sources"].get(rule.get("source", ""))
        if source is None or "cited" not in source:
            continue
        clause = source.get("clauses", {}).get(rule.get("clause", ""))
        if clause is None:
            return None
        return Text(f"{source['cited']['en']}, {clause['en']}", f"{source['cited']['zh']}，{clause['zh']}")
    return None


def _passes(value: float, operator: str, threshold: float) -> bool:
    return value >= threshold if operator == ">=" else value <= threshold


def _compare(key: str, label: Text, indicator: Indicator | None, rule: dict[str, Any]) -> Indicator:
    threshold = float(rule["value"])
    base = {
        "operator": rule["operator"],
        "threshold": threshold,
        "unit": rule.get("unit", indicator.unit if indicator else ""),
        "standard": rule["standard"],
        "edition": rule["edition"],
        "clause": rule["clause"],
        "citation": citation_of(rule),
    }
    if indicator is None:
        return comparison(
            key,
            label,
            Outcome.CANNOT_EVALUATE,
            Text("This indicator is not computed by the water-balance test.", "水平衡测试不计算该指标。"),
            status=rule["status"],
            **base,
        )
    status = {"status": rule["status"], "measured_status": indicator.status}
    if indicator.value is None:
        reason = indicator.note or Text("No value.", "无数值。")
        return comparison(key, label, Outcome.CANNOT_EVALUATE, reason, **status, **base)
    passed = _passes(indicator.value, rule["operator"], threshold)
    shown = f"{indicator.value:.2f} {base['unit']}".strip()
    limit = f"{rule['operator']} {threshold:g} {base['unit']}".strip()
    note_en = " (inputs partly estimated)" if indicator.estimated else ""
    note_zh = "（部分输入为估算值）" if indicator.estimated else ""
    reason = (
        Text(f"{shown} meets {limit}{note_en}.", f"{shown} 满足 {limit}{note_zh}。")
        if passed
        else Text(f"{shown} does not meet {limit}{note_en}.", f"{shown} 未达到 {limit}{note_zh}。")
    )
    return comparison(
        key, label, Outcome.PASS if passed else Outcome.FAIL, reason, value=indicator.value, **status, **base
    )


def compare_gbt7119(industry_code: str, indicators: list[Indicator]) -> tuple[Text | None, list[Indicator]]:
    by_key = {i.key: i for i in indicators}
    data = load_resource("gbt7119_thresholds.json")
    industry = industry_for(industry_code) if industry_code else None
    if industry is None:
        return None, [
            comparison(
                "gbt7119.industry",
                Text("GB/T 7119 industry thresholds", "GB/T 7119 行业指标"),
                Outcome.CANNOT_EVALUATE,
                Text(
                    f"No GB/T 7119 thresholds are held for industry code {industry_code or '(none)'} (GB/T 4754-2017).",
                    f"资料中没有行业代码 {industry_code or '（未填）'}（GB/T 4754-2017）对应的 GB/T 7119 指标值。",
                ),
                standard=data["standard"],
                edition=data["edition"],
                status="U",
            )
        ]
    comparisons = []
    for rule in industry["thresholds"]:
        indicator = by_key.get(f"water.{rule['indicator']}")
        label = indicator.label if indicator else Text(rule["indicator"], rule["indicator"])
        comparisons.append(_compare(f"gbt7119.{rule['indicator']}", label, indicator, rule))
    name = industry["name"]
    return Text(name["en"], name["zh"]), comparisons


def basic_requirements(units: list[UnitBalance], enterprise: Totals) -> list[Indicator]:
    """GB/T 7119 basic requirements that the test data can show; the rest are for the expert."""
    data = load_resource("gbt7119_thresholds.json")
    leaves = [u for u in units if u.is_leaf]
    results = []
    for rule in data["basic_requirements"]:
        key = rule["key"]
        label = Text(rule["name"]["en"], rule["name"]["zh"])
        outcome, reason = _basic(key, leaves, enterprise)
        results.append(
            comparison(
                f"gbt7119.basic.{key}",
                label,
                outcome,
                reason,
                standard=rule["standard"],
                edition=rule["edition"],
                clause=rule["clause"],
                status=rule["status"],
                citation=citation_of(rule),
            )
        )
    return results


def _basic(key: str, leaves: list[UnitBalance], enterprise: Totals) -> tuple[Outcome, Text]:
    if key == "domestic_metered_separately":
        domestic = [u for u in leaves if u.unit_type == "domestic"]
        if not domestic:
            return Outcome.CANNOT_EVALUATE, Text("No domestic unit in the test.", "测试中没有生活用水单元。")
        unmetered = [u.name for u in domestic if not u.has_inlet_meter]
        if unmetered:
            return Outcome.FAIL, Text(
                f"No intake meter at: {', '.join(unmetered)}.", f"以下单元没有进水水表：{'、'.join(unmetered)}。"
            )
        return Outcome.PASS, Text("Every domestic unit has its own intake meter.", "每个生活用水单元均单独计量。")
    if key == "condensate_recovered":
        boilers = [u for u in leaves if u.unit_type == "boiler"]
        if not boilers:
            return Outcome.CANNOT_EVALUATE, Text("No boiler unit in the test.", "测试中没有锅炉单元。")
        without = [u.name for u in boilers if u.recycle_kind != "condensate" or not u.complete or u.average["vr"] <= 0]
        if without:
            return Outcome.FAIL, Text(
                f"No condensate returned at: {', '.join(without)}.", f"以下单元未回用冷凝水：{'、'.join(without)}。"
            )
        return Outcome.PASS, Text("Condensate is returned at every boiler unit.", "各锅炉单元均回用冷凝水。")
    if key == "cooling_not_once_through":
        cooling = [u for u in leaves if u.unit_type in ("indirect_cooling", "direct_cooling")]
        if not cooling:
            return Outcome.CANNOT_EVALUATE, Text("No cooling-water unit in the test.", "测试中没有冷却水单元。")
        once = [u.name for u in cooling if not u.complete or u.average["vr"] <= 0]
        if once:
            return Outcome.FAIL, Text(
                f"No circulation measured at: {', '.join(once)}.", f"以下冷却水单元无循环水量：{'、'.join(once)}。"
            )
        return Outcome.PASS, Text("Every cooling-water unit circulates.", "各冷却水单元均循环使用。")
    if key == "water_balance_test":
        if enterprise.complete:
            return Outcome.PASS, Text(
                "This test gives a complete enterprise balance.", "本次测试得到完整的企业水平衡。"
            )
        return Outcome.CANNOT_EVALUATE, Text("The enterprise balance is incomplete.", "企业水平衡不完整。")
    return Outcome.CANNOT_EVALUATE, Text("Not shown by the water-balance test data.", "水平衡测试数据无法判断。")


def compare_gbt24789(indicators: list[Indicator], meters: list[MeterInput]) -> list[Indicator]:
    data = load_resource("gbt24789_metering.json")
    by_key = {i.key: i for i in indicators}
    results = []
    for group, key_prefix, name in (
        ("equipment_rate_pct", "equipment_rate_level_", ("Meter equipment rate", "水计量器具配备率")),
        ("metering_rate_pct", "metering_rate_level_", ("Water metering rate", "水计量率")),
    ):
        for rule in data[group]:
            level = rule["level"]
            label = Text(f"{name[0]}, level {level}", f"{level}级{name[1]}")
            results.append(
                _compare(
                    f"gbt24789.{key_prefix}{level}",
                    label,
                    by_key.get(f"water.{key_prefix}{level}"),
                    {**rule, "unit": "%"},
                )
            )
    rule = data["meter_accuracy_class"]
    label = Text("Meter accuracy class", "水表准确度等级")
    unknown = [m.number for m in meters if m.accuracy_class is None]
    poor = [
        f"{m.number} ({m.accuracy_class:g})"
        for m in meters
        if m.accuracy_class is not None and m.accuracy_class > rule["value"]
    ]
    base = {
        "operator": rule["operator"],
        "threshold": float(rule["value"]),
        "standard": rule["standard"],
        "edition": rule["edition"],
        "clause": rule["clause"],
        "status": rule["status"],
        "citation": citation_of(rule),
    }
    if not meters:
        results.append(
            comparison(
                "gbt24789.accuracy", label, Outcome.CANNOT_EVALUATE, Text("No meters recorded.", "未登记水表。"), **base
            )
        )
    elif poor:
        results.append(
            comparison(
                "gbt24789.accuracy",
                label,
                Outcome.FAIL,
                Text(
                    f"Worse than class {rule['value']:g}: {', '.join(poor)}.",
                    f"准确度低于{rule['value']:g}级：{'、'.join(poor)}。",
                ),
                **base,
            )
        )
    elif unknown:
        results.append(
            comparison(
                "gbt24789.accuracy",
                label,
                Outcome.CANNOT_EVALUATE,
                Text(
                    f"No accuracy class for: {', '.join(unknown)}.", f"以下水表未填准确度等级：{'、'.join(unknown)}。"
                ),
                **base,
            )
        )
    else:
        results.append(
            comparison(
                "gbt24789.accuracy",
                label,
                Outcome.PASS,
                Text(
                    f"All {len(meters)} meters are class {rule['value']:g} or better.",
                    f"全部{len(meters)}块水表准确度等级均不低于{rule['value']:g}级。",
                ),
                **base,
            )
        )
    return results
