"""Time as the audit sees it: the system clock, or a fixed one that tests and imports inject."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    """Local wall-clock time: what an auditor reads off a watch."""

    def now(self) -> dt.datetime:
        return dt.datetime.now()


@dataclass
class FixedClock:
    """A clock that says what it is told (tests; replaying an import at its recorded time)."""

    at: dt.datetime = field(default_factory=lambda: dt.datetime(2025, 1, 1, 8, 0))

    def now(self) -> dt.datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += dt.timedelta(seconds=seconds)


SYSTEM_CLOCK = SystemClock()


def now_iso(clock: Clock = SYSTEM_CLOCK) -> str:
    """The clock's time to the second, as stored in the audit (ISO 8601, local, no zone)."""
    return clock.now().replace(microsecond=0).isoformat()
