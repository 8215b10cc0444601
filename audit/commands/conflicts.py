"""Records changed both here and in an imported copy: `conflicts FILE` lists them, `--take` settles one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from audit.cli import Command
from audit.i18n import cli_language, say
from forms.spec import Text

if TYPE_CHECKING:
    from audit.conflicts import Conflict
    from audit.document import AuditDocument


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=say(Text("audit file", "诊断文件")))
    parser.add_argument(
        "--take",
        choices=("mine", "theirs"),
        help=say(
            Text(
                "settle the conflict of --record: keep this audit's version, or take the other side's",
                "处理 --record 记录的冲突：保留本诊断的版本，或采用对方的版本",
            )
        ),
    )
    parser.add_argument("--record", help=say(Text("the record's id (or its first characters)", "记录编号（或其开头）")))


def describe(document: AuditDocument, conflict: Conflict, language: str) -> list[str]:
    """One line naming the record and both versions, then one line per difference (here | theirs)."""
    from audit.conflicts import difference_lines, record_name, versions_text

    header = f"{record_name(document, conflict, language)} [{conflict.record_uuid}]: "
    return [
        header + versions_text(conflict).get(language),
        *(f"    {line}" for line in difference_lines(document, conflict, language)),
    ]


def _settle(document: AuditDocument, args: argparse.Namespace) -> int:
    from audit.conflicts import Choice, list_conflicts, settle
    from audit.errors import RecordError

    matching = [c for c in list_conflicts(document) if c.record_uuid.startswith(args.record or "\0")]
    if len({c.record_uuid for c in matching}) != 1:
        raise RecordError(
            Text(
                f"--record {args.record} names {len(matching)} conflicting records; give one record's id.",
                f"--record {args.record} 对应 {len(matching)} 条冲突记录，请给出一条记录的编号。",
            )
        )
    for conflict in matching:
        settle(document, conflict.record_uuid, conflict.source, Choice(args.take))
    print(
        say(
            Text(
                f"{args.file}: conflict of {matching[0].record_uuid} settled ({args.take}).",
                f"{args.file}：记录 {matching[0].record_uuid} 的冲突已处理（{'保留本方' if args.take == 'mine' else '采用对方'}）。",
            )
        )
    )
    return 0


def run(args: argparse.Namespace) -> int:
    from audit.conflicts import list_conflicts
    from audit.document import AuditDocument

    if args.take is not None:
        with AuditDocument.open(args.file) as document:
            return _settle(document, args)
    language = cli_language()
    with AuditDocument.open(args.file, read_only=True) as document:
        conflicts = list_conflicts(document)
        for conflict in conflicts:
            print("\n".join(describe(document, conflict, language)))
    if not conflicts:
        print(say(Text(f"{args.file}: no conflicts.", f"{args.file}：没有冲突。")))
    else:
        print(
            say(
                Text(
                    f"{len(conflicts)} conflict(s) in {args.file} (values: here | theirs). Settle one with "
                    "--record ID --take mine|theirs.",
                    f"{args.file} 中有 {len(conflicts)} 处冲突（取值：本方 | 对方）。用 --record 编号 --take mine|theirs 处理。",
                )
            )
        )
    return 0


COMMANDS = (
    Command(
        "conflicts",
        Text(
            "List the records changed both here and in an imported copy (or settle one with --take).",
            "列出本诊断与导入副本双方均修改过的记录（或用 --take 处理一条）。",
        ),
        _configure,
        run,
    ),
)
