"""Killing the app mid-visit loses nothing: the edit is in the file, the lock is recovered, the view is restored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from gui.app import start
from gui.form.view import FormView
from gui.preferences import Preferences

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import os, signal, sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from gui.app import create_application, start
from gui.preferences import Preferences

app = create_application()
window = start(Preferences(sys.argv[2]), Path(sys.argv[1]))
window.workspace.show_node("form:enterprise")
name = window.workspace.stack.currentWidget().rows["name"].editor.widget
name.setFocus()
QTest.keyClicks(name, "Killed Mid-Visit Ltd")
QTest.keyClick(name, Qt.Key.Key_Return)
print("typed", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_app_loses_nothing_and_reopens_where_it_was(qtbot: QtBot, prefs: Preferences, tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    AuditDocument.create(path, author="tester").close()
    prefs.sync()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(prefs.path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "typed" in child.stdout
    window = start(Preferences(prefs.path))  # no file: the last audit, as after a restart
    qtbot.addWidget(window)
    assert window.context is not None
    enterprise = window.context.document.records.singleton("enterprise")
    assert enterprise is not None and enterprise.values["name"] == "Killed Mid-Visit Ltd"
    assert window.statusBar().currentMessage().startswith("Recovered the lock left by process ")
    workspace = window.workspace
    assert workspace is not None and workspace.navigator.current_key() == "form:enterprise"
    # The form is built right after the window's first paint.
    qtbot.waitUntil(lambda: bool(workspace.views))
    form = workspace.stack.currentWidget()
    assert isinstance(form, FormView)
    assert form.title.text() == "Enterprise: Killed Mid-Visit Ltd"
    window.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM handling is POSIX")
def test_terminate_closes_the_audit_tidily(tmp_path: Path) -> None:
    import time

    path = tmp_path / "plant.fieldaudit"
    AuditDocument.create(path, author="tester").close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDAUDIT_SETTINGS": str(tmp_path / "s.ini")}
    app = subprocess.Popen(
        [sys.executable, "main.py", "open", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = path.with_name(path.name + "-wal")
    deadline = time.monotonic() + 30
    while not wal.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert wal.exists(), "the app did not open the audit"
    time.sleep(0.5)
    app.send_signal(signal.SIGTERM)
    assert app.wait(timeout=30) == 0
    assert not wal.exists()  # folded back: the audit is one file again
    assert not path.with_name(path.name + ".lock").exists()  # nothing left beside the audit
    with AuditDocument.open(path, author="next") as document:
        assert document.lock is not None and document.lock.recovered_stale is None
