"""Reference tables: complete for every code the forms accept, equal to the values STANDARDS.md quotes, checked on load."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from audit.indicators.carbon import fuel_emission_factor
from audit.indicators.checklist import checklist, unverified_entries
from audit.indicators.energy import convert
from audit.indicators.settings import IndicatorSettings
from audit.reference import RESOURCES, STATUSES, ReferenceData, ReferenceDataError, load_resource, reference_data
from forms.definitions.energy_use import ENERGY_TYPES, UNITS
from forms.registry import default_registry


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return reference_data()


def test_every_energy_type_of_the_form_has_a_coefficient_with_source_and_status(ref: ReferenceData) -> None:
    codes = [choice.code for choice in ENERGY_TYPES]
    assert codes, "the energy-use form lists no energy types"
    for code in codes:
        coefficient = ref.coefficients.get(code)
        assert coefficient is not None, f"no GB/T 2589 coefficient for {code}"
        assert coefficient.value > 0
        assert coefficient.source.status in STATUSES
        assert coefficient.source.standard.startswith("GB")
        assert coefficient.source.clause


def test_every_unit_of_the_form_converts_for_every_type_that_offers_it(ref: ReferenceData) -> None:
    for unit in (choice.code for choice in UNITS):
        assert unit in ref.units, f"no conversion for unit {unit}"
    for choice in ENERGY_TYPES:
        coefficient = ref.coefficients[choice.code]
        for unit in choice.units:
            if choice.code == "steam" and unit == "GJ":
                assert convert(1.0, unit, "MJ", ref) == 1000.0
                continue
            assert convert(1.0, unit, coefficient.per, ref, coefficient.density_t_per_m3) > 0, (choice.code, unit)


def test_unit_conversions_by_hand(ref: ReferenceData) -> None:
    assert convert(2.5, "MWh", "kWh", ref) == pytest.approx(2500.0)
    assert convert(1.2, "10k_kWh", "kWh", ref) == pytest.approx(12000.0)
    assert convert(3.0, "10k_m3", "m3", ref) == pytest.approx(30000.0)
    assert convert(4.0, "t", "kg", ref) == pytest.approx(4000.0)
    assert convert(2.0, "GJ", "MJ", ref) == pytest.approx(2000.0)
    assert convert(1.5, "10k_t", "t", ref) == pytest.approx(15000.0)
    assert convert(7.0, "m3", "t", ref, density_t_per_m3=1.0) == pytest.approx(7.0)  # water


@pytest.mark.parametrize(
    ("code", "value"),
    [
        # STANDARDS.md §1.3 / §1.4 / §1.5 quoted values
        ("raw_coal", 0.7143),
        ("washed_coal", 0.9000),
        ("coke", 0.9714),
        ("crude_oil", 1.4286),
        ("fuel_oil", 1.4286),
        ("gasoline", 1.4714),
        ("kerosene", 1.4714),  # not SZJL's erroneous 1.4286
        ("diesel", 1.4571),
        ("lpg", 1.7143),  # not SZJL's erroneous 0.7143
        ("refinery_gas", 1.5714),
        ("natural_gas", 1.2143),
        ("oilfield_gas", 1.3300),
        ("electricity", 0.1229),
        ("heat", 0.03412),
        ("steam", 0.1286),
        ("new_water", 0.0857),  # not the 1990 edition's 0.2571
        ("softened_water", 0.4857),
        ("deaerated_water", 0.9714),
        ("oxygen", 0.4000),
        ("nitrogen", 0.6714),
        ("methanol", 0.6794),
    ],
)
def test_coefficients_equal_the_values_quoted_in_the_reference(ref: ReferenceData, code: str, value: float) -> None:
    assert ref.coefficients[code].value == pytest.approx(value, abs=1e-9)


def test_derived_and_unverified_values_keep_their_status(ref: ReferenceData) -> None:
    # LNG: 51 498 kJ/kg ÷ 29 307.6 kJ/kgce, derived.
    assert ref.coefficients["lng"].value == pytest.approx(round(51498 / 29307.6, 4))
    assert ref.coefficients["lng"].source.status == "D"
    for code in ("compressed_air", "blast_air", "carbon_dioxide_gas", "acetylene", "calcium_carbide", "coal_gangue"):
        assert ref.coefficients[code].source.status == "U", code
    # Electricity equal values are a memory of yearly statistics: every one unverified.
    years = ref.raw["energy/electricity_equal_value.json"]["years"]
    assert years and all(entry["status"] == "U" for entry in years.values())
    assert all(0.26 <= entry["value"] <= 0.33 for entry in years.values())


def test_grid_factors_quoted_in_the_reference(ref: ReferenceData) -> None:
    rows = {row["id"]: row for row in ref.raw["carbon/grid_factors.json"]["factors"]}
    assert rows["national_2021"]["value"] == 0.5568
    assert rows["national_2022"]["value"] == 0.5366
    assert rows["east_china_2022"]["value"] == 0.5617
    assert rows["national_2023"]["value"] == 0.5306
    assert rows["zhejiang_2023"]["value"] == 0.4974
    assert rows["zhejiang_2023"]["status"] == "C"
    heat = ref.raw["carbon/heat_factor.json"]["purchased_heat"]
    assert (heat["value"], heat["unit"]) == (0.11, "tCO2/GJ")


@pytest.mark.parametrize(
    ("fuel_set", "code", "unit", "expected"),
    [
        # STANDARDS.md §4.2 Set A, column EF [D]
        ("A", "diesel", "t", 3.0959),
        ("A", "fuel_oil", "t", 3.1705),
        ("A", "lpg", "t", 3.1013),
        ("A", "natural_gas", "10k_m3", 21.622),
        ("A", "coke", "t", 2.8604),
        # Set B
        ("B", "diesel", "t", 3.1451),
        ("B", "washed_coal", "t", 2.2818),
        ("B", "natural_gas", "10k_m3", 21.622),
    ],
)
def test_fuel_emission_factors_reproduce_the_reference(
    ref: ReferenceData, fuel_set: str, code: str, unit: str, expected: float
) -> None:
    found = fuel_emission_factor(code, unit, IndicatorSettings(fuel_set=fuel_set), ref)
    assert found is not None
    factor, basis, _source, _inputs = found
    assert basis == unit
    assert factor == pytest.approx(expected, abs=6e-4)


def test_equipment_tables_hold_the_quoted_values(ref: ReferenceData) -> None:
    motors = ref.raw["equipment/motors_gb18613_2020.json"]
    row = next(r for r in motors["rows"] if r["kw"] == 7.5)
    assert row["grades"]["3"][1] == 90.4 and row["grades"]["2"][1] == 92.6  # 4-pole, = IE3 / IE4
    assert [r["kw"] for r in motors["rows"]][:1] == [0.12] and motors["rows"][-1]["kw"] == 1000.0
    assert all(len(r["grades"][g]) == 4 for r in motors["rows"] for g in ("1", "2", "3"))
    compressors = ref.raw["equipment/compressors_gb19153_2019.json"]["cells"]
    cell = next(c for c in compressors if c["kw"] == 75 and c["pressure_mpa"] == 0.8 and c["grade"] == 3)
    assert (cell["air"], cell["liquid"]) == (7.5, 7.2)
    transformers = ref.raw["equipment/transformers_gb20052.json"]["editions"]["2024"]
    t400 = next(r for r in transformers["oil_10kv"]["rows"] if r["kva"] == 400)
    assert t400["p0"]["steel"] == [0.33, 0.37, 0.41] and t400["pk"]["steel"]["Dyn11"] == [3.25, 3.615, 4.52]
    assert t400["p0"]["amorphous"] == [0.16, 0.2, 0.2] and t400["pk"]["amorphous"]["Dyn11"] == [3.66, 3.865, 4.52]
    dry30 = next(r for r in transformers["dry_10kv"]["rows"] if r["kva"] == 30)
    assert dry30["p0"]["steel"] == [0.105, 0.13, 0.15] and dry30["pk"]["F"] == [0.64, 0.64, 0.71]  # STANDARDS.md §3.3
    t2020 = next(
        r
        for r in ref.raw["equipment/transformers_gb20052.json"]["editions"]["2020"]["oil_10kv"]["rows"]
        if r["kva"] == 2500
    )
    assert t2020["pk"]["steel"]["Yyn0"] == [None, None, 21.2]  # grades 1/2 changed in 2024: not carried back
    boilers = ref.raw["equipment/boilers_gb24500_2020.json"]["rows"]
    gas = next(r for r in boilers if r["fuel"] == "natural_gas" and not r["condensing"])
    assert gas["limits"] == [96, 94, 92]


def test_every_form_the_catalogue_names_exists(ref: ReferenceData) -> None:
    forms = {form.id for form in default_registry()}
    for entry in ref.raw["equipment/outdated_catalogue.json"]["entries"]:
        assert set(entry["forms"]) <= forms, entry["id"]


def _copy_resources(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    shutil.copytree(RESOURCES, root)
    return root


def test_a_malformed_resource_is_a_clear_error(tmp_path: Path) -> None:
    root = _copy_resources(tmp_path)
    path = root / "energy" / "coefficients.json"
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        ReferenceData(root)
    assert "energy/coefficients.json" in caught.value.message.en
    assert "not valid JSON" in caught.value.message.en
    assert "不是有效的 JSON" in caught.value.message.zh


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["coefficients"]["diesel"].update(status="X"), "status 'X'"),
        (lambda d: d["coefficients"]["diesel"].update(source="nowhere"), "unknown source 'nowhere'"),
        (lambda d: d["coefficients"]["diesel"].update(value="1.4571"), "value is not a number"),
        (lambda d: d["coefficients"]["diesel"].pop("status"), "without a status"),
        (lambda d: d["sources"]["A1_YB"].pop("clause"), "has no clause"),
    ],
)
def test_a_value_without_a_proper_source_or_status_is_refused(tmp_path: Path, mutate: object, expected: str) -> None:
    root = _copy_resources(tmp_path)
    path = root / "energy" / "coefficients.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    mutate(document)  # type: ignore[operator]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_resource("energy/coefficients.json", root)
    assert expected in caught.value.message.en


def test_every_shipped_resource_loads() -> None:
    loaded = ReferenceData()
    assert set(loaded.raw) == set(ReferenceData.FILES)
    for name, _key, source in loaded.every_source():
        assert source.standard and source.clause, name


def _count_unverified(node: object) -> int:
    """Entries with status C or U, counted independently of the checklist generator."""
    if isinstance(node, dict):
        own = 1 if node.get("status") in ("C", "U") else 0
        return own + sum(_count_unverified(v) for k, v in node.items() if k != "sources")
    if isinstance(node, list):
        return sum(_count_unverified(v) for v in node)
    return 0


def test_every_corroborated_or_unverified_value_is_on_the_verification_checklist(ref: ReferenceData) -> None:
    committed = (RESOURCES.parent / "docs" / "verification-checklist.md").read_text(encoding="utf-8")
    # The generator writes exactly what is committed (regenerate after changing resources/) …
    assert checklist(ref) == committed
    # … and lists every [C]/[U] entry of every file, one line each.
    for name, document in ref.raw.items():
        lines = [line for line in committed.splitlines() if line.startswith(f"- [ ] `{name}: ")]
        assert len(lines) == _count_unverified(document), name
        for path, _entry, _source in unverified_entries(document):
            assert f"`{name}: {path}`" in committed
    assert _count_unverified(ref.raw["energy/coefficients.json"]) >= 10
