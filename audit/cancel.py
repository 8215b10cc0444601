"""Cooperative cancellation of long domain work: a worker thread says when to stop; the work checks between chunks.

A background job (in gui/) runs its work inside `cancellable(should_stop)`. Long loops in the domain
call `checkpoint()` between chunks (a meter, a stage), and every SQLite connection opened in that
thread is watched by `watch()`: SQLite itself asks `should_stop` every few thousand steps of a
statement and interrupts it, so reading 222,000 meter readings stops within milliseconds. Quitting
the app then never waits for a count it no longer needs (issue 15). Outside `cancellable` both
are no-ops, so the command line and tests run the same code unchanged.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# SQLite virtual-machine steps between two looks at the flag: about a millisecond of work.
_STEPS_BETWEEN_CHECKS = 20_000


class Cancelled(Exception):
    """The work was asked to stop (the app is quitting, the user pressed Cancel)."""


_local = threading.local()


def stop_requested() -> bool:
    """Whether the work running in this thread has been asked to stop."""
    should_stop: Callable[[], bool] | None = getattr(_local, "should_stop", None)
    return should_stop is not None and should_stop()


def checkpoint() -> None:
    """Raise Cancelled if the work running in this thread has been asked to stop."""
    if stop_requested():
        raise Cancelled


@contextmanager
def cancellable(should_stop: Callable[[], bool]) -> Iterator[None]:
    """Run a block whose checkpoints (and watched connections) stop once `should_stop()` is true.

    An SQLite statement interrupted this way raises sqlite3.OperationalError; it is re-raised as
    Cancelled, so the caller sees one exception for "asked to stop".
    """
    previous = getattr(_local, "should_stop", None)
    _local.should_stop = should_stop
    try:
        yield
    except sqlite3.OperationalError:
        if should_stop():
            raise Cancelled from None
        raise
    finally:
        _local.should_stop = previous


def watch(connection: sqlite3.Connection) -> None:
    """Let a stop request of this thread's work interrupt the connection's running statement."""
    should_stop: Callable[[], bool] | None = getattr(_local, "should_stop", None)
    if should_stop is not None:
        connection.set_progress_handler(lambda: 1 if should_stop() else 0, _STEPS_BETWEEN_CHECKS)


@contextmanager
def interrupt_on_stop(connection: sqlite3.Connection) -> Iterator[None]:
    """Let a stop request interrupt a statement SQLite runs as one step, which the progress handler
    of `watch` never sees (PRAGMA quick_check of a large audit: 0.3 s): a watcher thread calls
    `interrupt()` within a few milliseconds of the request. A no-op outside `cancellable`."""
    should_stop: Callable[[], bool] | None = getattr(_local, "should_stop", None)
    if should_stop is None:
        yield
        return
    finished = threading.Event()

    def watcher() -> None:
        while not finished.wait(0.005):
            if should_stop():
                connection.interrupt()
                return

    thread = threading.Thread(target=watcher, name="interrupt-on-stop", daemon=True)
    thread.start()
    try:
        yield
    finally:
        finished.set()
        thread.join()
