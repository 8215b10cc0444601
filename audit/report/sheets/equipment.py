"""Equipment: every graded record with its standard, compared value, limits, grade or why it cannot be graded."""

from __future__ import annotations

from audit.indicators.equipment import Grading
from audit.report.cells import SheetWriter
from audit.report.context import ReportContext
from audit.report.indicators import STATUS_TEXT, number_format
from audit.report.sheets import SheetSpec
from audit.results import Indicator, Status, Verdict
from forms.spec import Text
from forms.units import unit_label

COLUMNS = (
    (Text("Kind", "设备类别"), None),
    (Text("Tag", "位号"), None),
    (Text("Name", "名称"), None),
    (Text("Standard", "执行标准"), None),
    (Text("Compared value", "评价参数"), None),
    (Text("Value", "数值"), None),
    (Text("Unit", "单位"), None),
    (Text("Limits, grade 1 / 2 / 3", "1/2/3级限值"), None),
    (Text("Grade", "能效等级"), None),
    (Text("Verdict or why not graded", "结论（或无法评级原因）"), None),
    (Text("Outdated-catalogue match", "淘汰目录"), None),
    (Text("Operating figures", "运行指标"), None),
    (Text("Status", "核实状态"), None),
)
VERDICT_STYLE = {Verdict.BELOW_GRADE_3: "fail", Verdict.GRADE: "text", Verdict.MEETS_LIMIT: "pass"}


def _limits(compared: Indicator | None) -> str:
    if compared is None:
        return ""
    if compared.limit is not None:
        return compared.limit.text()
    for item in compared.input_list:
        if item.name.startswith("limits") and isinstance(item.value, list | tuple):
            return " / ".join(f"{v:g}" for v in item.value if isinstance(v, int | float))
    return ""


def _extras(writer: SheetWriter, grading: Grading) -> str:
    lines = []
    for extra in grading.extras:
        if extra.value is None:
            continue
        mark = " [U]" if extra.status is Status.U else ""
        lines.append(f"{writer.tr(extra.label)} {extra.value:,.1f} {unit_label(extra.unit, writer.language)}{mark}")
    return "\n".join(lines)


def _outdated(writer: SheetWriter, grading: Grading) -> str:
    match = grading.outdated
    if match is None:
        return ""
    suspected = writer.tr(Text(" (suspected)", "（疑似）")) if match.suspected else ""
    return f"{match.item}{suspected} — {match.source.cite_in(writer.language)}"


def write_grading(context: ReportContext, writer: SheetWriter, row: int, grading: Grading) -> None:
    kind = context.registry[grading.form_id].label if grading.form_id in context.registry else grading.form_id
    writer.anchor(grading.uuid, row, 1)
    writer.text(row, 0, kind)
    writer.text(row, 1, grading.tag)
    writer.text(row, 2, grading.name)
    writer.text(row, 3, grading.standard)
    compared = grading.compared
    if compared is not None:
        style = "unverified" if compared.status is Status.U else "text"
        writer.text(row, 4, compared.label)
        writer.number(row, 5, compared.value, number_format(compared.unit, compared.value), style)
        writer.text(row, 6, unit_label(compared.unit, context.language))
    else:
        for col in (4, 5, 6):
            writer.blank(row, col)
    writer.text(row, 7, _limits(compared))
    if grading.verdict is Verdict.GRADE and grading.grade is not None:
        writer.number(row, 8, grading.grade, "integer")
    else:
        writer.blank(row, 8)
    writer.text(row, 9, grading.reason, VERDICT_STYLE.get(grading.verdict, "note"))
    writer.text(row, 10, _outdated(writer, grading), "fail" if grading.outdated is not None else "text")
    writer.text(row, 11, _extras(writer, grading))
    writer.text(row, 12, STATUS_TEXT[grading.status], "unverified" if grading.status is Status.U else "text")


def build(context: ReportContext, writer: SheetWriter) -> None:
    gradings = list(context.results.equipment)
    order = {form.id: n for n, form in enumerate(context.registry)}
    gradings.sort(key=lambda g: (order.get(g.form_id, len(order)), g.tag))
    below = sum(1 for g in gradings if g.verdict is Verdict.BELOW_GRADE_3)
    undecided = sum(1 for g in gradings if g.verdict is Verdict.CANNOT_GRADE)
    subtitle = Text(
        f"{len(gradings)} records graded; {below} below grade 3; {undecided} cannot be graded (reason given)",
        f"共评价 {len(gradings)} 台；低于3级 {below} 台；无法评级 {undecided} 台（注明原因）",
    )
    row = writer.title(Text("Equipment energy efficiency", "主要用能设备能效"), subtitle)
    writer.headers(row, COLUMNS)
    writer.repeat_header(row)
    for offset, grading in enumerate(gradings, start=1):
        write_grading(context, writer, row + offset, grading)


def applies(context: ReportContext) -> bool:
    return context.analysis is not None and bool(context.analysis.equipment)


SHEET = SheetSpec(
    key="equipment", order=60, title=Text("Equipment", "设备能效"), build=build, layout="landscape", applies=applies
)
