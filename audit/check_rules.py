"""`check`'s rule for one column, made once per form: a stored value's problems, decided once per distinct value.

A form's table is read a chunk of plain tuples at a time and each column checked on the distinct values
of the chunk, so that the 110 meters or 2,000 times of 220,000 readings are looked at once each, not per
row (issue 15). Which problems a value has is always decided by the same functions as before
(`stored_problem`, `check_fields`), so every message is theirs; the one shortcut, `_plain_number`, only
ever answers "no problem" for a finite number within the field's range, and anything else goes through
them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass

from audit.records import decode
from forms.spec import FieldSpec, FieldType, Text
from forms.validation import InvalidValue, Problem, check_fields, parse_value

# Types whose stored values `check` reads again through the form's parser (others are free text).
PARSED_TYPES = frozenset(
    {
        FieldType.INTEGER,
        FieldType.DECIMAL,
        FieldType.BOOLEAN,
        FieldType.CHOICE,
        FieldType.MULTI_CHOICE,
        FieldType.DATE,
        FieldType.DATETIME,
    }
)
REFERENCE_TYPES = frozenset({FieldType.REFERENCE, FieldType.PHOTO})

# Distinct values remembered per column (good ones, and bad ones with their problems): memory stays flat
# on a column of distinct values, which are then checked one by one.
REMEMBERED_VALUES = 10_000

# SQLite's typeof() of what the sqlite3 module returns.
_SQLITE_KIND: dict[type, str] = {int: "integer", float: "real", str: "text", bytes: "blob"}
# The Python type a column of each field type holds when nothing went wrong (its column's affinity).
_USUAL_TYPE: dict[FieldType, type] = {FieldType.DECIMAL: float, FieldType.INTEGER: int, FieldType.BOOLEAN: int}
# SQLite's integers, which `parse_value` accepts as whole numbers.
_STORED_INTEGERS = range(-(2**63), 2**63)


def stored_problem(spec: FieldSpec, stored: object, kind: str) -> Text | None:
    """Why a value stored in a parsed column could not have been stored by FieldAudit, or None."""
    numeric = spec.type in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.BOOLEAN)
    if numeric and kind not in ("integer", "real"):
        shown = str(stored)[:40]
        return Text(
            f"{spec.label.en}: stored value {shown!r} is not a number (changed outside FieldAudit?).",
            f"{spec.label.zh}：存储的值“{shown}”不是数值（是否在 FieldAudit 之外被修改？）。",
        )
    value: object = stored
    if spec.type is FieldType.MULTI_CHOICE:
        try:
            value = json.loads(str(stored))
        except ValueError:
            value = str(stored)
    try:
        parse_value(spec, value)
    except InvalidValue as error:
        return error.message
    return None


def is_self_contained(spec: FieldSpec) -> bool:
    """Whether a field's problems depend on its own value only (no relevance, rule or unit from another field)."""
    return not (spec.relevant or spec.constraints or spec.warnings or spec.units_from)


def has_field_checks(spec: FieldSpec) -> bool:
    """Whether `check_fields` can find anything in a self-contained field (else a value never has a problem)."""
    return bool(spec.required or spec.pattern or spec.validator or spec.minimum is not None or spec.maximum is not None)


@dataclass(frozen=True)
class Verdict:
    """A stored value's problems: as stored (any row), in a live record, and as a reference."""

    stored: Text | None = None
    problems: tuple[Problem, ...] = ()
    broken: bool = False

    @property
    def good(self) -> bool:
        return self.stored is None and not self.problems and not self.broken


class ColumnRule:
    """The checks of one column: its stored values (`stored`), its field's own checks in a live record
    (`field`, only for a self-contained field) and whether a reference points to a live record (`live`)."""

    def __init__(
        self, spec: FieldSpec, *, stored: bool, field: bool, live: Callable[[FieldSpec, str], bool] | None
    ) -> None:
        assert not field or is_self_contained(spec)
        self.spec = spec
        self.stored = stored
        self.field = field
        self.live = live
        usual = _USUAL_TYPE.get(spec.type, str)
        # Values of one type never compare equal unless they behave alike, so a chunk's column holding only
        # these is checked on its set of values; a column mixing types (1 and 1.0) is checked value by value.
        self.plain_types = frozenset({usual, type(None)})
        self.good: set[object] = set()
        self.bad: dict[tuple[type, object], Verdict] = {}
        self.plain_number = _plain_number(spec) if spec.type in _USUAL_TYPE and not spec.validator else None

    def verdict(self, raw: object) -> Verdict:
        """Every problem of one stored value, from the functions that define them (remembered while there is room)."""
        key = (type(raw), raw)
        known = self.bad.get(key)
        if known is not None:
            return known
        spec = self.spec
        found = Verdict(
            stored_problem(spec, raw, _SQLITE_KIND.get(type(raw), "blob")) if self.stored and raw is not None else None,
            tuple(check_fields((spec,), {spec.name: decode(spec, raw)})) if self.field else (),
            self.live is not None and raw is not None and not self.live(spec, str(raw)),
        )
        if not found.good:
            if len(self.bad) < REMEMBERED_VALUES:
                self.bad[key] = found
        elif type(raw) in self.plain_types and len(self.good) < REMEMBERED_VALUES:
            self.good.add(raw)
        return found

    def _is_good(self, raw: object) -> bool:
        if self.plain_number is not None and self.plain_number(raw):
            return True
        if type(raw) in self.plain_types and raw in self.good:
            return True
        return self.verdict(raw).good

    def _plain_numbers(self, values: set[object]) -> bool:
        """Whether every value but None is a plain number (`_plain_number`), asked of the smallest and largest
        only (and, for floats, of their sum, which is finite only if each of them is): 220,000 distinct
        readings checked without a Python step per value. `values` holds the column's own type and None."""
        if self.plain_number is None:
            return False
        numbers = values - {None}
        if not numbers:
            return True
        lowest, highest = min(numbers), max(numbers)  # type: ignore[type-var]  # one number type, no None
        if type(lowest) is float and not math.isfinite(sum(numbers)):  # type: ignore[arg-type]
            return False
        return self.plain_number(lowest) and self.plain_number(highest)

    def flagged(self, column: tuple[object, ...]) -> list[tuple[int, Verdict]]:
        """(index, verdict) of each value of a chunk's column that has a problem, in the column's order."""
        if not set(map(type, column)) <= self.plain_types:
            return [(index, self.verdict(raw)) for index, raw in enumerate(column) if not self._is_good(raw)]
        fresh = set(column).difference(self.good)
        if self._plain_numbers(fresh):
            fresh = {raw for raw in fresh if raw is None}
        bad = {raw for raw in fresh if not self._is_good(raw)}
        if not bad:
            return []
        return [(index, self.verdict(raw)) for index, raw in enumerate(column) if raw in bad]


def _plain_number(spec: FieldSpec) -> Callable[[object], bool]:
    """True for a number of the column's own type that is finite and within the field's range: such a value
    passes `stored_problem` and `check_fields` of a field without a validator (a pattern applies to text)."""
    number_type = _USUAL_TYPE[spec.type]
    if spec.type is FieldType.BOOLEAN:
        return lambda raw: type(raw) is int and raw in (0, 1)
    low, high, exclusive = spec.minimum, spec.maximum, spec.minimum_exclusive

    def plain(raw: object) -> bool:
        if type(raw) is not number_type:
            return False
        assert isinstance(raw, (int, float))
        if not (math.isfinite(raw) if number_type is float else raw in _STORED_INTEGERS):
            return False
        if low is not None and (raw <= low if exclusive else raw < low):
            return False
        return high is None or not raw > high

    return plain
