"""Commands that validate and move records: check, import, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from audit.cli import Command
from audit.i18n import cli_language, say
from forms.spec import Text


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=say(Text("audit file", "诊断文件")))
    parser.add_argument(
        "--strict", action="store_true", help=say(Text("count warnings as problems too", "警告也计为问题"))
    )


def run_check(args: argparse.Namespace) -> int:
    # Imported when the command runs: every command pays for what it uses only (issue 15).
    from audit.checking import check_document
    from audit.document import AuditDocument
    from forms.validation import Severity

    language = cli_language()
    with AuditDocument.open(args.file, read_only=True) as document:
        problems = check_document(document)
    failing = [p for p in problems if args.strict or p.severity is not Severity.WARNING]
    labels = {
        Severity.ERROR: say(Text("error", "错误")),
        Severity.MISSING: say(Text("missing", "缺项")),
        Severity.WARNING: say(Text("warning", "警告")),
    }
    for problem in problems:
        print(f"{args.file}: {labels[problem.severity]}: {problem.line(language)}")
    if failing:
        print(
            say(Text(f"{len(failing)} problem(s) in {args.file}.", f"{args.file} 中有 {len(failing)} 个问题。")),
            file=sys.stderr,
        )
        return 1
    print(say(Text(f"{args.file}: no problems.", f"{args.file}：未发现问题。")))
    return 0


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=say(Text("audit file", "诊断文件")))
    parser.add_argument("data", type=Path, help=say(Text("JSON file of records", "记录 JSON 文件")))


def run_import(args: argparse.Namespace) -> int:
    from audit.document import AuditDocument
    from audit.jsonio import import_records, read_import
    from audit.output_files import require_regular_file

    require_regular_file(args.data)  # a FIFO would hang the read
    data = read_import(args.data)
    with AuditDocument.open(args.file) as document:
        result = import_records(document, data.records, source=str(args.data), origin=data.origin)
    print(
        say(
            Text(
                f"{args.data}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
                f"{result.conflicts} conflict(s).",
                f"{args.data}：新增 {result.added}，更新 {result.updated}，未变 {result.unchanged}，冲突 {result.conflicts}。",
            )
        )
    )
    if result.conflicts:
        print(
            say(
                Text(
                    f"Changed on both sides, both versions kept: python main.py conflicts {args.file}",
                    f"双方均有修改，两个版本均已保留：python main.py conflicts {args.file}",
                )
            )
        )
    return 0


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=say(Text("audit file", "诊断文件")))
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help=say(Text("write to this file instead of standard output", "写入该文件而不是标准输出")),
    )
    parser.add_argument(
        "--live-only", action="store_true", help=say(Text("leave out deleted records", "不导出已删除的记录"))
    )


def run_export(args: argparse.Namespace) -> int:
    from audit.document import AuditDocument
    from audit.jsonio import write_export
    from audit.output_files import refuse_overwriting, write_atomically

    if args.output is not None:
        refuse_overwriting(args.output, [args.file])
    # Streamed record by record (a large audit's export held 1.1 GB as one string, issue 15).
    with AuditDocument.open(args.file, read_only=True) as document:
        if args.output is None:
            write_export(document, sys.stdout, include_deleted=not args.live_only)
        else:

            def write(temporary: Path) -> None:
                with open(temporary, "w", encoding="utf-8") as out:
                    write_export(document, out, include_deleted=not args.live_only)

            # Never onto the audit itself (`export A -o A`), never half a file under the name asked for.
            write_atomically(args.output, write, protected=[args.file])
    return 0


COMMANDS = (
    Command(
        "check",
        Text(
            "Validate every record and the file's integrity; exit 1 on any problem.",
            "校验文件完整性和每条记录；有问题时退出码为1。",
        ),
        _configure_check,
        run_check,
    ),
    Command(
        "import",
        Text("Import records from a JSON file (all or nothing).", "从 JSON 文件导入记录（全部成功或全部不导入）。"),
        _configure_import,
        run_import,
    ),
    Command("export", Text("Export every record as JSON.", "将全部记录导出为 JSON。"), _configure_export, run_export),
)
