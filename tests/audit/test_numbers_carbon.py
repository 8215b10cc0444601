"""Carbon numbers of a second enterprise (issue 10 items 1, 13, 18), entered as a new user would and read from the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_support import run_cli

AUDIT = {
    "title": "Fastener plant",
    "audit_type": "energy_audit",
    "period_start": "2025-01-01",
    "period_end": "2025-12-31",
    "team_leader": "x",
    "institute": "y",
    "carbon_industry_average_t_per_10k_yuan": 0.9,
}
ENTERPRISE = {"name": "紧固件厂", "value_added_10k_yuan": 70.0, "output_value_10k_yuan": 300.0}
POWER = {"month": "2025-03", "energy_type": "electricity", "quantity": 100000, "unit": "kWh", "data_source": "bill"}
# Grid factors (kgCO2/kWh, resources/carbon/grid_factors.json): national 2023 0.5306, East China 2023 0.5500.


def carbon_of(tmp_path: Path, audit: dict[str, Any], energy: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "fastener.fieldaudit"
    assert run_cli("new", target).returncode == 0
    source = tmp_path / "data.json"
    data = {"audit": [{**AUDIT, **audit}], "enterprise": [ENTERPRISE], "energy_use": energy}
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run_cli("import", target, source).returncode == 0
    result = run_cli("indicators", target, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["carbon"]["indicators"]
    return {row["key"]: row for row in rows}


def inputs(row: dict[str, Any]) -> dict[str, Any]:
    return {i["name"]: i["value"] for i in row["inputs"]}


def test_a_year_the_region_lacks_falls_back_to_its_latest_year_with_a_note(tmp_path: Path) -> None:
    # East China has no 2021 factor: before, electricity became 0 t and the grade came out 1.
    rows = carbon_of(tmp_path, {"grid_factor_region": "east_china", "grid_factor_year": 2021}, [POWER])
    electricity = rows["carbon.scope2_electricity.electricity"]
    assert electricity["value"] == pytest.approx(100000 * 0.5500 / 1000)
    assert inputs(electricity)["data_year"] == 2023 and inputs(electricity)["requested_data_year"] == 2021
    assert "lacks for 华东" in json.dumps(electricity["sources"], ensure_ascii=False)
    # L = 55.0 ÷ 70 = 0.7857; K = 0.7857 ÷ 0.9 = 0.873 → grade 3 (0.8 < K ≤ 1.2), not grade 1.
    assert rows["carbon.grade"]["value"] == 3.0


def test_no_grade_from_an_incomplete_total(tmp_path: Path) -> None:
    tar = {"month": "2025-03", "energy_type": "coal_tar", "quantity": 2, "unit": "t", "data_source": "bill"}
    rows = carbon_of(tmp_path, {}, [POWER, tar])
    assert rows["carbon.total"]["note"] is not None and "coal_tar" in rows["carbon.total"]["note"]["en"]
    for key in ("carbon.intensity.value_added", "carbon.intensity.output_value", "carbon.level", "carbon.grade"):
        assert rows[key]["value"] is None, key
        assert "Withheld: the CO2 total is incomplete" in rows[key]["note"]["en"]


def test_k_and_l_are_given_unrounded(tmp_path: Path) -> None:
    rows = carbon_of(tmp_path, {"grid_factor_year": 2023}, [POWER])
    grade = inputs(rows["carbon.grade"])
    l_value = 100000 * 0.5306 / 1000 / 70.0  # 0.758 tCO2/10k yuan
    assert grade["intensity"] == pytest.approx(l_value, rel=1e-12)
    assert grade["k"] == pytest.approx(l_value / 0.9, rel=1e-12)  # 0.842222…, was 0.8422
    assert grade["k"] != round(grade["k"], 4)


def test_steam_made_on_site_from_counted_fuel_adds_no_line_and_no_status(tmp_path: Path) -> None:
    steam = {
        "month": "2025-03",
        "energy_type": "steam",
        "quantity": 50,
        "unit": "t",
        "data_source": "bill",
        "flow": "onsite_generated",
    }
    rows = carbon_of(tmp_path, {"grid_factor_year": 2023}, [POWER, steam])
    # Only the national 2023 factor [V] is used: the steam table [U] of a 0 t line no longer lowers the status.
    assert rows["carbon.total"]["status"] == "V"
    assert rows["carbon.total"]["value"] == pytest.approx(53.06)


def test_the_comparison_year_gets_the_full_set(tmp_path: Path) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "years.fieldaudit"
    assert run_cli("new", target).returncode == 0
    audit = {**AUDIT, "grid_factor_year": 2023, "comparison_start": "2024-01-01", "comparison_end": "2024-12-31"}
    enterprise = {**ENTERPRISE, "comparison_value_added_10k_yuan": 60.0, "comparison_output_value_10k_yuan": 280.0}
    before = {**POWER, "month": "2024-03", "quantity": 120000}
    data = {"audit": [audit], "enterprise": [enterprise], "energy_use": [POWER, before]}
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run_cli("import", target, source).returncode == 0
    result = json.loads(run_cli("indicators", target, "--json").stdout)
    rows = {r["key"]: r for r in result["energy"]["indicators"] + result["carbon"]["indicators"]}
    # 2024: 120 000 kWh × 0.5306 = 63.672 t; L = 63.672 ÷ 60 = 1.0612; K = 1.0612 ÷ 0.9 = 1.179 → grade 3.
    assert rows["carbon.comparison.total"]["value"] == pytest.approx(63.672)
    assert rows["carbon.comparison.scope2_electricity.electricity"]["value"] == pytest.approx(63.672)
    assert rows["carbon.comparison.intensity.value_added"]["value"] == pytest.approx(63.672 / 60)
    assert rows["carbon.comparison.grade"]["value"] == 3.0
    assert "comparison period" in rows["carbon.comparison.total"]["label"]["en"]
    # Change in L: 2025 L = 53.06 ÷ 70 = 0.758 against 1.0612: −28.57 %.
    assert rows["carbon.change.intensity_value_added"]["value"] == pytest.approx((53.06 / 70 / (63.672 / 60) - 1) * 100)
    # Energy: 2024 intensity per value added 120 000 × 0.1229 / 1000 ÷ 60, electricity 100 % of the structure.
    assert rows["energy.comparison.intensity.value_added"]["value"] == pytest.approx(14.748 / 60)
    assert rows["energy.comparison.share.electricity"]["value"] == pytest.approx(100.0)


def test_per_unit_product_energy_changes_against_the_comparison_period(tmp_path: Path) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "products.fieldaudit"
    assert run_cli("new", target).returncode == 0
    audit = {**AUDIT, "grid_factor_year": 2023, "comparison_start": "2024-01-01", "comparison_end": "2024-12-31"}
    made = {"unit": "t"}
    production = [
        {**made, "month": "2025-03", "product_name": "螺栓", "quantity": 400.0},
        {**made, "month": "2025-03", "product_name": "螺母", "quantity": 100.0},
        {**made, "month": "2024-03", "product_name": "螺栓", "quantity": 300.0},
        {**made, "month": "2024-05", "product_name": "螺栓", "quantity": 100.0},
        {**made, "month": "2024-03", "product_name": "螺母", "quantity": 200.0},
    ]
    before = {**POWER, "month": "2024-03", "quantity": 120000}
    data = {"audit": [audit], "enterprise": [ENTERPRISE], "energy_use": [POWER, before], "production": production}
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run_cli("import", target, source).returncode == 0
    rows = json.loads(run_cli("indicators", target, "--json").stdout)["energy"]["indicators"]
    by_product = {
        (row["key"].rsplit(".", 1)[0], inputs(row).get("product")): row for row in rows if ".product." in row["key"]
    }
    # 2025: 100 000 kWh × 0.1229 = 12.29 tce; 2024: 120 000 kWh = 14.748 tce.
    # Bolts 400 t both years: 30.725 → 36.87 kgce/t, +20 %; nuts 100 t vs 200 t: 122.9 → 73.74, +66.7 %.
    assert by_product[("energy.comparison.intensity.product", "螺栓")]["value"] == pytest.approx(14748 / 400)
    assert by_product[("energy.change.product", "螺栓")]["value"] == pytest.approx(
        (12290 / 400) / (14748 / 400) * 100 - 100
    )
    assert by_product[("energy.change.product", "螺母")]["value"] == pytest.approx(
        (12290 / 100) / (14748 / 200) * 100 - 100
    )
    assert by_product[("energy.change.product", "螺母")]["unit"] == "%"
    # Both keyed by the same record as the audit period's figure for that product.
    nuts = {key: row["key"].rsplit(".", 1)[1] for key, row in by_product.items() if key[1] == "螺母"}
    assert len(set(nuts.values())) == 1
