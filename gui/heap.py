"""Keeps the cycle collector's full passes short: what the app holds for long is frozen out of them.

A full (generation 2) collection looks at every container object the process holds. With a large
audit open that is a few million (the navigator's counts of 222,000 readings, the views' rows), and
one pass took 0.1-0.3 s of the event loop; the allocations of a background result set one off
(issue 15). Once an audit's first background results have all been taken over by the views,
`settle()` moves what is alive out of later passes (gc.freeze), once per audit: objects freed by
reference counting are freed as before, cycles formed later are collected as before, and only
cyclic garbage that existed at that one moment waits for `release()`, which closing the audit calls.
Freezing after every delivery would keep each round's cycles forever.
"""

from __future__ import annotations

import gc

_settled = False


def settle() -> None:
    """What is alive now stays out of later cycle collections (cheap: it moves a list); once until `release()`."""
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()


def release() -> None:
    """Let the cycle collector see everything again (an audit was closed: much of it is garbage)."""
    global _settled
    _settled = False
    gc.unfreeze()
