"""Pause Python's cycle collector while one bounded piece of work builds many long-lived objects.

An export reads and analyses the whole audit, then writes the workbook from it: hundreds of thousands
of objects (records, indicators, findings, cells) that all live until the file is written. The cycle
collector, triggered by allocations, scans them again and again (on the large audit a fifth of the
export's time) and frees nothing: the work makes no garbage cycles worth collecting (measured: the
peak memory is the same with the collector off). So it is paused for the work and resumes after, when
what the work built is mostly freed. Pauses nest and may overlap across threads; the collector resumes when the last
one ends, and only if it was on before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def paused_collection() -> Iterator[None]:
    """Run the body with the cycle collector off; afterwards it is as it was."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
