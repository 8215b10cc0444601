"""Every indicator key, declared once: what it means (label), its unit and its kind.

A key is stable: it never depends on settings (both electricity bases are always present, the chosen
one is marked `headline`) and never carries user text (a product is named by its record's uuid).
Parts in braces are placeholders: {energy_type} an energy-use code, {record} a record uuid, {level}
a water-unit level 1–3, {name} a water indicator or GB/T 7119 requirement. Cards, rules, sheets and
tests name keys from here; `tests/audit/test_catalogue.py` fails when one names a key that is not here
or an indicator is computed under a key that is not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from forms.spec import Text


@dataclass(frozen=True)
class Entry:
    """One declared key (or family of keys, with placeholders)."""

    pattern: str
    label: Text
    unit: str  # may hold a placeholder ({product_unit}); "*" when each comparison has its own
    kind: str  # energy, carbon, equipment, water, comparison

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)

    def unit_matches(self, unit: str) -> bool:
        return self.unit == "*" or bool(_compiled(self.unit).fullmatch(unit))


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[a-z_]+\})", pattern)
    return re.compile("".join("[^.]+" if p.startswith("{") else re.escape(p) for p in parts))


def _e(pattern: str, en: str, zh: str, unit: str, kind: str) -> Entry:
    return Entry(pattern, Text(en, zh), unit, kind)


ENERGY = (
    _e(
        "energy.audit.total.equivalent",
        "Comprehensive energy consumption (equivalent value)",
        "综合能耗（当量值）",
        "tce",
        "energy",
    ),
    _e(
        "energy.audit.total.equal_value",
        "Comprehensive energy consumption (equal value)",
        "综合能耗（等价值）",
        "tce",
        "energy",
    ),
    _e(
        "energy.{period}.renewables_counted.{basis}",
        "Comprehensive energy consumption with self-consumed on-site PV/wind",
        "综合能耗（计入自发自用光伏/风电）",
        "tce",
        "energy",
    ),
    _e(
        "energy.{period}.renewables_excluded.{basis}",
        "Comprehensive energy consumption without self-consumed on-site PV/wind",
        "综合能耗（不计入自发自用光伏/风电）",
        "tce",
        "energy",
    ),
    _e(
        "energy.comparison.total.equivalent",
        "Comprehensive energy consumption, comparison period (equivalent value)",
        "对比期综合能耗（当量值）",
        "tce",
        "energy",
    ),
    _e(
        "energy.comparison.total.equal_value",
        "Comprehensive energy consumption, comparison period (equal value)",
        "对比期综合能耗（等价值）",
        "tce",
        "energy",
    ),
    _e(
        "energy.audit.share.{energy_type}",
        "Share of an energy type in the energy structure",
        "能源品种占综合能耗比例",
        "%",
        "energy",
    ),
    _e(
        "energy.comparison.share.{energy_type}",
        "Share of an energy type, comparison period",
        "对比期能源消费结构",
        "%",
        "energy",
    ),
    _e(
        "energy.comparison.intensity.{name}",
        "Energy intensity, comparison period",
        "对比期单位产值/增加值综合能耗",
        "tce/10k yuan",
        "energy",
    ),
    _e("energy.audit.cost", "Energy cost, audit period", "能源费用（审计期）", "yuan", "energy"),
    _e(
        "energy.intensity.output_value",
        "Energy per 10k yuan output value",
        "单位产值综合能耗",
        "tce/10k yuan",
        "energy",
    ),
    _e(
        "energy.intensity.value_added",
        "Energy per 10k yuan value added",
        "单位工业增加值综合能耗",
        "tce/10k yuan",
        "energy",
    ),
    _e(
        "energy.intensity.product.all",
        "Energy per unit of all products",
        "单位产品综合能耗（全部产品）",
        "kgce/{product_unit}",
        "energy",
    ),
    _e(
        "energy.intensity.product.{record}",
        "Whole-plant energy per unit of a product",
        "单位产品综合能耗",
        "kgce/{product_unit}",
        "energy",
    ),
    _e(
        "energy.electricity.product.{record}",
        "Whole-plant electricity per unit of a product",
        "单位产品电耗",
        "kWh/{product_unit}",
        "energy",
    ),
    _e(
        "energy.comparison.intensity.product.{record}",
        "Whole-plant energy per unit of a product, comparison period",
        "对比期单位产品综合能耗",
        "kgce/{product_unit}",
        "energy",
    ),
    _e(
        "energy.change.product.{record}",
        "Change in whole-plant energy per unit of a product vs comparison period",
        "单位产品综合能耗较对比期变化",
        "%",
        "energy",
    ),
    _e("energy.change.total", "Change in energy vs comparison period", "综合能耗较对比期变化", "%", "energy"),
    _e(
        "energy.change.intensity_output_value",
        "Change in energy per 10k yuan output value",
        "单位产值综合能耗变化",
        "%",
        "energy",
    ),
    _e(
        "energy.change.intensity_value_added",
        "Change in energy per 10k yuan value added",
        "单位增加值综合能耗变化",
        "%",
        "energy",
    ),
)

CARBON = (
    _e("carbon.scope1", "Scope 1: fuel combustion", "范围一：化石燃料燃烧", "tCO2", "carbon"),
    _e("carbon.scope2_electricity", "Scope 2: purchased electricity", "范围二：电力", "tCO2", "carbon"),
    _e("carbon.scope2_heat", "Scope 2: purchased heat and steam", "范围二：热力", "tCO2", "carbon"),
    _e("carbon.deduction", "Zero-carbon self-generation deducted", "扣除零碳自发电量", "tCO2", "carbon"),
    _e("carbon.scope1.{energy_type}", "CO2 from a fuel", "燃料排放量", "tCO2", "carbon"),
    _e("carbon.scope2_electricity.{energy_type}", "CO2 from electricity", "电力排放量", "tCO2", "carbon"),
    _e("carbon.scope2_heat.{energy_type}", "CO2 from heat or steam", "热力排放量", "tCO2", "carbon"),
    _e("carbon.total", "CO2 emissions, audit period", "二氧化碳排放总量", "tCO2", "carbon"),
    _e(
        "carbon.intensity.value_added",
        "CO2 per 10k yuan value added (L)",
        "单位工业增加值碳排放",
        "tCO2/10k yuan",
        "carbon",
    ),
    _e("carbon.intensity.output_value", "CO2 per 10k yuan output value", "单位产值碳排放", "tCO2/10k yuan", "carbon"),
    _e(
        "carbon.intensity.product.{record}",
        "Whole-plant CO2 per unit of a product",
        "单位产品碳排放",
        "tCO2/{product_unit}",
        "carbon",
    ),
    _e("carbon.level", "Carbon level (DB33/T 1347-2023)", "碳效水平", "tCO2/10k yuan", "carbon"),
    _e("carbon.grade", "Zhejiang carbon-efficiency grade", "浙江碳效等级", "grade", "carbon"),
    _e("carbon.change.total", "Change in CO2 vs comparison period", "碳排放较对比期变化", "%", "carbon"),
    _e("carbon.change.intensity_value_added", "Change in L vs comparison period", "L较对比期变化", "%", "carbon"),
    # The comparison period's set, computed as for the audit period (issue 10).
    _e(
        "carbon.comparison.intensity.{name}",
        "CO2 intensity, comparison period",
        "对比期碳排放强度",
        "tCO2/10k yuan",
        "carbon",
    ),
    _e("carbon.comparison.{name}", "CO2 by scope, comparison period", "对比期分范围排放", "tCO2", "carbon"),
    _e(
        "carbon.comparison.{name}.{energy_type}",
        "CO2 by source, comparison period",
        "对比期分品种排放",
        "tCO2",
        "carbon",
    ),
    _e("carbon.comparison.level", "Carbon level, comparison period", "对比期碳效水平", "tCO2/10k yuan", "carbon"),
    _e("carbon.comparison.grade", "Carbon-efficiency grade, comparison period", "对比期碳效等级", "grade", "carbon"),
)

EQUIPMENT = (
    _e("equipment.motor.efficiency", "Motor nameplate efficiency", "电机铭牌效率", "%", "equipment"),
    _e("equipment.motor.load", "Motor load", "电机负载率", "%", "equipment"),
    _e("equipment.motor.operating_efficiency", "Motor operating efficiency", "电机运行效率", "%", "equipment"),
    _e(
        "equipment.air_compressor.specific_power",
        "Compressor specific power",
        "空压机比功率",
        "kW/(m³/min)",
        "equipment",
    ),
    _e(
        "equipment.transformer.losses_grade",
        "Transformer no-load and load losses",
        "变压器空载和负载损耗",
        "kW",
        "equipment",
    ),
    _e(
        "equipment.transformer.economic_load_ratio",
        "Transformer economic load ratio",
        "变压器经济负载率",
        "%",
        "equipment",
    ),
    _e("equipment.transformer.load_ratio", "Transformer load ratio", "变压器负载率", "%", "equipment"),
    _e("equipment.transformer.losses", "Transformer losses at measured load", "变压器实测负荷损耗", "kW", "equipment"),
    _e(
        "equipment.transformer.efficiency",
        "Transformer efficiency at measured load",
        "变压器实测负荷效率",
        "%",
        "equipment",
    ),
    _e("equipment.transformer.annual_losses", "Transformer annual losses", "变压器年损耗电量", "kWh", "equipment"),
    _e("equipment.fan.efficiency", "Fan efficiency", "风机效率", "%", "equipment"),
    _e("equipment.pump.efficiency", "Pump efficiency", "水泵效率", "%", "equipment"),
    _e("equipment.pump.unit_efficiency", "Measured pump unit efficiency", "实测机组效率", "%", "equipment"),
    _e("equipment.boiler.design_efficiency", "Boiler design thermal efficiency", "锅炉设计热效率", "%", "equipment"),
    _e(
        "equipment.boiler.measured_efficiency", "Boiler measured thermal efficiency", "锅炉实测热效率", "%", "equipment"
    ),
)

WATER = (
    _e("water.repeated_utilisation_rate", "Repeated utilisation rate R", "重复利用率 R", "%", "water"),
    _e(
        "water.indirect_cooling_recycling_rate",
        "Indirect cooling water recycling rate",
        "间接冷却水循环率",
        "%",
        "water",
    ),
    _e("water.direct_cooling_recycling_rate", "Direct cooling water recycling rate", "直接冷却水循环率", "%", "water"),
    _e("water.process_water_reuse_rate", "Process water reuse rate", "工艺水回用率", "%", "water"),
    _e("water.condensate_recovery_rate", "Condensate recovery rate", "蒸汽冷凝水回用率", "%", "water"),
    _e("water.new_water_per_product", "New water per unit product", "单位产品取水量", "m³/{product_unit}", "water"),
    _e(
        "water.new_water_per_product_annualised_test",
        "New water per unit product, annualised test",
        "单位产品取水量（测试年化）",
        "m³/{product_unit}",
        "water",
    ),
    _e(
        "water.new_water_per_product_test_period",
        "New water per unit product over the test",
        "测试期单位产品取水量",
        "m³/{product_unit}",
        "water",
    ),
    _e(
        "water.new_water_per_10k_output_annualised_test",
        "New water per 10k yuan output value, annualised test",
        "万元产值取水量（测试年化）",
        "m³/10k yuan",
        "water",
    ),
    _e(
        "water.new_water_per_10k_value_added_annualised_test",
        "New water per 10k yuan value added, annualised test",
        "万元工业增加值取水量（测试年化）",
        "m³/10k yuan",
        "water",
    ),
    _e(
        "water.new_water_per_10k_output",
        "New water per 10k yuan output value",
        "万元产值取水量",
        "m³/10k yuan",
        "water",
    ),
    _e(
        "water.new_water_per_10k_value_added",
        "New water per 10k yuan value added",
        "万元工业增加值取水量",
        "m³/10k yuan",
        "water",
    ),
    _e(
        "water.domestic_per_employee_day",
        "Domestic new water per employee and day",
        "职工人均生活日新水量",
        "L/(person·d)",
        "water",
    ),
    _e("water.wastewater_reuse_rate", "Wastewater reuse rate", "废水回用率", "%", "water"),
    _e("water.leak_rate", "Comprehensive leak rate", "用水综合漏失率", "%", "water"),
    _e(
        "water.nonconventional_substitution_rate",
        "Non-conventional water substitution rate",
        "非常规水资源替代率",
        "%",
        "water",
    ),
    _e("water.metering_rate_level_{level}", "Water metering rate by level", "分级水计量率", "%", "water"),
    _e("water.equipment_rate_level_{level}", "Meter equipment rate by level", "分级水计量器具配备率", "%", "water"),
    _e("water.discharge_rate", "Discharge rate", "排水率", "%", "water"),
    _e("water.consumption_coefficient", "New-water consumption coefficient", "新水利用系数", "", "water"),
    _e("water.cycles_of_concentration", "Cycles of concentration N", "浓缩倍数 N", "", "water"),
    _e("water.treated_water_coefficient", "Treated-water production coefficient", "制水系数", "", "water"),
)

COMPARISONS = (
    _e("gbt7119.industry", "GB/T 7119 industry thresholds", "GB/T 7119 行业指标", "*", "comparison"),
    _e("gbt7119.basic.{name}", "GB/T 7119 basic requirement", "GB/T 7119 基本要求", "*", "comparison"),
    _e("gbt7119.{name}", "GB/T 7119 threshold for a water indicator", "GB/T 7119 指标值", "*", "comparison"),
    _e(
        "gbt24789.equipment_rate_level_{level}",
        "GB/T 24789 meter equipment rate",
        "GB/T 24789 水计量器具配备率",
        "*",
        "comparison",
    ),
    _e("gbt24789.metering_rate_level_{level}", "GB/T 24789 metering rate", "GB/T 24789 水计量率", "*", "comparison"),
    _e("gbt24789.accuracy", "GB/T 24789 meter accuracy class", "GB/T 24789 水表准确度等级", "*", "comparison"),
)

# Evidence the findings rules compute from field data (audit/findings/): shown with the finding they triggered.
FINDINGS = (
    _e("finding.air.leak_share", "Leak share of the air supplied", "泄漏量占供气量比例", "%", "equipment"),
    _e(
        "finding.transformer.load_ratio",
        "Load ratio against the economic load ratio",
        "负载率与经济负载率",
        "",
        "equipment",
    ),
    _e("finding.power_factor", "Power factor", "功率因数", "", "equipment"),
    _e("finding.flue_temperature", "Flue-gas temperature", "排烟温度", "°C", "equipment"),
    _e("finding.flue_o2", "Flue-gas O₂ (dry)", "烟气含氧量（干基）", "%", "equipment"),
    _e("finding.surface_temperature", "Surface temperature", "表面温度", "°C", "equipment"),
    _e("finding.water.closure", "Balance closure", "水平衡闭合差", "%", "water"),
    _e("finding.cooling.cycles", "Cycles of concentration", "浓缩倍数", "", "water"),
    _e("finding.product_quota", "Unit-product energy (equivalent value)", "单位产品综合能耗（当量值）", "", "energy"),
)

CATALOGUE: tuple[Entry, ...] = (*ENERGY, *CARBON, *EQUIPMENT, *WATER, *COMPARISONS, *FINDINGS)


def entry(key: str) -> Entry | None:
    """The declaration of `key` (exact patterns first, then families), or None when it is not declared."""
    exact = next((e for e in CATALOGUE if e.pattern == key), None)
    return exact or next((e for e in CATALOGUE if e.regex.fullmatch(key)), None)


def declared(key: str) -> bool:
    return entry(key) is not None
