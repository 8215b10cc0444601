"""Background jobs: one helper runs slow work on a thread pool with progress, cancel and a result.

Workers must open their own SQLite connection (never share the GUI thread's connection).
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from audit.cancel import Cancelled, cancellable
from forms.spec import Text
from gui.i18n import current_language


class JobCancelled(Exception):
    """Raised inside a job by `progress()` after the user pressed Cancel."""


class JobSignals(QObject):
    progressed = Signal(int, int, str)  # done, total, message
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # a message for the user
    cancelled = Signal()


class Job(QRunnable):
    """Runs `work(progress)`; `progress(done, total, message)` reports and raises JobCancelled on cancel."""

    def __init__(self, work: Callable[[Callable[[int, int, str], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = JobSignals()
        # Chosen on the GUI thread when the job is made: a failure is told in the interface's language.
        self.language = current_language()
        self._cancel = threading.Event()
        # Set when run() has returned: its read-only connection (if any) is closed by then.
        self.ended = threading.Event()
        # The audit file the job reads, if any: closing that audit stops the job first (see finish_readers).
        self.reads: str | None = None
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int, message: str = "") -> None:
        if self._cancel.is_set():
            raise JobCancelled
        self.signals.progressed.emit(done, total, message)

    def run(self) -> None:
        try:
            # Domain checkpoints and the worker's read-only connections stop once cancel() is called.
            with cancellable(self._cancel.is_set):
                result = self.work(self._progress)
        except (JobCancelled, Cancelled):
            self._emit(self.signals.cancelled)
        except Exception as error:
            bilingual = getattr(error, "message", None)
            message = bilingual.get(self.language) if isinstance(bilingual, Text) else str(error)
            self._emit(self.signals.failed, message or traceback.format_exc(limit=1))
        else:
            self._emit(self.signals.finished, result)
        finally:
            self.ended.set()

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        # The window that started the job may have closed meanwhile, taking the receivers with it:
        # nobody is left to tell, which is not an error of the job.
        try:
            signal.emit(*args)
        except RuntimeError:
            return


def start_job(
    work: Callable[[Callable[[int, int, str], None]], Any],
    parent: QWidget | None,
    title: str,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    show_progress: bool = True,
    reads: Path | None = None,
) -> Job:
    """Start a job with a modal progress dialog that has a Cancel button.

    `reads`: the audit file the job opens read-only; `finish_readers(reads)` stops it before that
    audit is closed.
    """
    job = Job(work)
    job.reads = str(reads) if reads is not None else None
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(title, QCoreApplication.translate("jobs", "Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(job.cancel)

        def on_progress(done: int, total: int, message: str) -> None:
            assert dialog is not None
            dialog.setMaximum(max(total, 0))
            dialog.setValue(done)
            if message:
                dialog.setLabelText(message)

        job.signals.progressed.connect(on_progress)

    def close_dialog(*_: Any) -> None:
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()

    job.signals.finished.connect(close_dialog)
    job.signals.failed.connect(close_dialog)
    job.signals.cancelled.connect(close_dialog)
    if on_finished is not None:
        job.signals.finished.connect(on_finished)
    if on_failed is not None:
        job.signals.failed.connect(on_failed)
    # Keep the Python wrapper alive until the job ends (unparented QObjects are garbage-collected).
    _running.add(job)
    for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
        signal.connect(lambda *_: _running.discard(job))
    QThreadPool.globalInstance().start(job)
    return job


_running: set[Job] = set()


def finish_readers(path: Path, timeout_s: float = 2.0) -> None:
    """Stop the jobs reading the audit at `path` and wait for them to end (each stops at its next
    checkpoint, within milliseconds). Closing an audit calls this first: SQLite folds the WAL back
    into the audit file only when the last connection closes, and a worker's read-only connection
    cannot do that, so a reader left open would leave the audit as three files."""
    readers = [job for job in list(_running) if job.reads == str(path)]
    for job in readers:
        job.cancel()
    deadline = time.monotonic() + timeout_s
    for job in readers:
        job.ended.wait(max(0.0, deadline - time.monotonic()))


def cancel_all() -> None:
    """Ask every running job to stop (the app is quitting): each ends at its next checkpoint."""
    for job in list(_running):
        job.cancel()
