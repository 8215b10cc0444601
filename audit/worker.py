"""A background worker process: runs whole-audit passes for the desktop app in an interpreter of its own.

    python -m audit.worker [--low-priority]   (started by gui/worker_pool.py; pickle over stdin/stdout)

Threads of the app's own interpreter share one lock with the event loop: a thread reading 222,000
meter readings held it for stretches of up to ~0.3 s and the window froze meanwhile (issue 15).
A process has its own interpreter, so the app only waits for the (small) result it unpickles.

One process runs one job at a time and stays alive for the next (Python's start-up and the
imports are paid once). A request is `(job_id, function, args, verified)`: `function(progress, *args)` is
called, where `progress(done, total, message, partial=None)` reports and may hand over a piece of
the result early. Every reply is `(job_id, kind, payload)`, kind being "progress", "finished" or
"failed". Cancelling a job is ending the process: the app never waits for a checkpoint here.
"""

from __future__ import annotations

import os
import pickle  # nosec: both ends are this program, over the pipes of its own child process
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from forms.spec import Text

PROGRESS = "progress"
FINISHED = "finished"
FAILED = "failed"
# How often an idle or busy worker looks whether the app that started it is still there.
PARENT_POLL_S = 0.5
# The option that makes a worker of the low-priority lane (work done ahead that nobody waits for).
LOW_PRIORITY = "--low-priority"
# How much nicer such a worker is on POSIX: the scheduler gives a niceness-0 process (the app, a normal
# worker) about 10 times its share of a busy core (Linux's CFS weights 1024 vs 110).
LOW_PRIORITY_NICENESS = 10


@dataclass(frozen=True)
class Failure:
    """Why a job failed: the error's bilingual message when it has one, else its text and last frame."""

    message: Text | None
    text: str
    trace: str


def failure_of(error: BaseException) -> Failure:
    message = getattr(error, "message", None)
    return Failure(message if isinstance(message, Text) else None, str(error), traceback.format_exc(limit=1))


def send(out: BinaryIO, lock: threading.Lock, message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    with lock:
        out.write(data)
        out.flush()


def run_one(
    out: BinaryIO,
    lock: threading.Lock,
    job_id: int,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    verified: dict[str, tuple[int, int, int, int]] | None = None,
) -> None:
    """Run one job and send its result or its failure. `verified`: the files the app has checked
    (audit/document.py: a reader of one of them, unchanged since, skips quick_check)."""
    from audit.document import trust_verified

    trust_verified(verified or {})

    def progress(done: int, total: int, message: str = "", partial: Any = None) -> None:
        send(out, lock, (job_id, PROGRESS, (done, total, message, partial)))

    try:
        result = function(progress, *args)
    except Exception as error:
        send(out, lock, (job_id, FAILED, failure_of(error)))
    else:
        send(out, lock, (job_id, FINISHED, result))


def _leave_with_parent(parent: int) -> None:
    """End this process when the app that started it is gone (killed, crashed), even mid-job."""
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent:
            os._exit(0)


def serve(requests: BinaryIO, out: BinaryIO) -> None:
    """Answer requests until the app closes the pipe."""
    lock = threading.Lock()
    while True:
        try:
            job_id, function, args, verified = pickle.load(requests)  # noqa: S301 (our own parent process)
        except EOFError:
            return
        run_one(out, lock, job_id, function, args, verified)


def main() -> None:
    if LOW_PRIORITY in sys.argv[1:] and hasattr(os, "nice"):
        os.nice(LOW_PRIORITY_NICENESS)  # Windows: the app starts it with BELOW_NORMAL_PRIORITY_CLASS
    # Replies go through a private copy of stdout; anything the work prints goes to stderr instead.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    threading.Thread(target=_leave_with_parent, args=(os.getppid(),), daemon=True).start()
    # What every job needs, imported while the app is still drawing its first windows.
    import audit.background  # noqa: F401

    serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    # Run as audit.worker, not as __main__: the Failure it pickles must be found by that name.
    from audit import worker

    worker.main()
