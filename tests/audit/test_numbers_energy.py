"""On-site PV in comprehensive energy consumption (issue 10 item 7): a worked example, both conventions, via the CLI."""

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
    "grid_factor_year": 2023,
}
BILL = {"month": "2025-03", "energy_type": "electricity", "unit": "kWh", "data_source": "bill"}
ENERGY = [
    {**BILL, "quantity": 100000},  # bought from the grid
    {**BILL, "quantity": 30000, "flow": "onsite_generated", "generation_source": "pv", "data_source": "meter"},
    {**BILL, "quantity": 10000, "flow": "exported"},  # PV surplus sold to the grid
]


def analysis_of(tmp_path: Path, setting: str | None) -> dict[str, dict[str, Any]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "pv.fieldaudit"
    assert run_cli("new", target).returncode == 0
    audit = {**AUDIT, **({"renewable_self_use": setting} if setting else {})}
    source = tmp_path / "pv.json"
    source.write_text(json.dumps({"audit": [audit], "energy_use": ENERGY}), encoding="utf-8")
    assert run_cli("import", target, source).returncode == 0
    result = run_cli("indicators", target, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return {row["key"]: row for row in data["energy"]["indicators"] + data["carbon"]["indicators"]}


@pytest.mark.parametrize("setting", [None, "counted", "excluded"])
def test_both_totals_are_shown_and_the_headline_follows_the_audit(tmp_path: Path, setting: str | None) -> None:
    rows = analysis_of(tmp_path, setting)
    # Consumed inside the boundary: 100 000 − 10 000 + 30 000 = 120 000 kWh × 0.1229 = 14.748 tce;
    # without the self-consumed PV (30 000 − 10 000 kWh): 100 000 kWh × 0.1229 = 12.29 tce.
    counted, excluded = 120000 * 0.1229 / 1000, 100000 * 0.1229 / 1000
    assert rows["energy.audit.renewables_counted.equivalent"]["value"] == pytest.approx(counted)
    assert rows["energy.audit.renewables_excluded.equivalent"]["value"] == pytest.approx(excluded)
    headline = rows["energy.audit.total.equivalent"]
    assert headline["value"] == pytest.approx(excluded if setting == "excluded" else counted)
    assert headline["status"] == "U"  # the convention is GB/T 2589-2020 as paraphrased, not read
    # The DB33/T 1347 PV deduction is the same either way: 120 000 kWh × 0.5306 − 30 000 kWh × 0.5306.
    assert rows["carbon.deduction"]["value"] == pytest.approx(-30000 * 0.5306 / 1000)
    assert rows["carbon.total"]["value"] == pytest.approx(90000 * 0.5306 / 1000)


def test_electricity_and_co2_per_unit_product_sit_next_to_l(tmp_path: Path) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "products.fieldaudit"
    assert run_cli("new", target).returncode == 0
    enterprise = {
        "name": "紧固件厂",
        "value_added_10k_yuan": 70.0,
        "output_value_10k_yuan": 300.0,
        "children": {"products": [{"product_name": "螺栓", "unit": "t", "annual_output": 500.0}]},
    }
    source = tmp_path / "data.json"
    source.write_text(json.dumps({"audit": [AUDIT], "enterprise": [enterprise], "energy_use": ENERGY}), "utf-8")
    assert run_cli("import", target, source).returncode == 0
    data = json.loads(run_cli("indicators", target, "--json").stdout)
    rows = {
        row["key"].rsplit(".", 1)[0] if ".product." in row["key"] else row["key"]: row
        for row in data["energy"]["indicators"] + data["carbon"]["indicators"]
    }
    # Electricity used: 100 000 − 10 000 + 30 000 = 120 000 kWh ÷ 500 t = 240 kWh/t.
    assert rows["energy.electricity.product"]["value"] == pytest.approx(240.0)
    assert rows["energy.electricity.product"]["unit"] == "kWh/t"
    # CO2: 90 000 kWh net of the PV deduction × 0.5306 = 47.754 t ÷ 500 t; and per 10k yuan output ÷ 300.
    assert rows["carbon.intensity.product"]["value"] == pytest.approx(90000 * 0.5306 / 1000 / 500)
    assert rows["carbon.intensity.output_value"]["value"] == pytest.approx(90000 * 0.5306 / 1000 / 300)
