"""Demo part: prices, the compressed-air system, combustion test, cooling towers, surface survey and stenters.

Chosen so the findings have something credible to say: the air station runs 0.72 MPa for end uses that need
0.55, with about a tenth of its air leaking; the thermal-oil heater burns at 6.5 % O₂; steam mains and valves
are bare; a direct-fired stenter blows 175 °C exhaust away; the towers run at under four cycles.
Prices are illustrative demo values, not a published tariff (the source says so).
"""

from __future__ import annotations

from typing import Any

from audit.demo import DemoContext
from audit.document import AuditDocument

ORDER = 60

HOURS = 7920.0
DEMO_PRICE_NOTE = "演示用示例价格，非官方电价/气价 (illustrative demo prices)"

# item, yuan per unit, unit, hours per day, clock times
PRICES: list[tuple[str, float, str, float | None, str | None]] = [
    ("electricity_sharp", 1.2620, "kWh", 2.0, "19:00-21:00"),
    ("electricity_peak", 1.0150, "kWh", 6.0, "08:00-11:00, 13:00-15:00, 17:00-18:00"),
    ("electricity_flat", 0.6570, "kWh", 8.0, "11:00-13:00, 15:00-17:00, 18:00-19:00, 21:00-22:00"),
    ("electricity_valley", 0.3190, "kWh", 8.0, "22:00-08:00 (after 21:00-22:00)"),
    ("natural_gas", 3.90, "m3", None, None),
    ("steam", 265.0, "t", None, None),
    ("water", 4.85, "m3", None, None),
    ("wastewater", 3.60, "m3", None, None),
]

FURNACES: list[dict[str, Any]] = [
    {
        "tag": "S-01",
        "name": "1# 天然气直燃定形机",
        "location": "定形车间",
        "model": "MH-8-2400",
        "year_made": 2016,
        "kind": "stenter",
        "fuel": "natural_gas",
        "rated_heat_input_kw": 1400.0,
        "annual_fuel": 615000.0,
        "fuel_unit": "m3",
        "annual_output": 1850.0,
        "output_unit": "万米",
        "flue_temperature_c": 175.0,
        "flue_o2_pct": 15.0,
        "wall_temperature_c": 62.0,
        "waste_heat_recovered": False,
    },
    {
        "tag": "S-02",
        "name": "2# 导热油定形机（带废气热回收）",
        "location": "定形车间",
        "model": "LK-8-2200",
        "year_made": 2022,
        "kind": "stenter",
        "fuel": "thermal_oil",
        "annual_fuel": 9800.0,
        "fuel_unit": "GJ",
        "annual_output": 1600.0,
        "output_unit": "万米",
        "flue_temperature_c": 105.0,
        "waste_heat_recovered": True,
    },
]

# location, kind, insulation, medium, OD mm, length m, area m², surface °C, ambient °C, medium °C
SURFACES: list[tuple[str, str, str, str, float | None, float | None, float | None, float, float, float]] = [
    ("园区来汽总管（动力车间至染色车间）", "pipe", "bare", "steam", 108.0, 26.0, None, 163.0, 28.0, 170.0),
    ("染色车间蒸汽分汽缸阀门 ×6", "valve", "bare", "steam", 89.0, 7.2, None, 158.0, 30.0, 170.0),
    ("导热油回油管（定形车间）", "pipe", "damaged", "thermal_oil", 89.0, 40.0, None, 78.0, 30.0, 230.0),
    ("染色车间热水罐", "tank", "bare", "hot_water", None, None, 14.0, 82.0, 30.0, 85.0),
    ("前处理车间蒸汽支管", "pipe", "insulated", "steam", 76.0, 35.0, None, 36.0, 28.0, 165.0),
]


def populate(document: AuditDocument, context: DemoContext) -> None:
    records = document.records
    records.add_many(
        "energy_price",
        [
            {
                "item": item,
                "price_yuan": price,
                "unit": unit,
                **({"hours_per_day": hours, "time_ranges": ranges} if hours is not None else {}),
                "source": "estimate",
                "source_note": DEMO_PRICE_NOTE,
                "valid_from": f"{context.audit_year}-01-01",
            }
            for item, price, unit, hours, ranges in PRICES
        ],
    )
    furnace_ids = records.add_many("furnace", [{"annual_operating_hours": HOURS, **row} for row in FURNACES])
    for row, uuid in zip(FURNACES, furnace_ids, strict=True):
        context.handles[f"furnace:{row['tag']}"] = uuid

    system = records.add(
        "compressed_air_system",
        {
            "name": "空压站供气系统（AC-01/02/04）",
            "main_compressor": context.handles["air_compressor:AC-01"],
            "load_pressure_mpa": 0.68,
            "unload_pressure_mpa": 0.78,
            "header_pressure_mpa": 0.72,
            "measured_flow_m3_per_min": 26.0,
            "measured_input_kw": 171.0,
            "annual_hours": HOURS,
            "leak_method": "orifice_survey",
            "heat_recovery_installed": False,
            "heat_use": "锅炉补水/染色车间热水预热",
        },
    )
    context.handles["compressed_air_system:main"] = system
    for end_use, pressure, flow in (
        ("染色机气动阀门", 0.45, 6.5),
        ("定形机气缸与剥边", 0.50, 8.0),
        ("前处理联合机张力控制", 0.55, 5.5),
        ("包装与吹扫", 0.40, 3.0),
    ):
        records.add(
            "compressed_air_system.end_uses",
            {"end_use": end_use, "required_pressure_mpa": pressure, "flow_m3_per_min": flow},
            parent=system,
        )
    for location, diameter, count in (
        ("染色车间气动阀接头", 1.0, 18),
        ("定形车间快插接头与软管", 2.0, 6),
        ("空压站排水阀（常开）", 3.0, 2),
    ):
        records.add(
            "compressed_air_system.leaks",
            {"location": location, "hole_diameter_mm": diameter, "count": count, "pressure_mpa": 0.7},
            parent=system,
        )

    records.add(
        "boiler_combustion_test",
        {
            "equipment": context.handles["boiler:B-01"],
            "tested_at": f"{context.audit_year + 1}-03-12 09:40",
            "load_pct": 72.0,
            "flue_o2_pct": 6.5,
            "flue_co_mg_per_m3": 35.0,
            "flue_temperature_c": 215.0,
            "combustion_air_temperature_c": 22.0,
            "fuel_flow": 318.0,
            "fuel_flow_unit": "m3/h",
            "instrument": "testo 350 烟气分析仪 S/N 61812345",
        },
    )
    records.add_many(
        "cooling_tower",
        [
            {
                "tag": tag,
                "name": f"{unit}（开式逆流）",
                "location": "动力站",
                "annual_operating_hours": HOURS,
                "water_unit": context.handles[f"water_unit:{unit}"],
                "circulating_flow_m3_per_h": flow,
                "hot_water_c": 37.0,
                "cold_water_c": 32.0,
                "concentration_basis": "chloride",
                "make_up_concentration": make_up,
                "circulating_concentration": circulating,
                "drift_pct": 0.1,
            }
            for tag, unit, flow, make_up, circulating in (
                ("CT-1", "1#冷却塔", 260.0, 56.0, 214.0),
                ("CT-2", "2#冷却塔", 180.0, 56.0, 198.0),
            )
        ],
    )
    records.add_many(
        "surface_survey",
        [
            {
                "location": location,
                "kind": kind,
                "insulation": insulation,
                "medium": medium,
                **({"outer_diameter_mm": diameter, "length_m": length} if diameter is not None else {}),
                **({"area_m2": area} if area is not None else {}),
                "surface_c": surface,
                "ambient_c": ambient,
                "medium_c": medium_c,
                "wind_m_per_s": 0.5,
                "annual_hours": HOURS,
                **({"heat_source": context.handles["boiler:B-01"]} if medium == "thermal_oil" else {}),
            }
            for location, kind, insulation, medium, diameter, length, area, surface, ambient, medium_c in SURFACES
        ],
    )
    _decisions(document, context)


def _decisions(document: AuditDocument, context: DemoContext) -> None:
    """The expert's decisions: one measure accepted with an input changed, one rejected, one of her own."""
    records = document.records
    system = context.handles["compressed_air_system:main"]
    accepted = records.add(
        "measure",
        {
            "measure_key": f"pressure_reduction:{system}",
            "method": "pressure_reduction",
            "status": "accepted",
            "narrative": "前处理联合机张力控制需0.55 MPa，末端压降实测约0.13 MPa，先降至0.68 MPa运行一个月再评估。",
        },
    )
    records.add(
        "measure.overrides",
        {"input": "proposed_mpa", "value": 0.68, "note": "末端压降0.13 MPa（实测），保守取值"},
        parent=accepted,
    )
    records.add(
        "measure",
        {
            "measure_key": f"transformer_replacement:{context.handles['transformer:T-1']}",
            "method": "transformer_replacement",
            "status": "rejected",
            "rejection_reason": "long_payback",
            "reason_note": "S11 变压器运行状况良好，按节电量回收期超过20年，到寿命期再更换。",
        },
    )
    records.add(
        "measure",
        {
            "measure_key": "own:AC-01-pm-vsd",
            "method": "other",
            "title": "AC-01 更换为永磁变频一级能效空压机",
            "status": "proposed",
            "equipment": context.handles["air_compressor:AC-01"],
            "narrative": "AC-01 比功率7.9 kW/(m³/min)，超过GB 19153三级限值7.5；一级机约6.3。"
            "节电量 = (7.9 − 6.3) × 12.5 m³/min × 加载率78% × 7920 h。",
            "cost_class": "capital",
            "investment_yuan": 180000.0,
            "useful_life_years": 15,
            "annual_electricity_kwh": round((7.9 - 6.3) * 12.5 * 0.78 * HOURS),
        },
    )
