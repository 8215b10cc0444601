"""Power-factor correction: capacitor size, apparent power and the fall in I²R losses."""

from __future__ import annotations

import math
from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="power_factor_correction",
    label=Text("Correct the power factor with capacitors", "无功补偿提高功率因数"),
    iac_code="2.3212",
    iac_status="C",
    category="electrical",
    cost_class=CostClass.CAPITAL,
    reference="Power triangle as in MEASUR PowerFactor (MEASURES.md §3.11); losses ∝ I² ∝ 1/PF²",
)


@dataclass(frozen=True)
class PowerFactorResult:
    reactive_kvar: float
    apparent_kva: float
    new_reactive_kvar: float
    new_apparent_kva: float
    capacitor_kvar: float
    # Fraction of the current I²R losses (cables, transformers) that correction removes.
    loss_reduction_fraction: float


def power_factor_correction(active_kw: float, power_factor: float, target_power_factor: float) -> PowerFactorResult:
    apparent = active_kw / power_factor
    reactive = math.sqrt(apparent**2 - active_kw**2)
    new_reactive = active_kw * math.tan(math.acos(target_power_factor))
    return PowerFactorResult(
        reactive_kvar=reactive,
        apparent_kva=apparent,
        new_reactive_kvar=new_reactive,
        new_apparent_kva=active_kw / target_power_factor,
        capacitor_kvar=reactive - new_reactive,
        loss_reduction_fraction=1.0 - (power_factor / target_power_factor) ** 2,
    )
