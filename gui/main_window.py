"""The main window: menus, title and status bar around the start page or the workspace of the open audit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMenuBar, QMessageBox, QPushButton, QStackedWidget, QWidget

from audit import APP_VERSION
from audit.document import AuditDocument, default_author
from audit.errors import AUDIT_OR_STORAGE_ERRORS, STORAGE_ERRORS, AuditError
from audit.local_copy import local_target
from gui import heap
from gui.context import AppContext, DocumentSignals
from gui.first_paint import after_first_paint
from gui.jobs import finish_readers, start_job
from gui.message_boxes import show_warning
from gui.open_audit import OpenedAudit, open_audit, show_open_error
from gui.panels import discover
from gui.preferences import Preferences, color_scheme_named
from gui.theme import apply_color_scheme
from gui.workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from gui.diagram_predraw import DiagramPredraw
    from gui.package_export import PackageExporter
    from gui.report_export import ReportExporter
    from gui.start_page import StartPage

SUFFIX = ".fieldaudit"
ASK_AGAIN_MS = 250  # how soon the first-run question looks again whether another dialog is still open


def set_shortcut(action: QAction, shortcut: QKeySequence | QKeySequence.StandardKey | str) -> None:
    """action.setShortcut(shortcut), the same key: setShortcut's overloads (one takes a Qt.Key) make
    PySide6 build its whole Qt namespace, setShortcuts' do not (gui/first_paint.py)."""
    action.setShortcuts([QKeySequence(shortcut)])


class MainWindow(QMainWindow):
    document_opened = Signal(str)  # path

    def __init__(self, preferences: Preferences, parent: QWidget | None = None, start_page: bool = True) -> None:
        """`start_page=False`: an audit is opened next (app start-up), so the start page is built only
        if that fails (`show_start_page`)."""
        super().__init__(parent)
        self.preferences = preferences
        self.language = preferences.language
        self.context: AppContext | None = None
        self.workspace: Workspace | None = None
        self.predraw: DiagramPredraw | None = None  # the open audit's (deleted with its workspace)
        self.undo_group = QUndoGroup(self)
        self.pages = QStackedWidget()
        self._start_page: StartPage | None = None
        self.setCentralWidget(self.pages)
        self._remembered_key = ""
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(400)
        self._position_timer.timeout.connect(self.preferences.sync)
        # The to-do count of the open audit, always in sight; a click opens the list.
        self.todo_button = QPushButton()
        self.todo_button.setObjectName("todoCount")
        self.todo_button.setFlat(True)
        self.todo_button.setToolTip(self.tr("Open the to-do list (Ctrl+Shift+T)"))
        self.todo_button.clicked.connect(self.show_todo)
        self.todo_button.setVisible(False)
        self.statusBar().addPermanentWidget(self.todo_button)
        self._build_menus()
        if start_page:
            self.show_start_page()
        else:
            self.setWindowTitle("FieldAudit")
            self._set_document_actions(False)
        geometry = preferences.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            # Field laptops often have 1366 x 768 screens: never open larger than the screen.
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else None
            width = min(1280, int(available.width() * 0.95)) if available else 1280
            height = min(820, int(available.height() * 0.92)) if available else 820
            self.resize(width, height)

    # -- menus ---------------------------------------------------------------------------------------
    def _action(
        self, text: str, slot: Any, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            set_shortcut(action, shortcut)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._build_file_menu(bar)
        self._build_edit_menu(bar)
        self._build_view_menu(bar)
        self._build_help_menu(bar)
        # The office and export actions (modules with dialogs of their own) join right after the first paint.
        after_first_paint(self, self._add_office_and_export_actions)

    def _build_file_menu(self, bar: QMenuBar) -> None:
        file_menu = bar.addMenu(self.tr("&File"))
        # Ctrl+N adds a record wherever the cursor is in an audit (table or form), as in the tables;
        # a new audit is Ctrl+Shift+N, so one key never means two things in one window.
        file_menu.addAction(self._action(self.tr("&New audit…"), self.new_audit, "Ctrl+Shift+N"))
        file_menu.addAction(self._action(self.tr("&Open…"), self.choose_and_open, QKeySequence.StandardKey.Open))
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self._action(self.tr("Open the &demo audit"), self.open_demo))
        self._office_before = file_menu.addSeparator()
        self.save_as_action = self._action(self.tr("Save &As…"), self.save_as, QKeySequence.StandardKey.SaveAs)
        file_menu.addAction(self.save_as_action)
        self._file_menu = file_menu
        self._exporters: list[ReportExporter | PackageExporter] = []
        self.close_action = self._action(self.tr("&Close audit"), self.close_audit, QKeySequence.StandardKey.Close)
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(quit_action)

    def _add_office_and_export_actions(self) -> None:
        from gui.office.launcher import office_action
        from gui.package_export import PackageExporter
        from gui.report_export import ReportExporter

        self._file_menu.insertAction(self._office_before, office_action(self))
        self.report_exporter = ReportExporter(self, lambda: self.context)
        self.package_exporter = PackageExporter(self, lambda: self.context)
        self._exporters = [self.report_exporter, self.package_exporter]
        self._file_menu.insertActions(self.close_action, [exporter.action for exporter in self._exporters])
        self._set_document_actions(self.context is not None)

    def _build_edit_menu(self, bar: QMenuBar) -> None:
        edit_menu = bar.addMenu(self.tr("&Edit"))
        # The group's actions read "Undo Edit Enterprise name": the text of the command they would undo.
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        set_shortcut(self.undo_action, QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        set_shortcut(self.redo_action, QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.add_record_action = self._action(self.tr("&New record"), self.add_record, QKeySequence.StandardKey.New)
        self.add_record_action.setToolTip(self.tr("Add a record to the table shown (Ctrl+N in the table or its form)"))
        edit_menu.addAction(self.add_record_action)
        edit_menu.addSeparator()
        preferences = self._action(
            self.tr("&Preferences…"), self.edit_preferences, QKeySequence.StandardKey.Preferences
        )
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(preferences)

    def _build_view_menu(self, bar: QMenuBar) -> None:
        view_menu = bar.addMenu(self.tr("&View"))
        self.navigator_action = self._action(self.tr("&Navigator"), self._toggle_navigator, "F9")
        self.navigator_action.setCheckable(True)
        self.navigator_action.setChecked(True)
        view_menu.addAction(self.navigator_action)
        self.next_problem_action = self._action(self.tr("Next &incomplete item"), self.next_problem, "F8")
        self.next_problem_action.setToolTip(
            self.tr("Go to the next form or record with missing required values or errors")
        )
        view_menu.addAction(self.next_problem_action)
        self.switch_focus_action = self._action(self.tr("Switch between navigator and &form"), self.switch_focus, "F6")
        view_menu.addAction(self.switch_focus_action)
        view_menu.addSeparator()
        self.todo_action = self._action(self.tr("&To do"), self.show_todo, "Ctrl+Shift+T")
        self.todo_action.setToolTip(self.tr("Every missing value, error and warning of the audit in one list"))
        self.find_action = self._action(self.tr("F&ind a record…"), self.show_find, "Ctrl+Shift+F")
        self.history_action = self._action(self.tr("&History of the record"), self.show_history, "Ctrl+H")
        self.conflicts_action = self._action(self.tr("Conflicts &with imported copies"), self.show_conflicts)
        self.conflicts_action.setToolTip(self.tr("Records changed both here and in an imported copy"))
        self.review_action = self._action(self.tr("Hide the review pane"), self.hide_review, "Ctrl+Shift+H")
        for action in (self.todo_action, self.find_action, self.history_action, self.conflicts_action):
            view_menu.addAction(action)
        view_menu.addAction(self.review_action)
        scheme_menu = view_menu.addMenu(self.tr("&Colour scheme"))
        schemes = QActionGroup(self)
        # By name: Qt.ColorScheme is made only when one is chosen (gui/first_paint.py).
        for text, name in (
            (self.tr("Follow the system"), "system"),
            (self.tr("Light"), "light"),
            (self.tr("Dark"), "dark"),
        ):
            action = self._action(text, lambda _=False, n=name: self.set_color_scheme(color_scheme_named(n)))
            action.setCheckable(True)
            action.setChecked(name == self.preferences.color_scheme_name)
            schemes.addAction(action)
            scheme_menu.addAction(action)
        view_menu.addAction(
            self._action(self.tr("Full &screen"), self._toggle_full_screen, QKeySequence.StandardKey.FullScreen)
        )

    def _build_help_menu(self, bar: QMenuBar) -> None:
        help_menu = bar.addMenu(self.tr("&Help"))
        about = self._action(self.tr("&About FieldAudit"), self.about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about)
        about_qt = self._action(self.tr("About &Qt"), lambda: QMessageBox.aboutQt(self))
        about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        help_menu.addAction(about_qt)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.preferences.recent_files():
            action = self.recent_menu.addAction(f"{path.name}  ({path.parent})")
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("No audit opened yet.")).setEnabled(False)

    def set_color_scheme(self, scheme: Qt.ColorScheme) -> None:
        apply_color_scheme(scheme)
        self.preferences.color_scheme = scheme
        self.preferences.sync()

    def switch_focus(self) -> None:
        if self.workspace is not None:
            self.workspace.switch_focus()

    def next_problem(self) -> None:
        if self.workspace is not None and not self.workspace.next_problem():
            self.statusBar().showMessage(
                self.tr("Nothing is missing: no required value is empty and there are no errors.")
            )

    def show_todo(self) -> None:
        if self.workspace is not None:
            self.workspace.review.show_tab(self.workspace.review.todo)
            self.workspace.review.todo.table.setFocus()

    def show_find(self) -> None:
        if self.workspace is not None:
            self.workspace.review.show_tab(self.workspace.review.finder)
            self.workspace.review.finder.box.setFocus()
            self.workspace.review.finder.box.selectAll()

    def show_history(self) -> None:
        if self.workspace is not None:
            self.workspace.review.show_tab(self.workspace.review.history)

    def show_conflicts(self) -> None:
        if self.workspace is not None:
            self.workspace.review.show_tab(self.workspace.review.conflicts)

    def hide_review(self) -> None:
        if self.workspace is not None:
            self.workspace.review.setVisible(False)

    def _show_todo_count(self, errors: int, missing: int, warnings: int) -> None:
        if errors + missing + warnings == 0:
            self.todo_button.setText(self.tr("To do: nothing"))
        else:
            self.todo_button.setText(
                self.tr("To do: errors %1 · missing %2 · warnings %3")
                .replace("%1", str(errors))
                .replace("%2", str(missing))
                .replace("%3", str(warnings))
            )
        from PySide6.QtCore import Qt

        # Once shown, not while the window is built (Qt.CursorShape builds the Qt namespace: gui/first_paint.py).
        self.todo_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.todo_button.setVisible(True)

    def _toggle_navigator(self, shown: bool) -> None:
        if self.workspace is not None:
            self.workspace.navigator.setVisible(shown)

    def _toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # -- opening and closing -------------------------------------------------------------------------------
    def choose_and_open(self) -> None:
        folder = str(self.preferences.audits_folder)
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open audit"), folder, self.tr("FieldAudit audits (*.fieldaudit);;All files (*)")
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        if self.context is not None and Path(path).resolve() == self.context.document.path.resolve():
            # Already open here; opening it again would find our own lock and call the audit "in use".
            self.statusBar().showMessage(self.tr("%1 is already open.").replace("%1", str(path)))
            return
        open_audit(self, path, self.preferences, self.adopt)

    def add_record(self) -> None:
        if self.workspace is not None and not self.workspace.add_record():
            self.statusBar().showMessage(self.tr("This view has no table to add a record to."), 5000)

    def new_audit(self) -> None:
        folder = self.preferences.audits_folder
        folder.mkdir(parents=True, exist_ok=True)
        suggested = str(local_target(Path("audit" + SUFFIX), folder))
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New audit"), suggested, self.tr("FieldAudit audits (*.fieldaudit)")
        )
        if path:
            self.create_audit(Path(path if path.endswith(SUFFIX) else path + SUFFIX))

    def create_audit(self, path: Path) -> None:
        try:
            document = AuditDocument.create(path, author=self.preferences.author())
        except AUDIT_OR_STORAGE_ERRORS as error:
            message = error.message.get(self.language) if isinstance(error, AuditError) else str(error)
            show_warning(self, self.tr("Cannot create audit"), message)
            return
        self.adopt(OpenedAudit(document))

    def open_demo(self) -> None:
        folder = self.preferences.audits_folder
        folder.mkdir(parents=True, exist_ok=True)
        target = local_target(Path("demo" + SUFFIX), folder)
        start_job(
            lambda _progress: _build_demo(target),
            self,
            self.tr("Building the demo audit…"),
            on_finished=lambda path: self.open_path(Path(path)),
            on_failed=self._demo_failed,
        )

    def _demo_failed(self, message: str) -> None:
        show_warning(self, self.tr("Demo audit"), message)

    def adopt(self, opened: OpenedAudit) -> None:
        """Show a freshly opened audit (closing the one that was open)."""
        self.close_audit(forget=False)
        document = opened.document
        stack = QUndoStack(self)
        self.undo_group.addStack(stack)
        self.undo_group.setActiveStack(stack)
        signals = DocumentSignals(self)
        self.context = AppContext(document, stack, self.preferences.settings, signals, self.language)
        self.workspace = Workspace(self.context, discover(), self)
        self.workspace.navigator.setVisible(self.navigator_action.isChecked())
        self.pages.addWidget(self.workspace)
        self.pages.setCurrentWidget(self.workspace)
        self.workspace.restore_after_first_paint(*self.preferences.position(document.path))
        self.workspace.position_changed.connect(self._remember_position)
        signals.records_changed.connect(lambda form_id: self._update_title() if form_id in ("", "enterprise") else None)
        self.preferences.add_recent(document.path)
        self.preferences.last_audit = document.path
        # Written to disk right after the window's first paint (at once when nothing is held).
        after_first_paint(self, self.preferences.sync)
        self._update_title()
        self._set_document_actions(True)
        notices = list(opened.notices)
        if document.read_only:
            notices.insert(0, self.tr("Read-only: changes cannot be saved."))
        self._show_notices(document, notices)
        self.document_opened.emit(str(document.path))
        # The review pane (to do count, conflicts) is built right after the window's first paint.
        after_first_paint(self.workspace, lambda: self._review_ready(document, notices))
        if document.check_pending:
            after_first_paint(self.workspace, lambda: self._start_integrity_check(document))

    def _show_notices(self, document: AuditDocument, notices: list[str]) -> None:
        self.statusBar().showMessage(
            "  ".join(notices) if notices else self.tr("Opened %1").replace("%1", str(document.path))
        )

    def _review_ready(self, document: AuditDocument, notices: list[str]) -> None:
        if self.workspace is None or self.context is None or self.context.document is not document:
            return
        review = self.workspace.review
        review.todo.counted.connect(self._show_todo_count)
        self._start_predraw(self.workspace)
        conflicts = review.conflicts.model.rowCount()
        if conflicts:
            # Both versions are kept until a person chooses: say so as the audit opens.
            self.show_conflicts()
            text = self.tr("%1 conflicts with imported copies to settle.").replace("%1", str(conflicts))
            self._show_notices(document, [*notices, text])

    def _start_integrity_check(self, document: AuditDocument) -> None:
        """SQLite's check of every page, after the audit is shown (0.3 s on a large audit, issue 15);
        the audit becomes writable when it passed. An edit made meanwhile waits for it."""
        if self.context is None or self.context.document is not document or not document.check_pending:
            return
        start_job(
            lambda _progress: document.verify(),
            self,
            "",
            on_finished=lambda _result: self._integrity_checked(document),
            on_failed=lambda message: self._integrity_failed(document, message),
            show_progress=False,
            reads=document.path,
        )

    def _integrity_checked(self, document: AuditDocument) -> None:
        if self.context is None or self.context.document is not document:
            return
        try:
            document.finish_check()
        except AuditError as error:
            self._integrity_failed(document, error.message.get(self.language))

    def _integrity_failed(self, document: AuditDocument, message: str) -> None:
        """A damaged file: the message opening it used to show, and the audit is closed unwritten."""
        if self.context is None or self.context.document is not document:
            return
        document.read_only = True
        show_open_error(self, message)
        self.close_audit()

    def _start_predraw(self, workspace: Workspace) -> None:
        """The report's water-balance diagrams drawn in the background once the first to-do count is in."""
        from PySide6.QtCore import Qt

        from gui.diagram_predraw import DiagramPredraw

        assert self.context is not None
        self.predraw = DiagramPredraw(self.context, workspace)
        workspace.review.todo.counted.connect(self.predraw.first_pass, Qt.ConnectionType.SingleShotConnection)

    def close_audit(self, forget: bool = True) -> None:
        if self.context is None:
            return
        self._store_position()
        if self.workspace is not None:
            self.pages.removeWidget(self.workspace)
            # Deleted now, not later: a view's pending timer must not reach the closed database.
            shiboken6.delete(self.workspace)
            self.workspace = None
            self.predraw = None
        self.undo_group.removeStack(self.context.undo_stack)
        self.context.undo_stack.deleteLater()
        self.context.signals.deleteLater()
        finish_readers(self.context.document.path)
        self.context.document.close()
        self.context = None
        heap.release()  # the closed audit's views and counts are garbage now, cycles included
        if forget:
            self.preferences.last_audit = None
            self.preferences.sync()
        self.show_start_page()

    def save_as(self) -> None:
        if self.context is None:
            return
        document = self.context.document
        suggested = str(local_target(document.path, document.path.parent))
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy as"), suggested, self.tr("FieldAudit audits (*.fieldaudit)")
        )
        if path:
            self.save_copy_and_switch(Path(path if path.endswith(SUFFIX) else path + SUFFIX))

    def save_copy_and_switch(self, target: Path) -> None:
        """Save As: a consistent copy through SQLite's backup API, then carry on editing the copy."""
        assert self.context is not None
        original = self.context.document.path
        if target.resolve() == original.resolve() or target.exists():
            show_warning(
                self, self.tr("Save As"), self.tr("%1 already exists; choose another name.").replace("%1", str(target))
            )
            return
        try:
            self.context.document.save_copy(target)
        except STORAGE_ERRORS as error:
            show_warning(self, self.tr("Save As"), str(error))
            return
        self.open_path(target)
        self.statusBar().showMessage(
            self.tr("Now editing %1; %2 keeps the state it had.")
            .replace("%1", str(target))
            .replace("%2", original.name)
        )

    @property
    def start_page(self) -> StartPage:
        if self._start_page is None:
            from gui.start_page import StartPage

            self._start_page = StartPage()
            self.pages.insertWidget(0, self._start_page)
            self._start_page.new_requested.connect(self.new_audit)
            self._start_page.open_requested.connect(self.choose_and_open)
            self._start_page.demo_requested.connect(self.open_demo)
            self._start_page.recent_chosen.connect(lambda path: self.open_path(Path(path)))
        return self._start_page

    def show_start_page(self) -> None:
        self.start_page.set_recent(self.preferences.recent_files())
        self.pages.setCurrentWidget(self.start_page)
        self.setWindowTitle("FieldAudit")
        self.setWindowFilePath("")
        self._set_document_actions(False)

    def _set_document_actions(self, enabled: bool) -> None:
        for action in (
            self.todo_action,
            self.find_action,
            self.history_action,
            self.conflicts_action,
            self.review_action,
        ):
            action.setEnabled(enabled)
        if not enabled:
            self.todo_button.setVisible(False)
        self.add_record_action.setEnabled(enabled)
        self.save_as_action.setEnabled(enabled)
        for exporter in self._exporters:
            exporter.action.setEnabled(enabled)
        self.close_action.setEnabled(enabled)
        self.next_problem_action.setEnabled(enabled)
        self.switch_focus_action.setEnabled(enabled)

    def _update_title(self) -> None:
        if self.context is None:
            return
        document = self.context.document
        enterprise = document.records.singleton("enterprise") if "enterprise" in document.registry else None
        name = str(enterprise.get("name", "")) if enterprise is not None else ""
        parts = [name] if name else []
        parts.append(document.path.name + (" " + self.tr("[read-only]") if document.read_only else ""))
        parts.append("FieldAudit")
        self.setWindowTitle(" — ".join(parts))
        self.setWindowFilePath(str(document.path))

    # -- where the user was ---------------------------------------------------------------------------------
    def _remember_position(self, key: str, record: str) -> None:
        if self.context is None:
            return
        # A new node is written at once; walking down a table (a new record per key press) is written
        # once the cursor rests, so that the settings file is not rewritten for every row.
        same_node = key == self._remembered_key
        self._remembered_key = key
        self.preferences.set_position(self.context.document.path, key, record or None, write_now=not same_node)
        if same_node:
            self._position_timer.start()

    def _store_position(self) -> None:
        if self.context is not None and self.workspace is not None:
            key, record = self.workspace.current_position()
            self.preferences.set_position(self.context.document.path, key, record)
            self.preferences.sync()

    # -- dialogs ------------------------------------------------------------------------------------------------
    def edit_preferences(self) -> None:
        old_language = self.preferences.saved_language
        from gui.preferences_dialogs import PreferencesDialog

        dialog = PreferencesDialog(self.preferences, self)
        if not dialog.exec():
            return
        self._sign_edits()
        if self.preferences.saved_language != old_language:
            self.statusBar().showMessage(self.tr("The new language is used after FieldAudit is restarted."))

    def ask_auditor_name(self) -> None:
        """The first-run question (not blocking: the window and the audit are usable meanwhile).

        Asked once no other dialog waits for an answer: the open's own question (an upgrade that
        failed, an audit in use) is shown before the first paint and would be covered by this one.
        """
        if QApplication.activeModalWidget() is not None:
            QTimer.singleShot(ASK_AGAIN_MS, self, self.ask_auditor_name)
            return
        from gui.preferences_dialogs import AuditorDialog

        dialog = AuditorDialog(self.preferences, self)
        dialog.accepted.connect(self._sign_edits)
        dialog.open()

    def _sign_edits(self) -> None:
        # Edits from now on carry the name just given, not the one the audit was opened with.
        if self.context is not None:
            self.context.document.author = self.preferences.author() or default_author()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About FieldAudit"),
            self.tr(
                "FieldAudit %1\nOffline energy audits and water-balance tests following the Chinese national standards."
            ).replace("%1", APP_VERSION),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every edit is already committed; closing only records where the user was and releases the lock.
        self.close_audit(forget=False)
        self.preferences.window_geometry = self.saveGeometry()
        self.preferences.sync()
        super().closeEvent(event)


def _build_demo(target: Path) -> Path:
    # Imported when asked for, not at start-up.
    from audit.demo import build_demo

    return build_demo(target)
