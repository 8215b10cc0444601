"""Recompute a result off the UI thread when records change: debounced, one run at a time, never stale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from gui.context import AppContext
from gui.jobs import Job, ProcessJob, start_job, start_process_job
from gui.table_copy import install_table_copy

# Edits come in bursts (a pasted column of readings); wait for a quiet moment before recomputing.
RECOMPUTE_DELAY_MS = 600


@dataclass(frozen=True)
class InProcess:
    """Work for a worker process: `function(progress, *arguments())`, `function` being of audit/.

    For whole-audit passes: in a thread they would hold the interpreter the event loop needs.
    """

    function: Callable[..., Any]
    arguments: Callable[[], tuple[Any, ...]]


class BackgroundRecompute(QObject):
    """Runs `work()` in a worker thread (or `work`, an InProcess, in a worker process) after
    `context.signals.records_changed` settles.

    `work` must open its own read-only connection. A change that arrives while a run is going
    schedules one more run when it ends, so what is shown always catches up with the data.
    """

    def __init__(
        self,
        owner: QWidget,
        context: AppContext,
        work: Callable[[], Any] | InProcess,
        title: str,
        on_finished: Callable[[Any], None],
        on_failed: Callable[[str], None],
        delay_ms: int = RECOMPUTE_DELAY_MS,
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self.context = context
        self.work = work
        self.title = title
        self.on_finished = on_finished
        self.on_failed = on_failed
        self.job: Job | ProcessJob | None = None
        self.pending = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.run)
        context.signals.records_changed.connect(self._records_changed)

    def _records_changed(self, _form_id: str) -> None:
        self.timer.start()

    def run(self) -> None:
        if self.job is not None:
            self.pending = True
            return
        path = self.context.document.path
        callbacks: dict[str, Any] = {"on_finished": self._finished, "on_failed": self._failed, "show_progress": False}
        if isinstance(self.work, InProcess):
            self.job = start_process_job(
                self.work.function, self.work.arguments(), self.owner, self.title, reads=path, **callbacks
            )
        else:
            work = self.work
            self.job = start_job(lambda _progress: work(), self.owner, self.title, reads=path, **callbacks)

    def _done(self) -> None:
        self.job = None
        if self.pending:
            self.pending = False
            self.run()

    def _finished(self, result: Any) -> None:
        self.on_finished(result)
        self._done()

    def _failed(self, message: str) -> None:
        self.on_failed(message)
        self._done()


def read_only_table(model: Any) -> QTableView:
    """A table of computed rows: whole-row selection, no editing, columns the user can resize."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    install_table_copy(view)  # Ctrl+C and "Copy table" give tab-separated text with headers
    return view
