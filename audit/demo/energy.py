"""Demo part: monthly energy use of the dyeing plant for the audit year and the comparison year, and its settings.

Purchased steam from the industrial-park CHP is the main energy; electricity partly from rooftop PV;
natural gas for the stenters; diesel for forklifts; new water recorded as an energy-consuming medium.
"""

from __future__ import annotations

from audit.demo import DemoContext
from audit.document import AuditDocument

ORDER = 10

# Share of the year's production in each month: the Spring Festival stop in February, a short
# December (annual maintenance).
MONTH_SHARE = (0.085, 0.055, 0.088, 0.088, 0.090, 0.088, 0.085, 0.083, 0.088, 0.084, 0.088, 0.078)
# Steam demand is higher in winter (colder make-up water, pipe losses); electricity higher in summer (cooling).
STEAM_SEASON = (1.08, 1.07, 1.03, 0.99, 0.96, 0.94, 0.92, 0.92, 0.95, 0.99, 1.04, 1.08)
POWER_SEASON = (0.97, 0.98, 0.98, 0.99, 1.01, 1.04, 1.06, 1.06, 1.02, 0.99, 0.97, 0.97)
# Rooftop PV (1.1 MWp) monthly yield shares in Shaoxing.
PV_SHARE = (0.058, 0.062, 0.078, 0.090, 0.098, 0.092, 0.112, 0.114, 0.090, 0.082, 0.066, 0.058)

# Annual quantities: (audit year, comparison year).
ANNUAL = {
    "electricity": (23_600_000.0, 24_300_000.0),  # kWh from the grid
    "pv": (1_050_000.0, 1_010_000.0),  # kWh generated and used on site
    "steam": (118_000.0, 121_500.0),  # t, 0.8 MPa(g) saturated, from the park CHP
    "natural_gas": (2_950_000.0, 3_080_000.0),  # m³
    "diesel": (62.0, 66.0),  # t
    "new_water": (1_150_000.0, 1_210_000.0),  # t
}
PRICES = {"electricity": 0.68, "steam": 265.0, "natural_gas": 3.65, "diesel": 7800.0, "new_water": 4.6}  # yuan per unit


def _normalised(shares: tuple[float, ...], season: tuple[float, ...]) -> list[float]:
    weights = [s * f for s, f in zip(shares, season, strict=True)]
    total = sum(weights)
    return [w / total for w in weights]


def populate(document: AuditDocument, context: DemoContext) -> None:
    rng = context.rng
    rows: list[dict[str, object]] = []
    for index, year in enumerate((context.audit_year, context.comparison_year)):
        steam = _normalised(MONTH_SHARE, STEAM_SEASON)
        power = _normalised(MONTH_SHARE, POWER_SEASON)
        production = _normalised(MONTH_SHARE, (1.0,) * 12)
        for m in range(12):
            month = f"{year}-{m + 1:02d}"

            def noisy(value: float) -> float:
                return value * (1.0 + rng.uniform(-0.02, 0.02))

            kwh = round(noisy(ANNUAL["electricity"][index] * power[m]), -2)
            rows.append(
                {
                    "month": month,
                    "energy_type": "electricity",
                    "quantity": kwh,
                    "unit": "kWh",
                    "cost_yuan": round(kwh * PRICES["electricity"], 2),
                    "data_source": "bill",
                    "flow": "purchased",
                }
            )
            pv = round(noisy(ANNUAL["pv"][index] * PV_SHARE[m]), -1)
            rows.append(
                {
                    "month": month,
                    "energy_type": "electricity",
                    "quantity": pv,
                    "unit": "kWh",
                    "data_source": "meter",
                    "flow": "onsite_generated",
                    "generation_source": "pv",
                    "remarks": "屋顶光伏 1.1 MWp 自发自用",
                }
            )
            t = round(noisy(ANNUAL["steam"][index] * steam[m]), 1)
            rows.append(
                {
                    "month": month,
                    "energy_type": "steam",
                    "quantity": t,
                    "unit": "t",
                    "cost_yuan": round(t * PRICES["steam"], 2),
                    "data_source": "bill",
                    "flow": "purchased",
                    "steam_pressure_mpa": 0.8,
                    "remarks": "园区热电厂集中供汽",
                }
            )
            gas = round(noisy(ANNUAL["natural_gas"][index] * production[m]), -1)
            rows.append(
                {
                    "month": month,
                    "energy_type": "natural_gas",
                    "quantity": gas,
                    "unit": "m3",
                    "cost_yuan": round(gas * PRICES["natural_gas"], 2),
                    "data_source": "bill",
                    "flow": "purchased",
                    "remarks": "定形机燃气加热",
                }
            )
            oil = round(noisy(ANNUAL["diesel"][index] * production[m]), 2)
            rows.append(
                {
                    "month": month,
                    "energy_type": "diesel",
                    "quantity": oil,
                    "unit": "t",
                    "cost_yuan": round(oil * PRICES["diesel"], 2),
                    "data_source": "ledger",
                    "flow": "purchased",
                    "remarks": "叉车用柴油",
                }
            )
            water = round(noisy(ANNUAL["new_water"][index] * production[m]), -1)
            rows.append(
                {
                    "month": month,
                    "energy_type": "new_water",
                    "quantity": water,
                    "unit": "t",
                    "cost_yuan": round(water * PRICES["new_water"], 2),
                    "data_source": "bill",
                    "flow": "purchased",
                }
            )
    uuids = document.records.add_many("energy_use", rows)
    context.handles["energy_use:first"] = uuids[0]

    # Per-audit indicator settings and the comparison-year economics (the audit and enterprise
    # records themselves come from profile.py).
    if "audit" in context.handles:
        document.records.update(
            context.handles["audit"],
            {
                "electricity_basis": "equivalent",
                "steam_practice": "fixed",
                "include_media_in_tce": False,
                "grid_factor_region": "national",
                "fuel_factor_set": "A",
                # Demo figure standing in for the value the 碳效码 platform shows for C1713.
                "carbon_industry_average_t_per_10k_yuan": 6.8,
            },
        )
    if "enterprise" in context.handles:
        document.records.update(
            context.handles["enterprise"],
            {"comparison_output_value_10k_yuan": 36_900.0, "comparison_value_added_10k_yuan": 7_080.0},
        )
