"""The demo audit's indicators are plausible for a Shaoxing cotton/polyester dyeing plant, and the CLI prints them.

Sanity ranges and why:
- Comprehensive energy 15 000–35 000 tce: 9 090 万米 of finished fabric a year at 20–35 kgce per 100 m, the
  span of woven-fabric dyeing plants in Zhejiang (advanced plants near 20, average plants near 30–35).
- Energy per unit of all products 1 500–4 000 kgce/万米 (15–40 kgce/100 m), the same argument per metre.
- Energy per 10k yuan output value 0.3–1.0 tce: dyeing is the energy-heavy step of textiles; Keqiao
  dyeing plants report roughly 0.4–0.8 tce/10k yuan, far above the textile average.
- Steam share 50–85 % of tce: heating dye liquors and drying is the bulk of the energy; purchased CHP steam is
  the main energy. Electricity 8–25 %, natural gas (stenters) 5–25 %.
- CO2 per 10k yuan value added above 2.0 (高碳) and below 15: steam and power at national factors, low value added.
- Audit year better than the comparison year (the demo plant improved): change between −10 % and 0 %.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.analysis import Analysis, analyse_document
from audit.document import AuditDocument
from tests.cli_support import run_cli

ROOT = Path(__file__).resolve().parents[2]
MY_FORMS = (
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
)


@pytest.fixture(scope="module")
def report(demo_path: Path) -> Analysis:
    with AuditDocument.open(demo_path, read_only=True) as document:
        return analyse_document(document)


def value(report: Analysis, key: str) -> float:
    indicator = report.indicator(key)
    assert indicator is not None and indicator.value is not None, key
    return float(indicator.value)


def test_demo_energy_is_plausible_for_a_dyeing_plant(report: Analysis) -> None:
    assert 15_000 <= value(report, "energy.audit.total.equivalent") <= 35_000
    assert 1_500 <= value(report, "energy.intensity.product.all") <= 4_000
    assert 0.3 <= value(report, "energy.intensity.output_value") <= 1.0
    assert 50 <= value(report, "energy.audit.share.steam") <= 85
    assert 8 <= value(report, "energy.audit.share.electricity") <= 25
    assert 5 <= value(report, "energy.audit.share.natural_gas") <= 25
    assert -10 <= value(report, "energy.change.total") <= 0
    assert value(report, "energy.comparison.total.equivalent") > value(report, "energy.audit.total.equivalent")
    # Every month of both years is present, none converted with a problem.
    assert report.energy.problems == ()
    assert report.energy.audit_balance is not None and len(report.energy.audit_balance.by_month()) == 12


def test_demo_carbon_is_plausible(report: Analysis) -> None:
    intensity = value(report, "carbon.intensity.value_added")
    assert 2.0 < intensity < 15
    assert value(report, "carbon.deduction") < 0  # rooftop PV deducted
    assert (
        value(report, "carbon.scope2_heat")
        > value(report, "carbon.scope2_electricity")
        > value(report, "carbon.scope1")
    )
    grade = report.indicator("carbon.grade")
    assert grade is not None and grade.value in (1.0, 2.0, 3.0, 4.0, 5.0)


def test_demo_equipment_gives_interesting_findings(report: Analysis) -> None:
    assert len(report.equipment) >= 30
    below = {r.form_id for r in report.equipment if r.verdict == "below_grade_3"}
    assert {"motor", "air_compressor", "transformer", "pump", "fan", "boiler"} <= below
    assert any(r.outdated is not None and not r.outdated.suspected for r in report.equipment)
    graded = [r for r in report.equipment if r.verdict == "grade"]
    assert {1, 2, 3} <= {r.grade for r in graded}
    transformers = [r for r in report.equipment if r.form_id == "transformer"]
    assert all(any(e.key == "equipment.transformer.losses" for e in r.extras) for r in transformers)


def test_every_demo_record_of_these_parts_is_complete_and_clean(demo_path: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        for form_id in MY_FORMS:
            records = document.records.list(form_id, with_children=True)
            assert records, form_id
            for record in records:
                assert document.records.problems(record) == [], (
                    form_id,
                    record.values.get("tag"),
                    record.values.get("month"),
                )


def test_cli_prints_every_indicator_with_unit_source_and_status(demo_path: Path) -> None:
    result = run_cli("indicators", demo_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Comprehensive energy consumption, audit period (equivalent value):" in out
    assert " tce" in out and "tCO2/10k yuan" in out
    assert "source: GB/T 2589-2020, Appendix A, Table A.2 [V]" in out
    assert "[U unverified]" in out  # e.g. the DB33/T 1347 grade thresholds
    assert "M-05 (Motors) GB 18613-2020: Below grade 3" in out
    assert "Outdated model: 1-1 小型异步电动机" in out


def test_cli_in_chinese(demo_path: Path) -> None:
    result = run_cli("indicators", demo_path, language="zh")
    assert result.returncode == 0, result.stderr
    assert "综合能耗（审计期，电力按当量值）" in result.stdout
    assert "未核实" in result.stdout
    assert "M-05 (电动机) GB 18613-2020: 低于3级" in result.stdout


def test_cli_json_carries_inputs_and_sources(demo_path: Path) -> None:
    result = run_cli("indicators", demo_path, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    total = next(i for i in data["energy"]["indicators"] if i["key"] == "energy.audit.total.equivalent")
    assert total["unit"] == "tce" and next(i["value"] for i in total["inputs"] if i["name"] == "records") > 0
    assert all({"standard", "edition", "clause", "status"} <= set(s) for s in total["sources"])
    assert data["equipment"] and data["energy"]["table"]
    assert {row["energy_type"] for row in data["energy"]["table"]} >= {"electricity", "steam", "natural_gas", "diesel"}


def test_cli_on_a_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("indicators", tmp_path / "nothing.fieldaudit")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "not found" in result.stderr
