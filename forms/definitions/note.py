"""Notes and observations, linked to any record of the audit (or to none)."""

from forms.common import c, choice, datetime, reference, text
from forms.spec import FormSpec, t

CATEGORIES = (
    c("observation", "Observation", "现场观察"),
    c("issue", "Problem found", "发现问题"),
    c("interview", "Interview", "访谈记录"),
    c("todo", "To do", "待办"),
)

FORM = FormSpec(
    id="note",
    version=1,
    label=t("Notes", "备注与观察"),
    group="notes",
    order=90,
    title_field="title",
    fields=(
        text("title", t("Title", "标题"), required=True),
        choice("category", t("Category", "类别"), CATEGORIES, default="observation", required=True),
        text("body", t("Note", "内容"), multiline=True),
        reference(
            "linked_record",
            t("Linked record", "关联记录"),
            (),
            help=t("The record this note is about (any form).", "该备注所关联的记录（任意表单）。"),
        ),
        datetime("observed_at", t("Observed at", "观察时间")),
    ),
)
