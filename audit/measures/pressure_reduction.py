"""Compressed-air pressure reduction: compressor power at a lower discharge pressure and less artificial demand."""

from __future__ import annotations

from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="pressure_reduction",
    label=Text("Lower the compressed-air pressure to what end uses need", "降低压缩空气供气压力至用气需求"),
    iac_code="2.4231",
    iac_status="U",
    category="compressed_air",
    cost_class=CostClass.LOW_COST,
    reference="MEASUR compressed-air pressure reduction and CompressorEEMs artificial demand (MEASURES.md §3.4)",
)


@dataclass(frozen=True)
class PressureReductionInputs:
    input_kw: float  # compressor input at the present discharge pressure
    annual_hours: float
    present_kpa_gauge: float
    proposed_kpa_gauge: float
    atmospheric_kpa: float
    # (k−1)/k of the compression, 0.395/1.395 in MEASUR.
    compression_exponent: float
    # Share of demand that is unregulated and falls with pressure (artificial demand); 0 to leave it out.
    unregulated_demand_fraction: float


@dataclass(frozen=True)
class PressureReductionResult:
    baseline_kwh: float
    proposed_kwh: float
    annual_savings_kwh: float
    power_ratio: float
    # Flow ratio of the demand at the new pressure (1 without artificial demand).
    demand_ratio: float


def power_ratio(present_kpa_gauge: float, proposed_kpa_gauge: float, atmospheric_kpa: float, exponent: float) -> float:
    """Adiabatic compression power at the proposed pressure over power at the present pressure."""
    proposed = ((proposed_kpa_gauge + atmospheric_kpa) / atmospheric_kpa) ** exponent - 1.0
    present = ((present_kpa_gauge + atmospheric_kpa) / atmospheric_kpa) ** exponent - 1.0
    return float(proposed / present)


def demand_ratio(
    present_kpa_gauge: float, proposed_kpa_gauge: float, atmospheric_kpa: float, unregulated: float
) -> float:
    """Unregulated uses (open blows, leaks) flow in proportion to absolute pressure."""
    absolute = (proposed_kpa_gauge + atmospheric_kpa) / (present_kpa_gauge + atmospheric_kpa)
    return 1.0 - (1.0 - absolute) * unregulated


def pressure_reduction(i: PressureReductionInputs) -> PressureReductionResult:
    ratio = power_ratio(i.present_kpa_gauge, i.proposed_kpa_gauge, i.atmospheric_kpa, i.compression_exponent)
    demand = demand_ratio(i.present_kpa_gauge, i.proposed_kpa_gauge, i.atmospheric_kpa, i.unregulated_demand_fraction)
    baseline = i.input_kw * i.annual_hours
    proposed = baseline * ratio * demand
    return PressureReductionResult(baseline, proposed, baseline - proposed, ratio, demand)
