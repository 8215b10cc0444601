"""An export of the open audit to a file, run as a background job: the part the report and the package share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from gui.jobs import Job, start_job


class FileExportJob(QObject):
    """One export to `target` in a worker; subclasses give `_work` (and what `finished` carries)."""

    finished = Signal(object)  # what the subclass's `_finished_value` makes of the work's result
    failed = Signal(str)  # a message for the user
    cancelled = Signal()

    def __init__(self, audit_path: Path, target: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.audit_path = audit_path
        self.target = target
        self.parent_widget = parent
        self.job: Job | None = None

    def _work(self, progress: Callable[[int, int, str], None]) -> Any:
        raise NotImplementedError

    def _finished_value(self, result: Any) -> Any:
        return result

    def start_with_title(self, title: str, show_progress: bool = True) -> Job:
        """Start the work with a progress dialog titled `title` (translated by the subclass)."""
        self.job = start_job(
            self._work,
            self.parent_widget,
            title,
            on_finished=lambda result: self.finished.emit(self._finished_value(result)),
            on_failed=self.failed.emit,
            show_progress=show_progress,
        )
        self.job.signals.cancelled.connect(self.cancelled.emit)
        return self.job


def connect_export(
    job: FileExportJob,
    window: QMainWindow,
    written: Callable[[Any], None],
    failed: Callable[[str], object],
    cancelled_message: str,
) -> None:
    """What the window does when the export ends: `written`, `failed`, or the status bar says it was cancelled."""
    job.finished.connect(written)
    job.failed.connect(failed)
    job.cancelled.connect(lambda: window.statusBar().showMessage(cancelled_message))
