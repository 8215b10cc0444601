"""Meter readings -> daily quantities: cumulative differences spread over the test days, or flow x hours.

A day gets a quantity only when valid readings cover all of it; a reading that goes backwards, a
negative value or a reading outside the test period is flagged with the meter's number and never
used, so the days it would have fed stay unknown instead of silently wrong.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from audit.water.inputs import MeterInput, ReadingInput
from audit.water.model import Flag, Severity
from forms.spec import Text

# A day counts as covered when gaps add up to less than this (readings are taken to the minute).
_COVERAGE_SLACK_S = 1.0
_DAY_S = 86400.0
# At a meter change the old meter's last reading and the new one's first share a time: old first.
_ORDER = operator.attrgetter("read_at", "register_reset")


@dataclass
class MeterDays:
    meter: MeterInput
    daily_m3: list[float | None]


def _meter_flag(meter: MeterInput, code: str, severity: Severity, en: str, zh: str) -> Flag:
    """A flag about one meter, naming it (its number) and pointing to its record."""
    return Flag(code, severity, Text(en, zh), meter.number, meter.uuid)


# The test's start and end are in every "outside the test period" flag, and meters are read at the same
# times: a year of daily readings is 365 times, which a smaller cache, read meter after meter, would forget.
@lru_cache(maxsize=4096)
def _when(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _outside(meter: MeterInput, reading: ReadingInput, start: dt.datetime, end: dt.datetime) -> Flag:
    # A year of daily readings around a 4-day test makes ~18,000 of these: each time is formatted once.
    at, first, last = _when(reading.read_at), _when(start), _when(end)
    return _meter_flag(
        meter,
        "water.reading_outside_period",
        Severity.WARNING,
        f"Meter {meter.number}: the reading at {at} is outside the test period ({first} – {last}) and is not used.",
        f"水表 {meter.number}：{at} 的读数不在测试期（{first}至{last}）内，未采用。",
    )


def _values(readings: list[ReadingInput]) -> list[float]:
    return [reading.value for reading in readings]


def _usable(
    meter: MeterInput, readings: list[ReadingInput], start: dt.datetime, end: dt.datetime, flags: list[Flag]
) -> list[ReadingInput]:
    """The readings that can be used; a flag for each negative one and each outside the test period."""
    usable: list[ReadingInput] = []
    for reading in readings:
        if reading.value < 0:
            flags.append(
                _meter_flag(
                    meter,
                    "water.negative_reading",
                    Severity.ERROR,
                    f"Meter {meter.number}: the reading at {_when(reading.read_at)} is negative ({reading.value:g}); "
                    "it is not used.",
                    f"水表 {meter.number}：{_when(reading.read_at)} 的读数为负（{reading.value:g}），未采用。",
                )
            )
        elif reading.read_at < start or reading.read_at > end:
            flags.append(_outside(meter, reading, start, end))
        else:
            usable.append(reading)
    return usable


def meter_days(
    meter: MeterInput, readings: Iterable[ReadingInput], boundaries: list[dt.datetime]
) -> tuple[MeterDays, list[Flag]]:
    """Daily quantities (m³) of one meter for the days between consecutive boundaries."""
    flags: list[Flag] = []
    ordered = sorted(readings, key=_ORDER)
    start, end = boundaries[0], boundaries[-1]
    # Usually every reading is usable: three checks on the sorted list instead of one per reading.
    if ordered and ordered[0].read_at >= start and ordered[-1].read_at <= end and min(_values(ordered)) >= 0:
        usable = ordered
    else:
        usable = _usable(meter, ordered, start, end, flags)
    if meter.reading_kind == "flow_rate":
        daily = _flow_days(meter, usable, boundaries, flags)
    else:
        daily = _cumulative_days(meter, usable, boundaries, flags)
    return MeterDays(meter, daily), flags


def _flow_days(
    meter: MeterInput, readings: list[ReadingInput], boundaries: list[dt.datetime], flags: list[Flag]
) -> list[float | None]:
    # Instantaneous flows: the day's mean flow (m³/h) times the hours the line runs per day.
    hours = meter.operating_hours_per_day
    per_day: dict[int, list[float]] = defaultdict(list)
    days = len(boundaries) - 1
    for reading in readings:
        index = min(int((reading.read_at - boundaries[0]) / dt.timedelta(days=1)), days - 1)
        per_day[index].append(reading.value)
    daily: list[float | None] = []
    missing: list[str] = []
    for index in range(days):
        values = per_day.get(index)
        if not values or hours is None:
            daily.append(None)
            missing.append(boundaries[index].date().isoformat())
        else:
            daily.append(sum(values) / len(values) * hours)
    if hours is None:
        flags.append(
            _meter_flag(
                meter,
                "water.flow_hours_missing",
                Severity.ERROR,
                f"Meter {meter.number} is read as a flow but has no hours of flow per day.",
                f"水表 {meter.number} 按瞬时流量读数，但未填日运行小时数。",
            )
        )
    elif missing:
        flags.append(_uncovered(meter, missing))
    return daily


def _uncovered(meter: MeterInput, days: list[str]) -> Flag:
    return _meter_flag(
        meter,
        "water.meter_day_uncovered",
        Severity.WARNING,
        f"Meter {meter.number}: no usable readings for test day(s) {', '.join(days)}; no quantity for those days.",
        f"水表 {meter.number}：测试日 {'、'.join(days)} 没有可用读数，这些日期无水量。",
    )


def _reset(meter: MeterInput, previous: ReadingInput, reading: ReadingInput) -> Flag:
    return _meter_flag(
        meter,
        "water.meter_reset",
        Severity.WARNING,
        f"Meter {meter.number} was replaced or reset before {_when(reading.read_at)}: the water between "
        f"{_when(previous.read_at)} and then is unknown.",
        f"水表 {meter.number} 在 {_when(reading.read_at)} 前换表或回零：{_when(previous.read_at)} 至该时刻的水量未知。",
    )


def _backwards(meter: MeterInput, previous: ReadingInput, reading: ReadingInput) -> Flag:
    return _meter_flag(
        meter,
        "water.reading_backwards",
        Severity.ERROR,
        f"Meter {meter.number}: the reading at {_when(reading.read_at)} ({reading.value:g} m³) is lower than "
        f"the one at {_when(previous.read_at)} ({previous.value:g} m³). Was the meter replaced or misread? "
        "Correct the reading or mark it as taken after a meter replacement.",
        f"水表 {meter.number}：{_when(reading.read_at)} 的读数（{reading.value:g} m³）小于 "
        f"{_when(previous.read_at)} 的读数（{previous.value:g} m³），是否换表或读错？请更正读数或标记为换表后读数。",
    )


def _spread(begin: float, finish: float, increase: float, covered: list[float], quantity: list[float]) -> None:
    """Share `increase` (m³) between begin and finish (s since the first boundary) among the days it overlaps.

    Each interval visits only the days it overlaps, so a month of readings every few minutes stays
    linear in the number of readings.
    """
    length = finish - begin
    first = max(int(begin // _DAY_S), 0)
    last = min(int(finish // _DAY_S), len(covered) - 1)
    for index in range(first, last + 1):
        overlap = min(finish, (index + 1) * _DAY_S) - max(begin, index * _DAY_S)
        if overlap > 0:
            covered[index] += overlap
            quantity[index] += increase * overlap / length


def _cumulative_days(
    meter: MeterInput, readings: list[ReadingInput], boundaries: list[dt.datetime], flags: list[Flag]
) -> list[float | None]:
    # Consecutive readings bound intervals; each interval's increase is shared among the days it
    # overlaps in proportion to time (linear interpolation of the register). Times are seconds since
    # the first boundary (the days are equal steps): one subtraction per reading, then float arithmetic.
    origin = boundaries[0]
    seconds = [(reading.read_at - origin).total_seconds() for reading in readings]
    values = _values(readings)
    resets = [reading.register_reset for reading in readings]
    days = len(boundaries) - 1
    covered = [0.0] * days
    quantity = [0.0] * days
    # Each reading with the one before it (the shifted lists are one shorter).
    pairs = zip(seconds, seconds[1:], values, values[1:], resets[1:], strict=False)
    for index, (begin, finish, before, after, reset) in enumerate(pairs, 1):
        if reset:
            flags.append(_reset(meter, readings[index - 1], readings[index]))
        elif after < before:
            flags.append(_backwards(meter, readings[index - 1], readings[index]))
        elif finish > begin:
            day = int(begin // _DAY_S)
            if 0 <= day < days and finish <= (day + 1) * _DAY_S:  # within one day: most intervals
                covered[day] += finish - begin
                quantity[day] += after - before
            else:
                _spread(begin, finish, after - before, covered, quantity)
    daily: list[float | None] = []
    missing: list[str] = []
    for index, day_start in enumerate(boundaries[:-1]):
        if _DAY_S - covered[index] > _COVERAGE_SLACK_S:
            daily.append(None)
            missing.append(day_start.date().isoformat())
        else:
            daily.append(quantity[index])
    if missing:
        flags.append(_uncovered(meter, missing))
    return daily
