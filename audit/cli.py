"""The command line: `python main.py COMMAND ...`; commands are modules in audit.commands."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from audit.errors import AuditError
from audit.i18n import say
from audit.output_files import disk_full, is_disk_full
from forms.spec import Text


@dataclass(frozen=True)
class Command:
    name: str
    help: Text
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def add_output_option(parser: argparse.ArgumentParser, output_help: Text) -> None:
    """`-o/--output`: the file the command writes (required)."""
    parser.add_argument("-o", "--output", type=Path, required=True, help=say(output_help))


def add_workbook_output_options(parser: argparse.ArgumentParser, languages: Sequence[str], language_help: Text) -> None:
    """`-o/--output` (the .xlsx to write, required) and `--lang` (default None: the command line's)."""
    add_output_option(parser, Text("the workbook to write (.xlsx)", "输出的工作簿（.xlsx）"))
    parser.add_argument("--lang", choices=languages, default=None, help=say(language_help))


def discover_commands() -> dict[str, Command]:
    import audit.commands as package

    commands: dict[str, Command] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            commands[command.name] = command
    return commands


def build_parser(commands: dict[str, Command], only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command (name and help); the arguments of the command `only` alone are set
    up, since a command's options may need imports the others should not pay for."""
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description=say(
            Text(
                "FieldAudit: energy audits and water-balance tests, offline.", "FieldAudit：离线能源审计与水平衡测试。"
            )
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands.values():
        command_parser = sub.add_parser(command.name, help=say(command.help), description=say(command.help))
        if command.name == only:
            command.configure(command_parser)
    return parser


def _fail(message: Text) -> int:
    print(f"{say(Text('error', '错误'))}: {say(message)}", file=sys.stderr)
    return 1


def main(argv: Sequence[str]) -> int:
    commands = discover_commands()
    parser = build_parser(commands, only=next((word for word in argv if word in commands), None))
    args = parser.parse_args(list(argv))
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return commands[args.command].run(args)
    except AuditError as error:
        return _fail(error.message)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: not an error; keep Python from complaining at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, sqlite3.Error) as error:
        # Reaches here only from a write the domain did not expect to fail: a full disk, a removed
        # stick, a permission taken away. One line; the transaction that failed was rolled back.
        if is_disk_full(error):
            return _fail(disk_full(getattr(args, "file", "") or "").message)
        why = (error.strerror if isinstance(error, OSError) and error.strerror else str(error)).splitlines()[0][:200]
        where = getattr(error, "filename", None) or getattr(args, "file", "") or ""
        return _fail(
            Text(f"{where}: {why}; nothing was changed by this step.", f"{where}：{why}；此步骤未做任何修改。")
        )
