"""Air compressors: type, pressure, free air delivery and power for GB 19153-2019 specific power."""

from forms.common import c, choice, decimal, equipment_fields, rated_power
from forms.spec import FormSpec, Rule, t

COMPRESSOR_TYPES = (
    c("oil_injected_screw", "Oil-injected rotary screw", "喷油螺杆式"),
    c("oil_free_screw", "Oil-free screw", "无油螺杆式"),
    c("piston", "Reciprocating piston", "活塞式"),
    c("scroll", "Scroll", "涡旋式"),
    c("centrifugal", "Centrifugal", "离心式"),
    c("other", "Other", "其他"),
)

COOLING = (c("air", "Air-cooled", "风冷"), c("liquid", "Liquid-cooled", "水冷/液冷"))

COMPRESSOR_CONTROL = (
    c("load_unload", "Load / unload", "加卸载"),
    c("modulation", "Inlet modulation", "进气调节"),
    c("vsd", "Variable speed", "变频"),
    c("start_stop", "Start / stop", "启停控制"),
)

FORM = FormSpec(
    id="air_compressor",
    version=1,
    label=t("Air compressors", "空气压缩机"),
    group="equipment",
    order=23,
    title_field="tag",
    fields=(
        *equipment_fields("空压机"),
        choice("compressor_type", t("Compressor type", "压缩机类型"), COMPRESSOR_TYPES, required=True),
        rated_power(),
        decimal(
            "rated_pressure_mpa",
            t("Rated discharge pressure (gauge)", "额定排气压力（表压）"),
            "MPa",
            positive=True,
            maximum=4.0,
            required=True,
        ),
        decimal(
            "free_air_delivery_m3_per_min",
            t("Free air delivery", "容积流量（排气量）"),
            "m³/min",
            positive=True,
            required=True,
        ),
        choice("cooling", t("Cooling", "冷却方式"), COOLING, required=True),
        choice("control", t("Capacity control", "容量调节方式"), COMPRESSOR_CONTROL, required=True),
        decimal("measured_input_kw", t("Measured input power (loaded)", "实测输入功率（加载）"), "kW", minimum=0),
        decimal(
            "measured_specific_power",
            t("Measured specific power", "实测比功率"),
            "kW/(m³/min)",
            positive=True,
            warnings=(
                Rule(
                    "value <= 15",
                    t(
                        "Specific power above 15 kW/(m³/min) is very unusual; check flow and power.",
                        "比功率高于15 kW/(m³/min)，请核实流量与功率。",
                    ),
                ),
            ),
        ),
        decimal(
            "input_specific_power",
            t("Specific power from measured input", "按实测输入功率计算的比功率"),
            "kW/(m³/min)",
            minimum=0,
            calculation="measured_input_kw / free_air_delivery_m3_per_min",
            help=t(
                "Measured loaded input power ÷ rated free air delivery; a measured specific power is used first.",
                "实测加载输入功率 ÷ 额定容积流量；有实测比功率时优先采用实测值。",
            ),
        ),
        decimal("loaded_time_pct", t("Loaded time share", "加载率"), "%", maximum=100),
        decimal(
            "operating_pressure_mpa",
            t("Operating pressure (gauge)", "实际运行压力（表压）"),
            "MPa",
            positive=True,
            maximum=4.0,
        ),
    ),
)
