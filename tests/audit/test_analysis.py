"""The analysis core: a pure analyse() over plain inputs, one JSON writer, statuses, and extension in one edit."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from audit.analysis import AnalysisInputs, analyse, analyse_document, load_inputs
from audit.document import AuditDocument
from audit.indicators import EnergyInputs, EquipmentInputs, catalogue
from audit.indicators import energy_indicators as energy_module
from audit.indicators import equipment as equipment_package
from audit.indicators.catalogue import Entry
from audit.indicators.energy_indicators import EnergyContext
from audit.indicators.equipment import Kind, grade_record
from audit.indicators.equipment.common import Graded, grade_of, missing
from audit.reference import Source, reference_data
from audit.results import Indicator, Outcome, Status, Verdict, merge_sources, to_json, weakest
from audit.water.inputs import WaterInputs
from forms.spec import Text
from tests.audit.test_indicators_energy import ELECTRICITY_KGCE_PER_KWH


def test_weakest_status_and_what_no_source_means() -> None:
    assert weakest("V", "C", "D") is Status.C
    assert weakest("D", "U") is Status.U
    # No sources: nothing of uncertain standing was used, so it adds nothing (V is the neutral element).
    assert weakest() is Status.V
    assert weakest("C", *()) is Status.C
    assert weakest("set by auditor", "D") is Status.D
    unverified = Source("X", "2020", "T1", "U")
    indicator = Indicator("carbon.total", Text("a", "a"), 1.0, "tCO2", sources=(unverified, unverified))
    assert indicator.status is Status.U and len(indicator.sources) == 1
    # A comparison is as weak as its rule or the indicator compared, whichever is weaker.
    formula_c = Indicator(
        "water.leak_rate", Text("a", "a"), 1.0, "%", status=Status.C, sources=(Source("Y", "", "", "V"),)
    )
    assert formula_c.status is Status.C
    assert merge_sources((unverified,), (unverified,)) == (unverified,)


def test_analyse_is_pure_over_plain_inputs_without_an_audit_file() -> None:
    """What the office will do with merged records: build the inputs, analyse, no database."""
    audit = {"period_start": "2025-01-01", "period_end": "2025-12-31", "electricity_basis": "equivalent"}
    energy = EnergyInputs(
        audit=audit,
        enterprise={"output_value_10k_yuan": 100.0},
        energy_use=(("e1", {"month": "2025-03", "energy_type": "electricity", "quantity": 10_000, "unit": "kWh"}),),
    )
    motor = {
        "tag": "M-1",
        "motor_type": "induction_lv",
        "rated_power_kw": 7.5,
        "poles": 4,
        "nameplate_efficiency_pct": 92.6,  # GB 18613-2020 7.5 kW 4-pole 2级 (STANDARDS.md §3.1)
    }
    inputs = AnalysisInputs(
        energy, EquipmentInputs((("motor", "m1", motor),)), WaterInputs(None, {}, [], [], [], [], [], [])
    )
    analysis = analyse(inputs)
    total = analysis.energy_total()
    assert total is not None and total.value == pytest.approx(10_000 * ELECTRICITY_KGCE_PER_KWH / 1000)
    intensity = analysis.indicator("energy.intensity.output_value")
    assert intensity is not None and intensity.value == pytest.approx(total.value / 100.0)  # type: ignore[operator]
    (grading,) = analysis.equipment
    assert (
        (grading.verdict, grading.grade) == (Verdict.GRADE, 2)
        and grading.compared is not None
        and grading.compared.about == ("m1",)
    )
    assert analysis.water.ready is False
    assert analyse(inputs) == analysis  # the same inputs give the same result


def test_one_json_writer_for_every_result(demo_path: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        analysis = analyse_document(document)
    data = json.loads(json.dumps(to_json(analysis), ensure_ascii=False))
    assert set(data) == {"energy", "carbon", "equipment", "water", "findings", "measures"}
    # The same Indicator shape everywhere: energy, carbon, equipment's compared values, water, comparisons.
    shapes = [
        data["energy"]["indicators"][0],
        data["carbon"]["indicators"][0],
        next(g["compared"] for g in data["equipment"] if g["compared"]),
        data["water"]["indicators"][0],
        data["water"]["comparisons"][0],
    ]
    assert len({tuple(sorted(shape)) for shape in shapes}) == 1
    assert {g["verdict"] for g in data["equipment"]} <= {v.value for v in Verdict}
    assert {c["outcome"] for c in data["water"]["comparisons"]} <= {o.value for o in Outcome}
    # Inputs carry the units their names imply.
    total = next(i for i in data["energy"]["indicators"] if i["key"] == "energy.audit.total.equivalent")
    by_name = {i["name"]: i for i in total["inputs"]}
    assert by_name["by_type_tce"]["unit"] == "tce"
    assert "audit_balance" not in data["energy"]  # working data for the charts stays out


# The worked example's key: declared in the catalogue by the test (as docs/indicators.md says to).
COST_PER_TCE = "energy.audit.cost_per_tce"


def cost_per_tce(context: EnergyContext) -> list[Indicator]:
    """The worked example of docs/indicators.md."""
    if context.audit is None:
        return []
    total = context.audit.total(context.basis)
    cost = context.audit.cost_yuan()
    return [
        Indicator(
            COST_PER_TCE,
            Text("Energy cost per tce", "单位综合能耗费用"),
            cost / total if total else None,
            "yuan/tce",
            {"cost_yuan": cost, "total_tce": round(total, 4)},
            context.audit.sources(context.basis),
            formula="cost_yuan ÷ total_tce",
        )
    ]


def test_adding_an_indicator_is_one_function(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(energy_module, "ENERGY_INDICATORS", (*energy_module.ENERGY_INDICATORS, cost_per_tce))
    declared = Entry(COST_PER_TCE, Text("Energy cost per tce", "单位综合能耗费用"), "yuan/tce", "energy")
    monkeypatch.setattr(catalogue, "CATALOGUE", (*catalogue.CATALOGUE, declared))
    with AuditDocument.open(demo_path, read_only=True) as document:
        analysis = analyse_document(document)
    added = analysis.indicator(COST_PER_TCE)
    total = analysis.energy_total()
    cost = analysis.indicator("energy.audit.cost")
    assert added is not None and total is not None and cost is not None
    assert added.value == pytest.approx(cost.value / total.value)  # type: ignore[operator]
    assert added.status is total.status
    found = catalogue.entry(added.key)
    assert found is not None and found.unit_matches(added.unit)


def _chiller_grade(values: dict[str, float], measurements: object, reference: object) -> Graded:
    cop = values.get("nameplate_cop")
    if cop is None:
        raise missing("nameplate COP", "铭牌性能系数")
    limits: list[float | None] = [6.3, 5.9, 5.4]
    verdict, grade = grade_of(float(cop), limits, higher_is_better=True)
    compared = Indicator(
        "equipment.chiller.cop", Text("Nameplate COP", "铭牌性能系数"), float(cop), "", {"limits": limits}
    )
    return Graded(verdict, grade, compared)


def test_adding_an_equipment_kind_is_one_module(monkeypatch: pytest.MonkeyPatch) -> None:
    module = SimpleNamespace(
        FORM_ID="chiller", STANDARD="GB 19577-2015", ORDER=70, grade=_chiller_grade, operating=lambda *_: []
    )
    kinds = (*equipment_package.kinds(), equipment_package._kind(module))  # type: ignore[arg-type]
    monkeypatch.setattr(equipment_package, "kinds", lambda: kinds)
    reference = reference_data()
    graded = grade_record("chiller", "c1", {"tag": "CH-1", "nameplate_cop": 6.0}, [], reference)
    assert (graded.verdict, graded.grade, graded.standard) == (Verdict.GRADE, 2, "GB 19577-2015")
    stopped = grade_record("chiller", "c2", {"tag": "CH-2"}, [], reference)
    assert stopped.verdict is Verdict.CANNOT_GRADE and "nameplate COP" in stopped.reason.en
    assert isinstance(kinds[-1], Kind)


def test_load_inputs_reads_what_analyse_needs(demo_path: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        inputs = load_inputs(document)
    assert inputs.energy.energy_use and inputs.equipment.records and inputs.water.units
    # Inputs are values, not handles on the file: analysing after the file is closed works.
    analysis = analyse(inputs)
    assert analysis.energy_total() is not None
    assert dataclasses.is_dataclass(analysis)
