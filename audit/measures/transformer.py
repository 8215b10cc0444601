"""Transformer losses: replacement by a higher-grade unit, economic load ratio, and load transfer."""

from __future__ import annotations

import math
from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="transformer_replacement",
    label=Text("Replace transformer with a higher-grade unit", "更换高能效等级变压器"),
    iac_code="2.4321",
    iac_status="V",
    category="electrical",
    cost_class=CostClass.CAPITAL,
    reference="Active losses P0 + β²·Pk with GB 20052 P0/Pk (STANDARDS.md §3.3, §6)",
)
LOAD_TRANSFER = MethodSpec(
    id="transformer_load_transfer",
    label=Text("Move load and switch off a lightly loaded transformer", "负荷转移并停运轻载变压器"),
    iac_code="2.6218",
    iac_status="U",
    category="electrical",
    cost_class=CostClass.LOW_COST,
    reference="Active losses P0 + β²·Pk before and after consolidating loads (STANDARDS.md §6)",
)
METHODS = (LOAD_TRANSFER,)


@dataclass(frozen=True)
class TransformerLosses:
    rated_kva: float
    no_load_loss_kw: float
    load_loss_kw: float


def economic_load_ratio(unit: TransformerLosses) -> float:
    """Load ratio of highest efficiency, where load losses equal no-load losses: β* = √(P0/Pk)."""
    return math.sqrt(unit.no_load_loss_kw / unit.load_loss_kw)


def annual_loss_kwh(unit: TransformerLosses, load_kva: float, energised_hours: float, load_hours: float) -> float:
    """No-load losses while energised plus load losses at the mean load while loaded."""
    beta = load_kva / unit.rated_kva
    return unit.no_load_loss_kw * energised_hours + beta**2 * unit.load_loss_kw * load_hours


@dataclass(frozen=True)
class ReplacementResult:
    existing_kwh: float
    new_kwh: float
    annual_savings_kwh: float


def transformer_replacement(
    existing: TransformerLosses, new: TransformerLosses, load_kva: float, energised_hours: float, load_hours: float
) -> ReplacementResult:
    before = annual_loss_kwh(existing, load_kva, energised_hours, load_hours)
    after = annual_loss_kwh(new, load_kva, energised_hours, load_hours)
    return ReplacementResult(before, after, before - after)


@dataclass(frozen=True)
class LoadTransferResult:
    before_kwh: float
    after_kwh: float
    annual_savings_kwh: float
    receiving_load_ratio: float


def load_transfer(
    receiving: TransformerLosses,
    receiving_load_kva: float,
    released: TransformerLosses,
    released_load_kva: float,
    energised_hours: float,
    load_hours: float,
) -> LoadTransferResult:
    """Both units carry their loads, versus the receiving unit carrying both and the other switched off."""
    before = annual_loss_kwh(receiving, receiving_load_kva, energised_hours, load_hours) + annual_loss_kwh(
        released, released_load_kva, energised_hours, load_hours
    )
    combined = receiving_load_kva + released_load_kva
    after = annual_loss_kwh(receiving, combined, energised_hours, load_hours)
    return LoadTransferResult(before, after, before - after, combined / receiving.rated_kva)
