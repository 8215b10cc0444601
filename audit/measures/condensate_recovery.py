"""Condensate recovery: boiler fuel and make-up water saved by returning hot condensate."""

from __future__ import annotations

from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="condensate_recovery",
    label=Text("Return condensate to the boiler house", "蒸汽冷凝水回收"),
    iac_code="2.2",
    iac_status="U",
    category="steam",
    cost_class=CostClass.CAPITAL,
    reference="fuel = m·cp·(T_condensate − T_make-up)/η_boiler; water = m (MEASURES.md §3.8, STANDARDS.md §6)",
)

WATER_CP_KJ_PER_KG_K = 4.1868


@dataclass(frozen=True)
class CondensateResult:
    fuel_saved_mj: float
    water_saved_m3: float


def condensate_recovery(
    returned_t: float, condensate_c: float, make_up_c: float, boiler_efficiency: float
) -> CondensateResult:
    heat_mj = returned_t * WATER_CP_KJ_PER_KG_K * (condensate_c - make_up_c)  # t × kJ/(kg·K) × K = MJ
    # A tonne of condensate is about a cubic metre of make-up water not drawn or softened.
    return CondensateResult(heat_mj / boiler_efficiency, returned_t)
