"""Photos: a 12-megapixel nameplate shot is downscaled in the background, attached, shown, deleted, undone."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QIcon
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from audit.attachments import all_photos, photos_for
from audit.document import AuditDocument
from gui.context import AppContext
from gui.photos.model import PhotosModel
from gui.photos.view import PhotosView
from tests.gui.records_support import close_views, make_context

IMPORT_TIMEOUT_MS = 30_000


@pytest.fixture
def context(document: AuditDocument, tmp_path: Path) -> Iterator[AppContext]:
    yield make_context(document, tmp_path, language="en")
    close_views()


def nameplate_jpeg(path: Path, size: tuple[int, int] = (4000, 3000), taken: str = "2025:03:11 09:30:00") -> Path:
    """A camera-sized JPEG with an EXIF capture time, drawn so it is not one flat colour."""
    image = Image.new("RGB", size, (40, 60, 90))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 200):
        draw.rectangle((x, 0, x + 100, size[1]), fill=(200, 180 - x % 150, 40))
    draw.text((100, 100), "YE3-160M-4 11kW", fill=(255, 255, 255))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal
    image.save(path, "JPEG", quality=90, exif=exif)
    return path


def _view(qtbot: QtBot, context: AppContext, record_uuid: str | None) -> PhotosView:
    view = PhotosView(context, record_uuid)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def _import(qtbot: QtBot, view: PhotosView, paths: list[Path]) -> list[str]:
    with qtbot.waitSignal(view.photos_imported, timeout=IMPORT_TIMEOUT_MS) as imported:
        view.import_files(paths, show_progress=False)
    return list(imported.args[0])


def test_attach_a_large_photo_to_a_motor(
    qtbot: QtBot, context: AppContext, document: AuditDocument, tmp_path: Path
) -> None:
    motor = document.records.add("motor", {"tag": "M-07"})
    source = nameplate_jpeg(tmp_path / "IMG_0412.JPG")
    view = _view(qtbot, context, motor)
    assert view.model.rowCount() == 0
    [stored] = _import(qtbot, view, [source])

    [info] = photos_for(document, motor)
    assert info.uuid == stored
    # 4000 x 3000 scaled to 2048 px on the long side keeps 4:3: 2048 x 1536.
    assert (info.original_width, info.original_height) == (4000, 3000)
    assert (info.width, info.height) == (2048, 1536)
    assert info.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert info.original_bytes == source.stat().st_size
    assert info.captured_at == "2025-03-11T09:30:00"

    assert view.model.rowCount() == 1
    index = view.model.index(0, 0)
    assert index.data() == "2025-03-11 09:30"
    icon = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    # The thumbnail stored is 256 px on the long side: 256 x 192.
    assert icon.availableSizes()[0].width() == 256 and icon.availableSizes()[0].height() == 192
    assert view.list.visualRect(index).isValid()
    assert view.count_label.text() == "Photos: 1"

    # One undo step removes the import; redo brings the same photo back.
    context.undo_stack.undo()
    assert photos_for(document, motor) == []
    assert all_photos(document) == []
    assert view.model.rowCount() == 0
    context.undo_stack.redo()
    assert [p.uuid for p in photos_for(document, motor)] == [stored]
    assert view.model.rowCount() == 1


def test_same_photo_twice_is_stored_once(
    qtbot: QtBot, context: AppContext, document: AuditDocument, tmp_path: Path
) -> None:
    first = document.records.add("motor", {"tag": "M-1"})
    second = document.records.add("motor", {"tag": "M-2"})
    source = nameplate_jpeg(tmp_path / "a.jpg", size=(800, 600))
    [one] = _import(qtbot, _view(qtbot, context, first), [source])
    [two] = _import(qtbot, _view(qtbot, context, second), [source])
    assert one == two
    assert len(all_photos(document)) == 1
    # Undoing the second attach takes it off the second motor only.
    context.undo_stack.undo()
    assert photos_for(document, second) == []
    assert [p.uuid for p in photos_for(document, first)] == [one]


def test_drop_files_and_unreadable_ones(
    qtbot: QtBot, context: AppContext, document: AuditDocument, tmp_path: Path
) -> None:
    view = _view(qtbot, context, None)
    good = nameplate_jpeg(tmp_path / "pump.jpg", size=(1200, 900))
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a picture")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good)), QUrl.fromLocalFile(str(bad))])
    drop = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    # A drag from a file manager lands on the viewport, so that is what must accept drops.
    # (Qt delivers a synthetic Drop only to the target of an accepted DragEnter, whose constructor
    # PySide6 6.12 marks deprecated: the handler is called directly.)
    assert view.list.viewport().acceptDrops()
    with qtbot.waitSignal(view.photos_imported, timeout=IMPORT_TIMEOUT_MS) as imported:
        view.list.dropEvent(drop)
    assert drop.isAccepted()
    assert len(imported.args[0]) == 1
    [info] = all_photos(document)
    # 1200 x 900 is below 2048 px: stored at its own size.
    assert (info.width, info.height) == (1200, 900)
    assert info.original_name == "pump.jpg"
    assert view.message_label.isVisible()
    assert "notes.jpg" in view.message_label.text()


def test_cancelled_import_stores_nothing(
    qtbot: QtBot, context: AppContext, document: AuditDocument, tmp_path: Path
) -> None:
    view = _view(qtbot, context, None)
    paths = [nameplate_jpeg(tmp_path / f"big{i}.jpg") for i in range(3)]
    job = view.import_files(paths, show_progress=False)
    assert job is not None
    with qtbot.waitSignal(job.cancelled, timeout=IMPORT_TIMEOUT_MS):
        job.cancel()
    assert all_photos(document) == []
    assert context.undo_stack.count() == 0
    assert "cancelled" in view.message_label.text()


def test_delete_restore_and_viewer(qtbot: QtBot, context: AppContext, document: AuditDocument, tmp_path: Path) -> None:
    motor = document.records.add("motor", {"tag": "M-9"})
    view = _view(qtbot, context, motor)
    source = nameplate_jpeg(tmp_path / "plate.jpg")
    [stored] = _import(qtbot, view, [source])

    view.list.setCurrentIndex(view.model.index(0, 0))
    viewer = view.open_viewer(stored)
    qtbot.addWidget(viewer)
    assert viewer.original_label.text() == "4000 × 3000 px, " + f"{source.stat().st_size / 1_000_000:.1f} MB"
    assert viewer.stored_label.text() == "2048 × 1536 px"
    assert viewer.captured_label.text() == "2025-03-11 09:30:00"
    assert viewer.sha256_label.text() == hashlib.sha256(source.read_bytes()).hexdigest()
    assert viewer.image_label.pixmap() is not None and not viewer.image_label.pixmap().isNull()
    viewer.close()

    view.list.setFocus()
    view.list.selectionModel().select(view.model.index(0, 0), view.list.selectionModel().SelectionFlag.Select)
    view.delete_action.trigger()
    assert all_photos(document) == []
    assert view.model.rowCount() == 0
    assert [p.deleted for p in all_photos(document, include_deleted=True)] == [True]
    context.undo_stack.undo()
    assert [p.uuid for p in photos_for(document, motor)] == [stored]
    assert view.model.rowCount() == 1

    view.list.selectionModel().select(view.model.index(0, 0), view.list.selectionModel().SelectionFlag.Select)
    view.detach_action.trigger()
    assert photos_for(document, motor) == []
    assert [p.uuid for p in all_photos(document)] == [stored]  # still in the audit
    context.undo_stack.undo()
    assert [p.uuid for p in photos_for(document, motor)] == [stored]


def test_photos_model_passes_the_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, context: AppContext, document: AuditDocument, tmp_path: Path
) -> None:
    motor = document.records.add("motor", {"tag": "M-1"})
    view = _view(qtbot, context, motor)
    _import(qtbot, view, [nameplate_jpeg(tmp_path / "x.jpg", size=(640, 480))])
    model = PhotosModel(context, None)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    model.set_record(motor)
    assert model.rowCount() == 1
    model.set_record(document.records.add("motor", {"tag": "M-2"}))
    assert model.rowCount() == 0


def test_a_caption_typed_in_the_viewer_shows_under_the_thumbnail_and_undoes(
    qtbot: QtBot, context: AppContext, document: AuditDocument, tmp_path: Path
) -> None:
    from audit.photo_captions import MAX_CAPTION_CHARS, caption_of

    motor = document.records.add("motor", {"tag": "M-7"})
    view = _view(qtbot, context, motor)
    [stored] = _import(qtbot, view, [nameplate_jpeg(tmp_path / "plate.jpg", size=(640, 480))])
    everything = _view(qtbot, context, None)  # the audit's photo list
    view.list.setCurrentIndex(view.model.index(0, 0))
    view.caption_action.trigger()  # F2: the viewer opens with the cursor in the caption
    viewer = view.viewer
    assert viewer is not None
    qtbot.addWidget(viewer)
    assert viewer.focusWidget() is viewer.caption_edit and viewer.record_label.text() == "Motors: M-7"

    qtbot.keyClicks(viewer.caption_edit, "Nameplate, fan side")
    qtbot.keyClick(viewer.caption_edit, Qt.Key.Key_Return)
    assert caption_of(document, stored) == "Nameplate, fan side"
    assert view.model.index(0, 0).data().splitlines()[0] == "Nameplate, fan side"
    assert everything.model.index(0, 0).data().splitlines()[:2] == ["Nameplate, fan side", "Motors: M-7"]
    assert "Caption: Nameplate, fan side" in everything.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)

    viewer.caption_edit.setText("x" * (MAX_CAPTION_CHARS + 5))
    viewer.caption_edit.editingFinished.emit()
    assert viewer.caption_error.isVisibleTo(viewer)
    assert f"at most {MAX_CAPTION_CHARS} characters" in viewer.caption_error.text()
    assert caption_of(document, stored) == "Nameplate, fan side"  # the refused text is not stored

    context.undo_stack.undo()
    assert caption_of(document, stored) == "" and viewer.caption_edit.text() == ""
    assert view.model.index(0, 0).data().splitlines()[0] != "Nameplate, fan side"
    context.undo_stack.redo()
    assert viewer.caption_edit.text() == "Nameplate, fan side"
    viewer.close()
