"""Findings: rules that run over the analysed audit, say what they found, why, by which standard, and propose measures.

One module per topic (motors, compressed air, electrical, boilers, thermal, lighting, energy, water), found
automatically: every `Rule` object a module defines is a rule. A rule has a dotted id, a docstring, the
standard and clause it rests on, the keys of its thresholds in resources/findings/thresholds.json, and a
function over a `FindingContext` that yields `Hit`s (it fired, with the records, the indicators that
triggered it and the measures it proposes) and `Missing`es (it could not decide, and which data stopped it).
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from audit.findings._inputs import FindingInputs, Row
from audit.findings._measures import (
    Draft,
    Measure,
    MeasureResult,
    build_measure,
    decisions,
    own_measure,
    sort_key,
    totals,
)
from audit.measures._parameters import Parameters, load_parameters
from audit.reference import ReferenceData, Source, Sourced
from audit.results import Indicator, Limit, Status, weakest
from forms.spec import Text

if TYPE_CHECKING:
    from audit.analysis import Analysis
    from audit.indicators.equipment import Grading


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    # A rule that could not decide: the finding says which data is missing.
    CANNOT_ASSESS = "cannot_assess"


SYSTEMS: dict[str, Text] = {
    "motors": Text("Motors, pumps and fans", "电机、水泵与风机"),
    "compressed_air": Text("Compressed air", "压缩空气"),
    "electrical": Text("Transformers and power supply", "变压器与供配电"),
    "heat": Text("Boilers, furnaces and steam", "锅炉、炉窑与蒸汽"),
    "thermal": Text("Insulation", "保温"),
    "lighting": Text("Lighting", "照明"),
    "energy": Text("Energy use and carbon", "能耗与碳排放"),
    "water": Text("Water", "用水"),
}


@dataclass(frozen=True)
class Hit:
    """What a rule yields when it fires."""

    records: tuple[str, ...]
    message: Text
    severity: Severity = Severity.MEDIUM
    evidence: tuple[Indicator, ...] = ()
    # The threshold compared with: a key of resources/findings/thresholds.json, or a limit and its source
    # taken from an indicator (a grade-3 limit of GB 18613 …).
    threshold: str | None = None
    limit: Limit | None = None
    limit_sources: tuple[Source, ...] = ()
    drafts: tuple[Draft, ...] = ()
    # Why a proposed measure could not be quantified ("no load factor for M-12").
    measure_missing: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Missing:
    """What a rule yields when it cannot decide for a record: the data that would let it."""

    records: tuple[str, ...]
    reason: Text


@dataclass(frozen=True)
class Finding:
    """One finding: the rule, how serious, the records and indicators that triggered it, the threshold."""

    rule: str
    system: str
    severity: Severity
    title: Text
    message: Text
    records: tuple[str, ...]
    evidence: tuple[Indicator, ...]
    limit: Limit | None
    standard: str
    clause: str
    sources: tuple[Source, ...]
    status: Status
    measures: tuple[str, ...] = ()
    measure_missing: tuple[Text, ...] = ()

    @property
    def assessed(self) -> bool:
        return self.severity is not Severity.CANNOT_ASSESS


@dataclass(frozen=True)
class FindingContext:
    """What a rule reads: the analysis (energy, carbon, equipment, water), the records, the thresholds."""

    analysis: Analysis
    inputs: FindingInputs
    parameters: Parameters
    reference: ReferenceData
    # Spot measurements by the uuid of the equipment measured (as the equipment stage reads them).
    measurements: Mapping[str, tuple[Mapping[str, Any], ...]] = field(default_factory=dict)
    _gradings: dict[str, Grading] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._gradings.update((g.uuid, g) for g in self.analysis.equipment)

    def threshold(self, key: str) -> Sourced:
        return self.parameters.threshold(key)

    def default(self, key: str) -> Sourced:
        return self.parameters.default(key)

    def gradings(self, form_id: str) -> Iterator[Grading]:
        return (g for g in self.analysis.equipment if g.form_id == form_id)

    def grading(self, uuid: str) -> Grading | None:
        return self._gradings.get(uuid)

    def running(self, form_id: str) -> Iterator[Row]:
        return self.inputs.running(form_id)

    def row(self, uuid: str) -> Row | None:
        return self.inputs.by_uuid(uuid)


RuleFunction = Callable[[FindingContext], Iterable[Hit | Missing]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: Text
    system: str
    standard: str
    clause: str
    thresholds: tuple[str, ...]
    function: RuleFunction = field(repr=False)

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip()

    def __call__(self, context: FindingContext) -> list[Hit | Missing]:
        return list(self.function(context))


def rule(
    id: str, title: Text, system: str, standard: str, clause: str, thresholds: tuple[str, ...] = ()
) -> Callable[[RuleFunction], Rule]:
    """Declare a rule: `@rule("motor.low_load", Text(...), "motors", "GB/T 12497", "…", ("motor.low_load_pct",))`."""

    def wrap(function: RuleFunction) -> Rule:
        return Rule(id, title, system, standard, clause, thresholds, function)

    return wrap


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """Every rule of every topic module of this package, in module then definition order."""
    import audit.findings as package

    found: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.extend(value for value in vars(module).values() if isinstance(value, Rule))
    ids = [r.id for r in found]
    if len(set(ids)) != len(ids):
        raise ValueError("two findings rules share an id")
    return tuple(found)


def _finding(spec: Rule, outcome: Hit | Missing, context: FindingContext, keys: tuple[str, ...]) -> Finding:
    if isinstance(outcome, Missing):
        return Finding(
            spec.id,
            spec.system,
            Severity.CANNOT_ASSESS,
            spec.title,
            Text(f"Cannot assess: {outcome.reason.en}", f"无法评估：{outcome.reason.zh}"),
            outcome.records,
            (),
            None,
            spec.standard,
            spec.clause,
            (),
            Status.V,
        )
    sources: tuple[Source, ...] = outcome.limit_sources
    limit = outcome.limit
    if outcome.threshold is not None:
        threshold = context.threshold(outcome.threshold)
        sources = (*sources, threshold.source)
        limit = limit or Limit("", threshold.value, threshold.unit)
    for indicator in outcome.evidence:
        sources = sources + indicator.sources
    sources = tuple(dict.fromkeys(sources))
    status = weakest(*(s.status for s in sources), *(i.status for i in outcome.evidence))
    return Finding(
        spec.id,
        spec.system,
        outcome.severity,
        spec.title,
        outcome.message,
        outcome.records,
        outcome.evidence,
        limit,
        spec.standard,
        spec.clause,
        sources,
        status,
        keys,
        outcome.measure_missing,
    )


def find_all(
    analysis: Analysis,
    inputs: FindingInputs,
    reference: ReferenceData,
    measurements: Mapping[str, tuple[Mapping[str, Any], ...]] | None = None,
) -> tuple[tuple[Finding, ...], MeasureResult]:
    """Run every rule; build the measures the findings propose and the expert's own, with their decisions."""
    context = FindingContext(analysis, inputs, load_parameters(reference), reference, measurements or {})
    settings = analysis.energy.settings
    chosen = decisions(inputs)
    findings: list[Finding] = []
    measures: dict[str, Measure] = {}
    for spec in rules():
        for outcome in spec(context):
            keys: tuple[str, ...] = ()
            if isinstance(outcome, Hit):
                for draft in outcome.drafts:
                    if draft.key not in measures:
                        measure = build_measure(draft, spec.id, chosen.get(draft.key), inputs, settings, reference)
                        if measure.decision is None and not any(s.quantity > 0 for s in measure.savings):
                            # With the default inputs the method saves nothing: say so rather than list it.
                            note = Text(
                                f"{measure.method_label.en}: no saving with the default inputs; measure the duty",
                                f"{measure.method_label.zh}：按默认输入无节能量，请实测工况",
                            )
                            outcome = dataclasses.replace(outcome, measure_missing=(*outcome.measure_missing, note))
                            continue
                        measures[draft.key] = measure
                    keys += (draft.key,)
            findings.append(_finding(spec, outcome, context, keys))
    for key, decision in chosen.items():
        if key not in measures:
            measures[key] = own_measure(decision, settings, reference, inputs)
    ordered = tuple(sorted(measures.values(), key=sort_key))
    return tuple(findings), MeasureResult(ordered, totals(ordered, settings, reference))


__all__ = [
    "SYSTEMS",
    "Finding",
    "FindingContext",
    "FindingInputs",
    "Hit",
    "Missing",
    "Rule",
    "Severity",
    "find_all",
    "rule",
    "rules",
]
