"""FieldAudit entry point: a command runs headless; no command opens the desktop app."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    if argv and not argv[0].startswith("--") or argv[:1] in (["-h"], ["--help"]):
        from audit.cli import main as cli_main

        return cli_main(argv)
    from gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
