"""Compressed-air leak repair: leak flow by orifice, pump-down (or load/unload) test or ultrasonic reading."""

from __future__ import annotations

import math
from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="air_leak_repair",
    label=Text("Find and repair compressed-air leaks", "压缩空气泄漏检测与修复"),
    iac_code="2.4236",
    iac_status="V",
    category="compressed_air",
    cost_class=CostClass.LOW_COST,
    reference="MEASUR compressed-air leak survey: orifice (choked flow), ultrasonic table, control factor "
    "(MEASURES.md §3.3); pump-down and load/unload leak tests",
)

AIR_GAS_CONSTANT_J_PER_KG_K = 287.05
AIR_HEAT_CAPACITY_RATIO = 1.4


@dataclass(frozen=True)
class OrificeLeak:
    """A group of leaks of one size at one line pressure (a row of the leak survey)."""

    diameter_mm: float
    count: int
    line_pressure_kpa_gauge: float


def orifice_leak_m3_per_min(
    leak: OrificeLeak,
    discharge_coefficient: float,
    air_temperature_c: float,
    atmospheric_kpa: float,
    reference_temperature_c: float | None = None,
) -> float:
    """Free-air flow of a leak group: choked (sonic) flow through a round hole, at atmospheric pressure
    and the reference temperature (the compressor's intake; MEASUR takes the line air temperature)."""
    k = AIR_HEAT_CAPACITY_RATIO
    temperature_k = air_temperature_c + 273.15
    reference_k = (reference_temperature_c if reference_temperature_c is not None else air_temperature_c) + 273.15
    line_pa = (atmospheric_kpa + leak.line_pressure_kpa_gauge) * 1000.0
    density_line = line_pa / (AIR_GAS_CONSTANT_J_PER_KG_K * temperature_k)
    density_throat = density_line * (2.0 / (k + 1.0)) ** (1.0 / (k - 1.0))
    velocity_throat = math.sqrt(2.0 * k / (k + 1.0) * AIR_GAS_CONSTANT_J_PER_KG_K * temperature_k)
    area_m2 = math.pi * (leak.diameter_mm / 1000.0) ** 2 / 4.0
    mass_kg_per_s = discharge_coefficient * density_throat * area_m2 * velocity_throat
    density_free = atmospheric_kpa * 1000.0 / (AIR_GAS_CONSTANT_J_PER_KG_K * reference_k)
    return float(mass_kg_per_s / density_free * 60.0 * leak.count)


def pump_down_leak_m3_per_min(
    system_volume_m3: float, start_kpa_gauge: float, end_kpa_gauge: float, minutes: float, atmospheric_kpa: float
) -> float:
    """With no production, the free air leaking out of the receivers and pipes while the pressure falls."""
    return system_volume_m3 * (start_kpa_gauge - end_kpa_gauge) / atmospheric_kpa / minutes


def load_unload_leak_m3_per_min(free_air_delivery_m3_per_min: float, loaded_s: float, unloaded_s: float) -> float:
    """With no production, the compressor loads only to feed leaks: leak = FAD × load time share."""
    return free_air_delivery_m3_per_min * loaded_s / (loaded_s + unloaded_s)


@dataclass(frozen=True)
class UltrasonicTable:
    """The 2×2 calibration of an ultrasonic leak estimate: flow at two pressures and two decibel readings."""

    pressure_1_kpa: float
    pressure_2_kpa: float
    db_1: float
    db_2: float
    # Free-air flows in m³/min at (pressure_1, db_1), (pressure_2, db_1), (pressure_1, db_2), (pressure_2, db_2).
    flow_11: float
    flow_21: float
    flow_12: float
    flow_22: float


def ultrasonic_leak_m3_per_min(table: UltrasonicTable, pressure_kpa: float, db: float) -> float:
    """Bilinear interpolation of the calibration table at the reading (MEASUR's decibel method)."""
    x1, x2, y1, y2 = table.pressure_1_kpa, table.pressure_2_kpa, table.db_1, table.db_2
    weighted = (
        (x2 - pressure_kpa) * (y2 - db) * table.flow_11
        + (pressure_kpa - x1) * (y2 - db) * table.flow_21
        + (x2 - pressure_kpa) * (db - y1) * table.flow_12
        + (pressure_kpa - x1) * (db - y1) * table.flow_22
    )
    return weighted / ((x2 - x1) * (y2 - y1))


def leak_kwh(
    leak_m3_per_min: float, hours: float, specific_power_kw_per_m3_per_min: float, control_factor: float
) -> float:
    """Electricity the leaks cost: compressor power for the leak flow, times the share of a flow reduction
    that the compressor's capacity control turns into less power (1 for start/stop, ~0.3 for modulation)."""
    return leak_m3_per_min * specific_power_kw_per_m3_per_min * hours * control_factor
