"""The county office window: a separate main window over one office database, its tabs found in gui/office/.

Opened with `python main.py office-gui OFFICE` or from the audit window's File menu. Each tab module
gives TAB_ORDER and make_tab(office, parent); the window gives them one undo stack (Edit menu).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QTabWidget, QWidget

from audit.errors import AuditError
from audit.office.database import OfficeDatabase
from audit.office.workbook import export_office_workbook
from gui.i18n import current_language
from gui.office import tab_modules


class OfficeWindow(QMainWindow):
    """Tabs over the office database; closing the window closes the database (its WAL folded back)."""

    def __init__(self, office: OfficeDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(self.tr("FieldAudit office — %1").replace("%1", office.path.name))
        self.tabs = QTabWidget(self)
        self.setCentralWidget(self.tabs)
        for module in tab_modules():
            tab = module.make_tab(office, self)
            self.tabs.addTab(tab, tab.windowTitle())
        self._menus()
        # Another tab may have changed the office (an import in the conflicts tab): a tab shown again
        # reads the database afresh.
        self.tabs.currentChanged.connect(self._refresh_tab)
        self.resize(1280, 800)

    def _refresh_tab(self, index: int) -> None:
        refresh = getattr(self.tabs.widget(index), "refresh", None)
        if callable(refresh):
            refresh()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        export = QAction(self.tr("&Export workbook…"), self)
        export.setShortcut(QKeySequence("Ctrl+E"))
        export.triggered.connect(self.choose_and_export)
        file_menu.addAction(export)
        close = QAction(self.tr("&Close office"), self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        file_menu.addAction(close)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)

    def tab(self, title: str) -> QWidget:
        """The tab whose title is `title` (tests and the screenshot tool find tabs by title)."""
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if self.tabs.tabText(index) == title and widget is not None:
                return widget
        raise KeyError(title)

    def choose_and_export(self) -> None:
        suggested = str(self.office.path.with_suffix(".xlsx"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export workbook"), suggested, self.tr("Excel (*.xlsx)"))
        if path:
            self.export(Path(path))

    def export(self, target: Path, month: str | None = None) -> None:
        """Write the consolidated workbook in the interface language (the reserve as of `month`)."""
        try:
            export_office_workbook(
                self.office.db, target, current_language(), month, dt.date.today(), self.office.path.stem
            )
        except (AuditError, OSError) as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return
        self.statusBar().showMessage(self.tr("Workbook written to %1").replace("%1", str(target)), 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.office.close()
        super().closeEvent(event)


def open_office_window(path: Path, parent: QWidget | None = None) -> OfficeWindow:
    office = OfficeDatabase.open(path)
    window = OfficeWindow(office, parent)
    window.show()
    return window
