"""Compressor heat recovery: heat recoverable from an air compressor and the fuel it displaces."""

from __future__ import annotations

from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="compressor_heat_recovery",
    label=Text("Recover compressor heat for hot water", "空压机余热回收制热水"),
    iac_code="2.2434",
    iac_status="U",
    category="compressed_air",
    cost_class=CostClass.CAPITAL,
    reference="Energy balance: recoverable share of compressor input (STANDARDS.md §6, [C]) over the efficiency "
    "of the heater it replaces",
)


@dataclass(frozen=True)
class HeatRecoveryInputs:
    input_kw: float
    loaded_hours: float
    recoverable_fraction: float
    # Share of the recoverable heat that a heat use can actually take (hot water demand, season).
    utilisation_fraction: float
    displaced_heater_efficiency: float


@dataclass(frozen=True)
class HeatRecoveryResult:
    recovered_heat_mj: float
    displaced_fuel_heat_mj: float


def compressor_heat_recovery(i: HeatRecoveryInputs) -> HeatRecoveryResult:
    recovered_mj = i.input_kw * i.loaded_hours * 3.6 * i.recoverable_fraction * i.utilisation_fraction
    return HeatRecoveryResult(recovered_mj, recovered_mj / i.displaced_heater_efficiency)
