"""File > Export package…: choose the file (and whether to carry the report), write it in a background job."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
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

from audit.document import AuditDocument
from audit.errors import AUDIT_OR_STORAGE_ERRORS, AuditError
from gui.context import AppContext
from gui.file_export_job import FileExportJob, connect_export
from gui.jobs import Job
from gui.message_boxes import fit_text
from gui.report_export import LANGUAGES, suggested_name

if TYPE_CHECKING:
    from audit.packages.bag import ExportedPackage


class PackageExportDialog(QDialog):
    """Where to write the package, and whether it carries the Excel report (in which language)."""

    def __init__(self, target: Path, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packageExportDialog")
        self.setWindowTitle(self.tr("Export package"))
        self.path_edit = QLineEdit(str(target))
        self.path_edit.setMinimumWidth(420)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        self.report_box = QCheckBox(self.tr("Include the Excel report"))
        self.language_box = QComboBox()
        for code, name in LANGUAGES:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_box.setEnabled(False)
        self.report_box.toggled.connect(self.language_box.setEnabled)
        form = QFormLayout(self)
        form.addRow(self.tr("Package"), row)
        form.addRow(self.report_box)
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
            self, self.tr("Export package"), self.path_edit.text(), self.tr("Audit packages (*.zip)")
        )
        if path:
            self.path_edit.setText(path)

    def target(self) -> Path:
        text = self.path_edit.text().strip()
        return Path(text if text.lower().endswith(".zip") else text + ".zip")

    def report_language(self) -> str | None:
        """The report's language if the package carries one, else None."""
        return str(self.language_box.currentData()) if self.report_box.isChecked() else None


class PackageExportJob(FileExportJob):
    """One export in a worker: its own read-only connection, the report first if asked for, then the package."""

    # `finished` carries the ExportedPackage.

    def __init__(
        self, audit_path: Path, target: Path, author: str, report_language: str | None, parent: QWidget | None
    ) -> None:
        super().__init__(audit_path, target, parent)
        self.author = author
        self.report_language = report_language
        # Translated here, on the GUI thread; the worker only looks them up.
        self.steps = {
            "report": self.tr("Writing the report…"),
            "photos": self.tr("Adding the photos…"),
            "signing": self.tr("Signing…"),
            "verifying": self.tr("Reading the package back to check it…"),
        }

    def _work(self, progress: Callable[[int, int, str], None]) -> ExportedPackage:
        # Imported when a package is made: signatures and the schema validator cost the window's start nothing.
        from audit.packages.bag import export_package
        from audit.packages.keys import load_or_create_key
        from audit.report.export import export_report

        def step(done: int, total: int, message: str) -> None:
            progress(done, total, self.steps.get(message, ""))

        with tempfile.TemporaryDirectory(prefix="fieldaudit-package-") as folder:
            report = None
            if self.report_language is not None:
                report = Path(folder) / "report.xlsx"
                export_report(self.audit_path, report, self.report_language, lambda d, t, _m: step(d, t, "report"))
            with AuditDocument.open(self.audit_path, read_only=True) as document:
                key = load_or_create_key(self.author)
                return export_package(document, self.target, key, report, step)

    def start(self, show_progress: bool = True) -> Job:
        return self.start_with_title(self.tr("Writing the package…"), show_progress)


class PackageExporter(QObject):
    """The File menu's Export package… action: asks where, runs the job, marks the audit submitted."""

    def __init__(self, window: QMainWindow, current: Callable[[], AppContext | None]) -> None:
        super().__init__(window)
        self.window = window
        self.current = current
        self.action = QAction(self.tr("Export &package…"), window)
        self.action.setToolTip(self.tr("Write the signed package of this audit for the county office"))
        self.action.triggered.connect(self.choose_and_export)
        self.running: PackageExportJob | None = None

    def default_target(self, context: AppContext) -> Path:
        enterprise = context.document.records.singleton("enterprise")
        name = str(enterprise.get("name", "")) if enterprise is not None else ""
        name = suggested_name(name or context.document.path.stem, dt.date.today(), context.language)
        word = "诊断数据包" if context.language == "zh" else "audit package"
        name = name.removesuffix(".xlsx").replace("诊断报告" if context.language == "zh" else "audit report", word)
        return context.document.path.parent / f"{name}.zip"

    def choose_and_export(self) -> None:
        context = self.current()
        if context is None:
            return
        dialog = PackageExportDialog(self.default_target(context), context.language, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.export(dialog.target(), dialog.report_language())

    def export(
        self, target: Path, report_language: str | None = None, show_progress: bool = True
    ) -> PackageExportJob | None:
        context = self.current()
        if context is None:
            return None
        job = PackageExportJob(context.document.path, target, context.document.author, report_language, self.window)
        connect_export(
            job, self.window, self._written, self.show_failure, self.tr("Export cancelled; nothing was written.")
        )
        self.running = job
        job.start(show_progress)
        return job

    def _written(self, exported: ExportedPackage) -> None:
        try:
            self._mark_submitted(exported)
        except AUDIT_OR_STORAGE_ERRORS as error:
            message = error.message.get(self._language()) if isinstance(error, AuditError) else str(error)
            self.show_failure(message, self.tr("The package was written, but the audit could not be marked as sent."))
            return
        self.window.statusBar().showMessage(
            self.tr("Package written to %1 and read back intact (revision %2): safe to remove the drive.")
            .replace("%1", exported.path)
            .replace("%2", str(exported.revision))
        )

    def _language(self) -> str:
        context = self.current()
        return context.language if context is not None else "en"

    def _mark_submitted(self, exported: ExportedPackage) -> None:
        """In the audit the package was made from: the open one, or (closed meanwhile) opened for this."""
        from audit.packages.bag import mark_submitted

        context = self.current()
        audit_path = self.running.audit_path if self.running is not None else None
        if context is not None and context.document.path == audit_path:
            mark_submitted(context.document, exported)
        elif audit_path is not None:
            with AuditDocument.open(audit_path) as document:
                mark_submitted(document, exported)

    def show_failure(self, message: str, headline: str | None = None) -> QMessageBox:
        """Say why the package was not written (window-modal and not blocking)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Export package"),
            headline or self.tr("The package was not written."),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("packageExportFailed")
        box.setInformativeText(message)
        fit_text(box)
        box.open()
        return box
