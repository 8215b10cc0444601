"""FieldAudit entry point: a command runs headless; no command opens the desktop app."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    # No argument, options only, or `open [FILE]` start the desktop app; any other word is a command.
    if argv[:1] == ["office-gui"]:
        from gui.app import run_office

        return run_office(argv[1:])
    gui = not argv or argv[0] == "open" or (argv[0].startswith("--") and argv[0] != "--help")
    if not gui:
        from audit.cli import main as cli_main

        return cli_main(argv)
    from gui.app import run

    return run(argv)


def console() -> int:
    """The `fieldaudit` command that `pip install` makes: the same as `python main.py`."""
    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
