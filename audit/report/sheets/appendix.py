"""Appendix: every coefficient and threshold table used, with its source and verification status; provenance."""

from __future__ import annotations

from audit.reference import Source
from audit.report.cells import SheetWriter
from audit.report.context import ReportContext
from audit.report.indicators import STATUS_TEXT
from audit.report.sheets import SheetSpec
from audit.results import Status, weakest
from forms.spec import Text
from forms.units import unit_label

SOURCE_COLUMNS = (
    (Text("Standard or source", "标准或来源"), None),
    (Text("Edition", "版本"), None),
    (Text("Table or clause", "表号或条款"), None),
    (Text("Status", "核实状态"), None),
    (Text("Used for", "用于"), None),
    (Text("Transcribed from", "转录来源"), None),
    (Text("Note", "说明"), None),
)
COEFFICIENT_COLUMNS = (
    (Text("Energy type", "能源品种"), None),
    (Text("Coefficient", "折标系数"), None),
    (Text("Unit", "单位"), None),
    (Text("Source", "依据"), None),
    (Text("Status", "核实状态"), None),
)
STATUS_ORDER = {"U": 0, "C": 1, "D": 2, "V": 3}
MAX_USES = 6


def used_sources(context: ReportContext) -> dict[Source, list[str]]:
    """Every source behind a number of the report, with the labels of the numbers that rest on it."""
    uses: dict[Source, list[str]] = {}
    analysis = context.results
    for indicator in analysis.indicators():
        for source in indicator.sources:
            uses.setdefault(source, []).append(context.tr(indicator.label))
    for grading in analysis.equipment:
        if grading.outdated is not None:
            uses.setdefault(grading.outdated.source, []).append(grading.tag)
    return uses


def _sources(context: ReportContext, writer: SheetWriter, row: int) -> int:
    writer.text(
        row, 0, Text("Coefficients, thresholds and tables used", "所用系数、限值及数据表"), "subtitle", fit=False
    )
    writer.text(
        row + 1,
        0,
        Text(
            "[U] unverified: not yet checked against the official text; do not treat as authoritative.",
            "[U] 未核实：尚未与标准正式文本核对，不作为权威依据。",
        ),
        "note",
        fit=False,
    )
    writer.headers(row + 2, SOURCE_COLUMNS)
    row += 3
    uses = used_sources(context)
    for source in sorted(uses, key=lambda s: (STATUS_ORDER.get(s.status, 9), s.standard, s.clause)):
        style = "unverified" if source.status == "U" else "text"
        names = list(dict.fromkeys(uses[source]))
        more = len(names) - MAX_USES
        used = "; ".join(names[:MAX_USES]) + (
            context.tr(Text(f" and {more} more", f" 等另 {more} 项")) if more > 0 else ""
        )
        # Where the resource gives the standard and clause in each language, the reader's language is shown
        # (its citation holds both); the monolingual fields mix languages ("Provincial 节水型企业 notice").
        if source.citation is not None:
            cited = (context.tr(source.citation), source.edition, "")
        else:
            cited = (source.standard, source.edition, source.clause)
        for col, value in enumerate(cited):
            writer.text(row, col, value, style)
        writer.text(row, 3, STATUS_TEXT.get(Status(source.status), Text(source.status, source.status)), style)
        writer.text(row, 4, used)
        writer.text(row, 5, source.via)
        writer.text(row, 6, source.note)
        row += 1
    return row + 1


def _coefficients(context: ReportContext, writer: SheetWriter, row: int) -> int:
    """The energy conversion coefficients as the reference tables give them (before unit conversion)."""
    from audit.indicators.energy import type_label

    balance = context.results.energy.audit_balance
    if balance is None:
        return row
    writer.text(row, 0, Text("Energy conversion coefficients", "能源折标准煤系数"), "subtitle", fit=False)
    writer.headers(row + 1, COEFFICIENT_COLUMNS)
    row += 2
    seen: set[tuple[str, object, object]] = set()
    for line in balance.lines:
        key = (line.energy_type, line.inputs.get("coefficient"), line.inputs.get("coefficient_unit"))
        if key in seen or not isinstance(key[1], int | float):
            continue
        seen.add(key)
        status = weakest(*(s.status for s in line.sources))
        style = "unverified" if status is Status.U else "text"
        writer.text(row, 0, type_label(line.energy_type))
        writer.number(row, 1, float(key[1]), "coefficient", style)
        writer.text(row, 2, unit_label(str(key[2] or ""), context.language))
        writer.text(row, 3, "; ".join(dict.fromkeys(s.cite_in(context.language) for s in line.sources)))
        writer.text(row, 4, STATUS_TEXT[status], style)
        row += 1
    return row + 1


def _provenance(context: ReportContext, writer: SheetWriter, row: int) -> int:
    writer.text(row, 0, Text("About this report", "关于本报告"), "subtitle", fit=False)
    rows = (
        (Text("Written by", "生成软件"), context.app),
        (Text("Audit file", "诊断文件"), context.audit_file),
        (Text("SHA-256 of the audit file", "诊断文件 SHA-256"), context.audit_sha256),
        (Text("Written on", "生成日期"), context.generated_on.isoformat()),
    )
    for offset, (label, value) in enumerate(rows, start=1):
        writer.text(row + offset, 0, label, "label")
        writer.text(row + offset, 1, value)
    return row + len(rows) + 2


def build(context: ReportContext, writer: SheetWriter) -> None:
    row = writer.title(Text("Appendix: sources", "附录：依据与来源"))
    row = _sources(context, writer, row)
    row = _coefficients(context, writer, row)
    _provenance(context, writer, row)


SHEET = SheetSpec(
    key="appendix",
    order=100,
    title=Text("Appendix", "附录"),
    build=build,
    layout="landscape",
    applies=lambda context: context.analysis is not None,
)
