"""Fixtures for the shell and form tests: preferences in tmp_path, a context over a fresh audit, a main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from audit.office.database import OfficeDatabase
from gui.context import AppContext, DocumentSignals
from gui.main_window import MainWindow
from gui.office.window import OfficeWindow
from gui.preferences import Preferences


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    preferences = Preferences(tmp_path / "config" / "fieldaudit.ini")
    preferences.language = "en"
    preferences.auditor_name = "Li Ming"
    preferences.organisation = "Keqiao Energy Centre"
    preferences.audits_folder = tmp_path / "audits"
    return preferences


@pytest.fixture
def shell_context(tmp_path: Path) -> Iterator[AppContext]:
    """An AppContext over a fresh audit file (closed after the test)."""
    document = AuditDocument.create(tmp_path / "plant.fieldaudit", author="tester")
    settings = QSettings(str(tmp_path / "context.ini"), QSettings.Format.IniFormat)
    context = AppContext(document, QUndoStack(), settings, DocumentSignals(), "en")
    yield context
    # Views go before the database they read (pytest-qt would close them only after this fixture).
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget) and widget.parent() is None:
            widget.close()
            shiboken6.delete(widget)
    document.close()


@pytest.fixture
def open_window(qtbot: QtBot, prefs: Preferences) -> Iterator[Callable[[], MainWindow]]:
    """Makes main windows that are closed (releasing their audit) when the test ends."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(prefs)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close_audit(forget=False)


@pytest.fixture
def office_window(qtbot: QtBot, office: OfficeDatabase) -> Iterator[OfficeWindow]:
    """The office window shown over `office` (a test module may override `office` with a filled one)."""
    shown = OfficeWindow(office)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    # The window closes the office database itself; the fixture's close is then a no-op.
