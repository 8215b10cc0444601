"""The audit itself: its type, periods, team and where it stands in the workflow."""

from forms.common import c, choice, date, text
from forms.spec import FormSpec, Rule, t

AUDIT_TYPES = (
    c("energy_diagnosis", "Energy-conservation diagnosis", "节能诊断"),
    c("energy_audit", "Energy audit (GB/T 17166)", "能源审计"),
    c("water_balance", "Water-balance test (GB/T 12452)", "水平衡测试"),
    c("combined", "Combined energy and water", "能源与水综合诊断"),
)

WORKFLOW_STATES = (
    c("engagement", "Engagement", "立项委托"),
    c("data_request", "Data request", "资料收集"),
    c("field_work", "Field work", "现场调研"),
    c("analysis", "Analysis", "分析计算"),
    c("report", "Report drafting", "报告编写"),
    c("final_meeting", "Final meeting", "结果沟通"),
    c("submitted", "Submitted", "已提交"),
    c("returned", "Returned for correction", "退回修改"),
    c("accepted", "Accepted", "已验收"),
    c("follow_up", "Follow-up", "跟踪回访"),
)

FORM = FormSpec(
    id="audit",
    version=1,
    label=t("Audit", "诊断项目"),
    singleton=True,
    group="audit",
    order=0,
    title_field="title",
    fields=(
        text("title", t("Audit title", "项目名称"), required=True),
        choice("audit_type", t("Audit type", "项目类型"), AUDIT_TYPES, required=True),
        date("period_start", t("Audit period start", "审计期起"), required=True),
        date(
            "period_end",
            t("Audit period end", "审计期止"),
            required=True,
            constraints=(
                Rule(
                    "period_start is None or value > period_start",
                    t("The audit period must end after it starts.", "审计期止应晚于审计期起。"),
                ),
            ),
        ),
        date("comparison_start", t("Comparison period start", "对比期起")),
        date(
            "comparison_end",
            t("Comparison period end", "对比期止"),
            constraints=(
                Rule(
                    "comparison_start is None or value > comparison_start",
                    t("The comparison period must end after it starts.", "对比期止应晚于对比期起。"),
                ),
            ),
        ),
        text("team_leader", t("Team leader", "项目负责人"), required=True),
        text("team_members", t("Team members", "项目组成员"), help=t("Names separated by commas.", "姓名之间用逗号分隔。")),
        text("institute", t("Institute / organisation", "诊断机构"), required=True),
        date("visit_start", t("Site visit from", "现场调研起")),
        date(
            "visit_end",
            t("Site visit to", "现场调研止"),
            constraints=(
                Rule(
                    "visit_start is None or value >= visit_start",
                    t("The visit cannot end before it starts.", "现场调研止不能早于调研起。"),
                ),
            ),
        ),
        choice("workflow_state", t("Workflow state", "工作阶段"), WORKFLOW_STATES, default="engagement", required=True),
    ),
)
