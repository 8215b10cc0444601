"""Views refresh from what a write returned (Changes), through one adapter: DocumentSignals.announce."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from audit import attachments
from audit.document import AuditDocument
from gui.context import AppContext
from gui.photos.commands import DeletePhotosCommand, DetachPhotosCommand
from gui.photos.model import PhotosModel
from gui.records.commands import DeleteRecordsCommand, add_record, edit_record
from gui.records.model import RecordsModel
from tests.audit.test_attachments import make_jpeg
from tests.gui.records_support import close_views, make_context

GUI = Path(__file__).resolve().parents[2] / "gui"
SIGNALS = {"records_changed", "record_changed", "photos_changed"}


@pytest.fixture
def context(document: AuditDocument, tmp_path: Path) -> Iterator[AppContext]:
    yield make_context(document, tmp_path)
    close_views()


def _hand_written_emits(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        emit = isinstance(node, ast.Attribute) and node.attr == "emit"
        if emit and isinstance(node.value, ast.Attribute) and node.value.attr in SIGNALS:  # type: ignore[attr-defined]
            found.append(f"{path.relative_to(GUI.parent)}:{node.lineno} {node.value.attr}.emit")
    return found


def test_only_the_adapter_emits_the_document_signals() -> None:
    emits = [hit for path in sorted(GUI.rglob("*.py")) for hit in _hand_written_emits(path)]
    assert emits and all(hit.startswith("gui/context.py:") for hit in emits), emits


def _tags(model: RecordsModel) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_adding_editing_deleting_and_undoing_refresh_the_table(
    qtbot: QtBot, context: AppContext, document: AuditDocument
) -> None:
    model = RecordsModel(context, "motor")
    assert _tags(model) == []
    first = add_record(context, "motor", {"tag": "M-1"})
    qtbot.waitUntil(lambda: _tags(model) == ["M-1"])
    edit_record(context, first, {"tag": "M-1a"}, "tag")
    qtbot.waitUntil(lambda: _tags(model) == ["M-1a"])
    context.undo_stack.undo()
    qtbot.waitUntil(lambda: _tags(model) == ["M-1"])
    context.undo_stack.push(DeleteRecordsCommand(context, [first]))
    qtbot.waitUntil(lambda: _tags(model) == [])
    context.undo_stack.undo()
    qtbot.waitUntil(lambda: _tags(model) == ["M-1"])
    context.undo_stack.undo()  # the addition
    qtbot.waitUntil(lambda: _tags(model) == [])
    context.undo_stack.redo()
    qtbot.waitUntil(lambda: _tags(model) == ["M-1"])
    model.stop_refreshing()


def test_photo_commands_refresh_the_photo_list(
    qtbot: QtBot, context: AppContext, document: AuditDocument, tmp_path: Path
) -> None:
    motor = document.records.add("motor", {"tag": "M-7"})
    photo = attachments.add_photo(document, make_jpeg(tmp_path / "plate.jpg", (400, 300)), link_to=motor)
    model = PhotosModel(context, motor)
    assert model.rowCount() == 1
    context.undo_stack.push(DetachPhotosCommand(context, [photo], motor))
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    context.undo_stack.undo()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    context.undo_stack.push(DeletePhotosCommand(context, [photo]))
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    context.undo_stack.undo()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
