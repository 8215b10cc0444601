"""The shared frame of the analysis panels: busy until a result, recompute on Changes, one error line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from audit.background import analysis_of
from audit.document import AuditDocument
from gui.analysis.findings_panel import FindingsPanel
from gui.analysis.panel import AnalysisPanel
from gui.analysis.recompute import InProcess
from gui.context import AppContext
from gui.panels import discover
from gui.records.commands import add_record
from tests.gui.records_support import close_views, make_context

TIMEOUT_MS = 60_000


@pytest.fixture
def context(document: AuditDocument, tmp_path: Path) -> Iterator[AppContext]:
    yield make_context(document, tmp_path)
    close_views()


def test_every_analysis_panel_is_built_on_the_base(qtbot: QtBot, context: AppContext) -> None:
    keys = {"indicators", "water_balance", "findings", "measures"}
    panels = {panel.key: panel for panel in discover() if panel.key in keys}
    assert set(panels) == keys
    for panel in panels.values():
        widget = panel.create(context, None)
        qtbot.addWidget(widget)
        assert isinstance(widget, AnalysisPanel)
        assert widget.recompute_button.text() == "Recompute"
        qtbot.waitUntil(lambda w=widget: not w.busy, timeout=TIMEOUT_MS)  # type: ignore[misc]


def test_busy_until_shown_and_an_edit_recomputes(qtbot: QtBot, context: AppContext) -> None:
    panel = FindingsPanel(context)
    qtbot.addWidget(panel)
    assert panel.busy and panel.summary.text() == "Running the rules…"
    qtbot.waitUntil(lambda: not panel.busy, timeout=TIMEOUT_MS)
    assert "could not be assessed" in panel.summary.text()
    with qtbot.waitSignal(panel.computed, timeout=TIMEOUT_MS):
        add_record(context, "motor", {"tag": "M-1", "rated_power_kw": 30})  # Changes -> records_changed
        assert panel.busy
    assert not panel.busy


class BrokenFindings(FindingsPanel):
    """Findings of an audit file that has gone (the worker process cannot open it)."""

    def work(self) -> InProcess:
        return InProcess(analysis_of, lambda: (self.context.document.path.with_name("gone.fieldaudit"),))


def test_a_failure_goes_on_the_summary_line(qtbot: QtBot, context: AppContext) -> None:
    panel = BrokenFindings(context)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.failed, timeout=TIMEOUT_MS) as failure:
        pass
    gone = context.document.path.with_name("gone.fieldaudit")
    assert failure.args == [f"{gone}: file not found."]
    assert panel.summary.text() == f"The findings could not be computed: {gone}: file not found."
