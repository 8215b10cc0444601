"""Cooling-tower water: evaporation, drift and blowdown, and the make-up saved by more cycles of concentration."""

from __future__ import annotations

from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="cooling_tower_cycles",
    label=Text("Raise cooling-water cycles of concentration", "提高循环冷却水浓缩倍数"),
    iac_code="3.4",
    iac_status="U",
    category="water",
    cost_class=CostClass.LOW_COST,
    reference="MEASUR CoolingTower and WaterAssessment: evaporation, drift, blowdown = E/(N − 1) (MEASURES.md §3.10)",
)

# 1 000 Btu/lb, the latent heat MEASUR's "1 % per 10 °F range" rule stands for, in kJ/kg.
EVAPORATION_HEAT_KJ_PER_KG = 2326.0


def cycles_of_concentration(blowdown_concentration: float, make_up_concentration: float) -> float:
    """N = C_blowdown / C_make-up (conductivity or chloride)."""
    return blowdown_concentration / make_up_concentration


def evaporation_m3_per_h(heat_load_kw: float, load_correction_factor: float) -> float:
    """Water evaporated to reject the heat load (water at 1 000 kg/m³)."""
    return load_correction_factor * heat_load_kw / EVAPORATION_HEAT_KJ_PER_KG * 3600.0 / 1000.0


def evaporation_from_range_m3_per_h(circulating_m3_per_h: float, range_k: float, loss_per_k: float) -> float:
    """E = k·Δt·Q_circ, the GB/T 50050 form (k ≈ 0.0010–0.0016 per K by season)."""
    return loss_per_k * range_k * circulating_m3_per_h


@dataclass(frozen=True)
class TowerWater:
    evaporation_m3_per_h: float
    drift_m3_per_h: float
    blowdown_m3_per_h: float

    @property
    def make_up_m3_per_h(self) -> float:
        return self.evaporation_m3_per_h + self.drift_m3_per_h + self.blowdown_m3_per_h


def tower_water(evaporation: float, circulating_m3_per_h: float, drift_fraction: float, cycles: float) -> TowerWater:
    """Make-up = evaporation + drift + blowdown, with blowdown = E/(N − 1) (drift counted apart)."""
    return TowerWater(evaporation, drift_fraction * circulating_m3_per_h, evaporation / (cycles - 1.0))


@dataclass(frozen=True)
class CyclesResult:
    make_up_now_m3: float
    make_up_new_m3: float
    annual_water_saved_m3: float


def raise_cycles(
    evaporation: float,
    circulating_m3_per_h: float,
    drift_fraction: float,
    cycles_now: float,
    cycles_new: float,
    hours: float,
) -> CyclesResult:
    now = tower_water(evaporation, circulating_m3_per_h, drift_fraction, cycles_now).make_up_m3_per_h * hours
    new = tower_water(evaporation, circulating_m3_per_h, drift_fraction, cycles_new).make_up_m3_per_h * hours
    return CyclesResult(now, new, now - new)
