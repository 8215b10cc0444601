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
