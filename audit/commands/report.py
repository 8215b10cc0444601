"""`python main.py report FILE -o OUT.xlsx [--lang zh|en]`: write the Excel report of an audit."""

from __future__ import annotations

import argparse
from pathlib import Path

from audit.cli import Command, add_workbook_output_options
from audit.i18n import cli_language, say
from forms.spec import Text


def _configure(parser: argparse.ArgumentParser) -> None:
    # Imported when the command runs: every command pays for what it uses only (issue 15).
    from audit.report.context import LANGUAGES

    parser.add_argument("file", type=Path, help=say(Text("audit file (.fieldaudit)", "诊断文件（.fieldaudit）")))
    add_workbook_output_options(
        parser,
        LANGUAGES,
        Text("language of the report (default: the command line's)", "报告语言（默认与命令行相同）"),
    )


def _run(args: argparse.Namespace) -> int:
    from audit.report.export import export_report

    language = args.lang or cli_language()
    written = export_report(args.file, args.output, language)
    print(
        say(
            Text(
                "Report written to {path}: {sheets} sheets, {formulas} formulas",
                "报告已写入 {path}：{sheets} 个工作表，{formulas} 个公式",
            )
        ).format(path=args.output, sheets=len(written.sheets), formulas=len(written.formulas))
    )
    return 0


COMMANDS = (
    Command(
        "report",
        Text("Write the Excel report of an audit (.xlsx).", "生成诊断报告 Excel 工作簿（.xlsx）。"),
        _configure,
        _run,
    ),
)
