"""Package files or a folder dropped on the office window are imported by the conflicts tab's background import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from audit.office.auditors import register_auditor
from audit.office.database import OfficeDatabase
from audit.office.review import audit_names
from audit.packages.bag import export_package
from audit.packages.keys import load_or_create_key
from gui.office.conflicts import ConflictsTab
from gui.office.window import OfficeWindow


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def _drop(office_window: OfficeWindow, mime: QMimeData) -> tuple[bool, bool]:
    """Drag `mime` over the office_window and drop it: (the drag was accepted, the drop was accepted)."""
    point = QPointF(office_window.width() / 2, office_window.height() / 2)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(office_window, enter)
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(office_window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_a_dropped_folder_of_packages_is_imported_and_each_outcome_shown(
    qtbot: QtBot, office_window: OfficeWindow, office: OfficeDatabase, tmp_path: Path
) -> None:
    key = load_or_create_key("Wang", tmp_path / "key")
    key_file = tmp_path / "wang.pub.json"
    key_file.write_bytes(key.public.file_bytes())
    register_auditor(office, key_file)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "notes.txt").write_text("not a package")
    with AuditDocument.create(tmp_path / "plant.fieldaudit", author="wang") as document:
        document.records.add("enterprise", {"name": "Keqiao Dyeing", "credit_code": "91330621MA2BX7Q48L"})
        document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
        export_package(document, inbox / "keqiao.zip", key)
    (inbox / "broken.zip").write_bytes(b"not a zip at all")

    assert _drop(office_window, _mime(inbox)) == (True, True)
    tab = office_window.importer()
    assert isinstance(tab, ConflictsTab) and office_window.tabs.currentWidget() is tab
    # A second drop while the first import runs starts nothing and says why.
    assert tab.importing() and _drop(office_window, _mime(inbox / "keqiao.zip")) == (True, True)
    assert "already running" in office_window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: len(tab.last_outcomes) == 2 and not tab.importing(), timeout=60_000)
    assert {outcome.source: outcome.merged for outcome in tab.last_outcomes} == {
        "broken.zip": False,
        "keqiao.zip": True,
    }
    assert list(audit_names(office).values()) == ["Keqiao Dyeing"]
    motors = office.connection.execute("SELECT count(*) FROM office_record WHERE form_id = 'motor'").fetchone()[0]
    assert motors == 1
    shown = tab.import_result.text().splitlines()
    assert len(shown) == 2 and any("merged audit" in line for line in shown)


def test_anything_but_packages_and_folders_is_not_taken(office_window: OfficeWindow, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a package")
    assert _drop(office_window, _mime(text, tmp_path / "missing.zip")) == (False, False)
    tab = office_window.importer()
    assert tab is not None and not tab.importing() and tab.last_outcomes == []
