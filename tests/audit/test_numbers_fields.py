"""Fields the independent worked example needed (issue 10), entered through `python main.py import` and read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from audit.document import AuditDocument
from audit.errors import RecordError
from tests.cli_support import run_cli

SCREW = {
    "tag": "AC-2",
    "compressor_type": "oil_injected_screw",
    "rated_power_kw": 37,
    "rated_pressure_mpa": 0.8,
    "free_air_delivery_m3_per_min": 6.2,
    "cooling": "air",
    "control": "load_unload",
}


def imported(tmp_path: Path, data: dict[str, Any]) -> tuple[Path, dict[str, Any]]:
    target = tmp_path / "fastener.fieldaudit"
    assert run_cli("new", target).returncode == 0
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("import", target, source)
    assert result.returncode == 0, result.stderr
    return target, json.loads(run_cli("export", target, "--live-only").stdout)["records"]


def test_compressor_specific_power_is_computed_from_the_measured_flow_not_the_rated_one(tmp_path: Path) -> None:
    worn = {
        **SCREW,
        "measured_input_kw": 40.3,
        "measured_free_air_delivery_m3_per_min": 5.2,
        "flow_test_method": "flow_meter",
        "flow_test_pressure_mpa": 0.75,
        "flow_test_inlet_temperature_c": 24,
    }
    unmeasured = {**SCREW, "tag": "AC-3", "measured_input_kw": 40.3}
    _target, records = imported(tmp_path, {"air_compressor": [worn, unmeasured]})
    by_tag = {r["values"]["tag"]: r["values"] for r in records["air_compressor"]}
    # 40.3 kW ÷ 5.2 m³/min = 7.75 kW/(m³/min); the rated 6.2 m³/min would have given 6.50 (grade 1 instead of 3).
    assert by_tag["AC-2"]["input_specific_power"] == pytest.approx(40.3 / 5.2, abs=1e-6)
    assert by_tag["AC-2"]["flow_test_pressure_mpa"] == 0.75
    assert by_tag["AC-3"].get("input_specific_power") is None


def test_a_measured_flow_needs_its_test_conditions(document: AuditDocument) -> None:
    uuid = document.records.add("air_compressor", {**SCREW, "measured_free_air_delivery_m3_per_min": 5.2})
    problems = {p.field: p.severity.value for p in document.records.problems(document.records.get(uuid))}
    assert problems.get("flow_test_method") == "missing" and problems.get("flow_test_pressure_mpa") == "missing"


def test_grid_factor_year_must_be_one_the_table_has(tmp_path: Path, document: AuditDocument) -> None:
    audit = {
        "title": "t",
        "audit_type": "energy_audit",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "team_leader": "x",
        "institute": "y",
    }
    with pytest.raises(RecordError, match="has data years 2021, 2022, 2023; 2024 is not among them"):
        document.records.add("audit", {**audit, "grid_factor_year": 2024})
    target = tmp_path / "a.fieldaudit"
    assert run_cli("new", target).returncode == 0
    source = tmp_path / "audit.json"
    source.write_text(json.dumps({"audit": [{**audit, "grid_factor_year": 2024}]}), encoding="utf-8")
    result = run_cli("import", target, source, language="zh")
    assert result.returncode == 1 and "没有 2024 年" in result.stderr
    assert document.records.add("audit", {**audit, "grid_factor_year": 2023})


def test_test_period_production_and_several_reuse_streams_round_trip(tmp_path: Path) -> None:
    data = {
        "water_test": [
            {
                "title": "3-day test",
                "start_at": "2025-06-16 08:00",
                "test_days": 3,
                "production_days_per_year": 300,
                "children": {"test_production": [{"product_name": "螺栓", "unit": "t", "quantity": 41.5}]},
            }
        ],
        "water_unit": [
            {"name": "全厂", "level": "1", "unit_type": "production"},
        ],
    }
    target, records = imported(tmp_path, data)
    plant = records["water_unit"][0]["uuid"]
    rows = records["water_test"][0]["children"]["test_production"]
    assert [(r["values"]["product_name"], r["values"]["quantity"]) for r in rows] == [("螺栓", 41.5)]
    streams = [
        {"kind": "circulating", "quantity_m3_per_d": 120.0, "method": "cooling loop meter"},
        {"kind": "cascade", "from_unit": plant, "quantity_m3_per_d": 8.5},
        {"kind": "treated_wastewater", "from_unit": plant, "quantity_m3_per_d": 12.0, "method": "RO outlet meter"},
    ]
    pickling = {"name": "酸洗", "level": "2", "parent_unit": plant, "unit_type": "production"}
    source = tmp_path / "unit.json"
    source.write_text(json.dumps({"water_unit": [{**pickling, "children": {"reuse_streams": streams}}]}), "utf-8")
    assert run_cli("import", target, source).returncode == 0
    exported = json.loads(run_cli("export", target, "--live-only").stdout)["records"]["water_unit"]
    unit = next(r for r in exported if r["values"]["name"] == "酸洗")
    kinds = [(r["values"]["kind"], r["values"]["quantity_m3_per_d"]) for r in unit["children"]["reuse_streams"]]
    assert kinds == [("circulating", 120.0), ("cascade", 8.5), ("treated_wastewater", 12.0)]
