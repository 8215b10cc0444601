"""Demo part: the plant's water-balance test (June 2025, 4 days): sources, 3-level units, meters, readings.

The figures are those of a plausible Shaoxing dyeing plant of this size: about 4,500 m³/d of new
water (1.5 million m³/a), repeated utilisation near 59 %, condensate recovery well below the GB/T
7119 dyeing threshold (a finding), every unit closing within the 5 % tolerance.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from audit.demo import DemoContext
from audit.document import AuditDocument

ORDER = 50

# Its own generator, so the water figures stay the same when other demo parts draw more numbers.
WATER_SEED = 502025
TEST_DAYS = 4
READ_HOURS = (0, 8, 16)  # readings at 08:00, 16:00, 00:00 of each test day
SHIFT_SHARES = (0.36, 0.34, 0.30)


@dataclass
class Leaf:
    name: str
    parent: str
    level: int
    unit_type: str
    # m³/d on an average test day
    base: dict[str, float]
    # origin of vf, vr, vco, vd, vl: "reading", "estimated", "calculated", "none"
    origins: dict[str, str]
    methods: dict[str, str] = field(default_factory=dict)
    recycle_kind: str = "none"
    reuse_from: str | None = None
    # A flow meter read as m³/h instead of a register (clamp-on ultrasonic on a circulating line).
    flow_rate_vr: bool = False
    extra: dict[str, float] = field(default_factory=dict)
    # Water that leaves unseen (neither metered nor estimated): the unit's real closure error.
    unseen: float = 0.0


ENTERPRISE_UNIT = "恒盛印染 全厂"

# Level-2 units that have sub-units, with the bias of their own intake meter against the sum below.
PARENTS = [
    ("前处理车间", "production", 0.012),
    ("染色一车间（棉）", "production", 0.018),
    ("染色二车间（涤纶）", "production", 0.009),
    ("印花车间", "production", 0.015),
    ("定形车间", "production", 0.021),
    ("动力车间", "boiler", 0.011),
    ("循环冷却水系统", "indirect_cooling", 0.014),
    ("办公生活区", "domestic", 0.025),
]

EVAPORATION = "按织物带液率与蒸发量估算（产量×带液率0.7及烘干蒸发）"
TOWER = "按冷却塔热负荷估算蒸发量 E = 0.0015·Δt·Q_循环（Δt≈5 ℃）加飘散0.1%"


def _leaves() -> list[Leaf]:
    r, e, c, n = "reading", "estimated", "calculated", "none"
    return [
        Leaf(
            "退煮漂联合机",
            "前处理车间",
            3,
            "production",
            {"vf": 620, "vr": 380, "vco": 45, "vd": 950, "vl": 5},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": e},
            {"vco": EVAPORATION, "vl": "阀门、接头滴漏，容积法实测 0.2 m³/h"},
            recycle_kind="cascade",
            reuse_from="丝光机",
        ),
        Leaf(
            "丝光机",
            "前处理车间",
            3,
            "production",
            {"vf": 520, "vr": 0, "vco": 30, "vd": 490, "vl": 0},
            {"vf": r, "vr": n, "vco": e, "vd": c, "vl": n},
            {"vco": EVAPORATION},
        ),
        Leaf(
            "溢流染色机组（24台）",
            "染色一车间（棉）",
            3,
            "production",
            {"vf": 980, "vr": 650, "vco": 70, "vd": 1530, "vl": 0},
            {"vf": r, "vr": r, "vco": e, "vd": r, "vl": n},
            {"vco": "按染色浴比1:6、织物带液率及高温蒸发估算"},
            recycle_kind="treated_wastewater",
            reuse_from="中水回用站",
            unseen=30,
        ),
        Leaf(
            "连续轧染机",
            "染色一车间（棉）",
            3,
            "production",
            {"vf": 420, "vr": 0, "vco": 40, "vd": 380, "vl": 0},
            {"vf": r, "vr": n, "vco": e, "vd": c, "vl": n},
            {"vco": EVAPORATION},
        ),
        Leaf(
            "皂洗水洗机",
            "染色一车间（棉）",
            3,
            "production",
            {"vf": 310, "vr": 260, "vco": 25, "vd": 285, "vl": 0},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": n},
            {"vco": EVAPORATION},
            recycle_kind="circulating",
        ),
        Leaf(
            "高温高压染色机组（18台）",
            "染色二车间（涤纶）",
            3,
            "production",
            {"vf": 760, "vr": 450, "vco": 55, "vd": 1150, "vl": 5},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": e},
            {"vco": "按染色浴比1:8及高温排放蒸发估算", "vl": "溢流口溢水，容积法实测"},
            recycle_kind="treated_wastewater",
            reuse_from="中水回用站",
        ),
        Leaf(
            "还原清洗机",
            "染色二车间（涤纶）",
            3,
            "production",
            {"vf": 180, "vr": 0, "vco": 12, "vd": 168, "vl": 0},
            {"vf": r, "vr": n, "vco": e, "vd": c, "vl": n},
            {"vco": EVAPORATION},
        ),
        Leaf(
            "圆网印花机",
            "印花车间",
            3,
            "production",
            {"vf": 95, "vr": 0, "vco": 10, "vd": 85, "vl": 0},
            {"vf": r, "vr": n, "vco": e, "vd": c, "vl": n},
            {"vco": "导带水洗蒸发，按设备参数估算"},
        ),
        Leaf(
            "蒸化水洗机",
            "印花车间",
            3,
            "production",
            {"vf": 260, "vr": 150, "vco": 20, "vd": 240, "vl": 0},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": n},
            {"vco": EVAPORATION},
            recycle_kind="circulating",
        ),
        Leaf(
            "定形机废气喷淋",
            "定形车间",
            3,
            "production",
            {"vf": 65, "vr": 900, "vco": 30, "vd": 35, "vl": 0},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": n},
            {"vco": "喷淋塔蒸发，按废气量与温降估算"},
            recycle_kind="circulating",
        ),
        Leaf(
            "定形机冷水辊",
            "定形车间",
            3,
            "indirect_cooling",
            {"vf": 25, "vr": 420, "vco": 20, "vd": 5, "vl": 0},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": n},
            {"vco": TOWER},
            recycle_kind="circulating",
        ),
        Leaf(
            # Steam comes from the park's CHP (see demo/energy.py: ~118,000 t/a, 0.8 MPa):
            # this station returns its condensate to the hot-water tanks that feed the dye houses.
            "蒸汽冷凝水回收站（园区供汽）",
            "动力车间",
            3,
            "boiler",
            {"vf": 14, "vr": 290, "vco": 5, "vd": 7, "vl": 2},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": e},
            {"vco": "闪蒸汽排空，按冷凝水量的1.5%估算", "vl": "疏水阀及汽水管网跑冒，按巡检估算"},
            recycle_kind="condensate",
            extra={"steam_output_t_per_h": 14.9, "steam_hours_per_day": 24.0},
        ),
        Leaf(
            "空压站冷却",
            "动力车间",
            3,
            "indirect_cooling",
            {"vf": 18, "vr": 620, "vco": 15, "vd": 3, "vl": 0},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": n},
            {"vco": TOWER},
            recycle_kind="circulating",
            flow_rate_vr=True,
            extra={"circulating_concentration_mg_l": 205.0, "makeup_concentration_mg_l": 52.0},
        ),
        Leaf(
            "1#冷却塔",
            "循环冷却水系统",
            3,
            "indirect_cooling",
            {"vf": 50, "vr": 1400, "vco": 42, "vd": 8, "vl": 0},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": n},
            {"vco": TOWER},
            recycle_kind="circulating",
            flow_rate_vr=True,
            extra={"circulating_concentration_mg_l": 214.0, "makeup_concentration_mg_l": 56.0},
        ),
        Leaf(
            "2#冷却塔",
            "循环冷却水系统",
            3,
            "indirect_cooling",
            {"vf": 35, "vr": 1000, "vco": 29, "vd": 6, "vl": 0},
            {"vf": r, "vr": r, "vco": e, "vd": c, "vl": n},
            {"vco": TOWER},
            recycle_kind="circulating",
            flow_rate_vr=True,
            extra={"circulating_concentration_mg_l": 198.0, "makeup_concentration_mg_l": 56.0},
        ),
        Leaf(
            "食堂",
            "办公生活区",
            3,
            "domestic",
            {"vf": 22, "vr": 0, "vco": 3, "vd": 19, "vl": 0},
            {"vf": r, "vr": n, "vco": e, "vd": c, "vl": n},
            {"vco": "按《建筑给水排水设计标准》耗水比例10%~15%估算"},
        ),
        Leaf(
            "宿舍及办公楼",
            "办公生活区",
            3,
            "domestic",
            {"vf": 46, "vr": 0, "vco": 5, "vd": 41, "vl": 0},
            {"vf": r, "vr": n, "vco": e, "vd": c, "vl": n},
            {"vco": "按《建筑给水排水设计标准》耗水比例10%估算"},
        ),
        Leaf(
            "中水回用站",
            ENTERPRISE_UNIT,
            2,
            "water_treatment",
            {"vf": 12, "vr": 0, "vco": 2, "vd": 10, "vl": 0},
            {"vf": r, "vr": n, "vco": e, "vd": c, "vl": n},
            {"vco": "加药溶解及膜清洗损耗估算"},
        ),
        Leaf(
            "厂区绿化",
            ENTERPRISE_UNIT,
            2,
            "green_space",
            {"vf": 30, "vr": 0, "vco": 30, "vd": 0, "vl": 0},
            {"vf": e, "vr": n, "vco": c, "vd": n, "vl": n},
            {"vf": "绿化面积约2.0万m²×1.5 L/(m²·d)（浙江省绿化用水定额）"},
        ),
        Leaf(
            "厂区供水管网",
            ENTERPRISE_UNIT,
            2,
            "other",
            {"vf": 40, "vr": 0, "vco": 0, "vd": 0, "vl": 40},
            {"vf": c, "vr": n, "vco": n, "vd": n, "vl": e},
            {"vl": "夜间零用水时段总表最小流量法：约1.7 m³/h"},
        ),
    ]


# Sources: the daily share of the level-1 intake each one supplies, and the annual bill quantity.
SOURCES = [
    ("柯桥自来水（工业水价）", "tap", None, 1_386_000.0, 4.85),
    ("滨海再生水厂再生水", "reclaimed", 450.0, 148_500.0, 2.60),
]


def populate(document: AuditDocument, context: DemoContext) -> None:
    rng = random.Random(WATER_SEED)
    records = document.records
    year = context.audit_year
    start = dt.datetime(year, 6, 16, 8, 0)
    records.add(
        "water_test",
        {
            "title": f"{year}年度水平衡测试（连续{TEST_DAYS}个生产日）",
            "start_at": start.isoformat(timespec="minutes"),
            "test_days": TEST_DAYS,
            "production_days_per_year": 330,
            "remarks": "测试期间生产正常，开机率约92%。",
        },
    )
    source_uuids = {}
    for name, kind, _, annual, price in SOURCES:
        source_uuids[name] = records.add(
            "water_source",
            {
                "name": name,
                "source_type": kind,
                "annual_quantity_m3": annual,
                "data_source": "bill",
                "price_yuan_per_m3": price,
            },
        )
    units: dict[str, str] = {}
    units[ENTERPRISE_UNIT] = records.add(
        "water_unit",
        {"name": ENTERPRISE_UNIT, "level": "1", "unit_type": "production", "description": "一级用水单位：全厂"},
    )
    for name, kind, _ in PARENTS:
        units[name] = records.add(
            "water_unit", {"name": name, "level": "2", "parent_unit": units[ENTERPRISE_UNIT], "unit_type": kind}
        )
    # Sources of reused water first, so that every reference points back to an earlier record
    # (an export/import round trip then keeps the order).
    leaves = sorted(_leaves(), key=lambda leaf: leaf.reuse_from is not None)
    for leaf in leaves:
        values: dict[str, object] = {
            "name": leaf.name,
            "level": str(leaf.level),
            "parent_unit": units[leaf.parent],
            "unit_type": leaf.unit_type,
            "recycle_kind": leaf.recycle_kind,
            **leaf.extra,
        }
        if leaf.unit_type == "domestic":
            values["persons"] = 420
        if leaf.reuse_from:
            values["reuse_from_unit"] = units[leaf.reuse_from]
        units[leaf.name] = records.add("water_unit", values)
    for name, uuid in units.items():
        context.handles[f"water_unit:{name}"] = uuid

    # The day-to-day swing of production, shared by every unit (a dyeing plant runs as one).
    swings = [1 + rng.uniform(-0.04, 0.04) for _ in range(TEST_DAYS)]
    daily = {leaf.name: [{q: v * s for q, v in leaf.base.items()} for s in swings] for leaf in leaves}
    meters: list[tuple[dict[str, object], list[float], bool]] = []  # (meter fields, daily m³, read as flow)
    number = 0

    def meter(
        unit: str,
        position: str,
        quantities: list[float],
        kind: str = "mechanical",
        size: float = 80,
        accuracy: float = 2.0,
        flow: bool = False,
        source: str | None = None,
    ) -> None:
        nonlocal number
        number += 1
        fields: dict[str, object] = {
            "meter_number": f"W-{number:03d}",
            "unit": units[unit],
            "position": position,
            "meter_type": kind,
            "reading_kind": "flow_rate" if flow else "cumulative",
            "nominal_size_mm": size,
            "accuracy_class": accuracy,
            "calibration_date": f"{year - 1}-{rng.randint(3, 12):02d}-{rng.randint(1, 28):02d}",
            "location": unit,
        }
        if source:
            fields["source"] = source_uuids[source]
        meters.append((fields, quantities, flow))

    # Level 1: the two source intakes together read about 1.2 % above the units' sum (pipe leaks and meter spread).
    total = [sum(daily[leaf.name][i]["vf"] for leaf in leaves) * 1.012 for i in range(TEST_DAYS)]
    reclaimed = [SOURCES[1][2] * s for s in swings]  # type: ignore[operator]
    meter(
        ENTERPRISE_UNIT,
        "source",
        [t - r for t, r in zip(total, reclaimed, strict=True)],
        "electromagnetic",
        300,
        0.5,
        source=SOURCES[0][0],
    )
    meter(ENTERPRISE_UNIT, "source", reclaimed, "electromagnetic", 150, 0.5, source=SOURCES[1][0])
    for name, _, bias in PARENTS:
        below = [leaf for leaf in leaves if leaf.parent == name]
        meter(
            name,
            "inlet",
            [sum(daily[leaf.name][i]["vf"] for leaf in below) * (1 + bias) for i in range(TEST_DAYS)],
            "electromagnetic",
            150,
            1.0,
        )
    for leaf in leaves:
        days = daily[leaf.name]
        if leaf.origins["vf"] == "reading":
            meter(leaf.name, "inlet", [d["vf"] for d in days], size=100 if leaf.base["vf"] > 200 else 50)
        if leaf.origins["vr"] == "reading":
            meter(
                leaf.name,
                "recycle",
                [d["vr"] for d in days],
                "ultrasonic" if leaf.flow_rate_vr else "electromagnetic",
                200,
                1.0,
                flow=leaf.flow_rate_vr,
            )
        if leaf.origins["vd"] == "reading":
            # The drain meter sees what really leaves, less the unseen loss.
            meter(
                leaf.name,
                "outlet",
                [d["vd"] - leaf.unseen * s for d, s in zip(days, swings, strict=True)],
                "electromagnetic",
                200,
                1.0,
            )

    readings: list[dict[str, object]] = []
    meter_uuids = records.add_many("water_meter", [fields for fields, _, _ in meters])
    for uuid, (_, quantities, flow) in zip(meter_uuids, meters, strict=True):
        register = float(rng.randint(20_000, 900_000))
        for day, quantity in enumerate(quantities):
            for share, hour in zip(SHIFT_SHARES, READ_HOURS, strict=True):
                moment = start + dt.timedelta(days=day, hours=hour)
                if flow:
                    value = round(quantity / 24 * (1 + rng.uniform(-0.02, 0.02)), 1)
                else:
                    value = round(register, 1)
                    register += quantity * share
                readings.append(
                    {"meter": uuid, "read_at": moment.isoformat(timespec="minutes"), "value": value, "reader": "李敏"}
                )
        if not flow:
            end = start + dt.timedelta(days=TEST_DAYS)
            readings.append(
                {
                    "meter": uuid,
                    "read_at": end.isoformat(timespec="minutes"),
                    "value": round(register, 1),
                    "reader": "李敏",
                }
            )
    records.add_many("water_reading", readings)

    flows = []
    for leaf in leaves:
        for day, day_values in enumerate(daily[leaf.name]):
            row: dict[str, object] = {
                "unit": units[leaf.name],
                "day": (start + dt.timedelta(days=day)).date().isoformat(),
            }
            for q, origin in leaf.origins.items():
                row[f"{q}_origin"] = origin
                if origin == "estimated":
                    row[f"{q}_m3"] = round(day_values[q], 1)
                    row[f"{q}_method"] = leaf.methods[q]
            flows.append(row)
    records.add_many("water_flow", flows)
