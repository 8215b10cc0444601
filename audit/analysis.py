"""One pass over an audit: `load_inputs(document)` reads, the pure `analyse(inputs)` computes everything.

Every surface (the panels, the command line, the report, the office) calls `analyse` once and reads
energy, carbon, equipment and water from the `Analysis` it returns; nothing downstream recomputes.

To add a stage (findings, issue 11): give `Analysis` a field with a default, compute it in `analyse`
from the stages before it, e.g.

    findings: tuple[Finding, ...] = ()
    ...
    return dataclasses.replace(analysis, findings=find_all(analysis))

and it is in `to_json(analysis)` and in every surface that reads `Analysis`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from audit.findings import Finding, find_all
from audit.findings._inputs import FindingInputs, load_finding_inputs
from audit.findings._measures import MeasureResult
from audit.indicators import (
    CarbonResult,
    EnergyInputs,
    EnergyResult,
    EquipmentInputs,
    carbon_stage,
    energy_stage,
    equipment_stage,
    load_energy_inputs,
    load_equipment_inputs,
)
from audit.indicators.equipment import Grading
from audit.reference import ReferenceData, reference_data
from audit.results import NOT_IN_JSON, Indicator, find
from audit.water import WaterResult
from audit.water import compute as compute_water
from audit.water import load_inputs as load_water_inputs
from audit.water.inputs import WaterInputs

if TYPE_CHECKING:
    from audit.document import AuditDocument


@dataclass(frozen=True)
class AnalysisInputs:
    """Everything `analyse` reads, as plain values: no database, so merged records can be analysed too."""

    energy: EnergyInputs
    equipment: EquipmentInputs
    water: WaterInputs
    reference: ReferenceData = field(default_factory=reference_data, metadata=NOT_IN_JSON)
    findings: FindingInputs = field(default_factory=FindingInputs)


def load_inputs(document: AuditDocument, reference: ReferenceData | None = None) -> AnalysisInputs:
    """Read every record the analysis uses (the document may be read-only); the equipment records the
    findings read (with their repeat rows) are the ones graded, not read a second time."""
    findings = load_finding_inputs(document)
    return AnalysisInputs(
        load_energy_inputs(document),
        load_equipment_inputs(document, findings.rows),
        load_water_inputs(document),
        reference or reference_data(),
        findings,
    )


@dataclass(frozen=True)
class Analysis:
    """Energy, carbon, equipment and water of one audit, every number an `Indicator`."""

    energy: EnergyResult
    carbon: CarbonResult
    equipment: tuple[Grading, ...]
    water: WaterResult
    # Findings (rules over the results above) and the measures they propose, with the expert's decisions.
    findings: tuple[Finding, ...] = ()
    measures: MeasureResult = field(default_factory=MeasureResult)

    def indicators(self) -> Iterator[Indicator]:
        """Every indicator: energy, carbon, equipment (compared values and load figures), water, comparisons."""
        yield from self.energy.indicators
        yield from self.carbon.indicators
        for grading in self.equipment:
            yield from grading.indicators()
        yield from self.water.indicators
        yield from self.water.comparisons

    def indicator(self, key: str) -> Indicator | None:
        """The indicator with this key (equipment keys repeat per record: use `equipment` for those)."""
        return find(self.indicators(), key)

    def energy_total(self, period: str = "audit") -> Indicator | None:
        """The comprehensive energy consumption on the basis the audit chose (the headline of the two)."""
        return next(
            (i for i in self.energy.indicators if i.key.startswith(f"energy.{period}.total.") and i.headline), None
        )


def analyse(inputs: AnalysisInputs) -> Analysis:
    """Compute every result from `inputs` (pure: reads nothing else, writes nothing)."""
    reference = inputs.reference
    energy = energy_stage(inputs.energy, reference)
    analysis = Analysis(
        energy=energy,
        carbon=carbon_stage(inputs.energy, energy, reference),
        equipment=equipment_stage(inputs.equipment, reference),
        water=compute_water(inputs.water),
    )
    findings, measures = find_all(analysis, inputs.findings, reference, inputs.equipment.measurements)
    return dataclasses.replace(analysis, findings=findings, measures=measures)


def analyse_document(document: AuditDocument) -> Analysis:
    """`analyse(load_inputs(document))`: the one call a surface makes on an open audit."""
    return analyse(load_inputs(document))


__all__ = ["Analysis", "AnalysisInputs", "analyse", "analyse_document", "load_inputs"]
