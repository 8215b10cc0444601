"""Choices typed or pasted by a short name, a synonym or a label in either language; refusals name labels."""

from __future__ import annotations

import pytest

from audit.choice_labels import choice_code, fold, synonyms
from forms.registry import discover
from forms.spec import FieldSpec
from forms.validation import InvalidValue

FORMS = {form.id: form for form in discover()}


def field(form_id: str, name: str) -> FieldSpec:
    return next(spec for spec in FORMS[form_id].fields if spec.name == name)


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        ("energy_type", "天然气", "natural_gas"),
        ("energy_type", "天然气(气田天然气)", "natural_gas"),
        ("energy_type", "  NATURAL gas ", "natural_gas"),
        ("energy_type", "Natural", "natural_gas"),
        ("energy_type", "电", "electricity"),
        ("energy_type", "自来水", "new_water"),
        ("energy_type", "液化天然气", "lng"),
        ("energy_type", "lpg", "lpg"),
        ("unit", "度", "kWh"),
        ("unit", "万度", "10k_kWh"),
        ("unit", "m³", "m3"),
    ],
)
def test_a_choice_is_found_by_what_people_write(name: str, text: str, code: str) -> None:
    assert choice_code(field("energy_use", name), text) == code


def test_every_synonym_names_one_existing_choice_of_a_real_field() -> None:
    # A synonym applies to every choice field of that name whose list has the code (units, statuses).
    for name, codes in synonyms().items():
        for code, words in codes.items():
            specs = [s for form in FORMS.values() for s in form.fields if s.name == name and s.choice(code)]
            assert specs, (name, code)
            for word, spec in ((word, spec) for word in words for spec in specs):
                assert choice_code(spec, word) == code, (name, word)
                others = [c for c in spec.choices if c.code != code]
                assert all(fold(word) not in (fold(c.label.en), fold(c.label.zh), fold(c.code)) for c in others)


def test_an_ambiguous_start_names_the_labels_it_could_be() -> None:
    with pytest.raises(InvalidValue) as refused:
        choice_code(field("energy_use", "energy_type"), "coal")
    assert "Coal slime" in refused.value.message.en and "Coal tar" in refused.value.message.en
    assert "煤泥" in refused.value.message.zh and "coal_slime" not in refused.value.message.zh
