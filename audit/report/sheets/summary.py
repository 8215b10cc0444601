"""Summary: the key indicators of energy, carbon, water and equipment, each with its status and its sheet."""

from __future__ import annotations

from collections import Counter

from audit.report.cells import SheetWriter, header_text
from audit.report.context import ReportContext
from audit.report.indicators import write_indicators
from audit.report.sheets import SheetSpec
from audit.results import Indicator, Outcome, Verdict
from forms.spec import Text

KEYS = (
    "energy.intensity.output_value",
    "energy.intensity.value_added",
    "energy.change.total",
    "energy.audit.cost",
    "carbon.total",
    "carbon.intensity.value_added",
    "carbon.grade",
    "carbon.change.total",
    "water.repeated_utilisation_rate",
    "water.new_water_per_product",
    "water.new_water_per_10k_output",
    "water.leak_rate",
)
SHEETS = (
    ("energy", Text("Energy consumption, structure and intensities", "能源消费、结构与强度")),
    ("carbon", Text("CO₂ by scope and carbon-efficiency grade", "分范围碳排放与碳效等级")),
    ("equipment", Text("Equipment grades and limits", "设备能效等级与限值")),
    ("water", Text("Water-balance test, indicators and diagram", "水平衡测试、指标与水平衡图")),
    ("findings", Text("Findings with evidence and clause", "问题、依据与条款")),
    ("measures", Text("Measures: savings, investment, payback", "节能措施：节约量、投资与回收期")),
    ("photos", Text("Photos", "照片")),
    ("appendix", Text("Sources and verification status", "依据与核实状态")),
)


def key_indicators(context: ReportContext) -> list[Indicator]:
    analysis = context.results
    shown: list[Indicator] = []
    headline = analysis.energy_total("audit")
    if headline is not None:
        shown.append(headline)
    for key in KEYS:
        indicator = analysis.indicator(key)
        if indicator is not None and (indicator.value is not None or key.startswith("energy")):
            shown.append(indicator)
    return shown


def _counts(context: ReportContext, writer: SheetWriter, row: int) -> int:
    """Equipment by verdict and comparisons with standards by outcome."""
    analysis = context.results
    verdicts = Counter(grading.verdict for grading in analysis.equipment)
    outcomes = Counter(comparison.outcome for comparison in analysis.water.comparisons)
    outdated = sum(1 for grading in analysis.equipment if grading.outdated is not None)
    rows = (
        (Text("Equipment graded", "已评价设备"), len(analysis.equipment), "text"),
        (Text("… below grade 3", "… 低于3级"), verdicts[Verdict.BELOW_GRADE_3], "fail"),
        (
            Text("… cannot be graded (reason on the Equipment sheet)", "… 无法评级（原因见设备能效表）"),
            verdicts[Verdict.CANNOT_GRADE],
            "text",
        ),
        (Text("… in an outdated-equipment catalogue", "… 列入淘汰目录"), outdated, "fail"),
        (Text("Water indicators meeting the standard", "水指标达标"), outcomes[Outcome.PASS], "pass"),
        (Text("Water indicators not meeting it", "水指标未达标"), outcomes[Outcome.FAIL], "fail"),
        (
            Text("Water indicators that cannot be evaluated", "水指标无法评价"),
            outcomes[Outcome.CANNOT_EVALUATE],
            "text",
        ),
    )
    writer.text(row, 0, Text("Counts", "统计"), "subtitle", fit=False)
    for offset, (label, count, style) in enumerate(rows, start=1):
        writer.text(row + offset, 0, label, "label")
        writer.number(row + offset, 1, count, "integer", style if count else "text")
    return row + len(rows) + 2


TOP_MEASURES = 5
TOP_COLUMNS = (
    (Text("Measure", "措施"), None),
    (Text("Energy saved", "节能量"), "tce"),
    (Text("Money saved per year", "年节约金额"), "yuan"),
    (Text("Investment", "投资"), "yuan"),
    (Text("Simple payback (years)", "静态投资回收期（年）"), None),
)


def _findings(context: ReportContext, writer: SheetWriter, row: int) -> int:
    from audit.report.sheets.findings import SEVERITY

    counts = Counter(finding.severity for finding in context.results.findings)
    writer.text(row, 0, Text("Findings by severity", "问题（按严重程度）"), "subtitle", fit=False)
    for offset, (severity, (label, style)) in enumerate(SEVERITY.items(), start=1):
        writer.text(row + offset, 0, label, "label")
        writer.number(row + offset, 1, counts[severity], "integer", style if counts[severity] else "text")
    return row + len(SEVERITY) + 2


def _measures(context: ReportContext, writer: SheetWriter, row: int) -> int:
    """The measures that save most energy, and the totals of all measures not rejected."""
    result = context.results.measures
    taken = [m for m in result.measures if m.counted and m.tce_equivalent]
    top = sorted(taken, key=lambda m: -(m.tce_equivalent or 0.0))[:TOP_MEASURES]
    writer.text(row, 0, Text("Measures saving most energy", "主要节能措施"), "subtitle", fit=False)
    writer.headers(row + 1, TOP_COLUMNS)
    row += 2
    for measure in top:
        writer.text(row, 0, measure.title)
        writer.number(row, 1, measure.tce_equivalent, "decimal2")
        writer.number(row, 2, measure.annual_savings_yuan, "decimal1")
        writer.number(row, 3, measure.investment_yuan, "decimal1")
        writer.number(row, 4, measure.simple_payback_years, "decimal2")
        row += 1
    totals = result.totals
    if totals is None:
        return row + 1
    rows = (
        (Text("Energy saved, all measures", "全部措施节能量"), totals.tce_equivalent, "tce"),
        (Text("CO₂ avoided", "减排二氧化碳"), totals.tco2, "tCO2"),
        (Text("Water saved", "节水量"), totals.water_m3, "m³"),
        (Text("Money saved per year", "年节约金额"), totals.annual_savings_yuan, "yuan"),
        (Text("Investment", "总投资"), totals.investment_yuan, "yuan"),
        (Text("Simple payback (years)", "静态投资回收期（年）"), totals.simple_payback_years, ""),
    )
    row += 1
    for label, value, unit in rows:
        writer.text(row, 0, header_text(label, unit or None, context.language), "label")
        writer.number(row, 1, value, "decimal2")
        row += 1
    writer.text(row, 0, totals.method, "plain", fit=False)
    return row + 2


def _contents(context: ReportContext, writer: SheetWriter, row: int, sheets: dict[str, str]) -> int:
    writer.text(row, 0, Text("Contents", "目录"), "subtitle", fit=False)
    for key, what in SHEETS:
        if key in sheets:
            row += 1
            writer.link(row, 0, f"'{sheets[key]}'!A1", sheets[key])
            writer.text(row, 1, what)
    return row + 2


def build(context: ReportContext, writer: SheetWriter) -> None:
    period = ""
    if context.audit is not None:
        period = f"{context.value(context.audit, 'period_start') or '…'} — {context.value(context.audit, 'period_end') or '…'}"
    row = writer.title(Text("Summary", "摘要"), f"{context.enterprise_name}  {period}")
    writer.text(row, 0, Text("Key indicators", "主要指标"), "subtitle", fit=False)
    row = write_indicators(writer, row + 1, key_indicators(context), brief=True) + 1
    row = _counts(context, writer, row)
    if context.results.findings:
        row = _findings(context, writer, row)
    if context.results.measures.measures:
        row = _measures(context, writer, row)
    _contents(context, writer, row, context.sheet_names)


SHEET = SheetSpec(
    key="summary",
    order=20,
    title=Text("Summary", "摘要"),
    build=build,
    applies=lambda context: context.analysis is not None,
)
