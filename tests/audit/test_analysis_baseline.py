"""`indicators --json` and `water --json` on the demo audit give the numbers they gave before the analysis core.

tests/audit/data/analysis_baseline.json was written from the two commands' output on main before the
result shapes were unified (commit "Analysis baseline"). The JSON layout may change; the numbers, grades,
outcomes and trust statuses may not. `flatten` reads the current layout into the baseline's names.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from tests.cli_support import run_cli

BASELINE = Path(__file__).parent / "data" / "analysis_baseline.json"
PRODUCT_FAMILIES = (
    "energy.intensity.product.",
    "energy.electricity.product.",
    "carbon.intensity.product.",
    "energy.comparison.intensity.product.",
    "energy.change.product.",
)


def flatten(indicators: dict[str, Any], water: dict[str, Any]) -> dict[str, Any]:
    """The figures of both commands under the baseline's names (keys of the old layout, see the data file)."""
    flat: dict[str, Any] = {}
    energy = indicators["energy"]
    for item in energy["indicators"] + indicators["carbon"]["indicators"]:
        key = item["key"]
        for tag in ("audit", "comparison"):
            for basis in ("equivalent", "equal_value"):
                if key == f"energy.{tag}.total.{basis}":
                    key = f"energy.{tag}.total[{basis}]"
        for family in PRODUCT_FAMILIES:
            if key.startswith(family) and not key.endswith(".product.all"):
                product = next(i["value"] for i in item["inputs"] if i["name"] == "product")
                key = f"{family[:-1]}[{product}]"
        flat[key] = item["value"]
        flat[key + ":status"] = item["status"]
    for row in energy["table"]:
        for month, cell in row["months"].items():
            for name, value in cell.items():
                flat[f"energy_table:{row['energy_type']}:{row['unit']}:{month}:{name}"] = value
    for result in indicators["equipment"]:
        tag = result["tag"]
        flat[f"equipment:{tag}:verdict"] = result["verdict"]
        flat[f"equipment:{tag}:grade"] = result["grade"]
        flat[f"equipment:{tag}:compared"] = result["compared"] and result["compared"]["value"]
        flat[f"equipment:{tag}:grade_status"] = result["grade_status"]
        for extra in result["extras"]:
            flat[f"equipment:{tag}:{extra['key']}"] = extra["value"]
    water = water["water"]
    for item in water["indicators"]:
        key = "water:" + item["key"].removeprefix("water.")
        flat[key] = item["value"]
        flat[key + ":status"] = item["status"]
    for comparison in water["comparisons"]:
        name = "water:" + comparison["key"]
        flat[name + ":outcome"] = comparison["outcome"]
        flat[name + ":value"] = comparison["value"]
        flat[name + ":status"] = comparison["status"]
    for name, totals in (("enterprise", water["enterprise"]), ("annual", water["annual"])):
        for quantity, value in totals["values"].items():
            flat[f"water:{name}:{quantity}"] = value
        flat[f"water:{name}:closure_pct"] = totals["closure_pct"]
    for unit in water["units"]:
        for quantity, value in unit["average"].items():
            flat[f"water:unit:{unit['name']}:{quantity}"] = value
        flat[f"water:unit:{unit['name']}:closure_pct"] = unit["closure_pct"]
    return flat


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(b, float) and isinstance(a, int) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def test_indicators_and_water_give_the_recorded_numbers(demo_path: Path) -> None:
    indicators = run_cli("indicators", "--json", demo_path)
    assert indicators.returncode == 0, indicators.stderr
    water = run_cli("water", "--json", demo_path)
    assert water.returncode == 0, water.stderr
    now = flatten(json.loads(indicators.stdout), json.loads(water.stdout))
    before = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert sorted(set(before) - set(now)) == []
    assert sorted(set(now) - set(before)) == []
    changed = {name: (before[name], now[name]) for name in before if not _same(now[name], before[name])}
    assert changed == {}
