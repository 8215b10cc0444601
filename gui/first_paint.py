"""Work held back until the main window's first paint at start-up (issue 15).

At start-up the window is painted with the audit's navigator first; building the view the user was
on, the background counts and the file's integrity check follow right after that first paint, so
that the window appears as soon as a bare Qt window would. `after_first_paint` runs its callback at
once when nothing is held (a window opened later, tests): the held work is the same, only later.

What runs before that paint does not touch PySide6's `Qt` namespace (`from PySide6.QtCore import Qt`,
or a call whose overloads take one of its enums, such as `QAction.setShortcut`): PySide6 builds all
of its ~95 enum classes on first use, ~15 ms that a bare window never pays (issue 15). Modules
imported before it import `Qt` where they use it, after the paint; `python main.py open` prints
`qt-namespace=False` when it was left alone (FIELDAUDIT_QUIT_WHEN_SHOWN, bench/bench_startup.py).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window that is never painted (started minimised) still gets its held work done after this long.
RELEASE_ANYWAY_MS = 3000


class FirstPaint(QObject):
    """Watches a window for its first paint and then runs the held callbacks, in the order given."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False
        self._held: list[tuple[QObject | None, Callable[[], None]]] = []
        QTimer.singleShot(RELEASE_ANYWAY_MS, self, self._release)

    def watch(self, window: QWidget) -> None:
        """The window whose first paint releases the held work (made after holding began, so that
        its own constructor can hold work too); closing it unpainted drops the held work."""
        self.setParent(window)
        window.installEventFilter(self)

    def hold(self, receiver: QObject | None, callback: Callable[[], None]) -> None:
        self._held.append((receiver, callback))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            watched.removeEventFilter(self)
            # Once the whole window is painted and shown, not in the middle of painting it.
            QTimer.singleShot(0, self, self._release)
        return False

    def _release(self) -> None:
        global _current
        if _current is self:
            _current = None
        held, self._held = self._held, []
        for receiver, callback in held:
            # A view closed meanwhile has nothing left to do.
            if receiver is None or shiboken6.isValid(receiver):
                callback()


_current: FirstPaint | None = None


def hold_until_painted() -> FirstPaint:
    """From now until the window given to `FirstPaint.watch` is first painted, `after_first_paint`
    holds its callbacks back."""
    global _current
    _current = FirstPaint()
    return _current


def holding() -> bool:
    """Whether work is being held back for the start-up window's first paint."""
    return _current is not None and shiboken6.isValid(_current) and not _current.painted


def after_first_paint(receiver: QObject | None, callback: Callable[[], None]) -> None:
    """Run `callback` once the start-up window has been painted (at once if it has, or if there is
    none); it is skipped if `receiver` was deleted meanwhile."""
    global _current
    if _current is not None and not shiboken6.isValid(_current):
        _current = None  # its window was closed before it was ever painted
    if _current is None:
        callback()
    else:
        _current.hold(receiver, callback)
