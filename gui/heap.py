"""Keeps the cycle collector's full passes short: what the app holds for long is frozen out of them.

A full (generation 2) collection looks at every container object the process holds. With a large
audit open that is a few million (the navigator's counts of 222,000 readings, the views' rows), and
one pass took 0.1-0.2 s of the event loop; allocating a background job's result (14,000 to-do
lines) set one off (issue 15). After a job has delivered, what is alive is mostly what the app
keeps: `settle()` moves it out of later passes (gc.freeze). Objects freed by reference counting
are freed as before; only cycles formed before a freeze wait for `release()`, which closing an
audit calls (then the next full pass reclaims them).
"""

from __future__ import annotations

import gc


def settle() -> None:
    """What is alive now stays out of later cycle collections (cheap: it moves a list)."""
    gc.freeze()


def release() -> None:
    """Let the cycle collector see everything again (an audit was closed: much of it is garbage)."""
    gc.unfreeze()
