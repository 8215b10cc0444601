"""Audits for the office tests: the demo audit's inputs as other enterprises and other years.

Each variant is the demo's records with another credit code, name, town, value added and year (every
month and date moved by whole years, quantities scaled), so `analyse()` gives each its own figures.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from audit.analysis import Analysis, AnalysisInputs, analyse, load_inputs
from audit.document import AuditDocument
from audit.findings._inputs import FindingInputs, Row
from audit.indicators import EnergyInputs
from audit.office.register import AuditSummary, summarise

_DATE = re.compile(r"^(\d{4})(-\d{2}(?:-\d{2})?)$")


@dataclass(frozen=True)
class Variant:
    credit_code: str
    name: str
    town: str
    year: int = 2025
    value_added_factor: float = 1.0
    energy_factor: float = 1.0
    industry_code: str = "C1713"
    # Measure methods the expert accepted in this audit (besides the demo's own decisions).
    accept: tuple[str, ...] = ()


def _shift(value: Any, years: int) -> Any:
    if isinstance(value, str) and (match := _DATE.match(value)):
        return f"{int(match.group(1)) + years:04d}{match.group(2)}"
    return value


def _moved(values: Mapping[str, Any], years: int, factor: float = 1.0) -> dict[str, Any]:
    moved = {name: _shift(value, years) for name, value in values.items()}
    if factor != 1.0 and isinstance(moved.get("quantity"), int | float):
        moved["quantity"] = moved["quantity"] * factor
    return moved


def _decisions(inputs: AnalysisInputs, v: Variant, measure_keys: Sequence[str]) -> FindingInputs:
    """The demo's measure decisions plus an "accepted" for every measure of a method `v` accepts."""
    rows = dict(inputs.findings.rows)
    accepted = tuple(
        Row(f"accept-{key}", {"measure_key": key, "method": key.split(":")[0], "status": "accepted"})
        for key in measure_keys
        if key.split(":")[0] in v.accept
    )
    rows["measure"] = (*rows.get("measure", ()), *accepted)
    return FindingInputs(rows)


def variant(inputs: AnalysisInputs, v: Variant, measure_keys: Sequence[str] = ()) -> AnalysisInputs:
    """The demo's inputs as enterprise `v` in year `v.year` (the demo's own year is 2025).

    `measure_keys` are the keys of the demo's measures (from its analysis), for `v.accept`.
    """
    years = v.year - 2025
    energy = inputs.energy
    enterprise = dict(energy.enterprise)
    enterprise.update(credit_code=v.credit_code, name=v.name, town=v.town, industry_code=v.industry_code)
    enterprise["value_added_10k_yuan"] = energy.enterprise["value_added_10k_yuan"] * v.value_added_factor
    audit = _moved(energy.audit, years)
    audit["title"] = f"{v.name} {v.year}"
    moved = EnergyInputs(
        audit=audit,
        enterprise=enterprise,
        enterprise_products=energy.enterprise_products,
        energy_use=tuple((uuid, _moved(values, years, v.energy_factor)) for uuid, values in energy.energy_use),
        production=tuple((uuid, _moved(values, years)) for uuid, values in energy.production),
    )
    water = dataclasses.replace(inputs.water, enterprise={**inputs.water.enterprise, **enterprise})
    return dataclasses.replace(inputs, energy=moved, water=water, findings=_decisions(inputs, v, measure_keys))


# Three enterprises over two or three years; value added moves their L and so their grade.
VARIANTS = (
    Variant("91330621MA2BX7Q48L", "恒盛印染", "滨海工业区", 2023, 1.0, 1.1),
    Variant("91330621MA2BX7Q48L", "恒盛印染", "滨海工业区", 2024, 0.8, 1.05),
    Variant("91330621MA2BX7Q48L", "恒盛印染", "滨海工业区", 2025, 1.0, 1.0, accept=("led_lighting",)),
    Variant("913306007236547823", "永通染整", "马鞍街道", 2024, 1.6, 1.0),
    Variant(
        "913306007236547823", "永通染整", "马鞍街道", 2025, 0.5, 1.0, accept=("flue_gas_heat_recovery", "burner_tuning")
    ),
    Variant("91330600MA288XKJ2N", "华舍纺织", "华舍街道", 2025, 0.55, 1.0, "C1751", accept=("insulation",)),
)


@dataclass(frozen=True)
class Audited:
    """One variant audit: its uuid, inputs, what analyse() gave, and the register's summary of it."""

    audit_uuid: str
    inputs: AnalysisInputs
    analysis: Analysis
    summary: AuditSummary


@lru_cache(maxsize=2)
def audited_variants(demo_path: Path) -> tuple[Audited, ...]:
    """Every variant of the demo audit analysed once (uuids fixed: 00…01, 00…02, …; revision n + 1)."""
    with AuditDocument.open(demo_path, read_only=True) as document:
        demo = load_inputs(document)
    keys = [measure.key for measure in analyse(demo).measures.measures]
    result = []
    for n, v in enumerate(VARIANTS):
        inputs = variant(demo, v, keys)
        analysis = analyse(inputs)
        audit_uuid = str(uuid.UUID(int=n + 1))
        result.append(Audited(audit_uuid, inputs, analysis, summarise(analysis, inputs, audit_uuid, n + 1)))
    return tuple(result)
