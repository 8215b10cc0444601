"""The office workbook's project reserve (status in the month shown, totals against the target) and progress."""

from __future__ import annotations

from typing import Any

from audit.office import reserve
from audit.office.reserve import QUANTITIES, ReserveRow, ReserveStatus
from audit.office.sheet_parts import Column, OfficeContext, OfficeSheet, sum_row, write_table
from audit.report.cells import SheetWriter, cell_name
from forms.spec import Text

STATUS_TEXT = {
    ReserveStatus.ON_TRACK: Text("on track", "按计划推进"),
    ReserveStatus.LATE: Text("late", "滞后"),
    ReserveStatus.STALLED: Text("stalled", "停滞"),
    ReserveStatus.COMPLETED: Text("completed", "已完成"),
    ReserveStatus.DROPPED: Text("dropped", "已取消"),
}
REPORTED_TEXT = {
    "not_started": Text("not started", "未开工"),
    "in_progress": Text("in progress", "实施中"),
    "completed": Text("completed", "已完成"),
    "dropped": Text("dropped", "已取消"),
}
QUANTITY_TEXT = {
    "tce": (Text("energy", "节能"), "tce"),
    "tco2": (Text("CO₂", "减碳"), "tCO2"),
    "water_m3": (Text("water", "节水"), "m³"),
}
RESERVE_COLUMNS = (
    Column(Text("Enterprise", "企业名称"), "enterprise"),
    Column(Text("Project", "项目"), "title"),
    Column(Text("Owner", "责任单位"), "owner"),
    Column(Text("Status", "状态"), "status_text"),
    Column(Text("Start", "开工"), "start_month"),
    Column(Text("Planned completion", "计划完成"), "planned_completion"),
    Column(Text("Planned %", "计划进度"), "planned_fraction", "percent"),
    Column(Text("Complete %", "实际进度"), "complete_fraction", "percent"),
    Column(Text("Investment", "计划投资"), "investment_yuan", "decimal1", "yuan"),
    Column(Text("Invested to date", "累计完成投资"), "invested_yuan", "decimal1", "yuan"),
    *(
        Column(Text(f"Planned {t.en}", f"计划{t.zh}"), f"planned_{q}", "decimal2", u)
        for q, (t, u) in QUANTITY_TEXT.items()
    ),
    *(
        Column(Text(f"Achieved {t.en}", f"已实现{t.zh}"), f"achieved_{q}", "decimal2", u)
        for q, (t, u) in QUANTITY_TEXT.items()
    ),
    Column(Text("Last report", "最近填报"), "last_month"),
    Column(Text("Audit", "诊断编号"), "audit_uuid"),
    Column(Text("Revision", "版本"), "revision", "integer"),
)
SUMMED = (
    "investment_yuan",
    "invested_yuan",
    *(f"planned_{q}" for q in QUANTITIES),
    *(f"achieved_{q}" for q in QUANTITIES),
)


def reserve_line(row: ReserveRow, language: str) -> dict[str, Any]:
    """A project as the reserve sheet and the GUI show it (dropped projects count nothing in the totals)."""
    project = row.project
    counted = row.status is not ReserveStatus.DROPPED
    line = {
        **project,
        "title": project["title_zh" if language == "zh" else "title_en"],
        "status_text": STATUS_TEXT[row.status].get(language),
        "planned_fraction": row.planned_percent / 100.0,
        "complete_fraction": (row.latest("percent_complete") or 0.0) / 100.0,
        "invested_yuan": row.latest("investment_to_date_yuan"),
        "last_month": row.latest("month") or "",
    }
    for quantity in QUANTITIES:
        line[f"planned_{quantity}"] = project[f"planned_{quantity}"] if counted else None
        line[f"achieved_{quantity}"] = row.latest(f"achieved_{quantity}") if counted else None
    if not counted:
        line["investment_yuan"] = None
    return line


def _targets(context: OfficeContext, writer: SheetWriter, row: int, cells: dict[str, str]) -> None:
    """The county's targets and the share achieved (a formula over the totals row)."""
    totals = reserve.totals(context.db, reserve.reserve(context.db, context.month))
    writer.headers(
        row, [(Text("Target", "目标"), None), (Text("Value", "数值"), None), (Text("Achieved", "完成比例"), None)]
    )
    for quantity in QUANTITIES:
        target = totals.targets[quantity]
        if target is None:
            continue
        row += 1
        label, unit = QUANTITY_TEXT[quantity]
        writer.text(row, 0, Text(f"County target, {label.en} ({unit})", f"全县{label.zh}目标（{unit}）"))
        writer.number(row, 1, target, "decimal1")
        achieved = cells.get(f"achieved_{quantity}")
        if achieved and target > 0:
            share = totals.achieved[quantity] / target
            writer.formula(row, 2, f"={achieved}/{cell_name(row, 1)}", share, "percent")


def build_reserve(context: OfficeContext, writer: SheetWriter) -> None:
    row = writer.title(
        Text(f"Project reserve, {context.month}", f"重点节能降碳项目储备库（{context.month}）"),
        Text(
            "Status recomputed from the monthly progress (rules in docs/office.md); dropped projects not counted",
            "状态按月度进展重新计算（规则见 docs/office.md）；已取消项目不计入合计",
        ),
    )
    rows = [reserve_line(item, context.language) for item in reserve.reserve(context.db, context.month)]
    end = write_table(writer, row, RESERVE_COLUMNS, rows)
    cells: dict[str, str] = {}
    if rows:
        cells = sum_row(writer, end, row + 1, end - 1, RESERVE_COLUMNS, SUMMED, rows, Text("Total", "合计"))
    _targets(context, writer, end + 2, cells)


RESERVE = OfficeSheet("reserve", Text("Project reserve", "项目储备库"), build_reserve)

PROGRESS_COLUMNS = (
    Column(Text("Enterprise", "企业名称"), "enterprise"),
    Column(Text("Project", "项目"), "title"),
    Column(Text("Month", "月份"), "month"),
    Column(Text("Reported", "填报状态"), "reported"),
    Column(Text("Complete %", "完成进度"), "fraction", "percent"),
    Column(Text("Invested to date", "累计完成投资"), "investment_to_date_yuan", "decimal1", "yuan"),
    *(
        Column(Text(f"Achieved {t.en}", f"已实现{t.zh}"), f"achieved_{q}", "decimal2", u)
        for q, (t, u) in QUANTITY_TEXT.items()
    ),
    Column(Text("Note", "说明"), "note"),
    Column(Text("Photo (SHA-256)", "照片（SHA-256）"), "photo_sha256"),
    Column(Text("Entered by", "填报人"), "entered_by"),
)


def build_progress(context: OfficeContext, writer: SheetWriter) -> None:
    row = writer.title(
        Text("Monthly progress", "项目月度进展"), Text("Every entry, by project and month", "按项目、月份列出全部填报")
    )
    projects = {item.project["id"]: item.project for item in reserve.reserve(context.db, context.month)}
    rows = []
    for entry in reserve.progress_entries(context.db):
        project = projects.get(entry["project_id"])
        if project is None:
            continue
        reported = REPORTED_TEXT.get(entry["status"])
        rows.append(
            {
                **entry,
                "enterprise": project["enterprise"],
                "title": project["title_zh" if context.language == "zh" else "title_en"],
                "reported": reported.get(context.language) if reported else entry["status"],
                "fraction": entry["percent_complete"] / 100.0,
            }
        )
    write_table(writer, row, PROGRESS_COLUMNS, rows)


PROGRESS = OfficeSheet("progress", Text("Monthly progress", "月度进展"), build_progress)
