"""Builds small water-balance tests in a fresh audit file through the real record store (for tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from audit.document import AuditDocument
from forms.validators import uscc_check_character

START = dt.datetime(2025, 6, 16, 8, 0)
CREDIT_BODY = "91330621MA2BX7Q48"


class WaterAudit:
    """A fresh audit with an enterprise and a water-balance test; add units, meters and readings."""

    def __init__(
        self, path: Path, days: int = 2, production_days: int = 300, industry_code: str = "C1713", **test: Any
    ) -> None:
        self.document = AuditDocument.create(path, author="tester")
        self.records = self.document.records
        self.days = days
        enterprise = self.records.add(
            "enterprise",
            {
                "name": "测试印染厂",
                "credit_code": CREDIT_BODY + uscc_check_character(CREDIT_BODY),
                "industry_code": industry_code,
                "county": "柯桥区",
                "contact_person": "张三",
                "employees": 100,
                "working_days": production_days,
                "output_value_10k_yuan": 5000.0,
                "value_added_10k_yuan": 1000.0,
            },
        )
        self.records.add(
            "enterprise.products", {"product_name": "染色布", "unit": "万米", "annual_output": 600.0}, parent=enterprise
        )
        self.records.add(
            "water_test",
            {
                "title": "test",
                "start_at": START.isoformat(),
                "test_days": days,
                "production_days_per_year": production_days,
                **test,
            },
        )
        self.units: dict[str, str] = {}
        self.meters: dict[str, str] = {}

    def unit(
        self, name: str, level: int, parent: str | None = None, unit_type: str = "production", **values: Any
    ) -> str:
        fields: dict[str, Any] = {"name": name, "level": str(level), "unit_type": unit_type, **values}
        if parent is not None:
            fields["parent_unit"] = self.units[parent]
        self.units[name] = self.records.add("water_unit", fields)
        return self.units[name]

    def meter(self, number: str, unit: str, position: str = "inlet", **values: Any) -> str:
        fields = {
            "meter_number": number,
            "unit": self.units[unit],
            "position": position,
            "meter_type": "mechanical",
            **values,
        }
        self.meters[number] = self.records.add("water_meter", fields)
        return self.meters[number]

    def read(self, number: str, hours: float, value: float, **values: Any) -> str:
        moment = START + dt.timedelta(hours=hours)
        return self.records.add(
            "water_reading", {"meter": self.meters[number], "read_at": moment.isoformat(), "value": value, **values}
        )

    def daily_register(self, number: str, daily_m3: list[float], start_value: float = 1000.0) -> None:
        """Readings at every day boundary so that day i uses daily_m3[i]."""
        value = start_value
        self.read(number, 0, value)
        for index, quantity in enumerate(daily_m3):
            value += quantity
            self.read(number, 24 * (index + 1), value)

    def flow(self, unit: str, day: int, **values: Any) -> str:
        """Daily quantities of a unit: vf=("estimated", 10.0) or vco="calculated" ..."""
        fields: dict[str, Any] = {"unit": self.units[unit], "day": (START + dt.timedelta(days=day)).date().isoformat()}
        for quantity, spec in values.items():
            if isinstance(spec, tuple):
                fields[f"{quantity}_origin"] = spec[0]
                fields[f"{quantity}_m3"] = spec[1]
                fields[f"{quantity}_method"] = "test estimate"
            else:
                fields[f"{quantity}_origin"] = spec
        return self.records.add("water_flow", fields)

    def close(self) -> None:
        self.document.close()


def pickling_plant(path: Path, main_meter_m3: list[float], **test: Any) -> WaterAudit:
    """A fastener plant over two test days: a pickling line (Vr 300 m³/d, Vd calculated) and a washing unit
    under the plant, whose main intake meter reads `main_meter_m3` on each day. Level-1 inflows (Vf) are
    150 m³ and 160 m³; the plant closes at +3.33 % and −3.125 %."""
    w = WaterAudit(path, days=2, **test)
    w.unit("全厂", 1)
    w.unit("酸洗", 2, "全厂")
    w.unit("清洗", 2, "全厂")
    w.meter("WM-0", "全厂")
    w.daily_register("WM-0", main_meter_m3)
    for day, (vf_a, vf_b) in enumerate(((100.0, 50.0), (120.0, 40.0))):
        w.flow(
            "酸洗",
            day,
            vf=("estimated", vf_a),
            vr=("estimated", 300.0),
            vco=("estimated", 10.0),
            vd="calculated",
            vl="none",
        )
        w.flow("清洗", day, vf=("estimated", vf_b), vco=("estimated", 5.0), vd=("estimated", 40.0), vl="none")
    return w
