"""Variable-speed drive on a throttled or bypassed pump or fan, on a system curve with static head."""

from __future__ import annotations

from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="variable_speed_drive",
    label=Text("Variable-speed drive instead of throttling or bypass", "变频调速替代节流/旁通调节"),
    iac_code="2.4121",
    iac_status="C",
    category="pump",
    cost_class=CostClass.CAPITAL,
    reference="System curve H = Hs + K·Qⁿ and VSD drive efficiency as MEASUR models them (MEASURES.md §3.2)",
)

GRAVITY_M_PER_S2 = 9.80665


@dataclass(frozen=True)
class SystemCurve:
    """Head the system needs at a flow: static head plus friction rising with flow^exponent."""

    static_head_m: float
    friction_head_at_design_m: float
    design_flow_m3_per_h: float
    exponent: float  # 1.9 for pumps, 2 for fans in MEASUR

    def head_m(self, flow_m3_per_h: float) -> float:
        ratio = flow_m3_per_h / self.design_flow_m3_per_h
        return self.static_head_m + self.friction_head_at_design_m * float(ratio**self.exponent)


@dataclass(frozen=True)
class DutyPoint:
    """A share of the year at one flow, with the input power measured there under throttle or bypass."""

    flow_m3_per_h: float
    hours: float
    baseline_input_kw: float


@dataclass(frozen=True)
class VsdInputs:
    curve: SystemCurve
    duty: tuple[DutyPoint, ...]
    density_kg_per_m3: float
    machine_efficiency: float  # pump or fan efficiency at the reduced-speed operating point (fraction)
    motor_efficiency: float
    drive_efficiency: float


@dataclass(frozen=True)
class VsdResult:
    baseline_kwh: float
    vsd_kwh: float
    annual_savings_kwh: float
    # Input power with the drive at each duty point, in the order given.
    vsd_input_kw: tuple[float, ...]


def hydraulic_kw(flow_m3_per_h: float, head_m: float, density_kg_per_m3: float) -> float:
    """Power given to the fluid: ρ·g·Q·H."""
    return density_kg_per_m3 * GRAVITY_M_PER_S2 * flow_m3_per_h / 3600.0 * head_m / 1000.0


def vsd_input_kw(inputs: VsdInputs, flow_m3_per_h: float) -> float:
    """Electrical input with speed set so the machine meets the system curve at this flow (no valve loss)."""
    fluid = hydraulic_kw(flow_m3_per_h, inputs.curve.head_m(flow_m3_per_h), inputs.density_kg_per_m3)
    return fluid / (inputs.machine_efficiency * inputs.motor_efficiency * inputs.drive_efficiency)


def variable_speed_drive(inputs: VsdInputs) -> VsdResult:
    powers = tuple(vsd_input_kw(inputs, point.flow_m3_per_h) for point in inputs.duty)
    baseline = sum(point.baseline_input_kw * point.hours for point in inputs.duty)
    vsd = sum(kw * point.hours for kw, point in zip(powers, inputs.duty, strict=True))
    return VsdResult(baseline_kwh=baseline, vsd_kwh=vsd, annual_savings_kwh=baseline - vsd, vsd_input_kw=powers)


def nameplate_speed_kw(
    rated_kw: float, load_fraction: float, speed_ratio: float, exponent: float, efficiency: float
) -> float:
    """MEASUR's quick estimate: P·LF·(n/n₀)^exponent/η, exponent 2.5 as an allowance for static head."""
    return rated_kw * load_fraction * float(speed_ratio**exponent) / efficiency
