"""Whole-audit passes run in a worker process: the event loop keeps its interpreter, failures and
crashes are told, cancelling ends the process, closing an audit stops its readers (issue 15)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from audit.background import predraw_diagrams, problem_counts, todo_items
from audit.document import AuditDocument
from audit.water.diagram_cache import REPORT_DPI
from audit.worker import FAILED, FINISHED, LOW_PRIORITY_NICENESS
from gui import jobs, worker_pool
from gui.i18n import install_translators, remove_translators
from gui.jobs import ProcessJob, start_process_job
from gui.main_window import MainWindow
from gui.workspace import RecordsPage
from tests.damage import scribble_over_a_middle_page

READINGS_PER_METER = 1500


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _sizeable(demo_path: Path, tmp_path: Path) -> Path:
    """The demo audit with a few thousand more readings on each of its meters."""
    path = tmp_path / "sizeable.fieldaudit"
    shutil.copy(demo_path, path)
    start = dt.datetime(2025, 6, 16, 8, 0)
    with AuditDocument.open(path, author="tester") as document:
        meters = [record.uuid for record in document.records.list("water_meter")]
        rows = [
            {
                "meter": meter,
                "read_at": (start + dt.timedelta(minutes=5 * step)).isoformat(timespec="minutes"),
                "value": 1000.0 + step * 0.5,
            }
            for meter in meters
            for step in range(READINGS_PER_METER)
        ]
        document.records.add_many("water_reading", rows)
    return path


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_failed_process_job_speaks_the_interface_language(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, language: str
) -> None:
    translators = install_translators(qapp, language)
    try:
        owner = QWidget()
        qtbot.addWidget(owner)
        missing = tmp_path / "gone.fieldaudit"
        messages: list[str] = []
        job = start_process_job(todo_items, (missing,), owner, "To do", on_failed=messages.append, show_progress=False)
        qtbot.wait_until(lambda: bool(messages), timeout=30_000)
    finally:
        remove_translators(qapp, translators)
    expected = "文件不存在" if language == "zh" else "file not found"
    [message] = messages
    assert expected in message and str(missing) in message
    assert job.process_id is not None and job.process_id != os.getpid()


def test_a_worker_that_dies_fails_its_job_with_a_message(qtbot: QtBot, demo_path: Path, tmp_path: Path) -> None:
    path = _sizeable(demo_path, tmp_path)
    messages: list[str] = []
    job = start_process_job(todo_items, (path,), None, "", on_failed=messages.append, show_progress=False)
    assert job.process_id is not None
    os.kill(job.process_id, signal.SIGKILL)  # a crash of the worker's interpreter, mid-pass
    qtbot.wait_until(lambda: bool(messages), timeout=30_000)
    assert messages == [f"The background work stopped unexpectedly (exit code {-signal.SIGKILL})."]
    assert job.ended.is_set()
    # The next job gets a fresh worker.
    results: list[object] = []
    again = start_process_job(todo_items, (path,), None, "", on_finished=results.append, show_progress=False)
    qtbot.wait_until(lambda: bool(results), timeout=60_000)
    assert again.process_id != job.process_id
    assert isinstance(results[0], list) and results[0]


def test_cancelling_a_process_job_ends_its_process_at_once(qtbot: QtBot, demo_path: Path, tmp_path: Path) -> None:
    path = _sizeable(demo_path, tmp_path)
    outcomes: list[str] = []
    job = start_process_job(todo_items, (path,), None, "", show_progress=False)
    job.signals.finished.connect(lambda _result: outcomes.append("finished"))
    job.signals.cancelled.connect(lambda: outcomes.append("cancelled"))
    pid = job.process_id
    assert pid is not None
    qtbot.wait(200)  # the worker is reading the audit
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 1.0
    assert _gone(pid) and job.ended.is_set()
    assert outcomes == ["cancelled"]
    qtbot.wait(300)
    assert outcomes == ["cancelled"]  # nothing arrives from the ended worker


def test_closing_an_audit_ends_the_workers_reading_it_before_the_file_closes(
    qtbot: QtBot, open_window: Callable[[], MainWindow], demo_path: Path, tmp_path: Path
) -> None:
    path = _sizeable(demo_path, tmp_path)
    window = open_window()
    window.open_path(path)
    assert window.workspace is not None
    qtbot.wait_until(lambda: any(isinstance(j, ProcessJob) for j in list(jobs._running)))
    readers = [j for j in list(jobs._running) if isinstance(j, ProcessJob) and j.reads == str(path)]
    assert readers
    window.close_audit()
    for job in readers:
        assert job.ended.is_set() and job.process_id is not None and _gone(job.process_id)
    # The last connection closed: the write-ahead log is folded back, the audit is one file again.
    assert not path.with_name(path.name + "-wal").exists()


def test_an_edit_on_a_sizeable_audit_leaves_the_background_passes_to_another_process(
    qtbot: QtBot, open_window: Callable[[], MainWindow], demo_path: Path, tmp_path: Path
) -> None:
    path = _sizeable(demo_path, tmp_path)
    window = open_window()
    window.resize(1280, 820)
    window.open_path(path)
    assert window.workspace is not None
    window.workspace.show_node("form:water_reading")
    page = window.workspace.views["form:water_reading"]
    assert isinstance(page, RecordsPage)
    qtbot.wait_until(
        lambda: not jobs.running_count() and not window.workspace.navigator.navigator_model.is_counting(),
        timeout=120_000,
    )  # type: ignore[union-attr]
    started: list[ProcessJob] = []
    original = worker_pool.POOL.submit

    def remember(job: ProcessJob, *args: object) -> None:
        started.append(job)
        original(job, *args)  # type: ignore[arg-type]

    worker_pool.POOL.submit = remember  # type: ignore[method-assign]
    try:
        model = page.table.model
        index = model.index(3, model.column_of("value"))
        gaps = _stalls_while(qtbot, lambda: model.setData(index, "1234.5"))
    finally:
        del worker_pool.POOL.submit
    assert model.data(index) == "1234.5"
    # The edit's whole-audit passes (the navigator's problems, the to-do list) ran in a worker process.
    assert {job.function.__name__ for job in started} >= {"problem_counts", "todo_items"}
    workers = {job.process_id for job in started}
    assert None not in workers and os.getpid() not in workers
    # This process (the event loop ticking, the edit, the results shown) used less CPU than the
    # passes used in the workers: a thread running them here would have counted their CPU here.
    worker_cpu_s = sum(_cpu_s(pid) - gaps.worker_cpu_before.get(pid, 0.0) for pid in workers if pid is not None)
    assert gaps.gui_cpu_s < worker_cpu_s, (gaps, worker_cpu_s)
    # Nor was the loop kept waiting long while their (long) results came back: 14,000 to-do lines
    # unpickled at once held it for ~0.3 s; they come in slices.
    assert gaps.longest_s < 0.25 * worker_cpu_s, (gaps, worker_cpu_s)


def test_jobs_started_while_a_low_priority_job_runs_do_not_wait_for_it(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "plant.fieldaudit"
    shutil.copy(demo_path, path)
    worker_pool.POOL.shutdown()  # no warm worker: the drawing imports matplotlib (seconds)
    arguments = (path, ("zh", "en"), REPORT_DPI, None, tmp_path / "cache")
    order: list[str] = []
    low = start_process_job(predraw_diagrams, arguments, None, "", show_progress=False, low_priority=True)
    low.signals.finished.connect(lambda drawn: order.append(f"drawn {len(drawn)}"))
    assert low.process_id is not None
    # Its worker runs at a lower CPU priority than this process (the app) and the normal workers.
    qtbot.wait_until(lambda: _niceness(low.process_id) - _niceness(os.getpid()) == LOW_PRIORITY_NICENESS)
    # An edit's two passes, or a panel's first analysis and another pass, both start at once.
    normal = [
        start_process_job(function, (path,), None, "", show_progress=False) for function in (todo_items, problem_counts)
    ]
    assert all(job.process_id not in (None, low.process_id) for job in normal)
    for job, name in zip(normal, ("to do", "problems"), strict=True):
        job.signals.finished.connect(lambda _result, name=name: order.append(name))
    qtbot.wait_until(lambda: all(job.ended.is_set() for job in normal), timeout=60_000)
    assert not low.ended.is_set()  # they finished while it was still drawing
    qtbot.wait_until(low.ended.is_set, timeout=90_000)
    qtbot.wait_until(lambda: len(order) == 3)
    assert sorted(order[:2]) == ["problems", "to do"] and order[2] == "drawn 2"
    assert len(list((tmp_path / "cache").glob("water-diagram-*.png"))) == 2


class Recorded:
    """A job handed to a pool directly: when it got a worker, and how it ended."""

    def __init__(self, name: str, log: list[str]) -> None:
        self.name, self.log = name, log
        self._process_id: int | None = None
        self.outcome: str | None = None
        self.ended = threading.Event()

    @property
    def process_id(self) -> int | None:
        return self._process_id

    @process_id.setter
    def process_id(self, pid: int | None) -> None:
        self._process_id = pid
        self.log.append(f"{self.name} started")

    def deliver(self, kind: str, payload: Any) -> None:
        if kind in (FINISHED, FAILED):
            self.outcome = kind
            self.log.append(f"{self.name} {kind}")
            self.ended.set()

    def worker_ended(self, exit_code: int | None) -> None:
        self.outcome = f"exit {exit_code}"
        self.ended.set()


def test_a_low_priority_job_waits_while_a_normal_job_waits_in_line(demo_path: Path, tmp_path: Path) -> None:
    sizeable = _sizeable(demo_path, tmp_path)
    pool = worker_pool.WorkerPool(size=1, low_size=1)
    log: list[str] = []
    long, queued, low = Recorded("long", log), Recorded("queued", log), Recorded("low", log)
    try:
        pool.submit(long, todo_items, (sizeable,))
        pool.submit(queued, todo_items, (demo_path,))
        pool.submit(low, predraw_diagrams, (demo_path, ("en",), REPORT_DPI, None, tmp_path / "cache"), True)
        # The normal lane's only worker is busy and a normal job waits for it: the low lane starts nothing.
        assert log == ["long started"] and low.process_id is None
        for job in (long, queued, low):
            assert job.ended.wait(90), job.name
    finally:
        pool.shutdown()
    assert [job.outcome for job in (long, queued, low)] == [FINISHED] * 3
    # The low job got its (own) worker once the waiting job had one, not before.
    assert log.index("low started") > log.index("queued started") > log.index("long finished")
    assert low.process_id not in (long.process_id, queued.process_id)


def test_a_worker_trusts_the_check_the_app_made_only_while_the_file_is_unchanged(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "plant.fieldaudit"
    shutil.copy(demo_path, path)
    document = AuditDocument.open(path, author="tester", check_later=True)
    try:
        document.verify()  # the app's own check of every page passed
        # Then a page is damaged behind SQLite's back, leaving the file's size and time as they were:
        # only a check of every page could tell. A reader started now trusts the app's check.
        status = path.stat()
        scribble_over_a_middle_page(path)
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
        trusted = _outcome(qtbot, path)
        # The same file with another modification time is not the file that was checked: checked again.
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
        checked = _outcome(qtbot, path)
    finally:
        document.close()
    assert "quick_check" not in trusted
    assert checked.startswith(f"failed: {path}: the file is damaged (quick_check:")


def _outcome(qtbot: QtBot, path: Path) -> str:
    """How a worker's count of the audit's problems ended: "finished" or "failed: <message>"."""
    outcome: list[str] = []
    job = start_process_job(problem_counts, (path,), None, "", show_progress=False)
    job.signals.finished.connect(lambda _result: outcome.append("finished"))
    job.signals.failed.connect(lambda message: outcome.append(f"failed: {message}"))
    qtbot.wait_until(lambda: bool(outcome), timeout=60_000)
    return outcome[0]


def _niceness(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


def _cpu_s(pid: int) -> float:
    """CPU time (user and system) a process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Stalls:
    def __init__(self) -> None:
        self.worker_cpu_before: dict[int, float] = {}
        self.longest_s = 0.0
        self.wall_s = 0.0
        self.gui_cpu_s = 0.0

    def __repr__(self) -> str:
        return (
            f"Stalls(longest {self.longest_s * 1000:.1f} ms, wall {self.wall_s:.2f} s, GUI CPU {self.gui_cpu_s:.2f} s)"
        )


def _stalls_while(qtbot: QtBot, act: Callable[[], object]) -> Stalls:
    """Run `act`, then the event loop with a timer ticking every 2 ms until the jobs it started have
    delivered: the longest gap between ticks, the time that took, and this process's CPU time meanwhile."""
    result = Stalls()
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        result.longest_s = max(result.longest_s, now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    for worker in worker_pool.POOL.workers():
        result.worker_cpu_before[worker.pid] = _cpu_s(worker.pid)
    cpu, wall = time.process_time(), time.perf_counter()
    act()
    last[0] = time.perf_counter()
    timer.start()
    qtbot.wait(1000)  # the navigator and the to-do list start their passes after a quiet moment
    qtbot.wait_until(lambda: not jobs.running_count(), timeout=120_000)
    timer.stop()
    result.wall_s = time.perf_counter() - wall
    result.gui_cpu_s = time.process_time() - cpu
    return result
