"""Measures: savings by energy type, tce, CO₂, water and money, investment, payback (a formula), status, IAC code."""

from __future__ import annotations

from audit.findings._measures import Measure, Totals
from audit.indicators.energy import type_label
from audit.report.cells import SheetWriter, cell_name
from audit.report.charts import savings_bars
from audit.report.context import ReportContext
from audit.report.indicators import STATUS_TEXT
from audit.report.sheets import SheetSpec
from audit.results import Status
from forms.spec import Text

FIXED = (
    (Text("No.", "序号"), None),
    (Text("Measure", "措施"), None),
    (Text("Method", "计算方法"), None),
    (Text("IAC code", "IAC 编码"), None),
    (Text("Status", "状态"), None),
)
AFTER = (
    (Text("Energy saved", "节能量"), "tce"),
    (Text("CO₂ avoided", "减排量"), "tCO2"),
    (Text("Water saved", "节水量"), "m³"),
    (Text("Money saved per year", "年节约金额"), "yuan"),
    (Text("Investment", "投资"), "yuan"),
    (Text("Useful life (years)", "使用寿命（年）"), None),
    (Text("Simple payback (years)", "静态投资回收期（年）"), None),
    (Text("Verification", "核实状态"), None),
    (Text("How it is computed", "计算公式"), None),
)
STATUS_LABELS = {
    "proposed": Text("proposed", "建议"),
    "accepted": Text("accepted", "采纳"),
    "rejected": Text("rejected", "不采纳"),
    "implemented": Text("implemented", "已实施"),
    "verified": Text("verified", "已核验"),
}


def saving_columns(measures: list[Measure]) -> list[tuple[str, str]]:
    """(energy type, unit) of every saving any measure has, in first-seen order: one column each."""
    return list(dict.fromkeys((s.energy_type, s.unit) for m in measures for s in m.savings if s.energy_type != "water"))


def _label(code: str) -> Text:
    return Text("Water", "水") if code == "water" else type_label(code)


def write_measure(writer: SheetWriter, row: int, number: int, measure: Measure, columns: list[tuple[str, str]]) -> None:
    style = "note" if not measure.counted else "text"
    writer.number(row, 0, number, "integer")
    writer.text(row, 1, measure.title, style)
    writer.text(row, 2, measure.method_label)
    writer.text(row, 3, f"{measure.iac_code} [{measure.iac_status}]" if measure.iac_code else "")
    writer.text(
        row,
        4,
        STATUS_LABELS.get(
            measure.implementation_status, Text(measure.implementation_status, measure.implementation_status)
        ),
    )
    col = len(FIXED)
    for code, unit in columns:
        value = sum(s.quantity for s in measure.savings if s.energy_type == code and s.unit == unit)
        writer.number(row, col, value or None, "decimal1")
        col += 1
    writer.number(row, col, measure.tce_equivalent, "decimal2")
    writer.number(row, col + 1, measure.tco2, "decimal2")
    writer.number(row, col + 2, measure.water_m3 or None, "decimal1")
    writer.number(row, col + 3, measure.annual_savings_yuan, "decimal1")
    writer.number(row, col + 4, measure.investment_yuan, "decimal1")
    writer.number(row, col + 5, measure.useful_life_years, "decimal1")
    money, investment = cell_name(row, col + 3), cell_name(row, col + 4)
    payback = f"=IF({investment}<=0,0,{investment}/{money})"
    writer.formula(row, col + 6, payback, measure.simple_payback_years, "decimal2")
    unverified = measure.status is Status.U
    writer.text(row, col + 7, STATUS_TEXT[measure.status], "unverified" if unverified else "text")
    writer.text(row, col + 8, measure.formula)


def write_totals(writer: SheetWriter, row: int, totals: Totals, columns: list[tuple[str, str]]) -> None:
    """Totals of the measures taken (rejected ones left out; measures on one record applied in sequence)."""
    writer.text(row, 0, Text("Total (measures not rejected)", "合计（不含不采纳措施）"), "total")
    for col in range(1, len(FIXED)):
        writer.blank(row, col, "total")
    col = len(FIXED)
    for code, unit in columns:
        value = sum(s.quantity for s in totals.savings if s.energy_type == code and s.unit == unit)
        writer.number(row, col, value or None, "decimal1", "total")
        col += 1
    for offset, value in enumerate(
        (totals.tce_equivalent, totals.tco2, totals.water_m3, totals.annual_savings_yuan, totals.investment_yuan)
    ):
        writer.number(row, col + offset, value, "decimal2", "total")
    writer.blank(row, col + 5, "total")
    money, investment = cell_name(row, col + 3), cell_name(row, col + 4)
    writer.formula(
        row, col + 6, f"=IF({investment}<=0,0,{investment}/{money})", totals.simple_payback_years, "decimal2", "total"
    )
    writer.text(row + 1, 0, totals.method, "plain", fit=False)


def build(context: ReportContext, writer: SheetWriter) -> None:
    result = context.results.measures
    measures = list(result.measures)
    columns = saving_columns(measures)
    row = writer.title(Text("Conservation measures", "节能节水措施"), Text("Savings per year", "年节约量"))
    headers = [*FIXED, *((_label(code), unit) for code, unit in columns), *AFTER]
    writer.headers(row, headers)
    writer.repeat_header(row)
    for number, measure in enumerate(measures, start=1):
        write_measure(writer, row + number, number, measure, columns)
    if result.totals is not None:
        write_totals(writer, row + len(measures) + 1, result.totals, columns)
    tce_col = len(FIXED) + len(columns)
    chart = savings_bars(
        writer.styles.workbook,
        writer.worksheet.get_name(),
        row + 1,
        row + len(measures),
        1,
        tce_col,
        context.tr(Text("Energy saved by measure (tce per year)", "各措施年节能量（tce）")),
    )
    writer.worksheet.insert_chart(row + len(measures) + 4, 1, chart)


SHEET = SheetSpec(
    key="measures",
    order=80,
    title=Text("Measures", "节能措施"),
    build=build,
    layout="landscape",
    applies=lambda context: context.analysis is not None and bool(context.analysis.measures.measures),
)
