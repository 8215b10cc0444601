"""Renders the main views of the demo audit to PNG files in both languages: `python -m gui.screenshots OUTDIR`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Offscreen unless the caller chose a platform (xvfb-run, a real desktop): no display is needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from audit.demo import build_demo
from gui.app import create_application
from gui.i18n import install_translators, remove_translators
from gui.main_window import MainWindow
from gui.panels import discover
from gui.preferences import Preferences

SIZE = (1440, 900)


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _views(window: MainWindow) -> list[tuple[str, str, str | None]]:
    """(file name, navigator node, record to show): the views a reader of the README wants to see."""
    assert window.context is not None
    records = window.context.document.records
    views: list[tuple[str, str, str | None]] = [("enterprise", "form:enterprise", None)]
    for name, form_id in (("energy", "energy_use"), ("motors", "motor"), ("notes", "note")):
        if form_id in window.context.document.registry:
            first = records.list(form_id)[:1]
            views.append((name, f"form:{form_id}", first[0].uuid if first else None))
    units = (
        [u for u in records.list("water_unit") if u.values.get("parent_unit")]
        if "water_unit" in records.registry
        else []
    )
    if units:
        views.append(("water-unit", f"record:{units[0].uuid}", None))
    views.append(("photos", "photos", None))
    views.extend((f"panel-{panel.key}", f"panel:{panel.key}", None) for panel in discover())
    return views


def render(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        demo = build_demo(Path(folder) / "demo.fieldaudit")
        for language in ("en", "zh"):
            preferences = Preferences(Path(folder) / f"{language}.ini")
            preferences.language = language
            preferences.audits_folder = folder
            translators = install_translators(app, language)
            window = MainWindow(preferences)
            window.resize(*SIZE)
            window.show()
            _settle(app)
            start = out / f"{language}-start.png"
            window.start_page.set_recent([demo])
            window.grab().save(str(start))
            written.append(start)
            window.open_path(demo)
            assert window.workspace is not None
            for name, key, record in _views(window):
                window.workspace.show_node(key, record)
                _settle(app)
                path = out / f"{language}-{name}.png"
                window.grab().save(str(path))
                written.append(path)
            window.close()
            window.deleteLater()
            _settle(app)
            remove_translators(app, translators)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m gui.screenshots OUTDIR", file=sys.stderr)
        return 2
    for path in render(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
