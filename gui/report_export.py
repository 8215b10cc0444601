"""File > Export report…: choose the file and language, write the workbook in a background job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

from audit.errors import AuditError
from gui.context import AppContext
from gui.file_export_job import FileExportJob, connect_export
from gui.jobs import Job
from gui.message_boxes import fit_text

if TYPE_CHECKING:
    from audit.report.workbook import WrittenReport

LANGUAGES = (("zh", "中文"), ("en", "English"))


def suggested_name(enterprise: str, today: dt.date, language: str) -> str:
    """'<enterprise> 诊断报告 2026-04-01.xlsx', without characters file systems refuse."""
    word = "诊断报告" if language == "zh" else "audit report"
    name = f"{enterprise} {word} {today.isoformat()}".strip()
    return "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name) + ".xlsx"


class ReportExportDialog(QDialog):
    """Where to write the report and in which language."""

    def __init__(self, target: Path, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportExportDialog")
        self.setWindowTitle(self.tr("Export report"))
        self.path_edit = QLineEdit(str(target))
        self.path_edit.setMinimumWidth(420)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        self.language_box = QComboBox()
        for code, name in LANGUAGES:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        form = QFormLayout(self)
        form.addRow(self.tr("Workbook"), row)
        form.addRow(self.tr("Language of the report"), self.language_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report"), self.path_edit.text(), self.tr("Excel workbooks (*.xlsx)")
        )
        if path:
            self.path_edit.setText(path)

    def target(self) -> Path:
        text = self.path_edit.text().strip()
        return Path(text if text.lower().endswith(".xlsx") else text + ".xlsx")

    def language(self) -> str:
        return str(self.language_box.currentData())


class ReportExportJob(FileExportJob):
    """One export: the audit read through its own connection in a worker, the file renamed into place."""

    # `finished` carries the path written (str); `failed` a message in the report's language.

    def __init__(self, audit_path: Path, target: Path, language: str, parent: QWidget | None) -> None:
        super().__init__(audit_path, target, parent)
        self.language = language

    def _work(self, progress: Callable[[int, int, str], None]) -> WrittenReport:
        # The report writer (xlsxwriter) is imported on the first export, not at start-up (issue 15).
        from audit.report.export import export_report

        try:
            return export_report(self.audit_path, self.target, self.language, progress)
        except AuditError as error:
            # The job helper reports a domain error in English; the user asked for this language.
            raise RuntimeError(error.message.get(self.language)) from error

    def _finished_value(self, result: Any) -> str:
        return str(self.target)

    def start(self, show_progress: bool = True) -> Job:
        return self.start_with_title(self.tr("Writing the report…"), show_progress)


class ReportExporter(QObject):
    """The File menu's Export report… action: asks where and in which language, then runs the job."""

    def __init__(self, window: QMainWindow, current: Callable[[], AppContext | None]) -> None:
        super().__init__(window)
        self.window = window
        self.current = current
        self.action = QAction(self.tr("Export &report…"), window)
        self.action.setToolTip(self.tr("Write the Excel workbook of this audit (in Chinese or English)"))
        self.action.triggered.connect(self.choose_and_export)
        self.running: ReportExportJob | None = None

    def default_target(self, context: AppContext) -> Path:
        enterprise = context.document.records.singleton("enterprise")
        name = str(enterprise.get("name", "")) if enterprise is not None else ""
        name = name or context.document.path.stem
        return context.document.path.parent / suggested_name(name, dt.date.today(), context.language)

    def choose_and_export(self) -> None:
        context = self.current()
        if context is None:
            return
        dialog = ReportExportDialog(self.default_target(context), context.language, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.export(dialog.target(), dialog.language())

    def export(self, target: Path, language: str, show_progress: bool = True) -> ReportExportJob | None:
        context = self.current()
        if context is None:
            return None
        job = ReportExportJob(context.document.path, target, language, self.window)
        connect_export(
            job, self.window, self._written, self.show_failure, self.tr("Export cancelled; nothing was written.")
        )
        self.running = job
        job.start(show_progress)
        return job

    def _written(self, path: str) -> None:
        self.window.statusBar().showMessage(self.tr("Report written to %1").replace("%1", path))

    def show_failure(self, message: str) -> QMessageBox:
        """Say why the report was not written (window-modal and not blocking: the window stays usable)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Export report"),
            self.tr("The report was not written."),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("reportExportFailed")
        box.setInformativeText(message)
        fit_text(box)
        box.open()
        return box
