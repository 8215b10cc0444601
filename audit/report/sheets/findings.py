"""Findings: what the rules found, with severity, evidence, the threshold and the clause it comes from."""

from __future__ import annotations

from audit.findings import SYSTEMS, Finding, Severity
from audit.report.cells import SheetWriter
from audit.report.context import ReportContext
from audit.report.indicators import STATUS_TEXT
from audit.report.sheets import SheetSpec
from audit.results import Status
from forms.spec import Text
from forms.units import unit_label

SEVERITY = {
    Severity.HIGH: (Text("high", "高"), "fail"),
    Severity.MEDIUM: (Text("medium", "中"), "unverified"),
    Severity.LOW: (Text("low", "低"), "text"),
    Severity.CANNOT_ASSESS: (Text("cannot assess", "无法判断"), "note"),
}
ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2, Severity.CANNOT_ASSESS: 3}
COLUMNS = (
    (Text("No.", "序号"), None),
    (Text("Severity", "严重程度"), None),
    (Text("System", "系统"), None),
    (Text("Finding", "问题"), None),
    (Text("Description", "说明"), None),
    (Text("Records", "涉及记录"), None),
    (Text("Evidence", "依据数据"), None),
    (Text("Threshold", "限值"), None),
    (Text("Standard and clause", "标准条款"), None),
    (Text("Status", "核实状态"), None),
    (Text("Measures proposed", "建议措施"), None),
)


def record_names(context: ReportContext) -> dict[str, str]:
    """What the report calls a record: an equipment tag or a water unit's name."""
    analysis = context.results
    names = dict(context.record_titles)
    names.update({grading.uuid: grading.tag for grading in analysis.equipment})
    names.update({unit.uuid: unit.name for unit in analysis.water.units})
    return names


def _evidence(writer: SheetWriter, finding: Finding) -> str:
    lines = []
    for indicator in finding.evidence:
        if indicator.value is None:
            continue
        mark = " [U]" if indicator.status is Status.U else ""
        lines.append(
            f"{writer.tr(indicator.label)} {indicator.value:,.2f} {unit_label(indicator.unit, writer.language)}{mark}"
        )
    return "\n".join(lines)


def _records(context: ReportContext, writer: SheetWriter, row: int, finding: Finding, names: dict[str, str]) -> None:
    shown = [names.get(uuid, uuid[:8]) for uuid in finding.records]
    anchor = next((context.anchors[uuid] for uuid in finding.records if uuid in context.anchors), None)
    if anchor is not None and shown:
        writer.link(row, 5, anchor, "、".join(shown) if writer.language == "zh" else ", ".join(shown))
    else:
        writer.text(row, 5, ", ".join(shown))


def write_finding(context: ReportContext, writer: SheetWriter, row: int, number: int, finding: Finding) -> None:
    # Built once per report (not per finding: a large audit has a thousand findings over thousands of records).
    names = context.parts.get("record_names")
    if names is None:
        names = context.parts["record_names"] = record_names(context)
    measures = context.parts.get("measures_by_key")
    if measures is None:
        measures = context.parts["measures_by_key"] = {m.key: m for m in context.results.measures.measures}
    severity, style = SEVERITY.get(finding.severity, (Text(str(finding.severity), str(finding.severity)), "text"))
    writer.number(row, 0, number, "integer")
    writer.text(row, 1, severity, style)
    writer.text(row, 2, SYSTEMS.get(finding.system, Text(finding.system, finding.system)))
    writer.text(row, 3, finding.title)
    message = writer.tr(finding.message)
    if finding.measure_missing:
        message += "\n" + "; ".join(writer.tr(text) for text in finding.measure_missing)
    writer.text(row, 4, message)
    _records(context, writer, row, finding, names)
    writer.text(row, 6, _evidence(writer, finding))
    writer.text(row, 7, finding.limit.text() if finding.limit is not None else "")
    writer.text(row, 8, f"{finding.standard} {finding.clause}".strip())
    writer.text(row, 9, STATUS_TEXT[finding.status], "unverified" if finding.status is Status.U else "text")
    writer.text(row, 10, "\n".join(writer.tr(measures[key].title) for key in finding.measures if key in measures))


def build(context: ReportContext, writer: SheetWriter) -> None:
    findings = sorted(context.results.findings, key=lambda f: (ORDER.get(f.severity, 9), f.system, f.rule))
    counts = {severity: sum(1 for f in findings if f.severity is severity) for severity in SEVERITY}
    subtitle = "  ".join(f"{writer.tr(SEVERITY[s][0])} {n}" for s, n in counts.items())
    row = writer.title(Text("Findings", "问题与发现"), subtitle)
    writer.headers(row, COLUMNS)
    writer.repeat_header(row)
    for number, finding in enumerate(findings, start=1):
        write_finding(context, writer, row + number, number, finding)


SHEET = SheetSpec(
    key="findings",
    order=75,
    title=Text("Findings", "问题与发现"),
    build=build,
    layout="landscape",
    applies=lambda context: context.analysis is not None and bool(context.analysis.findings),
)
