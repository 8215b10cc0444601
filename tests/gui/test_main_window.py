"""The shell: create and reopen audits, in-use and stale locks, local copies, Save As, Edit menu texts, language."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from audit.local_copy import StorageKind
from audit.locking import lock_path
from gui.app import start
from gui.form.view import FormView
from gui.i18n import install_translators, remove_translators
from gui.main_window import MainWindow
from gui.open_audit import ExistingCopyDialog, InUseDialog, open_audit
from gui.preferences import Preferences
from gui.preferences_dialogs import PreferencesDialog
from gui.workspace import RecordsPage

MakeWindow = Callable[[], MainWindow]


def current_form(window: MainWindow) -> FormView:
    assert window.workspace is not None
    widget = window.workspace.stack.currentWidget()
    if isinstance(widget, RecordsPage):
        return widget.detail
    assert isinstance(widget, FormView)
    return widget


def test_new_audit_title_undo_text_and_author(qtbot: QtBot, open_window: MakeWindow, tmp_path: Path) -> None:
    window = open_window()
    path = tmp_path / "audits" / "plant.fieldaudit"
    path.parent.mkdir()
    window.create_audit(path)
    assert window.windowTitle() == "plant.fieldaudit — FieldAudit"
    assert window.workspace is not None
    window.workspace.show_node("form:enterprise")
    form = current_form(window)
    name = form.rows["name"].editor.widget
    assert isinstance(name, QLineEdit)
    name.setFocus()
    qtbot.keyClicks(name, "Hengsheng Dyeing")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert window.windowTitle() == "Hengsheng Dyeing — plant.fieldaudit — FieldAudit"
    assert window.undo_action.text() == "&Undo Add Enterprise"
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo Add Enterprise"
    assert window.windowTitle() == "plant.fieldaudit — FieldAudit"
    window.redo_action.trigger()
    record = window.context.document.records.singleton("enterprise")  # type: ignore[union-attr]
    assert record is not None and record.values["name"] == "Hengsheng Dyeing"
    assert record.author == "Li Ming (Keqiao Energy Centre)"
    assert name.text() == "Hengsheng Dyeing"


def test_menu_keys_and_colour_schemes(open_window: MakeWindow) -> None:
    """The keys set through set_shortcut are the ones setShortcut would set; the scheme chosen is ticked."""
    window = open_window()
    keys = {
        action.text(): action.shortcut() for menu in window.menuBar().findChildren(QMenu) for action in menu.actions()
    }
    assert keys["&New audit…"] == QKeySequence("Ctrl+Shift+N")
    assert keys["&Quit"] == QKeySequence(QKeySequence.StandardKey.Quit)
    assert keys["&Navigator"] == QKeySequence("F9")
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.undo_action.shortcuts() == [QKeySequence(QKeySequence.StandardKey.Undo)]
    ticked = [action.text() for action in window.findChildren(QAction) if action.isChecked()]
    assert "Follow the system" in ticked and "Dark" not in ticked
    window.set_color_scheme(Qt.ColorScheme.Dark)
    try:
        window.close()
        again = open_window()
        ticked = [action.text() for action in again.findChildren(QAction) if action.isChecked()]
        assert "Dark" in ticked and "Follow the system" not in ticked
    finally:
        window.set_color_scheme(Qt.ColorScheme.Unknown)  # the application's palette, for the next tests


def test_opening_the_open_audit_again_is_harmless(open_window: MakeWindow, tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    window = open_window()
    window.create_audit(path)
    assert window.context is not None
    document = window.context.document
    window.open_path(path)
    assert window.context is not None and window.context.document is document and not document.read_only
    assert window.statusBar().currentMessage() == f"{path} is already open."
    document.records.add("note", {"title": "still writable"})
    assert document.records.count("note") == 1


def test_reopens_the_last_audit_where_the_user_was(qtbot: QtBot, prefs: Preferences, tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("motor", {"tag": "M-1"})
        second = document.records.add("motor", {"tag": "M-2"})
    window = start(prefs, path)
    qtbot.addWidget(window)
    assert window.workspace is not None
    window.workspace.show_record(second)
    assert current_form(window).record_uuid == second
    window.close()  # as when the user quits: nothing to save, the lock is released
    assert not window.context
    again = start(Preferences(prefs.path))  # no file given: the last audit
    qtbot.addWidget(again)
    assert again.context is not None and again.context.document.path == path.resolve()
    workspace = again.workspace
    assert workspace is not None
    # The window is painted with the navigator (its node selected) first; the view follows (issue 15).
    assert workspace.navigator.current_key() == "form:motor"
    assert workspace.views == {} and workspace.current_position() == ("form:motor", second)
    placeholder = workspace.stack.currentWidget().findChild(QLabel)
    assert isinstance(placeholder, QLabel) and placeholder.text() == "Opening Motors…"
    qtbot.waitUntil(lambda: bool(workspace.views))
    form = current_form(again)
    assert form.record_uuid == second
    assert form.title.text() == "Motors: M-2"
    again.close()


def test_in_use_dialog_offers_read_only(qtbot: QtBot, open_window: MakeWindow, tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    holder = AuditDocument.create(path, author="Wang Fang")
    holder.records.add("enterprise", {"name": "Hengsheng"})
    try:
        window = open_window()
        seen: dict[str, str] = {}

        def click_read_only() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, InUseDialog)
            seen["text"] = dialog.text()
            seen["details"] = dialog.informativeText()
            dialog.read_only_button.click()

        QTimer.singleShot(0, click_read_only)
        window.open_path(path)
        assert "is open for editing by Wang Fang" in seen["text"]
        assert f"process {os.getpid()} on computer {socket.gethostname()}" in seen["details"]
        assert window.context is not None and window.context.document.read_only
        assert window.windowTitle() == "Hengsheng — plant.fieldaudit [read-only] — FieldAudit"
        assert window.statusBar().currentMessage().startswith("Read-only: changes cannot be saved.")
        window.workspace.show_node("form:enterprise")  # type: ignore[union-attr]
        name = current_form(window).rows["name"].editor.widget
        assert isinstance(name, QLineEdit) and name.isReadOnly()
    finally:
        holder.close()


def test_in_use_dialog_cancel_leaves_the_start_page(qtbot: QtBot, open_window: MakeWindow, tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="Wang Fang"):
        window = open_window()

        def cancel() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, InUseDialog)
            dialog.button(QMessageBox.StandardButton.Cancel).click()

        QTimer.singleShot(0, cancel)
        window.open_path(path)
        assert window.context is None
        assert window.pages.currentWidget() is window.start_page
        assert window.windowTitle() == "FieldAudit"
        assert Preferences(window.preferences.path).last_audit is None
    with AuditDocument.open(path, author="next") as document:
        assert document.records.count("enterprise") == 0  # untouched by the window that gave up


def test_stale_lock_from_a_crash_is_recovered_and_reported(open_window: MakeWindow, tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    AuditDocument.create(path, author="tester").close()
    # What a crashed FieldAudit leaves: its details in the lock file, but no OS lock held any more.
    lock_path(path).write_text(json.dumps({"pid": 4242, "host": "field-laptop", "author": "Zhao"}), encoding="utf-8")
    window = open_window()
    window.open_path(path)
    assert window.context is not None and not window.context.document.read_only
    assert "Recovered the lock left by process 4242 on field-laptop" in window.statusBar().currentMessage()
    window.context.document.records.add("note", {"title": "after the crash"})
    assert window.context.document.records.count("note") == 1


def test_audit_on_a_stick_is_copied_to_the_audits_folder(
    qtbot: QtBot, prefs: Preferences, open_window: MakeWindow, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    source = stick / "plant.fieldaudit"
    with AuditDocument.create(source, author="tester") as document:
        document.records.add("enterprise", {"name": "Hengsheng"})
    window = open_window()
    open_audit(window, source, prefs, window.adopt, storage=lambda _path: StorageKind.REMOVABLE)
    qtbot.waitUntil(lambda: window.context is not None, timeout=10000)
    copy = prefs.audits_folder / "plant.fieldaudit"
    assert window.context is not None and window.context.document.path == copy
    assert window.windowTitle() == "Hengsheng — plant.fieldaudit — FieldAudit"
    notice = window.findChild(QMessageBox, "localCopyNotice")
    assert notice is not None and notice.isVisible()
    assert f"It was copied to {copy}" in notice.text()
    assert "removable media" in window.statusBar().currentMessage()
    window.context.document.records.add("note", {"title": "edited locally"})
    with AuditDocument.open(source, read_only=True) as original:
        assert original.records.count("note") == 0  # the stick's file was only read


def test_save_as_makes_a_consistent_copy_and_carries_on_in_it(open_window: MakeWindow, tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    window = open_window()
    window.create_audit(path)
    assert window.context is not None
    window.context.document.records.add("enterprise", {"name": "Hengsheng"})
    target = tmp_path / "plant-v2.fieldaudit"
    window.save_copy_and_switch(target)
    assert window.context.document.path == target
    assert window.windowTitle() == "Hengsheng — plant-v2.fieldaudit — FieldAudit"
    assert "Now editing" in window.statusBar().currentMessage()
    with AuditDocument.open(path, read_only=True) as original:
        enterprise = original.records.singleton("enterprise")
        assert enterprise is not None and enterprise.values["name"] == "Hengsheng"


def test_language_switch_in_preferences_applies_after_restart(qtbot: QtBot, prefs: Preferences, tmp_path: Path) -> None:
    dialog = PreferencesDialog(prefs)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    dialog.auditor_name.setText("Zhao Lei")
    dialog.accept()
    reread = Preferences(prefs.path)
    assert reread.language == "zh" and reread.author() == "Zhao Lei (Keqiao Energy Centre)"
    path = tmp_path / "plant.fieldaudit"
    AuditDocument.create(path, author="tester").close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, reread.language)
    try:
        window = start(reread, path)
        qtbot.addWidget(window)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
        assert window.workspace is not None
        window.workspace.show_node("form:enterprise")
        form = current_form(window)
        assert form.rows["name"].label.text() == "企业名称 *"
        assert form.status.text() == "尚未填写：在任一字段中输入即可开始。"
        employees = form.rows["employees"]
        assert employees.unit.text() == "人"
        assert isinstance(employees.editor.widget, QLineEdit)
        employees.editor.widget.setFocus()
        qtbot.keyClicks(employees.editor.widget, "0")
        assert form.message("employees") == "错误：职工人数应不小于1人，当前为0。"
        qtbot.keyClick(employees.editor.widget, Qt.Key.Key_Backspace)
        qtbot.keyClicks(employees.editor.widget, "420")
        qtbot.keyClick(employees.editor.widget, Qt.Key.Key_Return)
        assert window.context is not None
        record = window.context.document.records.singleton("enterprise")
        assert (
            record is not None
            and record.values["employees"] == 420
            and record.author == "Zhao Lei (Keqiao Energy Centre)"
        )
        assert window.undo_action.text() == "撤销(&U) 添加 企业概况"
        # Qt's own catalogue is loaded too: the standard buttons of a message box are in Chinese.
        box = QMessageBox(QMessageBox.Icon.Information, "", "", QMessageBox.StandardButton.Cancel)
        assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
        window.close()
    finally:
        remove_translators(app, translators)
    english = MainWindow(Preferences(prefs.path))
    qtbot.addWidget(english)
    assert english.menuBar().actions()[0].text() == "&File"


def test_write_protected_audit_opens_read_only(
    open_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("enterprise", {"name": "Hengsheng"})
    real_open = AuditDocument.open

    def write_protected(
        target: Path, author: str | None = None, read_only: bool = False, check_later: bool = False, **_: object
    ) -> AuditDocument:
        # What a locked stick or a folder without write access does to the lock file (tests run as root,
        # for whom chmod protects nothing).
        if not read_only:
            raise PermissionError(13, "Permission denied", str(lock_path(Path(target))))
        return real_open(target, author=author, read_only=True)

    monkeypatch.setattr(AuditDocument, "open", staticmethod(write_protected))
    window = open_window()
    window.open_path(path)
    assert window.context is not None and window.context.document.read_only
    assert window.windowTitle() == "Hengsheng — plant.fieldaudit [read-only] — FieldAudit"
    assert "the file or its folder cannot be written" in window.statusBar().currentMessage()
    assert window.context.document.records.count("enterprise") == 1


def test_the_stick_audit_copied_before_is_offered_instead_of_a_second_copy(
    qtbot: QtBot, prefs: Preferences, open_window: MakeWindow, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    source = stick / "plant.fieldaudit"
    AuditDocument.create(source, author="tester").close()
    window = open_window()
    on_stick = lambda _path: StorageKind.REMOVABLE  # noqa: E731
    open_audit(window, source, prefs, window.adopt, storage=on_stick)
    qtbot.waitUntil(lambda: window.context is not None, timeout=10000)
    assert window.context is not None
    copy = window.context.document.path
    window.context.document.records.add("note", {"title": "day one"})
    window.close_audit()
    seen: dict[str, str] = {}

    def open_the_copy() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExistingCopyDialog)
        seen["text"] = dialog.text()
        dialog.open_button.click()

    QTimer.singleShot(0, open_the_copy)
    open_audit(window, source, prefs, window.adopt, storage=on_stick)  # the next morning, same stick
    assert seen["text"].startswith(f"plant.fieldaudit was copied to this computer before, as {copy}")
    assert window.context is not None and window.context.document.path == copy
    assert window.context.document.records.count("note") == 1  # day one's work, not a fresh copy
    assert sorted(p.name for p in prefs.audits_folder.glob("*.fieldaudit")) == ["plant.fieldaudit"]
    window.close_audit()

    def copy_again() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExistingCopyDialog)
        dialog.copy_button.click()

    QTimer.singleShot(0, copy_again)
    open_audit(window, source, prefs, window.adopt, storage=on_stick)
    qtbot.waitUntil(lambda: window.context is not None, timeout=10000)
    assert window.context is not None and window.context.document.path.name == "plant (2).fieldaudit"
    assert window.context.document.records.count("note") == 0  # a fresh copy of the stick's file
