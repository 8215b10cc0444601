"""Insulation of hot pipes and surfaces: heat lost bare and insulated, by convection (free and wind) and radiation."""

from __future__ import annotations

import math

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="insulation",
    label=Text("Insulate bare or poorly insulated hot surfaces", "裸露/保温不良热表面加装保温"),
    iac_code="2.2511",
    iac_status="U",
    category="thermal",
    cost_class=CostClass.LOW_COST,
    reference="Combined free (Churchill–Chu) and forced (Churchill–Bernstein) convection plus radiation, "
    "checked against MEASUR's insulated-pipe cases (MEASURES.md §3.9)",
)

STEFAN_BOLTZMANN = 5.670374419e-8
GRAVITY_M_PER_S2 = 9.80665


def _air(film_k: float) -> tuple[float, float, float]:
    """Air at 1 atm: thermal conductivity W/(m·K), kinematic viscosity m²/s, Prandtl number (Sutherland)."""
    viscosity = 1.716e-5 * (film_k / 273.15) ** 1.5 * (273.15 + 110.4) / (film_k + 110.4)
    conductivity = 0.0241 * (film_k / 273.15) ** 1.5 * (273.15 + 194.0) / (film_k + 194.0)
    density = 101325.0 / (287.05 * film_k)
    return conductivity, viscosity / density, 0.71


def _convection_w_per_m2_k(kind: str, size_m: float, surface_k: float, ambient_k: float, wind_m_per_s: float) -> float:
    film = (surface_k + ambient_k) / 2.0
    conductivity, nu, prandtl = _air(film)
    delta = abs(surface_k - ambient_k)
    rayleigh = GRAVITY_M_PER_S2 * delta * size_m**3 / (film * nu * nu) * prandtl
    reynolds = wind_m_per_s * size_m / nu
    if kind == "pipe":
        free = (0.6 + 0.387 * rayleigh ** (1 / 6) / (1 + (0.559 / prandtl) ** (9 / 16)) ** (8 / 27)) ** 2
        forced = 0.3 + 0.62 * reynolds**0.5 * prandtl ** (1 / 3) / (1 + (0.4 / prandtl) ** (2 / 3)) ** 0.25 * (
            1 + (reynolds / 282000.0) ** (5 / 8)
        ) ** (4 / 5)
    else:  # a vertical flat surface of height size_m
        free = (0.825 + 0.387 * rayleigh ** (1 / 6) / (1 + (0.492 / prandtl) ** (9 / 16)) ** (8 / 27)) ** 2
        forced = 0.664 * reynolds**0.5 * prandtl ** (1 / 3)
    nusselt = (free**3 + forced**3) ** (1 / 3) if wind_m_per_s > 0 else free
    return float(nusselt * conductivity / size_m)


def _surface_w_per_m2(
    kind: str, size_m: float, surface_c: float, ambient_c: float, emissivity: float, wind_m_per_s: float
) -> float:
    surface_k, ambient_k = surface_c + 273.15, ambient_c + 273.15
    convection = _convection_w_per_m2_k(kind, size_m, surface_k, ambient_k, wind_m_per_s) * (surface_k - ambient_k)
    radiation = emissivity * STEFAN_BOLTZMANN * (surface_k**4 - ambient_k**4)
    return convection + radiation


def bare_pipe_w_per_m(
    outer_diameter_m: float, surface_c: float, ambient_c: float, emissivity: float, wind_m_per_s: float
) -> float:
    """Heat lost per metre of a bare pipe whose outer surface is at surface_c."""
    area = math.pi * outer_diameter_m
    return area * _surface_w_per_m2("pipe", outer_diameter_m, surface_c, ambient_c, emissivity, wind_m_per_s)


def insulated_pipe_w_per_m(
    outer_diameter_m: float,
    fluid_c: float,
    ambient_c: float,
    thickness_m: float,
    conductivity_w_per_m_k: float,
    jacket_emissivity: float,
    wind_m_per_s: float,
) -> float:
    """Heat lost per metre through insulation (pipe wall and inner film neglected): the jacket temperature
    is found where conduction through the insulation equals loss from the jacket."""
    jacket_d = outer_diameter_m + 2 * thickness_m
    resistance = math.log(jacket_d / outer_diameter_m) / (2 * math.pi * conductivity_w_per_m_k)
    low, high = ambient_c, fluid_c
    for _ in range(80):
        jacket_c = (low + high) / 2
        conducted = (fluid_c - jacket_c) / resistance
        lost = (
            math.pi
            * jacket_d
            * _surface_w_per_m2("pipe", jacket_d, jacket_c, ambient_c, jacket_emissivity, wind_m_per_s)
        )
        if conducted > lost:
            low = jacket_c
        else:
            high = jacket_c
    return (fluid_c - (low + high) / 2) / resistance


def flat_surface_w_per_m2(
    height_m: float, surface_c: float, ambient_c: float, emissivity: float, wind_m_per_s: float
) -> float:
    """Heat lost per square metre of a vertical flat surface (tank walls, furnace casings)."""
    return _surface_w_per_m2("flat", height_m, surface_c, ambient_c, emissivity, wind_m_per_s)


def annual_heat_mj(loss_w: float, hours: float, system_efficiency: float) -> float:
    """Fuel heat behind a loss: W × h → MJ, divided by the efficiency of the plant that supplies the heat."""
    return loss_w * hours * 3600.0 / 1e6 / system_efficiency
