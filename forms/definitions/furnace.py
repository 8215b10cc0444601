"""Furnaces, kilns, dryers and stenters: fuel, output and flue temperature for their unit consumption."""

from forms.common import boolean, c, choice, decimal, equipment_fields, text
from forms.spec import FormSpec, t

FURNACE_KINDS = (
    c("heat_treatment", "Heat-treatment furnace", "热处理炉"),
    c("melting", "Melting furnace", "熔炼炉"),
    c("kiln", "Kiln", "窑炉"),
    c("dryer", "Dryer", "烘干机"),
    c("stenter", "Stenter / setting machine", "定型机"),
    c("other", "Other", "其他"),
)

FURNACE_FUELS = (
    c("natural_gas", "Natural gas", "天然气", "m3"),
    c("lpg", "LPG", "液化石油气", "kg", "t"),
    c("diesel", "Diesel", "柴油", "kg", "t"),
    c("coal", "Coal", "煤", "t"),
    c("electricity", "Electricity", "电", "kWh"),
    c("steam", "Steam", "蒸汽", "t"),
    c("thermal_oil", "Thermal oil heat", "导热油供热", "GJ"),
)

FUEL_UNITS = (
    c("m3", "m³", "m³"),
    c("kg", "kg", "kg"),
    c("t", "t", "t"),
    c("kWh", "kWh", "kWh"),
    c("GJ", "GJ", "GJ"),
)

FORM = FormSpec(
    id="furnace",
    version=1,
    label=t("Furnaces and kilns", "工业炉窑"),
    group="equipment",
    order=27,
    title_field="tag",
    fields=(
        *equipment_fields("炉窑"),
        choice("kind", t("Kind", "类型"), FURNACE_KINDS, required=True),
        choice("fuel", t("Fuel", "燃料/热源"), FURNACE_FUELS, required=True),
        decimal("rated_heat_input_kw", t("Rated heat input", "额定热输入"), "kW", positive=True),
        decimal("annual_fuel", t("Annual fuel use", "年燃料消耗量"), minimum=0, unit_field="fuel_unit"),
        choice("fuel_unit", t("Fuel unit", "燃料单位"), FUEL_UNITS, units_from="fuel"),
        decimal("annual_output", t("Annual output", "年产量"), minimum=0),
        text("output_unit", t("Output unit", "产量单位"), help=t("e.g. t, 10k m", "如 t、万米")),
        decimal("flue_temperature_c", t("Flue-gas temperature", "排烟温度"), "°C", minimum=20, maximum=1500),
        decimal("flue_o2_pct", t("Flue-gas O₂", "烟气含氧量"), "%", maximum=21),
        decimal("wall_temperature_c", t("Outer wall temperature", "炉体外壁温度"), "°C", maximum=600),
        boolean("waste_heat_recovered", t("Waste heat recovered", "已回收余热")),
    ),
)
