"""Wastewater reuse: fresh water and discharge avoided, less the treatment energy and cost."""

from __future__ import annotations

from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="wastewater_reuse",
    label=Text("Treat and reuse wastewater", "废水处理回用"),
    iac_code="3.4",
    iac_status="U",
    category="water",
    cost_class=CostClass.CAPITAL,
    reference="Volume balance: each reused m³ replaces a m³ of intake and of discharge (GB/T 12452 quantities)",
)


@dataclass(frozen=True)
class ReuseResult:
    water_saved_m3: float
    wastewater_avoided_m3: float
    treatment_kwh: float
    annual_savings_yuan: float


def wastewater_reuse(
    reused_m3: float,
    water_price_yuan_per_m3: float,
    wastewater_price_yuan_per_m3: float,
    treatment_kwh_per_m3: float,
    treatment_cost_yuan_per_m3: float,
    electricity_price_yuan_per_kwh: float,
) -> ReuseResult:
    energy = reused_m3 * treatment_kwh_per_m3
    money = reused_m3 * (water_price_yuan_per_m3 + wastewater_price_yuan_per_m3 - treatment_cost_yuan_per_m3)
    return ReuseResult(reused_m3, reused_m3, energy, money - energy * electricity_price_yuan_per_kwh)
