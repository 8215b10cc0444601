"""Enterprise profile: the enterprise record's fields with units, and its main products as a table."""

from __future__ import annotations

from audit.report.cells import SheetWriter
from audit.report.context import ReportContext
from audit.report.fields import write_fields, write_table
from audit.report.sheets import SheetSpec
from forms.spec import Text


def build(context: ReportContext, writer: SheetWriter) -> None:
    form = context.registry["enterprise"]
    row = writer.title(Text("Enterprise profile", "企业概况"), context.enterprise_name)
    if context.enterprise is None:
        writer.text(row, 0, Text("No enterprise record in this audit.", "本诊断尚无企业概况记录。"), "note")
        return
    writer.headers(row, [(Text("Item", "项目"), None), (Text("Value", "内容"), None)])
    writer.repeat_header(row)
    row = write_fields(writer, row + 1, form.fields, context.enterprise) + 1
    for repeat in form.repeats:
        children = context.enterprise.children.get(repeat.name, [])
        writer.text(row, 0, repeat.label, "subtitle", fit=False)
        row = write_table(writer, row + 1, repeat.fields, children) + 1


SHEET = SheetSpec(key="profile", order=30, title=Text("Enterprise profile", "企业概况"), build=build)
