"""Opening an older audit in the window: a notice while it is upgraded; when the upgrade fails, the
window says why and what to do, the file is left as it was, and it can still be opened read-only (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from audit.schema import SCHEMA_VERSION
from gui.app import start
from gui.i18n import install_translators, remove_translators
from gui.main_window import MainWindow
from gui.open_audit import UpgradeFailedDialog
from gui.preferences import Preferences
from gui.preferences_dialogs import AuditorDialog
from tests.audit.test_schema_upgrade import every_row, filed_twice, layout_of, unpacked4


def _failing(tmp_path: Path) -> tuple[Path, dict[str, list[str]], dict[str, list[object]]]:
    """A schema-4 audit the upgrade to schema 5 refuses halfway, its layout and every row."""
    path = unpacked4(tmp_path)
    filed_twice(path)
    layout = layout_of(path)
    return path, layout, every_row(path, layout)  # type: ignore[return-value]


def _answer(choice: str, seen: dict[str, str]) -> None:
    """Once the open shows its dialog (after the upgrade's notice), read it and press `choice`
    ("read-only" or "cancel")."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, UpgradeFailedDialog):
        QTimer.singleShot(20, lambda: _answer(choice, seen))
        return
    seen["title"], seen["text"] = dialog.windowTitle(), dialog.text()
    seen["button"] = dialog.read_only_button.text()
    if choice == "read-only":
        dialog.read_only_button.click()
    else:
        dialog.button(QMessageBox.StandardButton.Cancel).click()


def test_the_window_says_why_and_opens_it_read_only(
    qtbot: QtBot, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    path, layout, before = _failing(tmp_path)
    window = open_window()
    seen: dict[str, str] = {}
    QTimer.singleShot(0, lambda: _answer("read-only", seen))
    window.open_path(path)
    assert seen["title"] == "Cannot upgrade audit" and seen["button"] == "Open &read-only"
    assert seen["text"].startswith(f"{path}: this audit could not be upgraded to this version of FieldAudit")
    assert "UNIQUE constraint failed" in seen["text"] and "The file was not changed." in seen["text"]
    assert window.context is not None and window.context.document.read_only
    assert window.context.document.schema_version() == 4
    assert window.windowTitle().endswith("schema4.fieldaudit [read-only] — FieldAudit")
    notice = "Opened read-only: this audit could not be upgraded to this version of FieldAudit."
    assert notice in window.statusBar().currentMessage()
    window.close_audit()
    assert layout_of(path) == layout and every_row(path, layout) == before


def test_cancel_leaves_the_start_page_and_the_file_as_it_was_in_chinese(
    qtbot: QtBot, qapp: QApplication, open_window: Callable[[], MainWindow], prefs: Preferences, tmp_path: Path
) -> None:
    path, layout, before = _failing(tmp_path)
    prefs.language = "zh"
    translators = install_translators(qapp, "zh")
    try:
        window = open_window()
        seen: dict[str, str] = {}
        QTimer.singleShot(0, lambda: _answer("cancel", seen))
        window.open_path(path)
    finally:
        remove_translators(qapp, translators)
    assert seen["title"] == "无法升级诊断文件" and seen["button"] == "只读打开(&R)"
    assert seen["text"].startswith(f"{path}：此诊断文件无法升级到本版本 FieldAudit（文件结构版本 4，本版本 5）")
    assert "文件未做任何修改" in seen["text"] and "只读方式打开" in seen["text"]
    assert window.context is None and window.pages.currentWidget() is window.start_page
    assert layout_of(path) == layout and every_row(path, layout) == before


def test_a_notice_is_shown_while_an_older_audit_is_upgraded(
    qtbot: QtBot, open_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    path = unpacked4(tmp_path)
    window = open_window()
    shown: list[str] = []

    def look() -> None:  # runs while the open is under way: the notice is drawn before the upgrade starts
        notices = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        shown.extend(f"{notice.windowTitle()}: {notice.labelText()}" for notice in notices)

    QTimer.singleShot(0, look)
    window.open_path(path)
    assert shown == [
        "Upgrading audit: Upgrading schema4.fieldaudit to this version of FieldAudit "
        "(once; a large audit takes a few seconds)…"
    ]
    assert window.context is not None and not window.context.document.read_only
    assert window.context.document.schema_version() == SCHEMA_VERSION
    qtbot.wait_until(
        lambda: not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    )


def test_the_first_start_question_waits_until_the_upgrade_is_answered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDAUDIT_LANG", "en")
    path, _layout, _before = _failing(tmp_path)
    preferences = Preferences(tmp_path / "first.ini")
    preferences.audits_folder = tmp_path / "audits"
    asked_over_it: list[bool] = []

    def answer_after_a_while() -> None:
        shown = [d for d in QApplication.topLevelWidgets() if isinstance(d, UpgradeFailedDialog) and d.isVisible()]
        if not shown:
            QTimer.singleShot(20, answer_after_a_while)
            return
        dialog = shown[0]
        qtbot.wait(800)  # the window is painted behind the question, and what it held back runs
        asked_over_it.append(
            any(
                question.isVisible()
                for question in QApplication.topLevelWidgets()
                if isinstance(question, AuditorDialog)
            )
        )
        dialog.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer_after_a_while)
    window = start(preferences, path)
    qtbot.addWidget(window)
    try:
        assert asked_over_it == [False]
        qtbot.waitUntil(lambda: (asked := window.findChild(AuditorDialog)) is not None and asked.isVisible())
    finally:
        window.close()
