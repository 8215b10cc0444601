"""A small pool of long-lived worker processes (`python -m audit.worker`) that run whole-audit passes.

Plain Python, no Qt: a request is pickled and written by a writer thread, replies are unpickled by
a reader thread per process and handed to the job's `deliver` (gui/jobs.py turns them into the
job's signals, which Qt queues to the GUI thread). Cancelling a running job ends its process; the
next job starts a fresh one. At most `size` processes exist; further jobs wait in line.

Low-priority jobs (work done ahead of time that nobody waits for: the report's diagrams) have a lane
of their own: one more worker, run at a lower CPU priority, that starts a job only while no normal
job waits in line. A normal job therefore never waits for one (no worker of the normal lane is ever
theirs), and while both run the system's scheduler gives the CPU to the normal job first. Ending the
low job to make room instead would cost it its work and a fresh worker (its ~1 s matplotlib import
again), and the normal job would still wait for a process to start.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import pickle  # nosec: both ends are this program, over the pipes of its own child process
import queue
import subprocess  # nosec: runs this program's own interpreter on its own module
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Protocol

import audit
from audit.document import verified_files
from audit.worker import FAILED, FINISHED, LOW_PRIORITY

# Two: a whole-audit pass after an edit (the to-do list) does not wait for another (the problems).
POOL_SIZE = 2
# One: low-priority work is one pass at a time (the report's diagrams).
LOW_PRIORITY_SIZE = 1
# Windows' counterpart of the low lane's niceness (audit/worker.py lowers its own on POSIX).
LOW_PRIORITY_FLAGS = getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)
# Where `audit` is found: the worker imports the same code as the app, installed or not.
SOURCE_ROOT = Path(audit.__file__).resolve().parents[1]


# (job id, function, its arguments, the files the app verified: audit/document.py)
Request = tuple[int, Callable[..., Any], tuple[Any, ...], dict[str, tuple[int, int, int, int]]]


class YieldingReader:
    """The worker's replies, read through Python code.

    Unpickling a large result (14,000 to-do lines: 5 MB, 0.4 s) is one C call that holds the
    interpreter throughout, and the event loop waited for it. The unpickler reads its input one
    frame (at most 64 kB, a few ms of work) at a time; when it reads through these methods, the
    interpreter can hand itself to the event loop's thread between two frames.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def read(self, size: int = -1) -> bytes:
        return self.raw.read(size)

    def readinto(self, buffer: Any) -> int | None:
        return self.raw.readinto(buffer)  # type: ignore[attr-defined]

    def readline(self) -> bytes:
        return self.raw.readline()


class Deliverable(Protocol):
    process_id: int | None

    def deliver(self, kind: str, payload: Any) -> None: ...
    def worker_ended(self, exit_code: int | None) -> None: ...


class WorkerProcess:
    """One `python -m audit.worker`: a writer thread sends requests, a reader thread replies."""

    def __init__(self, on_idle: Callable[[WorkerProcess], None], low_priority: bool = False) -> None:
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE_ROOT), os.environ.get("PYTHONPATH")]))
        self.low_priority = low_priority
        self.process = subprocess.Popen(  # noqa: S603 (this interpreter, our own module and option)
            [sys.executable, "-m", "audit.worker", *([LOW_PRIORITY] if low_priority else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=environment,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0) | (LOW_PRIORITY_FLAGS if low_priority else 0),
        )
        self.on_idle = on_idle
        self.killed = False  # set under the pool's lock: a worker being ended is never reused
        self.job: Deliverable | None = None
        self.job_id = 0
        self._requests: queue.SimpleQueue[Request | None] = queue.SimpleQueue()
        threading.Thread(target=self._write, name="worker-writer", daemon=True).start()
        threading.Thread(target=self._read, name="worker-reader", daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def submit(self, job_id: int, job: Deliverable, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.job, self.job_id = job, job_id
        # With the files the app has verified as they are now: a job started after the open's check
        # passed does not check the same file again.
        self._requests.put((job_id, function, args, verified_files()))

    def _write(self) -> None:
        # Pickled and written here, not on the GUI thread: a request bigger than the pipe's buffer
        # waits until the worker has started and reads it.
        assert self.process.stdin is not None
        with contextlib.suppress(OSError), self.process.stdin:
            self._write_requests(self.process.stdin)

    def _write_requests(self, stdin: IO[bytes]) -> None:
        while (request := self._requests.get()) is not None:
            try:
                data = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError) as error:
                job = self.job
                if job is not None:
                    job.deliver(FAILED, error)
                    self._done()
                continue
            try:
                stdin.write(data)
                stdin.flush()
            except OSError:
                # The process has ended (before this job reached it, the reader may be gone already).
                job, self.job = self.job, None
                if job is not None:
                    job.worker_ended(self.process.wait())
                return

    def _read(self) -> None:
        assert self.process.stdout is not None
        replies = YieldingReader(self.process.stdout)
        while True:
            try:
                job_id, kind, payload = pickle.load(replies)  # noqa: S301 (our own child process)
            except (EOFError, OSError):
                break
            except Exception as error:  # a reply this side cannot read: the stream is lost too
                job, self.job = self.job, None
                if job is not None:
                    job.deliver(FAILED, error)
                self.process.kill()
                break
            job = self.job
            if job is None or job_id != self.job_id:
                continue
            job.deliver(kind, payload)
            if kind in (FINISHED, FAILED):
                self._done()
        self.process.stdout.close()
        self._requests.put(None)  # the writer stops too
        exit_code = self.process.wait()
        job, self.job = self.job, None
        if job is not None:
            job.worker_ended(exit_code)

    def _done(self) -> None:
        self.job = None
        self.on_idle(self)

    def kill(self) -> None:
        """End the process now (what it was doing is abandoned) and reap it."""
        self.job = None
        self._requests.put(None)
        self.process.kill()
        self.process.wait()


Waiting = tuple[Deliverable, Callable[..., Any], tuple[Any, ...]]


class Lane:
    """Workers of one priority: the idle ones, the busy ones by job, and the jobs waiting for one."""

    def __init__(self, size: int, low_priority: bool) -> None:
        self.size = size
        self.low_priority = low_priority
        self.idle: list[WorkerProcess] = []
        self.busy: dict[Deliverable, WorkerProcess] = {}
        self.waiting: deque[Waiting] = deque()

    def start_waiting(self, ids: Iterator[int], on_idle: Callable[[WorkerProcess], None]) -> None:
        self.idle = [worker for worker in self.idle if worker.process.poll() is None]
        while self.waiting and (self.idle or len(self.busy) < self.size):
            job, function, args = self.waiting.popleft()
            worker = self.idle.pop() if self.idle else WorkerProcess(on_idle, self.low_priority)
            self.busy[job] = worker
            job.process_id = worker.pid
            worker.submit(next(ids), job, function, args)

    def workers(self) -> list[WorkerProcess]:
        return [*self.idle, *self.busy.values()]


class WorkerPool:
    """Hands jobs to idle workers, starts workers up to `size`, queues the rest; low-priority jobs
    go to a lane of their own (`low_size` workers) and start only while no normal job waits."""

    def __init__(self, size: int = POOL_SIZE, low_size: int = LOW_PRIORITY_SIZE) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._normal = Lane(size, low_priority=False)
        self._low = Lane(low_size, low_priority=True)
        self._ids = itertools.count(1)

    def workers(self) -> list[WorkerProcess]:
        """Every worker process alive or being started, idle or busy, of both lanes."""
        with self._lock:
            return [*self._normal.workers(), *self._low.workers()]

    def submit(
        self, job: Deliverable, function: Callable[..., Any], args: tuple[Any, ...], low_priority: bool = False
    ) -> None:
        with self._lock:
            (self._low if low_priority else self._normal).waiting.append((job, function, args))
            self._start_waiting()

    def _start_waiting(self) -> None:
        self._normal.start_waiting(self._ids, self._became_idle)
        if not self._normal.waiting:
            self._low.start_waiting(self._ids, self._became_idle)

    def _became_idle(self, worker: WorkerProcess) -> None:
        with self._lock:
            lane = self._low if worker.low_priority else self._normal
            for job, busy in list(lane.busy.items()):
                if busy is worker:
                    del lane.busy[job]
            if not worker.killed and worker.process.poll() is None:
                lane.idle.append(worker)
            self._start_waiting()

    def cancel(self, job: Deliverable) -> None:
        """Drop a waiting job or end the process running it."""
        worker = None
        with self._lock:
            for lane in (self._normal, self._low):
                lane.waiting = deque(entry for entry in lane.waiting if entry[0] is not job)
                worker = worker or lane.busy.pop(job, None)
            if worker is not None:
                worker.killed = True
        if worker is None:
            return
        worker.kill()
        with self._lock:
            self._start_waiting()

    def forget(self, job: Deliverable) -> None:
        """A job whose worker ended on its own (crashed): the worker is not reused."""
        with self._lock:
            self._normal.busy.pop(job, None)
            self._low.busy.pop(job, None)
            self._start_waiting()

    def shutdown(self) -> None:
        """End every worker (the app is quitting); jobs still waiting are dropped."""
        with self._lock:
            workers = [*self._normal.workers(), *self._low.workers()]
            for lane in (self._normal, self._low):
                lane.idle, lane.busy, lane.waiting = [], {}, deque()
            for worker in workers:
                worker.killed = True
        for worker in workers:
            worker.kill()


POOL = WorkerPool()
atexit.register(POOL.shutdown)
