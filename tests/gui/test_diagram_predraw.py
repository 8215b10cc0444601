"""The report's water-balance diagrams are drawn in a worker process after an audit opens and after
water edits settle, so the export finds them in the cache (issue 12)."""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import audit.water.diagram
from audit.report.export import export_report
from audit.water.diagram_cache import predraw as predraw_in_cache
from gui import worker_pool
from gui.diagram_predraw import PREDRAW_DELAY_MS, DiagramPredraw
from gui.jobs import ProcessJob
from gui.main_window import MainWindow
from gui.records.commands import edit_record

DRAW_TIMEOUT_MS = 90_000  # a fresh worker imports matplotlib and draws two pictures on a shared machine


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FIELDAUDIT_CACHE_DIR", str(folder))
    return folder


def _pictures(folder: Path) -> dict[str, int]:
    """Each cached picture by name, with its font list's modification time (a redraw rewrites it)."""
    return {
        path.name: path.with_name(path.name + ".fonts").stat().st_mtime_ns
        for path in folder.glob("water-diagram-*.png")
    }


def _opened(open_window: Callable[[], MainWindow], demo_path: Path, tmp_path: Path) -> tuple[MainWindow, Path]:
    path = tmp_path / "plant.fieldaudit"
    shutil.copy(demo_path, path)
    window = open_window()
    window.open_path(path)
    return window, path


def _predraw(window: MainWindow) -> DiagramPredraw:
    assert window.predraw is not None
    return window.predraw


def _running(qtbot: QtBot, window: MainWindow) -> tuple[DiagramPredraw, ProcessJob, int]:
    """The window's pre-draw once its job runs in a worker: (pre-draw, job, the worker's process id)."""
    predraw = _predraw(window)
    qtbot.wait_until(lambda: predraw.job is not None, timeout=DRAW_TIMEOUT_MS)
    job = predraw.job
    assert job is not None and job.process_id is not None
    return predraw, job, job.process_id


def _outcomes(job: ProcessJob) -> list[str]:
    """How the job ends, as it is told: "finished" or "cancelled" (once filled)."""
    outcomes: list[str] = []
    job.signals.cancelled.connect(lambda: outcomes.append("cancelled"))
    job.signals.finished.connect(lambda _result: outcomes.append("finished"))
    return outcomes


def test_after_the_predraw_the_export_draws_nothing(
    qtbot: QtBot,
    open_window: Callable[[], MainWindow],
    demo_path: Path,
    tmp_path: Path,
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, path = _opened(open_window, demo_path, tmp_path)
    with qtbot.waitSignal(_predraw(window).drawn, timeout=DRAW_TIMEOUT_MS) as drawn:
        pass
    assert len(drawn.args[0]) == 2  # the interface's language and the other report language
    before = _pictures(cache)
    assert sorted(before) == sorted(drawn.args[0])
    draws: list[str] = []
    real = audit.water.diagram.render_diagram

    def counted(*args: Any, **kwargs: Any) -> bytes:
        draws.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(audit.water.diagram, "render_diagram", counted)
    for language in ("zh", "en"):
        target = tmp_path / f"report-{language}.xlsx"
        export_report(path, target, language)
        with zipfile.ZipFile(target) as workbook:
            pictures = {workbook.read(n) for n in workbook.namelist() if n.startswith("xl/media/")}
        # The workbook holds one of the pictures drawn in the background, byte for byte.
        assert pictures & {(cache / name).read_bytes() for name in before}
    assert draws == []
    assert _pictures(cache) == before


def test_an_edit_to_a_water_unit_draws_the_new_picture_after_the_pause(
    qtbot: QtBot, open_window: Callable[[], MainWindow], demo_path: Path, tmp_path: Path, cache: Path
) -> None:
    window, _path = _opened(open_window, demo_path, tmp_path)
    predraw = _predraw(window)
    qtbot.waitSignal(predraw.drawn, timeout=DRAW_TIMEOUT_MS).wait()
    first = set(_pictures(cache))
    assert window.context is not None
    records = window.context.document.records
    unit = records.list("water_unit")[-1]
    edit_record(window.context, unit.uuid, {"name": "Renamed workshop"}, "name")
    qtbot.wait(PREDRAW_DELAY_MS // 2)
    assert set(_pictures(cache)) == first  # still within the pause after the last edit
    with qtbot.waitSignal(predraw.drawn, timeout=DRAW_TIMEOUT_MS) as drawn:
        pass
    assert len(drawn.args[0]) == 2
    assert set(_pictures(cache)) == first | set(drawn.args[0])


def test_closing_the_audit_ends_a_running_predraw(
    qtbot: QtBot, open_window: Callable[[], MainWindow], demo_path: Path, tmp_path: Path, cache: Path
) -> None:
    window, _path = _opened(open_window, demo_path, tmp_path)
    _, job, pid = _running(qtbot, window)
    outcomes = _outcomes(job)
    window.close_audit()
    assert job.ended.is_set()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    qtbot.wait(300)
    assert outcomes == ["cancelled"]


def test_an_edit_made_while_the_predraw_runs_does_not_wait_for_it_nor_end_it(
    qtbot: QtBot, open_window: Callable[[], MainWindow], demo_path: Path, tmp_path: Path, cache: Path
) -> None:
    window, _path = _opened(open_window, demo_path, tmp_path)
    predraw, job, pid = _running(qtbot, window)
    assert window.context is not None
    equipment = window.context.document.records.list("motor")[0]
    started: list[ProcessJob] = []
    original = worker_pool.POOL.submit

    def remember(job: ProcessJob, *args: Any) -> None:
        original(job, *args)
        started.append(job)

    worker_pool.POOL.submit = remember  # type: ignore[method-assign]
    try:
        # Not a water form: the to-do list and the problems are counted again, each at once in a worker.
        edit_record(window.context, equipment.uuid, {"location": "Hall 2"}, "location")
        qtbot.wait_until(lambda: {j.function.__name__ for j in started} >= {"todo_items", "problem_counts"})
    finally:
        del worker_pool.POOL.submit
    assert all(j.process_id not in (None, pid) for j in started)
    assert predraw.job is job and not job.ended.is_set()  # still drawing, in its own worker
    os.kill(pid, 0)
    with qtbot.waitSignal(predraw.drawn, timeout=DRAW_TIMEOUT_MS) as drawn:
        pass
    assert len(drawn.args[0]) == 2 and set(drawn.args[0]) == set(_pictures(cache))
    assert not predraw.pending  # the motor is not in the diagram: no other pass


def test_a_water_edit_made_while_the_predraw_runs_asks_for_one_more_pass(
    qtbot: QtBot, open_window: Callable[[], MainWindow], demo_path: Path, tmp_path: Path, cache: Path
) -> None:
    window, path = _opened(open_window, demo_path, tmp_path)
    predraw, job, pid = _running(qtbot, window)
    outcomes = _outcomes(job)
    assert window.context is not None
    unit = window.context.document.records.list("water_unit")[-1]
    edit_record(window.context, unit.uuid, {"name": "Renamed workshop"}, "name")
    # It goes on (what it draws may be the picture before the edit) and asks for a pass after it.
    assert predraw.job is job and predraw.pending
    os.kill(pid, 0)
    qtbot.waitSignal(predraw.drawn, timeout=DRAW_TIMEOUT_MS).wait()
    qtbot.wait_until(lambda: bool(outcomes))  # each receiver of a worker's signal is its own queued call
    assert outcomes == ["finished"]
    qtbot.waitSignal(predraw.drawn, timeout=DRAW_TIMEOUT_MS + PREDRAW_DELAY_MS).wait()
    assert not predraw.pending
    # The cache now holds both pictures of the audit as edited: nothing is left to draw.
    assert predraw_in_cache(path, ("zh", "en"), folder=cache) == []
