"""How `add_many` reads a form's rows on the way in, made once per form: a parser and a check per column.

An import of 220,000 meter readings parses and checks the same 110 meter ids and 2,000 reading times
again and again (issue 15). Each column gets a parser made once: text-like values (ids, codes, dates)
are parsed once per distinct value, and numbers of the column's own type are taken as they are when
`parse_value` would return them unchanged. A row's validation is a quick "may this row have an
error?": fields whose problems depend on their value alone are decided once per distinct value (or,
for a plain number with a range, by the same comparisons `check_value` makes); fields with relevance,
rules, warnings or units from another field are checked per row by `check_fields` itself. A row that
may have an error goes through the ordinary check (`RecordStore._refuse_new_errors`), so every
refusal and its message are the same as before; the plan only ever skips work for rows without one.
The per-row check's answer is remembered for a combination of the values it reads found without error.

An import's plain new records of a form without per-row checks go in column by column instead
(`RowPlan.column`, `RecordStore.add_columns`): each field's distinct values parsed and checked once,
a column of floats by one sum, min and max, and the rows handed to SQLite without a dict per record.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from audit.errors import RecordError
from audit.schema import encode
from forms.expressions import parse as parse_expression
from forms.spec import FieldSpec, FieldType
from forms.validation import Severity, check_fields, check_value, parse_value

# Distinct values remembered per column (parsed values, values without a problem): memory stays flat.
REMEMBERED_VALUES = 10_000
# Types parsed once per distinct string: `parse_value` makes an immutable value (or None) of it.
_REMEMBERED_TYPES = frozenset(
    {
        FieldType.TEXT,
        FieldType.REFERENCE,
        FieldType.PHOTO,
        FieldType.CHOICE,
        FieldType.DATE,
        FieldType.DATETIME,
        FieldType.INTEGER,
        FieldType.DECIMAL,
        FieldType.BOOLEAN,
    }
)
# Types whose stored form differs from the Python value on the way in (encode).
_ENCODED = frozenset({FieldType.BOOLEAN, FieldType.MULTI_CHOICE})
# SQLite's integers, which `parse_value` returns unchanged for an integer field.
_STORED_INTEGERS = range(-(2**63), 2**63)
_MISSING = object()


class _Absent:
    """The type of ABSENT."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ABSENT"


# A field a record leaves out (its default applies), in a column of values (`RowPlan.column`); a None
# given in the record is a value, which replaces the default.
ABSENT: Final = _Absent()
# Column types whose values can stand for themselves as keys of one dict: no value of one of them
# equals a value of another (as 1, 1.0 and True do; and 0.0 and -0.0 among floats).
_KEYED_TYPES = (frozenset({str, int, type(None), _Absent}), frozenset({str, bool, type(None), _Absent}))


def column_parser(spec: FieldSpec) -> Callable[[Any], Any]:
    """`parse_value(spec, raw)`, with its answer for a string remembered and its no-op cases taken at once."""
    remembered: dict[str, Any] = {}
    kind = spec.type
    memo = kind in _REMEMBERED_TYPES  # never a multiple choice: its parsed list is mutable

    def parse(raw: Any) -> Any:
        raw_type = type(raw)
        if raw_type is float:
            if kind is FieldType.DECIMAL and raw - raw == 0.0:  # finite: float(raw) is raw
                return raw
        elif raw_type is int:
            if kind is FieldType.INTEGER and raw in _STORED_INTEGERS:
                return raw
        elif raw_type is bool:
            if kind is FieldType.BOOLEAN:
                return raw
        elif raw_type is str and memo:
            found = remembered.get(raw, _MISSING)
            if found is not _MISSING:
                return found
            value = parse_value(spec, raw)
            if len(remembered) < REMEMBERED_VALUES:
                remembered[raw] = value
            return value
        return parse_value(spec, raw)

    return parse


def _can_refuse(spec: FieldSpec) -> bool:
    """Whether a self-contained field's value can ever have an error (`check_value`'s checks of its own)."""
    return bool(spec.pattern or spec.validator or spec.minimum is not None or spec.maximum is not None)


def _is_self_contained(spec: FieldSpec) -> bool:
    """Whether `check_fields` decides a field's problems from its value alone (no expression, no other field)."""
    return not (spec.relevant or spec.constraints or spec.warnings or spec.units_from)


def _in_range(spec: FieldSpec) -> Callable[[float], bool]:
    """`check_value`'s range test of a number, for a field with a range and no pattern or validator."""
    minimum, maximum, exclusive = spec.minimum, spec.maximum, spec.minimum_exclusive

    def fine(value: float) -> bool:
        if minimum is not None and (value <= minimum if exclusive else value < minimum):
            return False
        return maximum is None or not value > maximum

    return fine


def value_check(spec: FieldSpec) -> Callable[[Any], bool]:
    """Whether a self-contained field's value has no error; values found good remembered (str, int, bool)."""
    good: set[tuple[type, Any]] = set()
    numeric = spec.type in (FieldType.INTEGER, FieldType.DECIMAL)
    in_range = _in_range(spec) if numeric and not (spec.pattern or spec.validator) else None

    def fine(value: Any) -> bool:
        if value is None:
            return True
        kind = type(value)
        if kind is float:
            if in_range is not None:
                return in_range(value)
            return not any(p.severity is Severity.ERROR for p in check_value(spec, value, {}))
        key = (kind, value)
        if key in good:
            return True
        ok = not any(p.severity is Severity.ERROR for p in check_value(spec, value, {}))
        if ok and kind in (str, int, bool) and len(good) < REMEMBERED_VALUES:
            good.add(key)
        return ok

    return fine


class RowPlan:
    """A form's (or repeat group's) parsers, calculations, checks and links, made once."""

    def __init__(self, fields: tuple[FieldSpec, ...]) -> None:
        self.fields = fields
        self.parsers: dict[str, Callable[[Any], Any]] = {spec.name: column_parser(spec) for spec in fields}
        self.calculated = tuple(spec for spec in fields if spec.calculation is not None)
        self.links = tuple(spec for spec in fields if spec.type in (FieldType.REFERENCE, FieldType.PHOTO))
        self.value_checks = tuple(
            (spec.name, value_check(spec)) for spec in fields if _is_self_contained(spec) and _can_refuse(spec)
        )
        per_row = {spec.name for spec in fields if not _is_self_contained(spec)}
        owners = {spec.units_from for spec in fields if spec.units_from and spec.name in per_row}
        # Checked per row with the fields whose units they read (check_fields looks the owner up among them).
        self.per_row = tuple(spec for spec in fields if spec.name in per_row or spec.name in owners)
        self.per_row_reads = _names_read(self.per_row)
        self._per_row_fine: set[tuple[Any, ...]] = set()
        self.names = tuple(spec.name for spec in fields)
        self.encoded = tuple((index, spec) for index, spec in enumerate(fields) if spec.type in _ENCODED)
        self.checks = dict(self.value_checks)
        # A new record's values can be parsed and checked column by column (`column`): each field's
        # problems depend on its own value alone, and nothing is calculated from the others.
        self.columnar = not (self.per_row or self.calculated)

    def may_refuse(self, values: Mapping[str, Any]) -> bool:
        """False when no field of the row has an error (`check_fields` would refuse nothing); else True."""
        for name, fine in self.value_checks:
            if not fine(values.get(name)):
                return True
        if self.per_row:
            return self._per_row_refuses(values)
        return False

    def _per_row_refuses(self, values: Mapping[str, Any]) -> bool:
        """Whether `check_fields` finds an error in the fields checked per row; the values of a row without one remembered.

        Those problems depend on nothing but the values of the names the fields read (their own,
        their units' owners, the names in their expressions, which read values by name), so rows
        with the same values read (and of the same types: 1, 1.0 and True are kept apart) have the
        same answer: equipment of one kind and status, a day's water flows of one origin.
        """
        read = tuple(map(values.get, self.per_row_reads))
        key: tuple[Any, ...] | None = (read, tuple(map(type, read)))
        try:
            if key in self._per_row_fine:
                return False
        except TypeError:  # a multiple choice's list: not remembered
            key = None
        refuses = any(p.severity is Severity.ERROR for p in check_fields(self.per_row, values))
        if not refuses and key is not None and len(self._per_row_fine) < REMEMBERED_VALUES:
            self._per_row_fine.add(key)
        return refuses

    def stored(self, values: Mapping[str, Any], overridden: set[str]) -> list[Any]:
        """The stored value of each field, followed by its override flag when it is calculated (the table's order)."""
        if self.calculated:
            return _value_columns(self.fields, values, overridden)
        row = list(map(values.get, self.names))
        for index, spec in self.encoded:
            value = row[index]
            if value is not None:
                row[index] = encode(spec, value)
        return row

    def column(
        self,
        spec: FieldSpec,
        raw: Sequence[Any],
        prepare: Callable[[Any], Any] | None = None,
        link: Callable[[FieldSpec, Any], None] | None = None,
    ) -> Sequence[Any]:
        """One field's column of new records as stored: raw values (ABSENT where left out) parsed, checked, encoded.

        What `add_many` does to each value of a row (its default for ABSENT; else `prepare`, then the
        column's parser), its check (`may_refuse`, for a form that is `columnar`) and, for a
        reference or photo, `link` (which refuses a missing target); done once per distinct value
        (texts, ids, whole numbers), or for a column of floats with one sum, min and max. Raises
        RecordError (or InvalidValue) for the first bad value met, which need not be the first row's.
        """
        fine = self.checks.get(spec.name)
        kinds = set(map(type, raw))
        if kinds == {float} and spec.type is FieldType.DECIMAL and _taken_as_they_are(spec, raw, fine):
            return raw
        parse = self.parsers[spec.name]
        encoded = spec.type in _ENCODED

        def stored(value: Any) -> Any:
            value = spec.default if value is ABSENT else parse(value if prepare is None else prepare(value))
            if fine is not None and not fine(value):
                raise _refusal(spec, value)
            if value is None:
                return None
            if link is not None:
                link(spec, value)
            return encode(spec, value) if encoded else value

        if any(kinds <= keyed for keyed in _KEYED_TYPES):
            by_value = {value: stored(value) for value in set(raw)}
            return list(map(by_value.__getitem__, raw))
        return [stored(value) for value in raw]


def _names_read(fields: tuple[FieldSpec, ...]) -> tuple[str, ...]:
    """Every name `check_fields` may read of a record for these fields: theirs and their expressions'.

    (A field checked per row comes with the owner of its units: `RowPlan.per_row`.)
    """
    read = {spec.name for spec in fields}
    for spec in fields:
        for expression in (spec.relevant, *(rule.expression for rule in (*spec.constraints, *spec.warnings))):
            if expression:
                read.update(node.id for node in ast.walk(parse_expression(expression)) if isinstance(node, ast.Name))
    return tuple(sorted(read))


def _taken_as_they_are(spec: FieldSpec, raw: Sequence[float], fine: Callable[[Any], bool] | None) -> bool:
    """Whether a decimal column of floats is stored as given: all finite (parsed unchanged) and within its range.

    An inf or a nan makes the sum inf or nan (so does a sum beyond the floats' range: then value by
    value); a range holds every value when it holds the smallest and the largest.
    """
    total = sum(raw)
    if total - total != 0.0:
        return False
    if fine is None:
        return True
    if spec.pattern or spec.validator:
        return False
    return fine(min(raw)) and fine(max(raw))


def _refusal(spec: FieldSpec, value: Any) -> RecordError:
    """The refusal of a value its field's check found bad: the first error `check_value` names."""
    problem = next(p for p in check_value(spec, value, {}) if p.severity is Severity.ERROR)
    return RecordError(problem.message, field=problem.field)


def _value_columns(fields: tuple[FieldSpec, ...], values: Mapping[str, Any], overridden: set[str]) -> list[Any]:
    """The stored value of each field, followed by its override flag when it is calculated."""
    row: list[Any] = []
    for spec in fields:
        value = values.get(spec.name)
        row.append(encode(spec, value) if value is not None and spec.type in _ENCODED else value)
        if spec.calculation is not None:
            row.append(int(spec.name in overridden))
    return row
