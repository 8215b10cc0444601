"""Start-up (issue 15): the integrity check of the file runs after the audit is shown, before its first write."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from audit.errors import AuditFileError
from gui.app import start
from gui.main_window import MainWindow
from gui.preferences import Preferences
from tests.damage import scribble_over_a_middle_page

MakeWindow = Callable[[], MainWindow]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged_audit(path: Path) -> Path:
    """An audit whose notes' pages were scribbled over (a bad sector): its header and schema read fine."""
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("enterprise", {"name": "Hengsheng"})
        document.records.add_many("note", [{"title": f"note {i}", "body": "x" * 500} for i in range(200)])
    scribble_over_a_middle_page(path)
    return path


def open_error_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "openError" and widget.isVisible():
            return widget
    return None


def test_a_damaged_file_found_after_the_audit_is_shown_is_closed_unwritten(
    qtbot: QtBot, open_window: MakeWindow, tmp_path: Path
) -> None:
    path = damaged_audit(tmp_path / "plant.fieldaudit")
    before = digest(path)
    window = open_window()
    window.open_path(path)
    # Shown at once (the check of every page has not run yet) and not writable until it has.
    assert window.context is not None and window.context.document.check_pending
    assert window.windowTitle() == "Hengsheng — plant.fieldaudit — FieldAudit"
    qtbot.waitUntil(lambda: open_error_box() is not None, timeout=10000)
    box = open_error_box()
    assert box is not None
    # The message opening a damaged file has always shown.
    assert box.windowTitle() == "Cannot open audit"
    assert box.text().startswith(f"{path}: the file is damaged (quick_check:")
    box.close()
    assert window.context is None and window.pages.currentWidget() is window.start_page
    assert digest(path) == before
    assert not Path(f"{path}.lock").exists()


def test_an_edit_before_the_check_waits_for_it(open_window: MakeWindow, tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    AuditDocument.create(path, author="tester").close()
    window = open_window()
    window.open_path(path)
    assert window.context is not None
    document = window.context.document
    assert document.check_pending
    document.records.add("note", {"title": "typed at once"})
    assert not document.check_pending and not document.read_only
    with AuditDocument.open(path, read_only=True) as reader:
        assert [note.values["title"] for note in reader.records.list("note")] == ["typed at once"]


def test_an_edit_before_the_check_of_a_damaged_file_is_refused(open_window: MakeWindow, tmp_path: Path) -> None:
    path = damaged_audit(tmp_path / "plant.fieldaudit")
    before = digest(path)
    window = open_window()
    window.open_path(path)
    assert window.context is not None
    document = window.context.document
    with pytest.raises(AuditFileError, match="the file is damaged"):
        document.records.add("note", {"title": "never stored"})
    assert document.read_only and document.check_pending
    with pytest.raises(AuditFileError, match="the file is damaged"):
        document.set_meta("x", "y")
    window.close_audit()
    assert digest(path) == before


def test_closed_before_the_check_the_audit_is_one_unchanged_file(open_window: MakeWindow, tmp_path: Path) -> None:
    path = tmp_path / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        document.records.add("enterprise", {"name": "Hengsheng"})
    before = digest(path)
    window = open_window()
    window.open_path(path)
    assert window.context is not None and window.context.document.check_pending
    window.close_audit()
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.glob("plant.*")) == ["plant.fieldaudit"]  # no -wal, -shm or lock


def test_start_builds_the_start_page_only_when_the_audit_cannot_be_opened(
    qtbot: QtBot, prefs: Preferences, tmp_path: Path
) -> None:
    path = tmp_path / "plant.fieldaudit"
    AuditDocument.create(path, author="tester").close()
    opened = start(prefs, path)
    qtbot.addWidget(opened)
    # Not built at all: the audit is what the first paint shows.
    assert opened.context is not None and opened._start_page is None
    opened.close()
    not_an_audit = tmp_path / "notes.fieldaudit"
    not_an_audit.write_text("not an audit", encoding="utf-8")
    refused = start(prefs, not_an_audit)
    qtbot.addWidget(refused)
    assert refused.context is None and refused.pages.currentWidget() is refused.start_page
    box = open_error_box()
    assert box is not None and "not a FieldAudit audit" in box.text()
    box.close()
