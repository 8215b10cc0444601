"""`findings FILE [--json]`: what the rules found (by system and severity) and the measures with their savings."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from audit.cli import Command
from audit.commands.indicators import status_mark
from audit.i18n import cli_language, say
from audit.presentation import format_number as format_value
from audit.results import to_json
from forms.spec import Text

if TYPE_CHECKING:
    from audit.findings import Finding
    from audit.findings._measures import Measure, Totals

# Keyed by the Severity values (a StrEnum), so that listing the commands does not import the rules.
SEVERITY_TEXT = {
    "high": Text("high", "高"),
    "medium": Text("medium", "中"),
    "low": Text("low", "低"),
    "cannot_assess": Text("cannot assess", "无法评估"),
}
STATE_TEXT = {
    "proposed": Text("proposed", "建议"),
    "accepted": Text("accepted", "采纳"),
    "rejected": Text("rejected", "不采纳"),
    "implemented": Text("implemented", "已实施"),
    "verified": Text("verified", "已核验"),
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=say(Text("audit file (.fieldaudit)", "诊断文件（.fieldaudit）")))
    parser.add_argument(
        "--json",
        action="store_true",
        help=say(Text("print JSON (findings, measures, totals)", "输出 JSON（问题、措施、合计）")),
    )


def finding_lines(finding: Finding, language: str) -> list[str]:
    severity = SEVERITY_TEXT[finding.severity].get(language)
    lines = [f"[{severity}] {finding.rule}: {finding.message.get(language)}{status_mark(finding.status)}"]
    if finding.assessed:
        limit = f" ({say(Text('limit', '限值'))} {finding.limit.text()})" if finding.limit else ""
        lines.append(f"    {finding.standard}, {finding.clause}{limit}")
    lines.extend(
        f"    {say(Text('measure not quantified', '措施无法量化'))}: {m.get(language)}" for m in finding.measure_missing
    )
    return lines


def measure_lines(measure: Measure, language: str) -> list[str]:
    savings = ", ".join(f"{format_value(s.quantity)} {s.unit}" for s in measure.savings) or "—"
    payback = format_value(measure.simple_payback_years) if measure.simple_payback_years is not None else "—"
    state = STATE_TEXT.get(
        measure.implementation_status, Text(measure.implementation_status, measure.implementation_status)
    )
    lines = [
        f"{measure.title.get(language)}{f' [{measure.iac_code}]' if measure.iac_code else ''} ({state.get(language)}){status_mark(measure.status)}",
        f"    {say(Text('saves', '节约'))} {savings}; {format_value(measure.tce_equivalent)} tce; "
        f"{format_value(measure.tco2)} tCO2; {format_value(measure.annual_savings_yuan)} {say(Text('yuan/a', '元/年'))}; "
        f"{say(Text('investment', '投资'))} {format_value(measure.investment_yuan)} {say(Text('yuan', '元'))}; "
        f"{say(Text('payback', '回收期'))} {payback} a",
    ]
    if measure.overridden:
        lines.append(f"    {say(Text('overridden by the expert', '专家修改'))}: {', '.join(measure.overridden)}")
    return lines


def totals_lines(totals: Totals, language: str) -> list[str]:
    savings = ", ".join(f"{format_value(s.quantity)} {s.unit} {s.energy_type}" for s in totals.savings)
    return [
        f"{say(Text('Total', '合计'))}: {savings}",
        f"    {format_value(totals.tce_equivalent)} tce ({say(Text('equivalent', '当量值'))}), "
        f"{format_value(totals.tce_equal_value)} tce ({say(Text('equal value', '等价值'))}), "
        f"{format_value(totals.tco2)} tCO2, {format_value(totals.annual_savings_yuan)} {say(Text('yuan/a', '元/年'))}, "
        f"{say(Text('investment', '投资'))} {format_value(totals.investment_yuan)} {say(Text('yuan', '元'))}",
        f"    {totals.method.get(language)}",
    ]


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: every command pays for what it uses only (issue 15).
    from audit.analysis import analyse_document
    from audit.document import AuditDocument
    from audit.findings import SYSTEMS, Severity

    with AuditDocument.open(args.file, read_only=True) as document:
        analysis = analyse_document(document)
    if args.json:
        print(
            json.dumps(
                to_json({"findings": analysis.findings, "measures": analysis.measures}), ensure_ascii=False, indent=1
            )
        )
        return 0
    language = cli_language()
    order = list(Severity)
    for system, title in SYSTEMS.items():
        found = sorted((f for f in analysis.findings if f.system == system), key=lambda f: order.index(f.severity))
        if found:
            print(f"== {title.get(language)} ==")
            for finding in found:
                print("\n".join(finding_lines(finding, language)))
    print(
        f"== {say(Text('Measures (no-cost/low-cost first, then by payback)', '节能措施（先无/低成本，再按回收期）'))} =="
    )
    for measure in analysis.measures.measures:
        print("\n".join(measure_lines(measure, language)))
    if analysis.measures.totals is not None:
        print("\n".join(totals_lines(analysis.measures.totals, language)))
    return 0


COMMANDS = (
    Command(
        "findings",
        Text(
            "Print the findings (by system and severity) and the proposed measures with savings, cost and payback.",
            "输出诊断发现的问题（按系统和严重程度）及节能措施（节能量、投资、回收期）。",
        ),
        configure,
        run,
    ),
)
