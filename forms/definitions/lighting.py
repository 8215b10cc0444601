"""Lighting: lamp type, wattage, number and hours for lighting retrofit savings."""

from forms.common import c, choice, decimal, equipment_fields
from forms.spec import FormSpec, t

LAMP_TYPES = (
    c("led", "LED", "LED"),
    c("t8_fluorescent", "T8 fluorescent", "T8荧光灯"),
    c("t5_fluorescent", "T5 fluorescent", "T5荧光灯"),
    c("metal_halide", "Metal halide", "金属卤化物灯"),
    c("high_pressure_sodium", "High-pressure sodium", "高压钠灯"),
    c("mercury", "Mercury vapour", "高压汞灯"),
    c("incandescent", "Incandescent / halogen", "白炽灯/卤素灯"),
    c("cfl", "Compact fluorescent", "紧凑型荧光灯"),
)

LIGHTING_CONTROL = (
    c("manual", "Manual switch", "手动开关"),
    c("timer", "Timer", "定时"),
    c("sensor", "Occupancy / daylight sensor", "感应/光控"),
)

FORM = FormSpec(
    id="lighting",
    version=1,
    label=t("Lighting", "照明"),
    group="equipment",
    order=26,
    title_field="tag",
    fields=(
        *equipment_fields("照明"),
        choice("lamp_type", t("Lamp type", "光源类型"), LAMP_TYPES, required=True),
        decimal(
            "lamp_power_w",
            t("Power per fitting (incl. ballast)", "单灯功率（含镇流器）"),
            "W",
            positive=True,
            maximum=5000,
            required=True,
        ),
        choice("control", t("Control", "控制方式"), LIGHTING_CONTROL, default="manual"),
        decimal("measured_illuminance_lx", t("Measured illuminance", "实测照度"), "lx", minimum=0),
    ),
)
