"""Motor replacement now, on failure, or rewind: energy of each option and the MEASUR batch decision."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from audit.measures import CostClass, MethodSpec, payback_years
from forms.spec import Text

METHOD = MethodSpec(
    id="motor_replacement",
    label=Text("Replace motor with a higher-grade motor", "更换高效电动机"),
    iac_code="2.4133",
    iac_status="C",
    category="motor",
    cost_class=CostClass.CAPITAL,
    reference="MEASUR replace-existing and motor-inventory batch analysis (MEASURES.md §3.1), in kW",
)


class MotorDecision(StrEnum):
    REPLACE_NOW = "replace_now"
    REPLACE_ON_FAILURE = "replace_on_failure"
    REWIND_ON_FAILURE = "rewind_on_failure"


@dataclass(frozen=True)
class MotorReplacementInputs:
    rated_output_kw: float
    load_fraction: float
    annual_hours: float
    efficiency_existing: float  # fraction at the operating load
    efficiency_new: float
    # A rewind costs efficiency: fraction points subtracted from the existing efficiency.
    rewind_efficiency_loss: float
    purchase_cost_yuan: float
    rewind_cost_yuan: float
    electricity_price_yuan_per_kwh: float
    payback_threshold_years: float


@dataclass(frozen=True)
class MotorReplacementResult:
    existing_kwh: float
    new_kwh: float
    rewound_kwh: float
    annual_savings_kwh: float
    annual_savings_yuan: float
    simple_payback_years: float | None
    # Extra cost of a new motor over a rewind, paid back by the energy a rewound motor would waste.
    incremental_payback_years: float | None
    decision: MotorDecision


def input_kwh(output_kw: float, load_fraction: float, hours: float, efficiency: float) -> float:
    """Electricity drawn by a motor delivering output_kw × load for `hours` at `efficiency`."""
    return output_kw * load_fraction * hours / efficiency


def motor_replacement(i: MotorReplacementInputs) -> MotorReplacementResult:
    existing = input_kwh(i.rated_output_kw, i.load_fraction, i.annual_hours, i.efficiency_existing)
    new = input_kwh(i.rated_output_kw, i.load_fraction, i.annual_hours, i.efficiency_new)
    rewound = input_kwh(
        i.rated_output_kw, i.load_fraction, i.annual_hours, i.efficiency_existing - i.rewind_efficiency_loss
    )
    savings_yuan = (existing - new) * i.electricity_price_yuan_per_kwh
    simple = payback_years(i.purchase_cost_yuan, savings_yuan)
    incremental = payback_years(
        i.purchase_cost_yuan - i.rewind_cost_yuan, (rewound - new) * i.electricity_price_yuan_per_kwh
    )
    # MEASUR's batch rule: pays back within the threshold now -> replace now; the extra over a rewind pays
    # back within it -> replace when it fails; otherwise rewind when it fails.
    if simple is not None and simple < i.payback_threshold_years:
        decision = MotorDecision.REPLACE_NOW
    elif incremental is not None and incremental < i.payback_threshold_years:
        decision = MotorDecision.REPLACE_ON_FAILURE
    else:
        decision = MotorDecision.REWIND_ON_FAILURE
    return MotorReplacementResult(
        existing_kwh=existing,
        new_kwh=new,
        rewound_kwh=rewound,
        annual_savings_kwh=existing - new,
        annual_savings_yuan=savings_yuan,
        simple_payback_years=simple,
        incremental_payback_years=incremental,
        decision=decision,
    )
