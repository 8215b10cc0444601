"""Summary: the key indicators of energy, carbon, water and equipment, each with its status and its sheet."""

from __future__ import annotations

from collections import Counter

from audit.report.cells import SheetWriter
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
    _contents(context, writer, row, context.sheet_names)


SHEET = SheetSpec(
    key="summary",
    order=20,
    title=Text("Summary", "摘要"),
    build=build,
    applies=lambda context: context.analysis is not None,
)
