"""Reference numbers an independent worked example checked (issue 10): each entered as a new user would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from audit.water import compute_water
from tests.audit.water_builder import WaterAudit
from tests.cli_support import run_cli

# A fastener maker's compressors, not the demo's: oil-injected screw, fixed speed, load/unload.
COMPRESSOR = {"compressor_type": "oil_injected_screw", "cooling": "air", "control": "load_unload"}


def indicators_of(tmp_path: Path, data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "fastener.fieldaudit"
    assert run_cli("new", target).returncode == 0
    source = tmp_path / "fastener.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    imported = run_cli("import", target, source)
    assert imported.returncode == 0, imported.stderr
    result = run_cli("indicators", target, "--json")
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def equipment_by_tag(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["tag"]: row for row in result["equipment"]}


def test_gb19153_rows_are_complete_so_no_machine_is_graded_lower_for_a_missing_limit(tmp_path: Path) -> None:
    machines = [
        # 37 kW, 0.8 MPa, air: GB 19153-2019 Table 1 gives 1级 6.7, 2级 7.3, 3级 8.1 kW/(m³/min).
        {
            "tag": "AC-37",
            "rated_power_kw": 37,
            "rated_pressure_mpa": 0.8,
            "free_air_delivery_m3_per_min": 6.0,
            "measured_specific_power": 6.5,
        },
        # 90 kW, 1.0 MPa, air: 1级 6.9, 2级 7.5, 3级 8.3; a worn machine at 8.6 is below grade 3.
        {
            "tag": "AC-90",
            "rated_power_kw": 90,
            "rated_pressure_mpa": 1.0,
            "free_air_delivery_m3_per_min": 13.0,
            "measured_specific_power": 8.6,
        },
        # 55 kW, 0.7 MPa, liquid-cooled: 1级 5.7, 2级 6.2, 3级 6.9; 6.0 is grade 2.
        {
            "tag": "AC-55",
            "rated_power_kw": 55,
            "rated_pressure_mpa": 0.7,
            "free_air_delivery_m3_per_min": 9.0,
            "measured_specific_power": 6.0,
            "cooling": "liquid",
        },
    ]
    rows = equipment_by_tag(indicators_of(tmp_path, {"air_compressor": [{**COMPRESSOR, **m} for m in machines]}))
    assert (rows["AC-37"]["verdict"], rows["AC-37"]["grade"]) == ("grade", 1)
    assert input_of(rows["AC-37"]["compared"], "limits") == [6.7, 7.3, 8.1]
    assert (rows["AC-90"]["verdict"], rows["AC-90"]["grade"]) == ("below_grade_3", None)
    assert input_of(rows["AC-90"]["compared"], "limits") == [6.9, 7.5, 8.3]
    assert (rows["AC-55"]["verdict"], rows["AC-55"]["grade"]) == ("grade", 2)


AUDIT = {
    "title": "Fastener plant",
    "audit_type": "energy_audit",
    "period_start": "2025-01-01",
    "period_end": "2025-12-31",
    "team_leader": "x",
    "institute": "y",
}


def input_of(indicator: dict[str, Any], name: str) -> Any:
    return next(item["value"] for item in indicator["inputs"] if item["name"] == name)


def total_of(result: dict[str, Any]) -> dict[str, Any]:
    """The headline total (the basis the audit chose)."""
    return next(
        row
        for row in result["energy"]["indicators"]
        if row["key"].startswith("energy.audit.total.") and row["headline"]
    )


def test_natural_gas_default_is_the_2008_row_marked_corroborated_and_a_measured_heating_value_is_used_in_both(
    tmp_path: Path,
) -> None:
    gas = {"month": "2025-03", "energy_type": "natural_gas", "quantity": 10000, "unit": "m3", "data_source": "bill"}
    default = total_of(indicators_of(tmp_path / "a", {"audit": [AUDIT], "energy_use": [gas]}))
    assert default["value"] == pytest.approx(10000 * 1.2143 / 1000)
    assert default["status"] == "C"  # was [V] for GB/T 2589-2020, but it is the 2008 table's row
    cited = json.dumps(default["sources"], ensure_ascii=False)
    assert "2008" in cited and "1.1000–1.3300" in cited
    measured = indicators_of(
        tmp_path / "b", {"audit": [AUDIT], "energy_use": [{**gas, "measured_ncv_kj_per_unit": 36000}]}
    )
    # 10 000 m³ × 36 000 kJ/m³ ÷ 29 307.6 kJ/kgce = 12 283.5 kgce;
    # CO2 = 360 GJ × 15.3 tC/TJ × 0.99 × 44/12 = 19.994 t (the carbon default would give 21.62 t).
    assert total_of(measured)["value"] == pytest.approx(10000 * 36000 / 29307.6 / 1000)
    scope1 = next(row for row in measured["carbon"]["indicators"] if row["key"] == "carbon.scope1")
    assert scope1["value"] == pytest.approx(360 * 15.3 / 1000 * 0.99 * 44 / 12)


def test_equal_value_electricity_says_it_is_the_supply_rate_not_the_generation_rate(tmp_path: Path) -> None:
    audit = {**AUDIT, "electricity_basis": "equal_value"}
    power = {"month": "2025-03", "energy_type": "electricity", "quantity": 100000, "unit": "kWh", "data_source": "bill"}
    result = indicators_of(tmp_path, {"audit": [audit], "energy_use": [power]})
    text = json.dumps(total_of(result)["sources"], ensure_ascii=False)
    assert "供电" in text and "not the generation (发电) rate" in text


def test_water_saving_thresholds_cite_the_provincial_notice_they_come_from(tmp_path: Path) -> None:
    w = WaterAudit(tmp_path / "water.fieldaudit", days=1)
    w.unit("全厂", 1)
    w.flow("全厂", 0, vf=("estimated", 100.0), vco=("estimated", 10.0), vd="calculated", vl="none")
    result = compute_water(w.document)
    w.close()
    reuse = result.comparisons_for("gbt7119.repeated_utilisation_rate")[0]
    cited = reuse.sources[0]
    assert "Provincial" in cited.standard and cited.edition == "2019"
    assert reuse.status in ("C", "U")  # never [V] for a value that is not GB/T 7119-2018's own


@pytest.mark.parametrize("path", ["resources/energy/coefficients.json"])
def test_both_default_heating_values_are_named_beside_each_other(path: str) -> None:
    root = Path(__file__).resolve().parents[2]
    energy = json.loads((root / path).read_text(encoding="utf-8"))["coefficients"]["natural_gas"]["note"]
    carbon = json.loads((root / "resources/carbon/fuel_factors.json").read_text(encoding="utf-8"))
    assert "35 544" in energy and "38 931" in energy
    for fuel_set in carbon["sets"].values():
        assert "35 544" in fuel_set["fuels"]["natural_gas"]["note"]


def test_renewable_self_use_default_is_the_one_in_resources_with_its_source() -> None:
    from audit.reference import reference_data
    from forms.registry import default_registry

    convention = reference_data().raw["energy/conventions.json"]["renewable_self_use"]
    field = default_registry()["audit"].field("renewable_self_use")
    assert field.default == convention["default"] == "counted"
    assert convention["status"] == "U"  # GB/T 2589-2020 3.5 as paraphrased; never shown as authoritative
    assert [c.code for c in field.choices] == convention["choices"]


def test_compressor_specific_power_uses_the_measured_flow_and_says_when_only_nameplate_data_is_known(
    tmp_path: Path,
) -> None:
    base = {**COMPRESSOR, "rated_power_kw": 37, "rated_pressure_mpa": 0.8, "free_air_delivery_m3_per_min": 6.2}
    machines = [
        # Worn: 40.3 kW for 5.2 m³/min measured = 7.75 → grade 3 (limits 6.7 / 7.3 / 8.1). ÷ rated 6.2 gave 6.50, grade 1.
        {
            **base,
            "tag": "AC-W",
            "measured_input_kw": 40.3,
            "measured_free_air_delivery_m3_per_min": 5.2,
            "flow_test_method": "flow_meter",
            "flow_test_pressure_mpa": 0.78,
        },
        # Input measured but no flow: not graded from the rated flow.
        {**base, "tag": "AC-I", "measured_input_kw": 40.3},
        # Nothing measured: the energy label's 7.0 → grade 2, labelled as nameplate data.
        {**base, "tag": "AC-N", "nameplate_specific_power": 7.0},
    ]
    rows = equipment_by_tag(indicators_of(tmp_path, {"air_compressor": machines}))
    assert (rows["AC-W"]["verdict"], rows["AC-W"]["grade"]) == ("grade", 3)
    assert rows["AC-W"]["compared"]["value"] == pytest.approx(40.3 / 5.2)
    assert rows["AC-I"]["verdict"] == "cannot_grade" and "measured free air delivery" in rows["AC-I"]["reason"]["en"]
    assert (rows["AC-N"]["verdict"], rows["AC-N"]["grade"]) == ("grade", 2)
    assert "nameplate data only" in rows["AC-N"]["reason"]["en"] and "铭牌" in rows["AC-N"]["reason"]["zh"]


def test_a_missing_better_limit_is_never_a_lower_grade(tmp_path: Path) -> None:
    machines = [
        # 1.5 kW, 0.8 MPa, air: only the grade-3 limit (12.0) is held; 10.0 meets it, grade 2 cannot be ruled out.
        {
            **COMPRESSOR,
            "tag": "AC-S",
            "rated_power_kw": 1.5,
            "rated_pressure_mpa": 0.8,
            "free_air_delivery_m3_per_min": 0.16,
            "measured_specific_power": 10.0,
        },
        # 12.5 fails grade 3: below grade 3 is decided whatever the missing limits.
        {
            **COMPRESSOR,
            "tag": "AC-B",
            "rated_power_kw": 1.5,
            "rated_pressure_mpa": 0.8,
            "free_air_delivery_m3_per_min": 0.16,
            "measured_specific_power": 12.5,
        },
    ]
    transformer = {
        "transformer_type": "oil",
        "core_material": "steel",
        "vector_group": "Dyn11",
        "rated_capacity_kva": 2500,
        "primary_voltage_kv": 10,
        "standard_edition": "2020",
    }
    transformers = [
        # GB 20052-2020, 2 500 kVA: P0 limits 1.28/1.44/1.6, Pk only grade 3 (21.2) is known.
        {**transformer, "tag": "T-1", "no_load_loss_kw": 1.2, "load_loss_kw": 15.0},  # P0 grade 1, Pk ≤ 3: undecided
        {**transformer, "tag": "T-3", "no_load_loss_kw": 1.55, "load_loss_kw": 15.0},  # P0 grade 3 decides: grade 3
    ]
    rows = equipment_by_tag(indicators_of(tmp_path, {"air_compressor": machines, "transformer": transformers}))
    assert rows["AC-S"]["verdict"] == "cannot_grade" and "no grade-2 limit" in rows["AC-S"]["reason"]["en"]
    assert rows["AC-B"]["verdict"] == "below_grade_3"
    assert rows["T-1"]["verdict"] == "cannot_grade" and "no grade-2 limit" in rows["T-1"]["reason"]["en"]
    assert (rows["T-3"]["verdict"], rows["T-3"]["grade"]) == ("grade", 3)
