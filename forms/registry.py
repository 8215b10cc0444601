"""Finds every form definition in forms.definitions and checks that it is well-formed."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from functools import lru_cache

from forms import expressions
from forms.spec import IDENTIFIER, FieldSpec, FieldType, FormSpec


class FormDefinitionError(ValueError):
    """A form definition breaks a rule of the schema (caught by tests, never by users)."""


class FormRegistry:
    """All form definitions by id, in navigator order."""

    def __init__(self, forms: list[FormSpec]) -> None:
        self._forms = {form.id: form for form in sorted(forms, key=lambda f: (f.order, f.id))}
        if len(self._forms) != len(forms):
            raise FormDefinitionError("two form definitions share an id")
        for form in self._forms.values():
            validate_definition(form, self)

    def __getitem__(self, form_id: str) -> FormSpec:
        try:
            return self._forms[form_id]
        except KeyError:
            raise KeyError(f"no form with id {form_id!r}") from None

    def __contains__(self, form_id: object) -> bool:
        return form_id in self._forms

    def __iter__(self) -> Iterator[FormSpec]:
        return iter(self._forms.values())

    def __len__(self) -> int:
        return len(self._forms)

    def ids(self) -> list[str]:
        return list(self._forms)

    def in_group(self, group: str) -> list[FormSpec]:
        return [form for form in self if form.group == group]


def discover() -> list[FormSpec]:
    """Every FormSpec named FORM (or listed in FORMS) in a module of forms.definitions."""
    import forms.definitions as package

    found: list[FormSpec] = []
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        if isinstance(getattr(module, "FORM", None), FormSpec):
            found.append(module.FORM)
        found.extend(form for form in getattr(module, "FORMS", ()) if isinstance(form, FormSpec))
    return found


@lru_cache(maxsize=1)
def default_registry() -> FormRegistry:
    return FormRegistry(discover())


def _check_fields(form: FormSpec, fields: tuple[FieldSpec, ...], where: str, registry: FormRegistry) -> None:
    names = [spec.name for spec in fields]
    if len(set(names)) != len(names):
        raise FormDefinitionError(f"{where}: duplicate field names")
    known = set(names) | {"value"}
    for spec in fields:
        if not IDENTIFIER.match(spec.name) or "__" in spec.name:
            raise FormDefinitionError(f"{where}.{spec.name}: field names are lower_snake_case")
        if spec.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
            codes = [c.code for c in spec.choices]
            if not codes or len(set(codes)) != len(codes):
                raise FormDefinitionError(f"{where}.{spec.name}: choices missing or duplicated")
        if spec.type is FieldType.REFERENCE:
            for target in spec.references:
                if target not in registry:
                    raise FormDefinitionError(f"{where}.{spec.name}: references unknown form {target}")
        for expression in (
            spec.relevant,
            spec.calculation,
            *(r.expression for r in spec.constraints),
            *(r.expression for r in spec.warnings),
        ):
            if expression is None:
                continue
            unknown = expressions.names(expression) - known
            if unknown:
                raise FormDefinitionError(f"{where}.{spec.name}: {expression!r} reads unknown {unknown}")
        for other in (spec.unit_field, spec.units_from):
            if other is not None and other not in names:
                raise FormDefinitionError(f"{where}.{spec.name}: refers to unknown field {other}")


def validate_definition(form: FormSpec, registry: FormRegistry) -> None:
    if not IDENTIFIER.match(form.id) or "__" in form.id:
        raise FormDefinitionError(f"form id {form.id!r} must be lower_snake_case")
    _check_fields(form, form.fields, form.id, registry)
    for repeat in form.repeats:
        _check_fields(form, repeat.fields, f"{form.id}.{repeat.name}", registry)
        if repeat.title_field is not None and repeat.title_field not in {spec.name for spec in repeat.fields}:
            raise FormDefinitionError(f"{form.id}.{repeat.name}: title field {repeat.title_field} is not a field")
    if form.title_field is not None and not form.has_field(form.title_field):
        raise FormDefinitionError(f"{form.id}: title field {form.title_field} is not a field")
