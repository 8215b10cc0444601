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
    """One line naming the record and both versions, then one line per field whose values differ."""
    from audit.history import value_text

    records = document.records
    form, repeat = records.spec_for(conflict.form_id)
    fields = {spec.name: spec for spec in (repeat or form).fields}
    local, theirs = conflict.local, conflict.theirs
    kind = (repeat or form).label.get(language)
    title = records.title(local, language)
    here = Text(
        f"here revision {local.revision} by {local.author} at {local.modified_at}",
        f"本方第{local.revision}版（{local.author}，{local.modified_at}）",
    )
    there = Text(
        f"{conflict.source} revision {theirs.revision} by {theirs.author} at {theirs.modified_at}",
        f"{conflict.source} 第{theirs.revision}版（{theirs.author}，{theirs.modified_at}）",
    )
    lines = [f"{kind} {title} [{local.uuid}]: {here.get(language)}; {there.get(language)}"]
    deleted = Text("deleted", "已删除")
    live = Text("not deleted", "未删除")
    if local.deleted != theirs.deleted:
        mine_state = (deleted if local.deleted else live).get(language)
        their_state = (deleted if theirs.deleted else live).get(language)
        lines.append(f"    {Text('Deleted', '删除').get(language)}: {mine_state} | {their_state}")
    for name in conflict.differing_fields():
        spec = fields.get(name)
        label = spec.label.get(language) if spec is not None else name
        if spec is not None and spec.unit:
            label = f"{label} ({spec.unit})"
        mine_value = value_text(document, spec, local.values.get(name), language)
        their_value = value_text(document, spec, conflict.their_values.get(name), language)
        lines.append(f"    {label}: {mine_value} | {their_value}")
    return lines


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
