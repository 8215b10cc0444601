"""Preferences survive a restart (read back by another process), and the colour scheme reaches the forms."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from gui.context import AppContext
from gui.form.view import FormView
from gui.main_window import MainWindow
from gui.preferences import Preferences

ROOT = Path(__file__).resolve().parents[2]

READER = """
import json, sys
from gui.preferences import Preferences
p = Preferences(sys.argv[1])
print(json.dumps({"language": p.language, "author": p.author(), "folder": str(p.audits_folder),
                  "recent": [str(r) for r in p.recent_files()], "last": str(p.last_audit),
                  "position": p.position(p.last_audit), "scheme": p.color_scheme.name}))
"""


def test_preferences_are_read_back_by_a_new_process(prefs: Preferences, tmp_path: Path) -> None:
    audit = tmp_path / "审计 2025.fieldaudit"  # non-ASCII and a space, as users name files
    prefs.language = "zh"
    prefs.add_recent(tmp_path / "old.fieldaudit")
    prefs.add_recent(audit)
    prefs.last_audit = audit
    prefs.set_position(audit, "form:motor", "abc-123")
    prefs.color_scheme = Qt.ColorScheme.Dark
    prefs.sync()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", READER, str(prefs.path)], env=env, capture_output=True, text=True, check=True, timeout=60
    )
    read = json.loads(result.stdout)
    assert read == {
        "language": "zh",
        "author": "Li Ming (Keqiao Energy Centre)",
        "folder": str(tmp_path / "audits"),
        "recent": [str(audit.resolve()), str((tmp_path / "old.fieldaudit").resolve())],
        "last": str(audit.resolve()),
        "position": ["form:motor", "abc-123"],
        "scheme": "Dark",
    }
    assert prefs.path.read_text(encoding="utf-8").count("[interface]") == 1


def test_dark_scheme_reaches_the_form_and_its_messages(
    qtbot: QtBot, prefs: Preferences, shell_context: AppContext
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    view = FormView(shell_context, "enterprise")
    qtbot.addWidget(view)
    view.show()
    code = view.rows["credit_code"].editor.widget
    assert isinstance(code, QLineEdit)
    code.setText("123")
    view.check_now("credit_code")
    assert "#c62828" in view.rows["credit_code"].message.styleSheet()
    try:
        window.set_color_scheme(Qt.ColorScheme.Dark)
        assert app.palette().window().color().lightness() < 128
        qtbot.waitUntil(lambda: view.palette().base().color().lightness() < 128)
        assert "#ff8a80" in view.rows["credit_code"].message.styleSheet()  # the lighter red of dark mode
        assert Preferences(prefs.path).color_scheme is Qt.ColorScheme.Dark
    finally:
        window.set_color_scheme(Qt.ColorScheme.Unknown)
    assert app.palette().window().color().lightness() >= 128
    qtbot.waitUntil(lambda: "#c62828" in view.rows["credit_code"].message.styleSheet())


def test_language_defaults_to_the_system_locale(tmp_path: Path) -> None:
    code = "import sys; from gui.preferences import Preferences; print(Preferences(sys.argv[1]).language)"
    found = {}
    for locale in ("zh_CN.UTF-8", "en_GB.UTF-8"):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "LANG": locale, "LC_ALL": locale}
        env.pop("LANGUAGE", None)
        env.pop("FIELDAUDIT_LANG", None)
        result = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "empty.ini")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        found[locale] = result.stdout.strip()
    assert found == {"zh_CN.UTF-8": "zh", "en_GB.UTF-8": "en"}
    assert not (tmp_path / "empty.ini").exists()  # reading a default writes nothing
