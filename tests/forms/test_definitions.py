"""Meta-tests over every form definition: loads, bilingual, stable names, renders to a table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from forms.registry import default_registry
from forms.spec import FieldSpec, FieldType, FormSpec, Text

REGISTRY = default_registry()
CJK = re.compile(r"[\u4e00-\u9fff]")
RELEASED = Path(__file__).resolve().parents[2] / "forms" / "released.json"


def texts_of(form: FormSpec) -> list[tuple[str, Text]]:
    found: list[tuple[str, Text]] = [(form.id, form.label)]

    def of_fields(prefix: str, fields: tuple[FieldSpec, ...]) -> None:
        for spec in fields:
            where = f"{prefix}.{spec.name}"
            found.append((where, spec.label))
            if spec.help:
                found.append((f"{where}.help", spec.help))
            if spec.pattern_message:
                found.append((f"{where}.pattern_message", spec.pattern_message))
            for rule in (*spec.constraints, *spec.warnings):
                found.append((f"{where}.rule", rule.message))
            for choice in spec.choices:
                found.append((f"{where}.{choice.code}", choice.label))

    of_fields(form.id, form.fields)
    for repeat in form.repeats:
        found.append((f"{form.id}.{repeat.name}", repeat.label))
        of_fields(f"{form.id}.{repeat.name}", repeat.fields)
    return found


@pytest.mark.parametrize("form", list(REGISTRY), ids=lambda f: f.id)
def test_every_label_help_and_message_exists_in_both_languages(form: FormSpec) -> None:
    for where, text in texts_of(form):
        assert text.en.strip(), f"{where}: English text missing"
        assert text.zh.strip(), f"{where}: Chinese text missing"
        symbolic = not re.search(r"[A-Za-z]{3,}", text.en)  # units, codes such as "IE3", "Dyn11"
        assert symbolic or CJK.search(text.zh) or text.zh == text.en, f"{where}: {text.zh!r} is not Chinese"


def test_the_first_forms_the_issue_asks_for_exist() -> None:
    expected = {
        "audit",
        "enterprise",
        "energy_use",
        "production",
        "motor",
        "pump",
        "fan",
        "air_compressor",
        "boiler",
        "transformer",
        "lighting",
        "spot_measurement",
        "water_source",
        "water_unit",
        "water_meter",
        "water_reading",
        "note",
    }
    assert expected <= set(REGISTRY.ids())


def test_energy_use_offers_every_gb_t_2589_energy_type_with_its_units() -> None:
    energy_type = REGISTRY["energy_use"].field("energy_type")
    codes = {choice.code for choice in energy_type.choices}
    # Appendix A fuels, A.2 electricity and heat, Appendix B media, steam (STANDARDS.md §1.3-1.6).
    assert {
        "raw_coal",
        "washed_coal",
        "coke",
        "crude_oil",
        "fuel_oil",
        "gasoline",
        "kerosene",
        "diesel",
        "lpg",
        "refinery_gas",
        "lng",
        "natural_gas",
        "oilfield_gas",
        "coke_oven_gas",
        "blast_furnace_gas",
        "electricity",
        "heat",
        "steam",
        "new_water",
        "softened_water",
        "deaerated_water",
        "compressed_air",
        "oxygen",
        "nitrogen",
    } <= codes
    units = {choice.code for choice in REGISTRY["energy_use"].field("unit").choices}
    for choice in energy_type.choices:
        assert choice.units and set(choice.units) <= units, choice.code


def released() -> dict[str, dict[str, str]]:
    return json.loads(RELEASED.read_text(encoding="utf-8"))["forms"]


def current_fields(form: FormSpec) -> dict[str, str]:
    fields = {spec.name: spec.type.value for spec in form.fields}
    for repeat in form.repeats:
        fields.update({f"{repeat.name}.{spec.name}": spec.type.value for spec in repeat.fields})
    return fields


def test_released_fields_never_change_name_or_type_and_choices_are_never_removed() -> None:
    """forms/released.json is the record of what shipped; update it (additions only) when releasing."""
    data = json.loads(RELEASED.read_text(encoding="utf-8"))
    for form_id, fields in data["forms"].items():
        assert form_id in REGISTRY, f"released form {form_id} was removed"
        current = current_fields(REGISTRY[form_id])
        for name, kind in fields.items():
            assert name in current, f"{form_id}.{name} was released and must not disappear"
            assert current[name] == kind, f"{form_id}.{name} was released as {kind}, now {current[name]}"
    for key, codes in data["choices"].items():
        form_id, name = key.split(".", 1)
        form = REGISTRY[form_id]
        spec = form.field(name) if "." not in name else form.repeat(name.split(".")[0]).field(name.split(".")[1])
        assert set(codes) <= {c.code for c in spec.choices}, f"{key}: a released choice was deleted (retire it instead)"


def test_choice_codes_are_stable_identifiers() -> None:
    for form in REGISTRY:
        for spec in form.fields:
            if spec.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
                for choice in spec.choices:
                    assert re.fullmatch(r"[A-Za-z0-9_./%]+", choice.code), f"{form.id}.{spec.name}: {choice.code!r}"
