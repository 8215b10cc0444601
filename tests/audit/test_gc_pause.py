"""The cycle collector is paused while a report is exported, and is as it was afterwards."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from audit.gc_pause import paused_collection
from audit.report.export import export_report


def test_an_export_runs_with_the_collector_paused_and_restores_it(demo_path: Path, tmp_path: Path) -> None:
    seen: list[bool] = []
    assert gc.isenabled()
    export_report(demo_path, tmp_path / "report.xlsx", "en", lambda done, total, message: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled() and (tmp_path / "report.xlsx").stat().st_size > 10_000


def test_a_failed_export_restores_the_collector(demo_path: Path, tmp_path: Path) -> None:
    def cancel(done: int, total: int, message: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_report(demo_path, tmp_path / "report.xlsx", "en", cancel)
    assert gc.isenabled() and not (tmp_path / "report.xlsx").exists()


def test_overlapping_pauses_resume_when_the_last_one_ends() -> None:
    first_in, second_done = threading.Event(), threading.Event()
    states: list[bool] = []

    def other() -> None:
        first_in.wait()
        with paused_collection():
            states.append(gc.isenabled())
        second_done.set()

    thread = threading.Thread(target=other)
    thread.start()
    with paused_collection():
        first_in.set()
        second_done.wait()
        states.append(gc.isenabled())  # the other pause has ended; this one still holds
    thread.join()
    assert states == [False, False] and gc.isenabled()
    gc.disable()
    try:
        with paused_collection():
            pass
        assert not gc.isenabled()  # off before: stays off
    finally:
        gc.enable()
