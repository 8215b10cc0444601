"""Burner tuning / O₂ trim: available heat from flue O₂ and temperatures, and the fuel a better burn saves."""

from __future__ import annotations

from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="burner_tuning",
    label=Text("Tune burners / add O₂ trim to cut excess air", "燃烧器调整/氧量闭环控制降低过量空气"),
    iac_code="2.1133",
    iac_status="V",
    category="boiler",
    cost_class=CostClass.LOW_COST,
    reference="MEASUR EfficiencyImprovement (closed-form available heat, natural gas) and excess air from dry "
    "flue O₂ (MEASURES.md §3.7)",
)


def excess_air_fraction(o2_dry_fraction: float) -> float:
    """Excess air from dry flue-gas O₂ (natural-gas approximation): 8.52381·O₂/(2 − 9.52381·O₂)."""
    return 8.52381 * o2_dry_fraction / (2.0 - 9.52381 * o2_dry_fraction)


def _fahrenheit(celsius: float) -> float:
    return celsius * 9.0 / 5.0 + 32.0


def available_heat_fraction(flue_c: float, o2_dry_fraction: float, combustion_air_c: float) -> float:
    """Share of the fuel's heat left after flue losses. The correlation is fitted in °F (MEASUR), so the
    temperatures are converted here; the result is a pure fraction."""
    flue_f, air_f = _fahrenheit(flue_c), _fahrenheit(combustion_air_c)
    excess_pct = excess_air_fraction(o2_dry_fraction) * 100.0
    heat_term = 95.0 - 0.025 * flue_f
    cp_air = 0.017828518 + 0.000002556 * air_f
    excess_air_loss = -(-1.07891327 + cp_air * flue_f) * excess_pct / 100.0
    preheat_gain = (-1.078913827 + cp_air * air_f) * (1.0 + excess_pct / 100.0)
    return (heat_term + excess_air_loss + preheat_gain) / 100.0


@dataclass(frozen=True)
class CombustionPoint:
    flue_c: float
    o2_dry_fraction: float
    combustion_air_c: float


@dataclass(frozen=True)
class CombustionResult:
    available_heat_now: float
    available_heat_new: float
    fuel_savings_fraction: float
    annual_fuel_saved_mj: float


def fuel_savings(now: CombustionPoint, new: CombustionPoint, annual_fuel_mj: float) -> CombustionResult:
    """Fuel saved when the same useful heat is delivered at the better available heat."""
    ah_now = available_heat_fraction(now.flue_c, now.o2_dry_fraction, now.combustion_air_c)
    ah_new = available_heat_fraction(new.flue_c, new.o2_dry_fraction, new.combustion_air_c)
    fraction = (ah_new - ah_now) / ah_new
    return CombustionResult(ah_now, ah_new, fraction, annual_fuel_mj * fraction)
