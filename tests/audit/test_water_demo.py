"""The demo plant's water-balance test, the `water` command, the diagram and the reference data files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.results import Outcome
from audit.water import WaterResult, compute_water
from audit.water.standards import RESOURCES, industry_for
from forms.definitions.water_test import DEFAULT_INTAKE_TOLERANCE_PCT, DEFAULT_UNIT_CLOSURE_TOLERANCE_PCT
from tests.cli_support import run_cli as run

ROOT = Path(__file__).resolve().parents[2]
WATER_FORMS = ("water_test", "water_source", "water_unit", "water_meter", "water_reading", "water_flow")


@pytest.fixture(scope="module")
def demo(demo_path: Path) -> WaterResult:
    with AuditDocument.open(demo_path, read_only=True) as document:
        return compute_water(document)


def test_demo_water_records_have_no_problems(demo_path: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        counts = {form: document.records.count(form) for form in WATER_FORMS}
        for form in WATER_FORMS:
            for record in document.records.list(form, with_children=True):
                assert document.records.problems(record) == [], (form, record.values)
    assert counts["water_test"] == 1
    assert 12 <= counts["water_unit"] - 9 <= 20  # leaves, besides the plant and its 8 workshops
    assert counts["water_reading"] >= counts["water_meter"] * 3 * 4  # several readings a day over 4 days


def test_demo_balance_closes_within_tolerance(demo: WaterResult) -> None:
    assert demo.ready and demo.flags == []
    assert demo.test is not None and demo.test.days >= 3 and demo.test.start.year == 2025
    levels = {u.level for u in demo.units}
    assert levels == {1, 2, 3}
    for unit in demo.units:
        assert unit.complete and unit.within_tolerance, unit.name
        if unit.children_difference_pct is not None:
            assert abs(unit.children_difference_pct) <= demo.test.intake_tolerance_pct, unit.name
    assert demo.enterprise.complete
    assert demo.enterprise.closure_pct is not None and abs(demo.enterprise.closure_pct) < demo.test.unit_tolerance_pct
    # Estimated values are carried to the totals (Vco is mostly estimated in practice).
    assert demo.enterprise.estimated["vco"] > 0


def test_demo_indicators_are_plausible_for_a_dyeing_plant(demo: WaterResult) -> None:
    value = {i.key.removeprefix("water."): i.value for i in demo.indicators}
    annual_vf = demo.annual.values["vf"]
    assert 1.0e6 <= annual_vf <= 2.0e6  # m³/a of new water for a 420-person dyeing plant
    assert 40 <= value["repeated_utilisation_rate"] <= 65  # %, between the 45 % pass level and the 72.7 % leader
    assert 90 <= value["indirect_cooling_recycling_rate"] <= 99
    assert 40 <= value["condensate_recovery_rate"] <= 90  # below the 98 % threshold: a finding
    # Woven dyeing is quoted per 100 m: 1.0–2.5 m³/100 m, i.e. 100–250 m³ per 10^4 m (万米).
    assert demo.indicator("water.new_water_per_product").unit == "m³/万米"
    assert 100 <= value["new_water_per_product"] <= 250
    assert 20 <= value["new_water_per_10k_output"] <= 80  # m³ per 10k yuan output
    assert 100 <= value["domestic_per_employee_day"] <= 250  # L/(person·d), with dormitories
    assert 0 <= value["leak_rate"] <= 6
    assert 60 <= value["discharge_rate"] <= 90
    assert 2.5 <= value["cycles_of_concentration"] <= 5
    outcomes = {c.key: c.outcome for c in demo.comparisons}
    assert outcomes["gbt7119.repeated_utilisation_rate"] is Outcome.PASS
    assert outcomes["gbt7119.condensate_recovery_rate"] is Outcome.FAIL
    assert demo.industry is not None and demo.industry_code == "C1713"


def test_water_command_text_and_json(demo_path: Path, tmp_path: Path) -> None:
    english = run("water", demo_path)
    assert english.returncode == 0, english.stderr
    assert "退煮漂联合机" in english.stdout and "Repeated utilisation rate R" in english.stdout
    assert "[FAIL] Condensate recovery rate" in english.stdout
    chinese = run("water", demo_path, language="zh")
    assert "重复利用率 R" in chinese.stdout and "未达标" in chinese.stdout
    as_json = run("water", "--json", demo_path)
    data = json.loads(as_json.stdout)["water"]
    assert data["ready"] is True
    assert data["enterprise"]["complete"] is True
    keys = {i["key"] for i in data["indicators"]}
    assert {"water.repeated_utilisation_rate", "water.leak_rate", "water.cycles_of_concentration"} <= keys
    assert all(i["status"] in ("V", "C", "U", "D") for i in data["indicators"])
    plant = data["units"][0]
    assert plant["annual"]["vf"] == pytest.approx(plant["average"]["vf"] * 330)
    empty = tmp_path / "empty.fieldaudit"
    assert run("new", empty).returncode == 0
    refused = run("water", empty)
    assert refused.returncode == 1 and "water-balance test form" in refused.stdout


def test_water_json_is_the_whole_analysis_water_stage(demo_path: Path) -> None:
    """`water --json` computes the water result alone (issue 15); it is the one the whole analysis holds."""
    from audit.analysis import analyse_document
    from audit.results import to_json

    as_json = run("water", "--json", demo_path)
    assert as_json.returncode == 0, as_json.stderr
    with AuditDocument.open(demo_path, read_only=True) as document:
        whole = json.loads(json.dumps(to_json({"water": analyse_document(document).water}), ensure_ascii=False))
    assert json.loads(as_json.stdout) == whole
    assert len(whole["water"]["daily"]) > 0 and len(whole["water"]["indicators"]) > 5


def test_diagram_png_and_svg(demo: WaterResult) -> None:
    from audit.water.diagram import render_diagram

    png = render_diagram(demo, "zh")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
    svg = render_diagram(demo, "en", "svg")
    assert b"<svg" in svg[:500]


def _text_problems(result: WaterResult) -> list[str]:
    """Texts outside the page, overlapping each other, or spilling out of the box they start in."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.patches import FancyBboxPatch

    from audit.water.diagram import build_figure

    figure = build_figure(result, "zh")
    renderer = FigureCanvasAgg(figure).get_renderer()
    axes = figure.axes[0]
    texts = [(t.get_text(), t.get_window_extent(renderer)) for t in axes.texts if t.get_text()]
    boxes = [p.get_window_extent(renderer) for p in axes.patches if isinstance(p, FancyBboxPatch)]
    page = figure.bbox
    problems = []
    for name, extent in texts:
        if extent.x0 < page.x0 or extent.y0 < page.y0 or extent.x1 > page.x1 or extent.y1 > page.y1:
            problems.append(f"outside the page: {name}")
        for box in boxes:
            starts_inside = box.contains(extent.x0 + 0.5, (extent.y0 + extent.y1) / 2)
            if starts_inside and (extent.x1 > box.x1 + 0.5 or extent.y0 < box.y0 - 0.5 or extent.y1 > box.y1 + 0.5):
                problems.append(f"spills out of its box: {name}")
    for index, (name, extent) in enumerate(texts):
        for other, other_extent in texts[index + 1 :]:
            if extent.overlaps(other_extent) and extent.intersection(extent, other_extent).width > 0.5:
                problems.append(f"overlap: {name} / {other}")
    return problems


def test_demo_diagram_has_no_overlapping_or_cut_off_text(demo: WaterResult) -> None:
    assert _text_problems(demo) == []


def test_diagram_with_36_long_named_units_fits_a3(tmp_path: Path) -> None:
    from tests.audit.water_builder import WaterAudit

    w = WaterAudit(tmp_path / "big.fieldaudit", days=1)
    w.unit("全厂", 1)
    for group in range(6):
        workshop = f"第{group + 1}车间（印染生产线）"
        w.unit(workshop, 2, "全厂")
        for index in range(6):
            name = (
                f"{group + 1}-{index + 1}# 高温高压溢流染色机组及配套水洗、皂洗、固色与定形设备（二期扩建生产线 A 区）"
            )
            w.unit(name, 3, workshop, recycle_kind="circulating")
            w.flow(
                name,
                0,
                vf=("estimated", 100.0 + index),
                vr=("estimated", 300.0),
                vco=("estimated", 10.0),
                vd="calculated",
            )
    result = compute_water(w.document)
    w.close()
    assert len([u for u in result.units if u.is_leaf]) == 36 and result.enterprise.complete
    from audit.water.diagram import A3_LANDSCAPE_MM, MM_PER_INCH, build_figure

    figure = build_figure(result, "zh")
    width, height = (size * MM_PER_INCH for size in figure.get_size_inches())
    assert (round(width), round(height)) == tuple(round(v) for v in A3_LANDSCAPE_MM)
    assert _text_problems(result) == []


def test_reference_values_carry_their_source() -> None:
    from audit.reference import load_resource

    for path in sorted(RESOURCES.glob("*.json")):
        load_resource(f"water/{path.name}")  # the shared checker: sources table, statuses, numeric values
    tolerances = json.loads((RESOURCES / "tolerances.json").read_text(encoding="utf-8"))["values"]
    assert tolerances["unit_closure_tolerance_pct"]["value"] == DEFAULT_UNIT_CLOSURE_TOLERANCE_PCT
    assert tolerances["intake_tolerance_pct"]["value"] == DEFAULT_INTAKE_TOLERANCE_PCT
    numbers = list(tolerances.values())
    thresholds = json.loads((RESOURCES / "gbt7119_thresholds.json").read_text(encoding="utf-8"))
    numbers += [t for industry in thresholds["industries"] for t in industry["thresholds"]]
    metering = json.loads((RESOURCES / "gbt24789_metering.json").read_text(encoding="utf-8"))
    numbers += metering["equipment_rate_pct"] + metering["metering_rate_pct"] + [metering["meter_accuracy_class"]]
    for entry in numbers:
        assert {"value", "standard", "edition", "clause", "status"} <= set(entry), entry
        assert entry["status"] in ("V", "C", "U", "D")
    # The unverified GB/T 24789 rates are never presented as verified.
    assert all(e["status"] == "U" for e in metering["metering_rate_pct"])


def test_industry_is_chosen_by_gbt4754_code() -> None:
    assert industry_for("C1713")["key"] == "textile_dyeing"  # type: ignore[index]
    assert industry_for("1762")["key"] == "textile_dyeing"  # type: ignore[index]
    assert industry_for("C2221")["key"] == "paper"  # type: ignore[index]
    assert industry_for("C3120")["key"] == "steel"  # type: ignore[index]
    assert industry_for("C1711") is None  # cotton spinning is not dyeing


def test_every_field_the_calculation_reads_exists() -> None:
    from audit.water.inputs import FIELDS_READ
    from forms.registry import default_registry

    registry = default_registry()
    for form_id, names in FIELDS_READ.items():
        form_name, _, repeat = form_id.partition(".")
        form = registry[form_name]
        fields = form.repeat(repeat).fields if repeat else form.fields
        known = {spec.name for spec in fields}
        assert set(names) <= known, (form_id, set(names) - known)
    source = (ROOT / "audit" / "water" / "inputs.py").read_text(encoding="utf-8")
    import re

    read = set(re.findall(r'(?:r|v|row|record)\.get\("([a-z_0-9]+)"', source)) | set(
        re.findall(r'r\["([a-z_0-9]+)"\]', source)
    )
    declared = {name for names in FIELDS_READ.values() for name in names}
    assert read <= declared, read - declared
