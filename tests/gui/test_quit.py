"""Quitting while the navigator's background counts run returns at once: their worker processes are ended (issue 15)."""

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
    workers: list[int | None] = []

    def quitting(started: Callable[..., jobs.ProcessJob]) -> Callable[..., jobs.ProcessJob]:
        def quit_while_running(*args: object, **kwargs: object) -> jobs.ProcessJob:
            job = started(*args, **kwargs)
            job.signals.finished.connect(lambda _result: ended.append("finished"))
            job.signals.cancelled.connect(lambda: ended.append("cancelled"))
            workers.append(job.process_id)
            # The user quits while the job is running (a worker process has it): what the app does
            # on aboutToQuit.
            quit_at.append(time.monotonic())
            jobs.cancel_all()
            return job

        return quit_while_running

    monkeypatch.setattr("gui.navigator.model.start_process_job", quitting(jobs.start_process_job))
    window.open_path(path)
    assert window.workspace is not None
    # Both start once the event loop runs (after the first paint): the completeness count and the
    # water-balance problems.
    qtbot.waitUntil(lambda: len(quit_at) == 2)
    window.close()
    assert QThreadPool.globalInstance().waitForDone(5000)
    assert time.monotonic() - quit_at[-1] < 1.0
    qtbot.waitUntil(lambda: len(ended) == 2)
    # Both stopped (their process ended) instead of running to the end.
    assert ended == ["cancelled", "cancelled"]
    # Both ran in worker processes, which are gone.
    assert len(workers) == 2 and all(pid is not None and not Path(f"/proc/{pid}").exists() for pid in workers)
