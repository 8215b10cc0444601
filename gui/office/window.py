"""The county office window: a separate main window over one office database, its tabs found in gui/office/.

Opened with `python main.py office-gui OFFICE` or from the audit window's File menu. Each tab module
gives TAB_ORDER and make_tab(office, parent); the window gives them one undo stack (Edit menu).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QTabWidget, QWidget

from audit.errors import AuditError
from audit.office.database import OfficeDatabase
from audit.office.importing import PACKAGE_SUFFIX
from audit.office.workbook import export_office_workbook
from gui.i18n import current_language
from gui.office import tab_modules
from gui.office.conflicts import ConflictsTab


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
        # Package files (.zip) or a folder of them dropped on the window are imported by the tab that
        # imports (the conflicts tab's background import: progress, Cancel, outcome per package).
        self.setAcceptDrops(True)
        self.statusBar()  # made now, so a message about a drop shows below the tabs
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

    def importer(self) -> ConflictsTab | None:
        """The tab that imports packages, or None."""
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if isinstance(widget, ConflictsTab):
                return widget
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_packages(event) and self.importer() is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_packages(event)
        importer = self.importer()
        if not paths or importer is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.tabs.setCurrentWidget(importer)  # the progress and each package's outcome are shown there
        if importer.importing():
            self.statusBar().showMessage(
                self.tr("An import is already running: drop the packages again when it ends."), 10_000
            )
            return
        importer.import_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.office.close()
        super().closeEvent(event)


def dropped_packages(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    """The local package files (.zip) and folders among what is dragged; anything else is left out."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_dir() or (path.is_file() and path.suffix.lower() == PACKAGE_SUFFIX)]


def open_office_window(path: Path, parent: QWidget | None = None) -> OfficeWindow:
    office = OfficeDatabase.open(path)
    window = OfficeWindow(office, parent)
    window.show()
    return window
