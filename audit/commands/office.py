"""`python main.py office SUBCOMMAND OFFICE …`: the county office's database from the command line.

Subcommands are found like commands: every module of audit.commands whose name starts with
"office" may expose `OFFICE_SUBCOMMANDS` (a tuple of `Command`); `office report` (issue 14) lives in
its own module that way.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

from audit.cli import Command
from audit.i18n import say
from forms.spec import Text


def discover_subcommands() -> dict[str, Command]:
    import audit.commands as package

    found: dict[str, Command] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("office"):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for command in getattr(module, "OFFICE_SUBCOMMANDS", ()):
                found[command.name] = command
    return found


def _configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="office_command", metavar="SUBCOMMAND", required=True)
    for command in discover_subcommands().values():
        command_parser = sub.add_parser(command.name, help=say(command.help), description=say(command.help))
        command.configure(command_parser)
        command_parser.set_defaults(office_run=command.run)


def _run(args: argparse.Namespace) -> int:
    code: int = args.office_run(args)
    return code


def _office_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("office", type=Path, help=say(Text("office database file", "办公室数据库文件")))


def _configure_init(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)


def run_init(args: argparse.Namespace) -> int:
    from audit.office.database import OfficeDatabase

    OfficeDatabase.create(args.office).close()
    print(say(Text(f"{args.office}: office database created.", f"{args.office}：已创建办公室数据库。")))
    return 0


def _configure_register(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)
    parser.add_argument("keyfile", type=Path, help=say(Text("the auditor's public key file", "审计员公钥文件")))


def run_register(args: argparse.Namespace) -> int:
    from audit.office.auditors import register_auditor
    from audit.office.database import OfficeDatabase

    with OfficeDatabase.open(args.office) as office:
        auditor, new = register_auditor(office, args.keyfile)
    if new:
        message = Text(
            f"Registered {auditor.name} (key {auditor.key_id}).", f"已登记 {auditor.name}（密钥 {auditor.key_id}）。"
        )
    else:
        message = Text(
            f"Key {auditor.key_id} ({auditor.name}) was already registered; nothing changed.",
            f"密钥 {auditor.key_id}（{auditor.name}）已登记，未做修改。",
        )
    print(say(message))
    return 0


def _configure_auditors(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)


def run_auditors(args: argparse.Namespace) -> int:
    from audit.office.auditors import auditors
    from audit.office.database import OfficeDatabase

    with OfficeDatabase.open(args.office) as office:
        registered = auditors(office)
    revoked = say(Text("revoked", "已吊销"))
    for auditor in registered:
        state = f"  ({revoked} {auditor.revoked_at})" if auditor.revoked_at else ""
        print(f"{auditor.key_id}  {auditor.name}  {auditor.registered_at}{state}")
    return 0


def _configure_import(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)
    parser.add_argument(
        "packages", type=Path, nargs="+", help=say(Text("package files or folders of them", "数据包文件或其所在文件夹"))
    )
    parser.add_argument(
        "--accept-unknown-signer",
        action="store_true",
        help=say(
            Text(
                "accept packages signed by a key not registered here (recorded in the receipt)",
                "接受由未登记密钥签名的数据包（记入接收记录）",
            )
        ),
    )


def run_import(args: argparse.Namespace) -> int:
    import sys

    from audit.office.database import OfficeDatabase
    from audit.office.importing import import_packages

    with OfficeDatabase.open(args.office) as office:
        outcomes = import_packages(office, args.packages, accept_unknown_signer=args.accept_unknown_signer)
    for outcome in outcomes:
        print(say(outcome.line()), file=sys.stdout if outcome.merged else sys.stderr)
        if outcome.refresh_problem is not None:
            print(say(outcome.refresh_problem), file=sys.stderr)
    if not outcomes:
        print(say(Text("No package found.", "未找到数据包。")), file=sys.stderr)
        return 1
    return 0 if all(outcome.merged for outcome in outcomes) else 1


def _configure_conflicts(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)
    parser.add_argument(
        "--audit", help=say(Text("only this audit (id, credit code or name)", "仅此诊断（编号、信用代码或名称）"))
    )


def run_conflicts(args: argparse.Namespace) -> int:
    from audit.office.conflicts import open_conflicts
    from audit.office.database import OfficeDatabase
    from audit.office.review import find_audit

    with OfficeDatabase.open(args.office) as office:
        audit_uuid = find_audit(office, args.audit) if args.audit else None
        conflicts = open_conflicts(office, audit_uuid)
    for conflict in conflicts:
        fields = ", ".join(conflict.differing_fields())
        print(
            f"{conflict.id}\t{conflict.audit_uuid}\t{conflict.form_id}\t{conflict.record_uuid}\t"
            f"office r{conflict.local.revision} {conflict.local.author} / package r{conflict.incoming.revision} "
            f"{conflict.incoming.author}\t{fields}"
        )
    print(say(Text(f"{len(conflicts)} open conflict(s).", f"未处理冲突 {len(conflicts)} 个。")))
    return 0


def _configure_settle(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)
    parser.add_argument("conflict", type=int, help=say(Text("conflict number (office conflicts)", "冲突编号")))
    parser.add_argument(
        "choice", choices=["office", "package"], help=say(Text("which version to keep", "保留哪个版本"))
    )


def run_settle(args: argparse.Namespace) -> int:
    from audit.office.conflicts import Choice, settle_conflict
    from audit.office.database import OfficeDatabase

    with OfficeDatabase.open(args.office) as office:
        kept = settle_conflict(office, args.conflict, Choice(args.choice))
    print(
        say(
            Text(
                f"Conflict {args.conflict} settled: revision {kept.revision} kept.",
                f"冲突 {args.conflict} 已处理：保留第 {kept.revision} 版。",
            )
        )
    )
    return 0


def _configure_review(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)
    parser.add_argument(
        "audit", help=say(Text("audit id (or its start), credit code or name", "诊断编号（或其开头）、信用代码或名称"))
    )
    parser.add_argument(
        "status", help=say(Text("received, has-issues or accepted", "received、has-issues 或 accepted"))
    )
    parser.add_argument("--comment", default="", help=say(Text("what the issues are", "问题说明")))


def run_review(args: argparse.Namespace) -> int:
    from audit.office.database import OfficeDatabase
    from audit.office.review import find_audit, parse_status, set_review

    status = parse_status(args.status)
    with OfficeDatabase.open(args.office) as office:
        audit_uuid = find_audit(office, args.audit)
        set_review(office, audit_uuid, status, args.comment)
    print(say(Text(f"{audit_uuid}: {status.label.en}.", f"{audit_uuid}：{status.label.zh}。")))
    return 0


def _configure_return(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)
    parser.add_argument(
        "audit", help=say(Text("audit id (or its start), credit code or name", "诊断编号（或其开头）、信用代码或名称"))
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help=say(Text("package file to write", "要写入的数据包文件"))
    )


def run_return(args: argparse.Namespace) -> int:
    from audit.office.database import OfficeDatabase
    from audit.office.returning import return_package
    from audit.office.review import find_audit
    from audit.packages.keys import load_or_create_key

    with OfficeDatabase.open(args.office) as office:
        audit_uuid = find_audit(office, args.audit)
        # The office's own key, made on first use in this computer's config folder like an auditor's;
        # auditors trust its public key file (`python main.py package key -o office.json`).
        key = load_or_create_key(office.officer)
        written = return_package(office, audit_uuid, args.output, key)
    print(
        say(
            Text(
                f"{args.output}: audit {audit_uuid} returned with the office's records and review (package "
                f"{written.package_id}, signed by key {key.public.key_id}).",
                f"{args.output}：已退回诊断 {audit_uuid}，含办公室的记录与审核意见（数据包 {written.package_id}，"
                f"密钥 {key.public.key_id} 签名）。",
            )
        )
    )
    return 0


OFFICE_SUBCOMMANDS = (
    Command("init", Text("create an office database", "创建办公室数据库"), _configure_init, run_init),
    Command(
        "register-auditor",
        Text("register an auditor's public key file", "登记审计员的公钥文件"),
        _configure_register,
        run_register,
    ),
    Command(
        "auditors",
        Text("list the registered auditors' keys", "列出已登记的审计员密钥"),
        _configure_auditors,
        run_auditors,
    ),
    Command(
        "import",
        Text(
            "verify and merge audit packages (all or nothing per package)",
            "校验并合并诊断数据包（每个数据包全部或全不）",
        ),
        _configure_import,
        run_import,
    ),
    Command(
        "conflicts", Text("list the conflicts not settled yet", "列出未处理的冲突"), _configure_conflicts, run_conflicts
    ),
    Command(
        "settle",
        Text("settle a conflict: keep the office's or the package's version", "处理冲突：保留办公室或数据包的版本"),
        _configure_settle,
        run_settle,
    ),
    Command(
        "review",
        Text(
            "record a review step: received, has issues (with a comment), accepted",
            "记录审核：已接收、有问题（附意见）、已通过",
        ),
        _configure_review,
        run_review,
    ),
    Command(
        "return",
        Text(
            "write a package returning an audit to its auditor: the office's records and review, signed",
            "生成退回审计员的数据包：办公室的记录与审核意见，已签名",
        ),
        _configure_return,
        run_return,
    ),
)

COMMANDS = (
    Command(
        "office",
        Text(
            "the county office's database: init, register-auditor, import, conflicts, review",
            "县级办公室数据库：创建、登记审计员、导入、冲突、审核",
        ),
        _configure,
        _run,
    ),
)
