"""Commands to create, describe and build the demo audit: new, demo, info."""

from __future__ import annotations

import argparse
from pathlib import Path

from audit.cli import Command
from audit.i18n import cli_language, say
from forms.spec import Text


def _file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=say(Text("audit file (.fieldaudit)", "诊断文件（.fieldaudit）")))


def run_new(args: argparse.Namespace) -> int:
    # Imported when the command runs: every command pays for what it uses only (issue 15).
    from audit.document import AuditDocument

    AuditDocument.create(args.file).close()
    print(say(Text(f"Created {args.file}", f"已创建 {args.file}")))
    return 0


def _configure_demo(parser: argparse.ArgumentParser) -> None:
    _file_argument(parser)
    parser.add_argument(
        "--replace",
        action="store_true",
        help=say(
            Text("replace the file if it exists (not while it is open)", "文件已存在时替换（文件被打开时不替换）")
        ),
    )


def run_demo(args: argparse.Namespace) -> int:
    from audit.demo import build_demo

    build_demo(args.file, replace=args.replace)
    print(say(Text(f"Demo audit written to {args.file}", f"演示诊断已写入 {args.file}")))
    return 0


def run_info(args: argparse.Namespace) -> int:
    from audit.document import AuditDocument

    language = cli_language()
    with AuditDocument.open(args.file, read_only=True) as document:
        enterprise = document.records.singleton("enterprise")
        audit = document.records.singleton("audit")
        print(f"{say(Text('File', '文件'))}: {args.file}")
        print(f"{say(Text('Schema version', '结构版本'))}: {document.schema_version()}")
        print(f"{say(Text('Audit id', '诊断编号'))}: {document.meta('audit_uuid')}")
        print(f"{say(Text('Created', '创建时间'))}: {document.meta('created_at')} ({document.meta('created_by')})")
        if audit is not None:
            print(f"{say(Text('Audit', '项目'))}: {audit.get('title', '')}")
        if enterprise is not None:
            print(f"{say(Text('Enterprise', '企业'))}: {enterprise.get('name', '')}")
        for form in document.registry:
            live = document.records.count(form.id)
            deleted = document.records.count(form.id, include_deleted=True) - live
            if live or deleted:
                extra = say(Text(f" ({deleted} deleted)", f"（已删除 {deleted}）")) if deleted else ""
                print(f"  {form.label.get(language)}: {live}{extra}")
        photos = document.connection.execute("SELECT count(*) FROM attachment WHERE deleted = 0").fetchone()[0]
        print(f"  {say(Text('Photos', '照片'))}: {photos}")
    return 0


COMMANDS = (
    Command("new", Text("Create an empty audit file.", "新建空白诊断文件。"), _file_argument, run_new),
    Command(
        "demo",
        Text("Write the demo audit (a Zhejiang textile-dyeing plant).", "生成演示诊断（浙江某印染企业）。"),
        _configure_demo,
        run_demo,
    ),
    Command("info", Text("Describe an audit file.", "显示诊断文件概况。"), _file_argument, run_info),
)
