"""Keeps a PySide6 reference-count bug from aborting the app on CPython 3.11 (see `pin_true`)."""

from __future__ import annotations

import sys

# PySide6 6.12.0's SignalInstance.emit() returns True without taking a reference to it (checked
# here: sys.getrefcount(True) drops by one per emit() from Python). On CPython 3.11, where True is
# not immortal, a few thousand emits later Python frees True and aborts ("bool_dealloc: deallocating
# True or False"), mid-session or at exit. CPython 3.12+ makes True immortal, which hides the bug.
# pyproject.toml excludes 6.12.0 on Python 3.11 (6.11.3 loses no references); this guard stays for
# an environment that has 6.12.0 installed anyway.
_HEADROOM = 1 << 40


def pin_true() -> None:
    """Give True, False and None enough references that no session can call them down to zero (no-op on 3.12+ and before PySide6 6.12)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import PySide6

    if PySide6.__version_info__[:2] < (6, 12):
        return  # the bug came with 6.12.0; ctypes is not loaded for nothing (issue 15: ~2 ms of start-up)
    import ctypes

    # ob_refcnt is the first field of every object in release builds of CPython 3.11.
    # None too: every call of a void Qt method (setText, setVisible, clear ...) from Python drops one
    # reference to None in 6.12.0 (measured: 1,000 QLineEdit.setText calls, None's count 1,000 lower),
    # so a form-heavy session reaches zero within minutes ("none_dealloc" abort).
    for singleton in (True, False, None):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _HEADROOM:
            refcount.value += _HEADROOM
