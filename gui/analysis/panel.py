"""The frame every analysis panel shares: a summary line, Recompute, the panel's body, a legend.

A panel says what it computes (`work`, run in a worker process with its own read-only connection), its texts
(`busy_text`, `job_title`, `failure_text`) and how it shows a result (`show_result`); the base
recomputes in the background whenever the store's Changes reach `records_changed`, shows the busy
text until the first result, and puts a failure on the summary line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from audit.background import analysis_of
from gui.analysis.recompute import BackgroundRecompute, InProcess
from gui.context import AppContext


class AnalysisPanel(QWidget):
    computed = Signal()  # a new result is shown
    failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.frame = QVBoxLayout(self)
        self.top = QHBoxLayout()
        self.summary = QLabel(self.busy_text())
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.top.addWidget(self.summary, 1)
        self.frame.addLayout(self.top)
        self.recompute_button = QPushButton(QCoreApplication.translate("AnalysisPanel", "Recompute"))
        self.recompute_button.clicked.connect(self.recompute)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.background = BackgroundRecompute(self, context, self.work(), self.job_title(), self._show, self._failed)

    def start(self, legend: str) -> None:
        """Call at the end of the panel's __init__: closes the frame and computes the first result."""
        self.top.addWidget(self.recompute_button)
        self.legend.setText(legend)
        self.frame.addWidget(self.legend)
        self.background.run()

    # -- what a panel says ----------------------------------------------------------------------
    def busy_text(self) -> str:
        raise NotImplementedError

    def job_title(self) -> str:
        raise NotImplementedError

    def failure_text(self) -> str:
        """The error line, with %1 for the message."""
        raise NotImplementedError

    def work(self) -> InProcess:
        """The computation, run in a worker process (seconds of Python on a large audit)."""
        return InProcess(analysis_of, lambda: (self.context.document.path,))

    def show_result(self, result: Any) -> None:
        raise NotImplementedError

    # -- shared behaviour -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A computation is running (or waiting to run after the edits settle)."""
        return self.background.job is not None or self.background.timer.isActive()

    def recompute(self) -> None:
        self.background.run()

    def _show(self, result: Any) -> None:
        self.show_result(result)
        self.computed.emit()

    def _failed(self, message: str) -> None:
        self.summary.setText(self.failure_text().replace("%1", message))
        self.failed.emit(message)
