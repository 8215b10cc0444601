"""FieldAudit entry point: a command runs headless; no command opens the desktop app."""

from __future__ import annotations

import gc
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
    # The cycle collector waits for the window's first paint (gui.app.run turns it back on): start-up
    # makes some 30,000 objects that live as long as the app (modules, classes, form definitions) and
    # frees no cycles, which it would scan over and over (issue 15: ~6 ms of the first paint; the
    # same reasoning as audit/gc_pause.py).
    gc.disable()
    preload_before_qt()
    from gui.app import run

    return run(argv)


def preload_before_qt() -> None:
    """Import the domain modules and form definitions the desktop app opens an audit with before
    PySide6: PySide6 reads the source of every Python module imported after it (its __feature__
    check), and none of these use Qt (issue 15: ~10 ms less CPU before the first paint)."""
    import audit.completeness
    import audit.document
    import audit.local_copy  # noqa: F401
    import forms.navigation  # noqa: F401
    from forms.registry import default_registry

    default_registry()  # the form definitions: the same work the open does, done first


def console() -> int:
    """The `fieldaudit` command that `pip install` makes: the same as `python main.py`."""
    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
