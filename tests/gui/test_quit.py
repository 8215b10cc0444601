"""Quitting while the navigator's background counts run returns at once: the jobs stop at their next checkpoint (issue 15)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from gui import jobs
from gui.main_window import MainWindow


def test_quitting_during_the_background_counts_returns_promptly(
    qtbot: QtBot,
    open_window: Callable[[], MainWindow],
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "demo.fieldaudit"
    shutil.copy(demo_path, path)
    window = open_window()
    ended: list[str] = []
    quit_at: list[float] = []
    started = jobs.start_job

    def quit_while_running(*args: object, **kwargs: object) -> jobs.Job:
        job = started(*args, **kwargs)  # type: ignore[arg-type]
        job.signals.finished.connect(lambda _result: ended.append("finished"))
        job.signals.cancelled.connect(lambda: ended.append("cancelled"))
        # The user quits while the job is running (the thread pool has it): what the app does on aboutToQuit.
        quit_at.append(time.monotonic())
        jobs.cancel_all()
        return job

    monkeypatch.setattr("gui.navigator.model.start_job", quit_while_running)
    window.open_path(path)
    assert window.workspace is not None
    # Both start once the event loop runs (after the first paint): the completeness count and the
    # water-balance problems.
    qtbot.waitUntil(lambda: len(quit_at) == 2)
    window.close()
    assert QThreadPool.globalInstance().waitForDone(5000)
    assert time.monotonic() - quit_at[-1] < 1.0
    qtbot.waitUntil(lambda: len(ended) == 2)
    # Both stopped at a checkpoint instead of running to the end.
    assert ended == ["cancelled", "cancelled"]
