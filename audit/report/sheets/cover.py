"""Cover: the enterprise, the audit's type and periods, the institute and team, and signature lines."""

from __future__ import annotations

from audit.report.cells import SheetWriter
from audit.report.context import ReportContext
from audit.report.sheets import SheetSpec
from forms.spec import Text

SIGNATURES = (
    Text("Prepared by", "编制"),
    Text("Reviewed by", "审核"),
    Text("Approved by", "批准"),
)


def _period(context: ReportContext, start: str, end: str) -> str:
    first, last = context.value(context.audit, start), context.value(context.audit, end)
    if not first and not last:
        return ""
    return f"{first or '…'} — {last or '…'}"


def build(context: ReportContext, writer: SheetWriter) -> None:
    audit_type = context.choice_label("audit", "audit_type", context.audit) or context.tr(Text("Audit", "诊断"))
    writer.text(1, 0, context.enterprise_name, "title", fit=False)
    writer.text(2, 0, context.tr(Text("{kind} report", "{kind}报告")).format(kind=audit_type), "title", fit=False)
    writer.set_height(1, 30)
    writer.set_height(2, 30)
    rows: list[tuple[Text, str]] = [
        (Text("Audit title", "项目名称"), str(context.value(context.audit, "title") or "")),
        (Text("Audit type", "项目类型"), audit_type),
        (Text("Audit period", "审计期"), _period(context, "period_start", "period_end")),
        (Text("Comparison period", "对比期"), _period(context, "comparison_start", "comparison_end")),
        (Text("Site visit", "现场调研"), _period(context, "visit_start", "visit_end")),
        (Text("Institute", "诊断机构"), str(context.value(context.audit, "institute") or "")),
        (Text("Team leader", "项目负责人"), str(context.value(context.audit, "team_leader") or "")),
        (Text("Team members", "项目组成员"), str(context.value(context.audit, "team_members") or "")),
        (Text("Report date", "报告日期"), context.generated_on.isoformat()),
        (Text("Status", "状态"), context.choice_label("audit", "workflow_state", context.audit)),
    ]
    row = 5
    for label, value in rows:
        writer.text(row, 0, label, "label")
        writer.text(row, 1, value)
        row += 1
    row += 2
    for label in SIGNATURES:
        writer.text(row, 0, context.tr(label) + context.tr(Text(" (signature)", "（签字）")), "plain")
        writer.blank(row, 1, "signature")
        writer.text(row, 2, Text("Date", "日期"), "plain")
        writer.blank(row, 3, "signature")
        row += 2
    writer.text(row, 0, Text("Seal of the institute", "诊断机构（盖章）"), "plain")
    writer.widths[1] = max(writer.widths.get(1, 0.0), 36.0)
    writer.widths[3] = max(writer.widths.get(3, 0.0), 14.0)


SHEET = SheetSpec(key="cover", order=10, title=Text("Cover", "封面"), build=build)
