"""`indicators FILE [--json]`: every energy, carbon and equipment indicator with its unit and source."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from audit.cli import Command
from audit.i18n import cli_language, say
from audit.presentation import STATUS_WORDS, format_number, status_tag, unit_label
from audit.results import Indicator, Status, to_json
from forms.registry import default_registry
from forms.spec import Text

if TYPE_CHECKING:
    from audit.indicators.equipment import Grading


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=say(Text("audit file (.fieldaudit)", "诊断文件（.fieldaudit）")))
    parser.add_argument(
        "--json",
        action="store_true",
        help=say(Text("print JSON (values, inputs, sources)", "输出 JSON（数值、输入、来源）")),
    )


def status_mark(status: Status) -> str:
    """The status beside a number in the terminal: nothing for [V]/[D], "[C]", "[U unverified]"."""
    tag = status_tag(status, cli_language())
    if Status(status) is Status.U:
        return f" [U {STATUS_WORDS[Status.U].get(cli_language())}]"
    return f" {tag}" if tag else ""


def indicator_lines(indicator: Indicator, language: str) -> list[str]:
    lines = [
        f"{indicator.label.get(language)}: {format_number(indicator.value)} {unit_label(indicator.unit, language)}{status_mark(indicator.status)}"
    ]
    if indicator.note is not None:
        lines.append(f"    {indicator.note.get(language)}")
    for cite, note in dict.fromkeys((s.cite(), s.note if s.status in ("C", "U") else "") for s in indicator.sources):
        lines.append(f"    {say(Text('source', '来源'))}: {cite}{(' — ' + note) if note else ''}")
    return lines


def equipment_line(result: Grading, language: str, kinds: dict[str, str]) -> list[str]:
    kind = kinds.get(result.form_id, result.form_id)
    head = f"{result.tag} ({kind}) {result.standard}: {result.reason.get(language)}{status_mark(result.grade_status)}"
    lines = [head]
    if result.compared is not None:
        lines.extend("  " + line for line in indicator_lines(result.compared, language))
    if result.outdated is not None:
        lines.append(f"    {result.outdated.message().get(language)} — {result.outdated.source.cite()}")
    for extra in result.extras:
        lines.extend("  " + line for line in indicator_lines(extra, language))
    return lines


def run(args: argparse.Namespace) -> int:
    # Imported when the command runs: every command pays for what it uses only (issue 15).
    from audit.analysis import analyse_document
    from audit.document import AuditDocument

    with AuditDocument.open(args.file, read_only=True) as document:
        analysis = analyse_document(document)
    if args.json:
        shown = {"energy": analysis.energy, "carbon": analysis.carbon, "equipment": analysis.equipment}
        print(json.dumps(to_json(shown), ensure_ascii=False, indent=1))
        return 0
    language = cli_language()
    report = analysis.energy
    sections = (
        (Text("Energy", "能源"), analysis.energy.indicators),
        (Text("Carbon", "碳排放"), analysis.carbon.indicators),
    )
    for title, indicators in sections:
        print(f"== {title.get(language)} ==")
        for indicator in indicators:
            print("\n".join(indicator_lines(indicator, language)))
    print(f"== {say(Text('Equipment', '设备'))} ==")
    kinds = {form.id: form.label.get(language) for form in default_registry()}
    for result in analysis.equipment:
        print("\n".join(equipment_line(result, language, kinds)))
    if report.problems:
        print(f"== {say(Text('Problems', '问题'))} ==")
        for problem in report.problems:
            print(problem.get(language))
    return 0


COMMANDS = (
    Command(
        "indicators",
        Text(
            "Print energy, carbon and equipment indicators with units and sources.",
            "输出能源、碳排放和设备能效指标（含单位和来源）。",
        ),
        configure,
        run,
    ),
)
