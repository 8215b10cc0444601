"""Renders the main views of the demo audit to PNG files in both languages: `python -m gui.screenshots OUTDIR`."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

# Offscreen unless the caller chose a platform (xvfb-run, a real desktop): no display is needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QLineEdit

from audit.demo import build_demo
from gui.app import create_application
from gui.form.view import FormView
from gui.i18n import install_translators, remove_translators
from gui.main_window import MainWindow
from gui.panels import discover
from gui.preferences import Preferences
from gui.records.commands import edit_record
from gui.theme import apply_color_scheme

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


def _validation_and_dark(app: QApplication, window: MainWindow, out: Path, language: str) -> list[Path]:
    """The enterprise form with an error and a warning as they appear while typing, in light and dark."""
    assert window.workspace is not None
    window.workspace.show_node("form:enterprise")
    _settle(app)
    window.workspace.navigator.scrollToTop()
    form = window.workspace.stack.currentWidget()
    if not isinstance(form, FormView) or form.record is None:
        return []
    code = str(form.values.get("credit_code") or "91330621MA2BX7Q48L")
    typed = {
        "credit_code": code[:-1] + ("X" if code[-1] != "X" else "Y"),
        "value_added_10k_yuan": "100",
    }
    for name, text in typed.items():
        editor = form.rows[name].editor.widget
        if isinstance(editor, QLineEdit):
            editor.setText(text)  # typed, not committed: nothing is written to the audit
            form.check_now(name)
    written = []
    for scheme, suffix in ((Qt.ColorScheme.Light, "validation"), (Qt.ColorScheme.Dark, "validation-dark")):
        apply_color_scheme(scheme)
        _settle(app)
        path = out / f"{language}-enterprise-{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
    apply_color_scheme(Qt.ColorScheme.Unknown)
    _settle(app)
    form.set_record(form.record_uuid)
    return written


def _review(app: QApplication, window: MainWindow, demo: Path, out: Path, language: str) -> list[Path]:
    """The to-do list and a record's history, on a copy of the demo given a few slips an auditor makes."""
    copy = demo.with_name(f"review-{language}.fieldaudit")
    shutil.copy(demo, copy)
    window.open_path(copy)
    assert window.context is not None and window.workspace is not None
    context = window.context
    records = context.document.records
    motors = records.list("motor")
    first, second = motors[0], motors[1]
    # A location left empty, a tag typed twice, a meter read lower than the reading before.
    edit_record(context, first.uuid, {"location": None}, "location")
    edit_record(context, first.uuid, {"rated_power_kw": 110.0}, "rated_power_kw")
    edit_record(context, second.uuid, {"tag": first.values["tag"]}, "tag")
    meter = next(m for m in records.list("water_meter") if m.values.get("meter_number") == "W-011")
    readings = sorted(
        (r for r in records.list("water_reading") if r.values.get("meter") == meter.uuid),
        key=lambda r: str(r.values["read_at"]),
    )
    edit_record(context, readings[4].uuid, {"value": float(readings[3].values["value"]) - 500.0}, "value")
    todo = window.workspace.review.todo
    todo.refresh()
    QThreadPool.globalInstance().waitForDone(60000)
    _settle(app, 20)
    window.show_todo()
    window.workspace.show_record(first.uuid)
    window.show_todo()
    _settle(app)
    written = []
    path = out / f"{language}-todo.png"
    window.grab().save(str(path))
    written.append(path)
    window.show_history()
    _settle(app)
    path = out / f"{language}-history.png"
    window.grab().save(str(path))
    written.append(path)
    window.close_audit(forget=False)
    return written


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
            preferences.auditor_name = "李明" if language == "zh" else "Li Ming"
            preferences.auditor_asked = True
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
                QThreadPool.globalInstance().waitForDone(30000)  # panels that compute in the background
                _settle(app)
                path = out / f"{language}-{name}.png"
                window.grab().save(str(path))
                written.append(path)
            written.extend(_validation_and_dark(app, window, out, language))
            written.extend(_review(app, window, demo, out, language))
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
