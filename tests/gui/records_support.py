"""Helpers for the record-table and photo tests: an AppContext over a fresh audit file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from audit.document import AuditDocument
from gui.context import AppContext, DocumentSignals


def make_context(document: AuditDocument, tmp_path: Path, language: str = "en") -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(
        document=document,
        undo_stack=QUndoStack(),
        settings=settings,
        signals=DocumentSignals(),
        language=language,
    )


def close_views() -> None:
    """Let pending table reloads run and close every window before the audit closes, as the main window does."""
    QCoreApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        widget.close()
