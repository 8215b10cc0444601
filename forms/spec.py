"""Field and form types: the declarative schema every form definition is written in."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FieldType(StrEnum):
    INTEGER = "integer"
    DECIMAL = "decimal"
    TEXT = "text"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    DATE = "date"
    DATETIME = "datetime"
    PHOTO = "photo"
    BOOLEAN = "boolean"
    # The UUID of another record (a motor a measurement was taken on, the unit a meter belongs to).
    REFERENCE = "reference"


@dataclass(frozen=True)
class Text:
    """A user-facing string in both languages the app ships."""

    en: str
    zh: str

    def get(self, language: str) -> str:
        return self.zh if language.lower().startswith("zh") else self.en

    def format(self, **values: object) -> Text:
        return Text(self.en.format(**values), self.zh.format(**values))

    def bilingual(self) -> str:
        return f"{self.zh} / {self.en}"


@dataclass(frozen=True)
class Choice:
    """One choice of a choice list. The code is what is stored; labels may change, codes never do."""

    code: str
    label: Text
    # A retired choice is kept so old records still show their label, but is not offered for new input.
    retired: bool = False
    # For choices that carry their own units (energy types), the units a quantity may be entered in.
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A condition on a record, written in the small expression language of forms.expressions.

    `value` is the field's own value; other fields are referred to by name. A constraint is a hard
    rule (the value is refused); a warning is soft (the value is kept and flagged as unlikely).
    """

    expression: str
    message: Text


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    label: Text
    help: Text | None = None
    unit: str | None = None
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    # Exclusive bounds say "greater than 0", the common case for physical quantities.
    minimum_exclusive: bool = False
    pattern: str | None = None
    pattern_message: Text | None = None
    constraints: tuple[Rule, ...] = ()
    warnings: tuple[Rule, ...] = ()
    relevant: str | None = None
    # A calculated field holds the result of this expression unless an expert overrides it.
    calculation: str | None = None
    default: Any = None
    choices: tuple[Choice, ...] = ()
    # Name of a check in forms.validators (check digits and other rules an expression cannot say).
    validator: str | None = None
    # For REFERENCE fields: the form ids a reference may point to.
    references: tuple[str, ...] = ()
    # For DECIMAL/INTEGER fields whose unit is chosen per record: the field holding the unit.
    unit_field: str | None = None
    # For a unit CHOICE field: the choice field whose chosen Choice.units limits what may be chosen.
    units_from: str | None = None
    # For TEXT: several lines (notes, descriptions); the editor lets Enter start a new line.
    multiline: bool = False

    @property
    def is_calculated(self) -> bool:
        return self.calculation is not None

    def choice(self, code: str) -> Choice | None:
        return self._choices_by_code.get(code)

    @functools.cached_property
    def _choices_by_code(self) -> dict[str, Choice]:
        # Looked up for every value imported or checked (issue 15); the first of a repeated code wins.
        return {choice.code: choice for choice in reversed(self.choices)}

    def active_choices(self) -> tuple[Choice, ...]:
        return tuple(c for c in self.choices if not c.retired)


@dataclass(frozen=True)
class RepeatSpec:
    """A repeat group: rows of a child table belonging to one parent record."""

    name: str
    label: Text
    fields: tuple[FieldSpec, ...]
    min_rows: int = 0
    # The field that names a row in lists, findings and the report (a product by its name), as a form's.
    title_field: str | None = None

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.name} has no field {name!r}")


@dataclass(frozen=True)
class FormSpec:
    id: str
    # Integer version, bumped when fields are added; released fields never change name or type.
    version: int
    label: Text
    fields: tuple[FieldSpec, ...]
    repeats: tuple[RepeatSpec, ...] = ()
    # A singleton form has at most one live record per audit (the audit itself, the enterprise).
    singleton: bool = False
    # Where the form sits in the navigator ("audit", "energy", "equipment", "water", ...).
    group: str = "audit"
    # Field whose value names a record in lists and messages (e.g. an equipment tag).
    title_field: str | None = None
    description: Text | None = None
    order: int = 100
    extra: dict[str, Any] = field(default_factory=dict)

    def field(self, name: str) -> FieldSpec:
        spec = self._fields_by_name.get(name)
        if spec is None:
            raise KeyError(f"form {self.id!r} has no field {name!r}")
        return spec

    def has_field(self, name: str) -> bool:
        return name in self._fields_by_name

    @functools.cached_property
    def _fields_by_name(self) -> dict[str, FieldSpec]:
        # Asked for every value imported (issue 15); the first of a repeated name wins, as before.
        return {spec.name: spec for spec in reversed(self.fields)}

    def repeat(self, name: str) -> RepeatSpec:
        for spec in self.repeats:
            if spec.name == name:
                return spec
        raise KeyError(f"form {self.id!r} has no repeat group {name!r}")

    def field_names(self) -> list[str]:
        return [spec.name for spec in self.fields]


IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


def t(en: str, zh: str) -> Text:
    """Shorthand used by form definitions: t("Rated power", "额定功率")."""
    return Text(en, zh)
