"""File > Open office database… in the audit window: the office window is imported only when asked for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from audit.errors import AuditError

if TYPE_CHECKING:
    from gui.office.window import OfficeWindow


def office_action(parent: QMainWindow) -> QAction:
    """File > Open office database… for the audit window: the office window opens beside it."""
    action = QAction(QApplication.translate("OfficeWindow", "Open &office database…"), parent)
    windows: list[OfficeWindow] = []

    def choose() -> None:
        from gui.office.window import open_office_window

        path, _ = QFileDialog.getOpenFileName(
            parent,
            action.text().replace("&", "").rstrip("…"),
            "",
            QApplication.translate("OfficeWindow", "Office database (*.fieldoffice *.office *.sqlite);;All files (*)"),
        )
        if not path:
            return
        try:
            window = open_office_window(Path(path))
        except AuditError as error:
            QMessageBox.warning(parent, "FieldAudit", str(error))
            return
        # Kept referenced: an unparented Python-owned window would be garbage-collected and vanish.
        windows.append(window)
        window.destroyed.connect(lambda: windows.remove(window) if window in windows else None)

    action.triggered.connect(choose)
    return action
