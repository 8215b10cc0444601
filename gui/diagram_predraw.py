"""Drawing the report's water-balance diagrams ahead of an export, in a worker process (issue 12).

Importing matplotlib and drawing the diagram costs ~1.5 s, more than the rest of an export. The
diagram cache (audit/water/diagram_cache.py) keeps each picture by its content; this fills it in the
background: once the audit's first counts are in (the to-do list delivered) and again 2 s after the
last edit of a form the water balance reads. Both report languages are drawn, the interface's first.

Low priority: it starts only when no other background job is running (the navigator's counts and
the to-do list go first), one at a time, in the worker pool's low-priority lane: a worker of its own
at a lower CPU priority, so a job started while it runs (an edit's passes, a panel's first
analysis) never waits for it. An edit of a water form made while it runs asks for one more pass
after the pause (what it draws may be outdated). Closing the audit or quitting ends it
(`finish_readers`, `cancel_all`). A failure is only logged: the export then draws the picture itself.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from audit.background import predraw_diagrams
from audit.report.context import LANGUAGES
from audit.water.diagram_cache import REPORT_DPI, cache_folder
from audit.water.inputs import FIELDS_READ
from gui import jobs
from gui.context import AppContext

LOG = logging.getLogger(__name__)

# After the last edit of a water form: a burst of edits draws once, after it.
PREDRAW_DELAY_MS = 2000
# Another background job is still running: look again this much later (it goes first).
BUSY_RETRY_MS = 300
# The forms the diagram shows something of ("" is many forms at once, e.g. an import or an undo of many).
WATER_FORMS = frozenset({form.split(".")[0] for form in FIELDS_READ} | {"enterprise", ""})


class DiagramPredraw(QObject):
    """Keeps the diagram cache holding the open audit's report diagrams, drawn in a worker process."""

    drawn = Signal(list)  # the cache files a pass drew (empty when everything was there already)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: jobs.ProcessJob | None = None
        self.pending = False  # an edit came while a pass ran: one more pass after it
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run)
        context.signals.records_changed.connect(self._records_changed)

    def schedule(self, delay_ms: int = 0) -> None:
        """Start a pass after `delay_ms` (a later call restarts the wait)."""
        self.timer.start(delay_ms)

    def first_pass(self, *_counts: int) -> None:
        """The audit's first counts are in (connected once to the to-do list's `counted`)."""
        self.schedule()

    def _records_changed(self, form_id: str) -> None:
        if form_id not in WATER_FORMS:
            return  # nothing the diagram shows; a running pass goes on (its lane holds no worker the edit needs)
        if self.job is not None:
            self.pending = True  # it may be drawing the picture as it was: one more pass after it
        else:
            self.schedule(PREDRAW_DELAY_MS)

    def languages(self) -> tuple[str, ...]:
        first = self.context.language if self.context.language in LANGUAGES else LANGUAGES[0]
        return (first, *(language for language in LANGUAGES if language != first))

    def run(self) -> None:
        if self.job is not None:
            self.pending = True
            return
        if jobs.running_count() > 0:
            self.timer.start(BUSY_RETRY_MS)  # its own turn: never before the counts and the to-do list
            return
        document = self.context.document
        arguments = (document.path, self.languages(), REPORT_DPI, document.registry, cache_folder())
        self.job = jobs.start_process_job(
            predraw_diagrams,
            arguments,
            None,
            "",
            on_finished=self._finished,
            on_failed=self._failed,
            show_progress=False,
            reads=document.path,
            low_priority=True,
        )
        self.job.signals.cancelled.connect(self._cancelled)

    def _cancelled(self) -> None:
        self.job = None  # the audit is closing, or the app quitting

    def _finished(self, drawn: Any) -> None:
        self.job = None
        names = list(drawn) if isinstance(drawn, list) else []
        if names:
            LOG.info("water-balance diagrams drawn ahead of the report: %s", ", ".join(names))
        self.drawn.emit(names)
        self._again()

    def _failed(self, message: str) -> None:
        self.job = None
        LOG.warning("drawing the water-balance diagrams ahead of the report failed: %s", message)
        self._again()

    def _again(self) -> None:
        if self.pending:
            self.pending = False
            self.schedule(PREDRAW_DELAY_MS)
