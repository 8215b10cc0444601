"""Per-audit indicator settings, read from the audit form (periods, electricity basis, steam, carbon factors)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def contains_month(self, month: str) -> bool:
        """Whether a YYYY-MM month lies inside the period (months are the unit energy is recorded in)."""
        try:
            year, number = int(month[:4]), int(month[5:7])
        except (ValueError, TypeError):
            return False
        return (self.start.year, self.start.month) <= (year, number) <= (self.end.year, self.end.month)

    def months(self) -> list[str]:
        months: list[str] = []
        year, number = self.start.year, self.start.month
        while (year, number) <= (self.end.year, self.end.month):
            months.append(f"{year:04d}-{number:02d}")
            number += 1
            if number > 12:
                year, number = year + 1, 1
        return months

    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True)
class IndicatorSettings:
    audit_period: Period | None = None
    comparison_period: Period | None = None
    electricity_basis: str = "equivalent"
    equal_value_kgce_per_kwh: float | None = None
    steam_practice: str = "fixed"
    include_media: bool = False
    grid_region: str = "national"
    grid_year: int | None = None
    fuel_set: str = "A"
    carbon_industry_average: float | None = None
    # Self-consumed on-site PV and wind in comprehensive energy consumption: "counted" or "excluded"
    # (default and source in resources/energy/conventions.json; both totals are always computed).
    renewable_self_use: str = "counted"

    @classmethod
    def from_audit(cls, values: Mapping[str, Any] | None) -> IndicatorSettings:
        values = values or {}

        def period(start_field: str, end_field: str) -> Period | None:
            start, end = _date(values.get(start_field)), _date(values.get(end_field))
            return Period(start, end) if start and end and end >= start else None

        return cls(
            audit_period=period("period_start", "period_end"),
            comparison_period=period("comparison_start", "comparison_end"),
            electricity_basis=values.get("electricity_basis") or "equivalent",
            equal_value_kgce_per_kwh=values.get("electricity_equal_value_kgce_per_kwh"),
            steam_practice=values.get("steam_practice") or "fixed",
            include_media=bool(values.get("include_media_in_tce")),
            grid_region=values.get("grid_factor_region") or "national",
            grid_year=values.get("grid_factor_year"),
            fuel_set=values.get("fuel_factor_set") or "A",
            carbon_industry_average=values.get("carbon_industry_average_t_per_10k_yuan"),
            renewable_self_use=values.get("renewable_self_use") or "counted",
        )
