"""main.py routes to the desktop app or the command line; the app starts, shows a window and remembers the audit."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from gui.app import parse_arguments
from gui.main_window import MainWindow
from gui.preferences import Preferences

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: str, settings: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FIELDAUDIT_QUIT_WHEN_SHOWN": "1",
        "FIELDAUDIT_SETTINGS": str(settings),
        "FIELDAUDIT_LANG": "en",
    }
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def qt_namespace_at_import() -> bool:
    probe = "import sys, PySide6.QtCore; print('Qt' in vars(sys.modules['PySide6.QtCore']))"
    return (
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
        == "True"
    )


def test_the_app_draws_in_fusion() -> None:
    probe = "from gui.app import create_application; print(create_application().style().name())"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "windows"}
    made = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert made.stdout.strip() == "fusion"


def test_arguments() -> None:
    for argv, file in (
        ([], None),
        (["open"], None),
        (["open", "a.fieldaudit"], "a.fieldaudit"),
        (["b.fieldaudit"], "b.fieldaudit"),
    ):
        args = parse_arguments(argv)
        assert (args.file, args.settings) == (Path(file) if file else None, None)
    args = parse_arguments(["--settings", "s.ini", "a.fieldaudit"])
    assert (args.settings, args.file) == (Path("s.ini"), Path("a.fieldaudit"))


def test_open_shows_the_window_then_no_argument_reopens_it(tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("enterprise", {"name": "Hengsheng"})
    settings = tmp_path / "fieldaudit.ini"
    opened = run_main("open", str(path), settings=settings)
    assert opened.returncode == 0, opened.stderr
    assert "shown-at" in opened.stdout and "matplotlib-loaded=False" in opened.stdout
    # The first paint imports neither charts nor sqlite-utils (reads and the history are plain SQL).
    assert "sqlite-utils-loaded=False" in opened.stdout
    # Painted before PySide6 built its Qt namespace (~15 ms: gui/first_paint.py), where PySide6
    # builds its classes on first use (a bare import of QtCore leaves Qt out).
    assert "gc=on" in opened.stdout  # the cycle collector, held off by main.py, is back once painted
    if not qt_namespace_at_import():
        assert "qt-namespace=False" in opened.stdout
    assert Preferences(settings).last_audit == path.resolve()
    again = run_main(settings=settings)
    assert again.returncode == 0, again.stderr
    assert Preferences(settings).recent_files() == [path.resolve()]
    # Any other first word is still a command of the command line.
    info = run_main("info", str(path), settings=settings)
    assert info.returncode == 0 and "Enterprise: Hengsheng" in info.stdout


def test_start_page_opens_the_demo_built_in_the_background(
    qtbot: QtBot, open_window: Callable[[], MainWindow], prefs: Preferences
) -> None:
    window = open_window()
    assert window.pages.currentWidget() is window.start_page
    window.start_page.demo_button.click()
    qtbot.waitUntil(lambda: window.context is not None, timeout=30000)
    assert window.context is not None
    assert window.context.document.path == prefs.audits_folder / "demo.fieldaudit"
    enterprise = window.context.document.records.singleton("enterprise")
    assert enterprise is not None
    assert window.windowTitle() == f"{enterprise.values['name']} — demo.fieldaudit — FieldAudit"
    window.close_audit()
    assert window.pages.currentWidget() is window.start_page
    assert window.start_page.recent.item(0).text().startswith("demo.fieldaudit")
    assert Preferences(prefs.path).last_audit is None  # closed on purpose: the next start shows this page


def test_an_unexpected_error_says_edits_are_safe_and_is_logged(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    import gui.app

    log = tmp_path / "logs" / "fieldaudit-errors.log"
    monkeypatch.setattr(gui.app, "error_log_path", lambda: log)
    try:
        raise KeyError("no form with id 'boiler_v0'")
    except KeyError as error:
        gui.app.report_unexpected_error(KeyError, error, error.__traceback__)
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "unexpectedError")
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    assert box.isVisible()
    assert box.text() == "Something went wrong in FieldAudit. Every edit made so far is saved in the audit file."
    assert box.informativeText() == f"Details were written to {log}."
    assert "KeyError" in box.detailedText() and "boiler_v0" in box.detailedText()
    assert "boiler_v0" in log.read_text(encoding="utf-8")
    assert "KeyError" in capsys.readouterr().err
