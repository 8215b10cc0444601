"""Background jobs: one helper runs slow work on a thread pool, or in a worker process, with progress,
cancel and a result.

Workers must open their own SQLite connection (never share the GUI thread's connection). Whole-audit
passes go to a worker process (`start_process_job`): a thread shares the interpreter with the event
loop and stalls it while it runs Python (issue 15).
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from audit.cancel import Cancelled, cancellable
from forms.spec import Text
from gui import heap
from gui.i18n import current_language

if TYPE_CHECKING:
    from gui.worker_pool import WorkerPool


def _pool() -> WorkerPool:
    """The worker processes, imported on first use: nothing of them is needed before the first paint."""
    from gui.worker_pool import POOL

    return POOL


class JobCancelled(Exception):
    """Raised inside a job by `progress()` after the user pressed Cancel."""


class JobSignals(QObject):
    progressed = Signal(int, int, str)  # done, total, message
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # a message for the user
    cancelled = Signal()
    handed = Signal(str, object)  # a piece of the result handed over early (process jobs): key, value


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
    _wire(job, parent, title, on_finished, on_failed, show_progress, reads)
    QThreadPool.globalInstance().start(job)
    return job


def _wire(
    job: Job | ProcessJob,
    parent: QWidget | None,
    title: str,
    on_finished: Callable[[Any], None] | None,
    on_failed: Callable[[str], None] | None,
    show_progress: bool,
    reads: Path | None,
) -> None:
    """The progress dialog, the callbacks, and the job kept alive (and known to cancel) until it ends."""
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
        signal.connect(lambda *_: _ended(job))


def _ended(job: Job | ProcessJob) -> None:
    _running.discard(job)
    if not _running:
        # Every result so far has been taken over by the views (the audit's first counts, once per
        # open): keep what they hold out of the collector's full passes from now on.
        heap.settle()


class ProcessJob:
    """A job run by a worker process (gui/worker_pool.py): `function(progress, *args)` in audit/.

    The same signals as a thread's Job. Cancelling ends the process at once (no checkpoint to wait
    for); a worker that dies or raises fails the job with a message, as a thread's job does.
    """

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.function = function
        self.args = args
        self.signals = JobSignals()
        self.language = current_language()
        self.reads: str | None = None
        self.ended = threading.Event()
        self.process_id: int | None = None  # the worker that ran it (known once it has started)
        self._lock = threading.Lock()
        self._settled = False

    def _settle(self) -> bool:
        """Whether this call is the one that ends the job (cancel and a late reply may cross)."""
        with self._lock:
            if self._settled:
                return False
            self._settled = True
        self.ended.set()
        return True

    def cancel(self) -> None:
        _pool().cancel(self)
        if self._settle():
            Job._emit(self.signals.cancelled)

    def deliver(self, kind: str, payload: Any) -> None:
        """A reply from the worker (called on the pool's reader thread; Qt queues the signals)."""
        from audit.worker import FAILED, FINISHED, PROGRESS

        if kind == PROGRESS:
            done, total, message, partial = payload
            if partial is not None:
                Job._emit(self.signals.handed, message, partial)
            Job._emit(self.signals.progressed, done, total, message)
        elif kind == FINISHED and self._settle():
            Job._emit(self.signals.finished, payload)
        elif kind == FAILED and self._settle():
            Job._emit(self.signals.failed, self._message(payload))

    def worker_ended(self, exit_code: int | None) -> None:
        """The worker process ended while running this job: it crashed or was killed from outside."""
        _pool().forget(self)
        if self._settle():
            text = QCoreApplication.translate("jobs", "The background work stopped unexpectedly (exit code %1).")
            Job._emit(self.signals.failed, text.replace("%1", str(exit_code)))

    def _message(self, failure: Any) -> str:
        from audit.worker import Failure

        if isinstance(failure, Failure):
            if failure.message is not None:
                return failure.message.get(self.language)
            return failure.text or failure.trace
        return str(failure)


def start_process_job(
    function: Callable[..., Any],
    args: tuple[Any, ...],
    parent: QWidget | None,
    title: str,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    show_progress: bool = True,
    reads: Path | None = None,
    low_priority: bool = False,
) -> ProcessJob:
    """Run `function(progress, *args)` in a worker process; like `start_job` otherwise.

    `function` is a module-level function of audit/ (the worker imports it by name and never
    loads Qt); `args` and its result must be picklable plain data. `low_priority`: work done ahead
    that nobody waits for; it runs in a worker of its own at a lower CPU priority and starts only
    while no other job waits for a worker (gui/worker_pool.py), so it never delays one.
    """
    if not function.__module__.startswith("audit."):
        raise ValueError(f"{function.__module__}.{function.__qualname__} is not a function of audit/")
    job = ProcessJob(function, args)
    _wire(job, parent, title, on_finished, on_failed, show_progress, reads)
    _pool().submit(job, function, args, low_priority)
    return job


_running: set[Job | ProcessJob] = set()


def running_count() -> int:
    """Jobs started and not yet delivered (their finished, failed or cancelled not yet handled)."""
    return len(_running)


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
    """Ask every running job to stop (the app is quitting): a thread's job ends at its next checkpoint,
    a worker process is ended at once (idle workers too)."""
    for job in list(_running):
        job.cancel()
    workers = sys.modules.get("gui.worker_pool")
    if workers is not None:
        workers.POOL.shutdown()
