"""Metering: meters missing against GB/T 24789 / GB 17167, their cost, and the savings assumed from metering."""

from __future__ import annotations

from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="metering",
    label=Text("Install the missing meters", "补充配备计量器具"),
    iac_code="2.8",
    iac_status="U",
    category="metering",
    cost_class=CostClass.LOW_COST,
    reference="Meters needed to reach the required metering rate; the saving share is an unverified rule of thumb",
)


@dataclass(frozen=True)
class MeteringResult:
    meters_needed: int
    investment_yuan: float
    annual_savings: float  # in the unit of the metered quantity


def meters_needed(required_rate: float, meters_installed: int, meters_required_base: int) -> int:
    """Meters to add so that installed / required reaches the rate (GB/T 24789 配备率)."""
    target = required_rate * meters_required_base
    missing = target - meters_installed
    return max(0, int(-(-missing // 1)))


def metering(
    required_rate: float,
    meters_installed: int,
    meters_required_base: int,
    cost_per_meter_yuan: float,
    metered_quantity: float,
    savings_fraction: float,
) -> MeteringResult:
    needed = meters_needed(required_rate, meters_installed, meters_required_base)
    return MeteringResult(needed, needed * cost_per_meter_yuan, metered_quantity * savings_fraction if needed else 0.0)
