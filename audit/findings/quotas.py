"""Unit-product energy against the product's energy-consumption quota standard (resources/quotas/)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.findings._common import evidence
from audit.reference import make_source
from audit.results import Indicator, Limit, Status
from forms.spec import Text

QUOTAS = "quotas/product_quotas.json"
# The denominators a product's unit may be written as, by the quota's unit ("kgce/t" → "t").
UNIT_ALIASES = {"t": {"t", "吨", "tonne", "tonnes"}, "Adt": {"adt", "风干吨", "air-dry t"}}
# Limit (least demanding) level first: the level a plant must at least reach.
LEVELS = ("3级", "2级", "1级", "限定值", "准入值", "先进值")


def _edition(document: Mapping[str, Any], standard: str, day: str) -> Mapping[str, Any] | None:
    """The edition of `standard` in force on `day` (ISO date): from ≤ day ≤ until, open ends allowed."""
    for edition in document["editions"]:
        if edition["standard"] != standard:
            continue
        if (edition["in_force_from"] or "") <= day <= (edition["in_force_until"] or "9999"):
            found: Mapping[str, Any] = edition
            return found
    return None


def _unit_matches(quota_unit: str, product_unit: str) -> bool:
    per = quota_unit.split("/", 1)[-1]
    return product_unit.strip().lower() in UNIT_ALIASES.get(per, {per.lower()})


def _quota_names(context: FindingContext) -> dict[str, str]:
    """Product name → its name in the quota standard, from the enterprise's main products."""
    names: dict[str, str] = {}
    for row in context.inputs.of("enterprise"):
        for product in row.children.get("products", ()):
            if product.get("product_name"):
                names[str(product["product_name"])] = str(product.get("quota_product") or "")
    return names


def _missing(product: Indicator, en: str, zh: str) -> Missing:
    return Missing(product.about, Text(en, zh))


def _per_unit_equivalent(context: FindingContext, product: Indicator) -> float | None:
    """Whole-plant energy with electricity at its equivalent value, per unit of this product (kgce/unit)."""
    total = context.analysis.indicator("energy.audit.total.equivalent")
    output = product.input("output")
    if total is None or total.value is None or not output:
        return None
    return float(total.value) * 1000.0 / float(output)


@rule(
    "energy.product_quota",
    Text("Unit-product energy above its quota standard", "单位产品能耗超过能耗限额标准"),
    "energy",
    "GB/DB unit-product energy-consumption quota standards (resources/quotas/product_quotas.json)",
    "the edition in force at the end of the audit period: 3级 / 限定值 (limit), 2级 / 准入值, 1级 / 先进值",
)
def product_quota(context: FindingContext) -> Iterator[Hit | Missing]:
    """A product whose comprehensive energy per unit (electricity at its equivalent value) is above the limit
    level (3级 / 限定值) of the quota standard in force is out of compliance with it; one that only reaches
    3级 would fail the 2级 that new or expanded plants commonly must meet. Almost every quota value is [U]
    and is shown as such: the auditor must check it against the official text."""
    document = context.reference.raw[QUOTAS]
    names = _quota_names(context)
    audit = next(iter(context.inputs.of("audit")), None)
    day = str(audit.get("period_end") or "") if audit is not None else ""
    for product in context.analysis.energy.indicators:
        if not product.key.startswith("energy.intensity.product.") or product.key.endswith(".all"):
            continue
        yield from _judge(context, document, product, names, day)


def _judge(
    context: FindingContext, document: Mapping[str, Any], product: Indicator, names: Mapping[str, str], day: str
) -> Iterator[Hit | Missing]:
    name = str(product.input("product") or "")
    quota_name = names.get(name) or name
    known = document["products"].get(quota_name)
    if known is None:
        yield _missing(
            product,
            f"no quota product for {name}: enter its name in the quota standard on the enterprise form",
            f"{name} 未对应能耗限额标准中的产品：请在企业概况中填写其标准中的产品名称",
        )
        return
    edition = _edition(document, known["standard"], day) if day else None
    if edition is None:
        yield _missing(
            product,
            f"no edition of {known['standard']} in force on the audit period's end ({day or 'not set'})",
            f"审计期末（{day or '未填写'}）无现行有效的 {known['standard']}",
        )
        return
    cited = f"{edition['standard']}-{edition['edition']}"
    rows = [
        r
        for r in document["rows"]
        if r["product"] == quota_name and r["standard"] == edition["standard"] and r["edition"] == edition["edition"]
    ]
    if not rows:
        yield _missing(
            product,
            f"no quota values for {quota_name} in {cited}, product {name} ({edition.get('note') or 'not in resources/'})",
            f"{cited} 中无 {quota_name} 的限额值（产品 {name}；QUOTAS.md 未找到）",
        )
        return
    yield from _compare(context, document, product, quota_name, cited, rows)


def _compare(
    context: FindingContext,
    document: Mapping[str, Any],
    product: Indicator,
    quota_name: str,
    cited: str,
    rows: list[Mapping[str, Any]],
) -> Iterator[Hit | Missing]:
    unit = str(product.input("unit") or "")
    quota_unit = str(rows[0]["unit"])
    if not _unit_matches(quota_unit, unit):
        yield _missing(
            product,
            f"{quota_name} is counted in {unit}, its quota {cited} in {quota_unit}: convert the output",
            f"{quota_name} 产量单位为 {unit}，{cited} 限额单位为 {quota_unit}：请换算产量",
        )
        return
    actual = _per_unit_equivalent(context, product)
    if actual is None:
        yield _missing(product, "no comprehensive energy (equivalent value) or output", "无综合能耗（当量值）或产量")
        return
    ordered = sorted(rows, key=lambda r: LEVELS.index(r["level"]))
    limit_row, reached = ordered[0], [r for r in ordered if actual <= r["value"]]
    if reached and reached[-1] is not limit_row:
        return  # 2级 / 准入值 or better
    limit = limit_row if not reached else ordered[1]
    tag = "" if limit["status"] == "V" else f" [{limit['status']}]"
    source = make_source(document, limit["source"], limit["status"], f"{cited} {limit['table']}")
    shown = evidence(
        "finding.product_quota",
        Text(f"{quota_name}: energy per unit (equivalent value)", f"{quota_name}：单位产品综合能耗（当量值）"),
        actual,
        quota_unit,
        {"product": product.input("product"), "quota_product": quota_name, "edition": cited},
        (source,),
        product.about,
        "energy.audit.total.equivalent × 1000 ÷ output",
        Status.U if limit["status"] == "U" else Status.V,
    )
    yield Hit(
        product.about,
        _message(
            quota_name, actual, quota_unit, limit, cited, tag, reached=None if not reached else limit_row["level"]
        ),
        Severity.HIGH if not reached else Severity.LOW,
        evidence=(shown, product),
        limit=Limit("<=", float(limit["value"]), quota_unit),
        limit_sources=(source,),
    )


def _message(
    name: str, actual: float, unit: str, limit: Mapping[str, Any], cited: str, tag: str, reached: str | None
) -> Text:
    value, level = f"{limit['value']:g} {unit}", limit["level"]
    check = "" if not tag else " — verify against the official text"
    check_zh = "" if not tag else "——请与标准正式文本核对"
    if reached is None:
        return Text(
            f"{name}: {actual:.1f} {unit} exceeds the{tag} {level} limit {value} of {cited}{check}",
            f"{name}：{actual:.1f} {unit}，超过{cited} {level}{tag}限额 {value}{check_zh}",
        )
    return Text(
        f"{name}: {actual:.1f} {unit} reaches only {reached}; above the{tag} {level} value {value} of {cited}"
        f" that new or expanded plants commonly must meet [U]{check}",
        f"{name}：{actual:.1f} {unit}，仅达到{reached}；高于{cited}新建、扩建企业通常须达到的{level}{tag} "
        f"{value} [U]{check_zh}",
    )
