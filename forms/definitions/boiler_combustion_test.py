"""A boiler or furnace combustion test: flue O₂ and CO, flue and combustion-air temperatures, fuel sub-meter."""

from forms.common import c, choice, datetime, decimal, reference, text
from forms.spec import FormSpec, Rule, t

FUEL_UNITS = (
    c("m3/h", "m³/h", "m³/h"),
    c("kg/h", "kg/h", "kg/h"),
    c("t/h", "t/h", "t/h"),
)

FORM = FormSpec(
    id="boiler_combustion_test",
    version=1,
    label=t("Combustion tests", "燃烧测试"),
    group="measurements",
    order=32,
    title_field="tested_at",
    fields=(
        reference("equipment", t("Boiler or furnace", "锅炉/窑炉"), ("boiler", "furnace"), required=True),
        datetime("tested_at", t("Tested at", "测试时间"), required=True),
        decimal("load_pct", t("Load during the test", "测试时负荷率"), "%", maximum=120),
        decimal(
            "flue_o2_pct",
            t("Flue-gas O₂ (dry)", "烟气含氧量（干基）"),
            "%",
            maximum=21,
            required=True,
            constraints=(
                Rule("value < 21", t("Flue gas O₂ must be below 21 % (air).", "烟气含氧量应低于21%（空气）。")),
            ),
        ),
        decimal(
            "flue_co_mg_per_m3",
            t("Flue-gas CO", "烟气CO浓度"),
            "mg/m³",
            warnings=(
                Rule(
                    "value <= 2500",
                    t(
                        "CO above 2 500 mg/m³: incomplete combustion or a bad reading.",
                        "CO高于2500 mg/m³：燃烧不完全或读数有误。",
                    ),
                ),
            ),
        ),
        decimal(
            "flue_temperature_c", t("Flue-gas temperature", "排烟温度"), "°C", minimum=20, maximum=1500, required=True
        ),
        decimal(
            "combustion_air_temperature_c",
            t("Combustion-air temperature", "助燃空气温度"),
            "°C",
            minimum=-30,
            maximum=900,
            required=True,
        ),
        decimal("fuel_flow", t("Fuel flow (sub-meter)", "燃料流量（分表）"), minimum=0, unit_field="fuel_flow_unit"),
        choice("fuel_flow_unit", t("Fuel flow unit", "燃料流量单位"), FUEL_UNITS, default="m3/h"),
        text("instrument", t("Flue-gas analyser (make, serial)", "烟气分析仪（型号、编号）")),
    ),
)
