"""Field-level parsing and validation: what a value must be, and a message in both languages if not."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from forms import expressions
from forms.spec import FieldSpec, FieldType, FormSpec, RepeatSpec, Text
from forms.units import unit_label
from forms.validators import VALIDATORS


class Severity(StrEnum):
    ERROR = "error"  # the value is refused (or, if already stored, must be corrected)
    MISSING = "missing"  # a required value is not there yet; drafts may be incomplete
    WARNING = "warning"  # the value is kept but looks unlikely


@dataclass(frozen=True)
class Problem:
    field: str
    severity: Severity
    message: Text
    repeat: str | None = None
    row: int | None = None

    def where(self) -> str:
        if self.repeat is not None:
            return f"{self.repeat}[{(self.row or 0) + 1}].{self.field}"
        return self.field


class InvalidValue(ValueError):
    """A value that cannot be stored in a field; carries the bilingual message."""

    def __init__(self, field: str, message: Text) -> None:
        super().__init__(message.en)
        self.field = field
        self.message = message


# Control characters other than tab and newline: openpyxl refuses them and they corrupt exports.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f]")

_TRUE = {"1", "true", "yes", "y", "是", "有", "t"}
_FALSE = {"0", "false", "no", "n", "否", "无", "f"}


# Thousands separators: groups of exactly three digits after a first group of one to three
# ("1,500", "12,345.6"). Any other comma ("1,5", "12,34", "1.234,5") may be a decimal comma, as typed
# on a European keyboard or in some spreadsheets: reading it either way could be wrong by a factor of
# 1000, so it is refused rather than guessed. A full-width comma (，) counts as a comma.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?(?:[eE][+-]?\d+)?")


def parse_number(spec: FieldSpec, text: str) -> float:
    """A number typed or pasted as text; a comma is a thousands separator only in groups of three digits.

    Raises InvalidValue for an ambiguous comma and ValueError for text that is not a number.
    """
    cleaned = text.strip().replace("\uff0c", ",")
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            shown = text.strip()[:40]
            raise InvalidValue(
                spec.name,
                Text(
                    f"{spec.label.en}: {shown!r} is ambiguous: a comma is read only as a thousands separator "
                    "followed by groups of exactly three digits (1,500). Type a decimal point (1.5) "
                    "or the number without separators.",
                    f"{spec.label.zh}：“{shown}”有歧义：逗号只作为千位分隔符（其后须为三位数字，如 1,500）。"
                    "小数请用小数点（如 1.5），或不加分隔符。",
                ),
            )
        cleaned = cleaned.replace(",", "")
    return float(cleaned)


def parse_value(spec: FieldSpec, raw: Any) -> Any:
    """Turn typed or text input into the stored Python value, or raise InvalidValue.

    Blank input is None: drafts may be incomplete, `required` is checked separately.
    """
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    if isinstance(raw, (list, tuple)) and not raw and spec.type is FieldType.MULTI_CHOICE:
        return None
    kind = spec.type
    if kind is FieldType.INTEGER:
        return _parse_integer(spec, raw)
    if kind is FieldType.DECIMAL:
        return _parse_decimal(spec, raw)
    if kind in (FieldType.TEXT, FieldType.PHOTO, FieldType.REFERENCE):
        return _parse_text(spec, raw)
    if kind is FieldType.CHOICE:
        code = str(raw).strip()
        return _known_choice(spec, code)
    if kind is FieldType.MULTI_CHOICE:
        codes = raw if isinstance(raw, (list, tuple)) else [c for c in re.split(r"[ ,;]+", str(raw)) if c]
        return [_known_choice(spec, str(code).strip()) for code in codes]
    if kind is FieldType.BOOLEAN:
        return _parse_boolean(spec, raw)
    if kind is FieldType.DATE:
        return _parse_date(spec, raw)
    if kind is FieldType.DATETIME:
        return _parse_datetime(spec, raw)
    raise InvalidValue(spec.name, Text(f"unknown field type {kind}", f"未知字段类型 {kind}"))


def _parse_integer(spec: FieldSpec, raw: Any) -> int:
    if isinstance(raw, bool):
        raise InvalidValue(spec.name, _expected(spec, raw, Text("a whole number", "整数")))
    if isinstance(raw, int):  # exact, never through float (JSON integers beyond 2^53)
        return _stored_integer(spec, raw)
    try:
        number = parse_number(spec, raw) if isinstance(raw, str) else float(raw)
    except InvalidValue:
        raise
    except (TypeError, ValueError):
        raise InvalidValue(spec.name, _expected(spec, raw, Text("a whole number", "整数"))) from None
    if not math.isfinite(number) or number != int(number):
        raise InvalidValue(spec.name, _expected(spec, raw, Text("a whole number", "整数")))
    if abs(number) >= _EXACT_IN_FLOAT:  # text read through float: beyond 2^53 it was rounded
        raise InvalidValue(spec.name, _too_large(spec))
    return int(number)


def _parse_decimal(spec: FieldSpec, raw: Any) -> float:
    if isinstance(raw, bool):
        raise InvalidValue(spec.name, _expected(spec, raw, Text("a number", "数值")))
    if isinstance(raw, int) and abs(raw) > _EXACT_IN_FLOAT:  # would be rounded (or overflow) as a float
        raise InvalidValue(spec.name, _too_large(spec))
    try:
        number = parse_number(spec, raw) if isinstance(raw, str) else float(raw)
    except InvalidValue:
        raise
    except (TypeError, ValueError):
        raise InvalidValue(spec.name, _expected(spec, raw, Text("a number", "数值"))) from None
    if not math.isfinite(number):
        raise InvalidValue(spec.name, _expected(spec, raw, Text("a finite number", "有限数值")))
    return number


def _parse_text(spec: FieldSpec, raw: Any) -> str:
    if not isinstance(raw, str):
        raise InvalidValue(spec.name, _expected(spec, raw, Text("text", "文本")))
    text = raw.strip()
    if not text.isascii() and not _encodable(text):
        raise InvalidValue(
            spec.name,
            Text("The text contains an invalid character (a lone surrogate).", "文本中含有无效字符（孤立代理项）。"),
        )
    if CONTROL_CHARACTERS.search(text):
        raise InvalidValue(
            spec.name,
            Text("The text contains control characters.", "文本中含有控制字符。"),
        )
    return text


def _parse_boolean(spec: FieldSpec, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    word = str(raw).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise InvalidValue(spec.name, _expected(spec, raw, Text("yes or no", "是或否")))


def _parse_date(spec: FieldSpec, raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    try:
        return dt.date.fromisoformat(str(raw).strip()).isoformat()
    except ValueError:
        raise InvalidValue(
            spec.name, _expected(spec, raw, Text("a date as YYYY-MM-DD", "日期（YYYY-MM-DD）"))
        ) from None


def _parse_datetime(spec: FieldSpec, raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        value = raw
    else:
        try:
            value = dt.datetime.fromisoformat(str(raw).strip())
        except ValueError:
            raise InvalidValue(
                spec.name,
                _expected(spec, raw, Text("a date and time as YYYY-MM-DD HH:MM", "日期时间（YYYY-MM-DD HH:MM）")),
            ) from None
    # Local site time, as read off the meter or the watch: stored without a zone.
    return value.replace(tzinfo=None).isoformat(timespec="minutes" if value.second == 0 else "seconds")


def _known_choice(spec: FieldSpec, code: str) -> str:
    if spec.choice(code) is None:
        offered = ", ".join(c.code for c in spec.active_choices())
        raise InvalidValue(
            spec.name,
            Text(
                f"{code!r} is not one of the choices for {spec.label.en}; expected one of: {offered}.",
                f"“{code}”不是“{spec.label.zh}”的可选项；可选：{offered}。",
            ),
        )
    return code


# Whole numbers up to 2^53 are exact in a float; SQLite stores integers up to 2^63 - 1.
_EXACT_IN_FLOAT = 2**53
_STORED_INTEGERS = range(-(2**63), 2**63)


def _stored_integer(spec: FieldSpec, number: int) -> int:
    if number not in _STORED_INTEGERS:
        raise InvalidValue(spec.name, _too_large(spec))
    return number


def _too_large(spec: FieldSpec) -> Text:
    return Text(
        f"{spec.label.en}: the number is too large to be stored exactly.",
        f"{spec.label.zh}：数值过大，无法精确保存。",
    )


def _encodable(text: str) -> bool:
    """JSON and pasted text may carry lone surrogates, which UTF-8 (and SQLite) cannot store."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _expected(spec: FieldSpec, raw: object, expected: Text) -> Text:
    shown = str(raw)[:40]
    return Text(
        f"{spec.label.en}: {shown!r} is not {expected.en}.",
        f"{spec.label.zh}：“{shown}”不是{expected.zh}。",
    )


def _number(value: float) -> str:
    return f"{value:g}"


def _units_in_messages(spec: FieldSpec) -> tuple[str, str]:
    """The unit as a range message writes it after a number, in English and Chinese."""
    unit = f" {spec.unit}" if spec.unit else ""
    # "不小于1人" but "大于0 kW": Chinese words attach, symbols keep their space.
    unit_zh = unit_label(spec.unit, "zh")
    unit_zh = unit_zh if not unit_zh or "\u4e00" <= unit_zh[0] <= "\u9fff" else f" {unit_zh}"
    return unit, unit_zh


def check_value(spec: FieldSpec, value: Any, record: Mapping[str, Any]) -> list[Problem]:
    """Problems with one stored value: ranges, patterns, choices, named checks, rules and warnings."""
    if value is None:
        return []
    if not (
        spec.pattern
        or spec.validator
        or spec.constraints
        or spec.warnings
        or spec.minimum is not None
        or spec.maximum is not None
    ):
        return []  # nothing to check: most fields of most records (issue 15)
    problems: list[Problem] = []

    def error(message: Text) -> None:
        problems.append(Problem(spec.name, Severity.ERROR, message))

    if spec.type in (FieldType.INTEGER, FieldType.DECIMAL) and isinstance(value, (int, float)):
        if spec.minimum is not None:
            too_small = value <= spec.minimum if spec.minimum_exclusive else value < spec.minimum
            if too_small:
                unit, unit_zh = _units_in_messages(spec)
                word_en = "greater than" if spec.minimum_exclusive else "at least"
                word_zh = "大于" if spec.minimum_exclusive else "不小于"
                error(
                    Text(
                        f"{spec.label.en} must be {word_en} {_number(spec.minimum)}{unit}; got {_number(value)}.",
                        f"{spec.label.zh}应{word_zh}{_number(spec.minimum)}{unit_zh}，当前为{_number(value)}。",
                    )
                )
        if spec.maximum is not None and value > spec.maximum:
            unit, unit_zh = _units_in_messages(spec)
            error(
                Text(
                    f"{spec.label.en} must be at most {_number(spec.maximum)}{unit}; got {_number(value)}.",
                    f"{spec.label.zh}应不大于{_number(spec.maximum)}{unit_zh}，当前为{_number(value)}。",
                )
            )
    if spec.pattern and isinstance(value, str) and not re.fullmatch(spec.pattern, value):
        error(
            spec.pattern_message
            or Text(
                f"{spec.label.en}: {value!r} does not have the expected form.",
                f"{spec.label.zh}：“{value}”格式不正确。",
            )
        )
    if spec.validator:
        message = VALIDATORS[spec.validator](value)
        if message is not None:
            error(message)
    if not problems and (spec.constraints or spec.warnings):
        scope = dict(record)
        scope["value"] = value
        for rule in spec.constraints:
            if expressions.evaluate(rule.expression, scope) is False:
                error(rule.message)
        for rule in spec.warnings:
            if expressions.evaluate(rule.expression, scope) is False:
                problems.append(Problem(spec.name, Severity.WARNING, rule.message))
    return problems


def is_relevant(spec: FieldSpec, record: Mapping[str, Any]) -> bool:
    """Whether a field is shown. Hidden values are kept in storage, never wiped."""
    if not spec.relevant:
        return True
    return expressions.evaluate(spec.relevant, record) is not False


def calculate(spec: FieldSpec, record: Mapping[str, Any]) -> Any:
    assert spec.calculation is not None
    result = expressions.evaluate(spec.calculation, record)
    if isinstance(result, float):
        return round(result, 6)
    return result


def check_fields(
    fields: tuple[FieldSpec, ...],
    record: Mapping[str, Any],
    repeat: str | None = None,
    row: int | None = None,
) -> list[Problem]:
    problems: list[Problem] = []
    for spec in fields:
        # is_relevant, inline: asked for every field of every record checked or imported (issue 15).
        if spec.relevant and expressions.evaluate(spec.relevant, record) is False:
            continue
        value = record.get(spec.name)
        if value is None and not spec.required:
            continue  # nothing stored, nothing required: no problem to find
        if spec.required and (value is None or value == "" or value == []):
            problems.append(
                Problem(
                    spec.name,
                    Severity.MISSING,
                    Text(f"{spec.label.en} is required.", f"“{spec.label.zh}”为必填项。"),
                    repeat,
                    row,
                )
            )
            continue
        for problem in check_value(spec, value, record):
            problems.append(Problem(problem.field, problem.severity, problem.message, repeat, row))
        if spec.units_from and value is not None:
            owner = next((f for f in fields if f.name == spec.units_from), None)
            chosen = owner.choice(str(record.get(spec.units_from))) if owner else None
            if chosen is not None and chosen.units and value not in chosen.units:
                problems.append(
                    Problem(
                        spec.name,
                        Severity.ERROR,
                        Text(
                            f"{chosen.label.en} cannot be entered in {value}; use one of: {', '.join(chosen.units)}.",
                            f"{chosen.label.zh}不能以 {value} 为单位录入；可用单位：{'、'.join(chosen.units)}。",
                        ),
                        repeat,
                        row,
                    )
                )
    return problems


def check_record(
    form: FormSpec,
    record: Mapping[str, Any],
    children: Mapping[str, list[Mapping[str, Any]]] | None = None,
) -> list[Problem]:
    """Every problem of one record and its repeat rows."""
    problems = check_fields(form.fields, record)
    for repeat in form.repeats:
        rows = (children or {}).get(repeat.name, [])
        problems.extend(_check_repeat(repeat, rows))
    return problems


def _check_repeat(repeat: RepeatSpec, rows: list[Mapping[str, Any]]) -> list[Problem]:
    problems: list[Problem] = []
    if len(rows) < repeat.min_rows:
        problems.append(
            Problem(
                repeat.name,
                Severity.MISSING,
                Text(
                    f"{repeat.label.en}: at least {repeat.min_rows} row(s) expected.",
                    f"“{repeat.label.zh}”至少需要{repeat.min_rows}行。",
                ),
            )
        )
    for index, row in enumerate(rows):
        problems.extend(check_fields(repeat.fields, row, repeat.name, index))
    return problems
