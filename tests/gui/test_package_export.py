"""File > Export package…: the dialog, the background job, Cancel, and the audit marked submitted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from audit.packages.bag import submission
from audit.packages.keys import existing_public_key
from audit.packages.verify import read_package
from gui.main_window import MainWindow
from gui.package_export import PackageExportDialog
from tests.gui.test_report_export import window_on_demo

MakeWindow = Callable[[], MainWindow]


def test_the_action_follows_the_open_audit(open_window: MakeWindow, demo_path: Path, tmp_path: Path) -> None:
    window = open_window()
    assert not window.package_exporter.action.isEnabled()
    window = window_on_demo(open_window, demo_path, tmp_path)
    assert window.package_exporter.action.isEnabled()
    assert window.package_exporter.action.text() == "Export &package…"


def test_the_dialog_writes_a_verified_package_with_the_report_and_marks_the_audit(
    qtbot: QtBot, open_window: MakeWindow, demo_path: Path, tmp_path: Path
) -> None:
    window = window_on_demo(open_window, demo_path, tmp_path)
    target = tmp_path / "out" / "package"
    target.parent.mkdir()

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PackageExportDialog)
        assert dialog.path_edit.text().endswith(".zip")  # a name is suggested beside the audit
        assert not dialog.language_box.isEnabled()
        dialog.path_edit.setText(str(target))
        dialog.report_box.setChecked(True)
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh"))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill_in)
    window.package_exporter.choose_and_export()
    job = window.package_exporter.running
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=180_000) as finished:
        pass
    exported = finished.args[0]
    written = target.with_suffix(".zip")
    assert exported.path == str(written)
    key = existing_public_key()  # made on first use, in the (test's) config folder
    assert key is not None
    package = read_package(written, [key])
    assert package.report is not None and package.report.startswith(b"PK")
    assert window.context is not None
    assert submission(window.context.document) == exported.receipt()
    assert str(written) in window.statusBar().currentMessage()
    assert "revision 1" in window.statusBar().currentMessage()


def test_cancel_writes_nothing_and_marks_nothing(
    qtbot: QtBot, open_window: MakeWindow, demo_path: Path, tmp_path: Path
) -> None:
    window = window_on_demo(open_window, demo_path, tmp_path)
    target = tmp_path / "out" / "package.zip"
    target.parent.mkdir()
    job = window.package_exporter.export(target, show_progress=False)
    assert job is not None and job.job is not None
    job.job.cancel()  # what the progress dialog's Cancel button does
    with qtbot.waitSignal(job.cancelled, timeout=120_000):
        pass
    assert list(target.parent.iterdir()) == []
    assert window.context is not None and submission(window.context.document) is None
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written."


def test_a_failure_is_explained(qtbot: QtBot, open_window: MakeWindow, demo_path: Path, tmp_path: Path) -> None:
    window = window_on_demo(open_window, demo_path, tmp_path)
    folder = tmp_path / "a folder.zip"
    folder.mkdir()
    job = window.package_exporter.export(folder, show_progress=False)
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=120_000):
        pass
    box = window.findChild(QMessageBox, "packageExportFailed")
    assert box is not None and box.isVisible()
    assert box.text() == "The package was not written."
    assert box.informativeText() == f"{folder}: exists and is not a regular file; not replaced."
    box.close()
