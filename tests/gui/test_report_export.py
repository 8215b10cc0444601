"""File > Export report…: the dialog, the background job, its progress, Cancel and failure messages."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from gui.report_export import ReportExportDialog, suggested_name

MakeWindow = Callable[[], MainWindow]


def window_on_demo(open_window: MakeWindow, demo_path: Path, tmp_path: Path) -> MainWindow:
    audit = tmp_path / "demo.fieldaudit"
    shutil.copyfile(demo_path, audit)
    window = open_window()
    window.open_path(audit)
    assert window.context is not None
    return window


def test_export_action_follows_the_open_audit(open_window: MakeWindow, demo_path: Path, tmp_path: Path) -> None:
    window = open_window()
    assert not window.report_exporter.action.isEnabled()
    window = window_on_demo(open_window, demo_path, tmp_path)
    assert window.report_exporter.action.isEnabled()
    assert window.report_exporter.action.text() == "Export &report…"


def test_dialog_exports_in_the_language_chosen(
    qtbot: QtBot, open_window: MakeWindow, demo_path: Path, tmp_path: Path
) -> None:
    window = window_on_demo(open_window, demo_path, tmp_path)
    target = tmp_path / "out" / "report"
    target.parent.mkdir()

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReportExportDialog)
        assert dialog.path_edit.text().endswith(".xlsx")  # a name is suggested beside the audit
        dialog.path_edit.setText(str(target))
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh"))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill_in)
    window.report_exporter.choose_and_export()
    job = window.report_exporter.running
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=120_000) as finished:
        pass
    written = Path(finished.args[0])
    assert written == target.with_suffix(".xlsx")
    assert openpyxl.load_workbook(written).sheetnames[0] == "封面"
    assert str(written) in window.statusBar().currentMessage()


def test_cancel_writes_nothing(qtbot: QtBot, open_window: MakeWindow, demo_path: Path, tmp_path: Path) -> None:
    window = window_on_demo(open_window, demo_path, tmp_path)
    target = tmp_path / "out" / "report.xlsx"
    target.parent.mkdir()
    job = window.report_exporter.export(target, "en", show_progress=False)
    assert job is not None and job.job is not None
    job.job.cancel()  # what the progress dialog's Cancel button does
    with qtbot.waitSignal(job.cancelled, timeout=120_000):
        pass
    assert list(target.parent.iterdir()) == []
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written."


def test_failure_is_explained_in_the_reports_language(
    qtbot: QtBot, open_window: MakeWindow, demo_path: Path, tmp_path: Path
) -> None:
    window = window_on_demo(open_window, demo_path, tmp_path)
    folder = tmp_path / "a folder.xlsx"
    folder.mkdir()
    job = window.report_exporter.export(folder, "zh", show_progress=False)
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=120_000):
        pass
    box = window.findChild(QMessageBox, "reportExportFailed")
    assert box is not None and box.isVisible()
    assert box.informativeText() == f"{folder}：已存在且不是普通文件，未替换。"
    box.close()


def test_suggested_name_has_no_characters_file_systems_refuse() -> None:
    import datetime as dt

    name = suggested_name('A/B: "C"', dt.date(2026, 4, 1), "zh")
    assert name == "A_B_ _C_ 诊断报告 2026-04-01.xlsx"
