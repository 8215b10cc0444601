"""Flue-gas heat recovery (economiser, air preheater): fuel saved by a lower flue-gas temperature."""

from __future__ import annotations

from audit.measures import CostClass, MethodSpec
from audit.measures.combustion import CombustionPoint, CombustionResult, fuel_savings
from forms.spec import Text

METHOD = MethodSpec(
    id="flue_gas_heat_recovery",
    label=Text("Recover flue-gas heat with an economiser", "加装烟气余热回收（节能器）"),
    iac_code="2.2414",
    iac_status="V",
    category="boiler",
    cost_class=CostClass.CAPITAL,
    reference="MEASUR flue-gas opportunity: losses = (1 − available heat)·input (MEASURES.md §3.7)",
)


def flue_gas_heat_recovery(
    flue_c: float, recovered_flue_c: float, o2_dry_fraction: float, combustion_air_c: float, annual_fuel_mj: float
) -> CombustionResult:
    """Same excess air and combustion air; only the flue-gas temperature leaving the plant falls."""
    now = CombustionPoint(flue_c, o2_dry_fraction, combustion_air_c)
    return fuel_savings(now, CombustionPoint(recovered_flue_c, o2_dry_fraction, combustion_air_c), annual_fuel_mj)
