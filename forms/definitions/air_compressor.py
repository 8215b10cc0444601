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

# How the delivered flow was measured: GB 19153-2019 specific power is input power over the flow the
# machine actually delivers (free air delivery at its inlet conditions), not the nameplate flow.
FLOW_TEST_METHODS = (
    c("flow_meter", "Flow meter at the discharge", "排气口流量计实测"),
    c("pump_up", "Receiver pump-up test", "储气罐充气法"),
    c("test_sheet", "Test sheet of this machine (acceptance / recent test)", "本机测试报告（验收或近期检测）"),
    c("other", "Other", "其他"),
)

COMPRESSOR_CONTROL = (
    c("load_unload", "Load / unload", "加卸载"),
    c("modulation", "Inlet modulation", "进气调节"),
    c("vsd", "Variable speed", "变频"),
    c("start_stop", "Start / stop", "启停控制"),
)

FORM = FormSpec(
    id="air_compressor",
    version=2,
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
            "measured_free_air_delivery_m3_per_min",
            t("Measured free air delivery", "实测容积流量"),
            "m³/min",
            positive=True,
            help=t(
                "The flow the machine delivers now, converted to its inlet conditions. A worn compressor delivers less "
                "than its nameplate, which is what its specific power must show (GB 19153-2019).",
                "压缩机当前实际排气量（折算到进气状态）。磨损的压缩机排气量低于铭牌值，比功率应反映这一点（GB 19153-2019）。",
            ),
            warnings=(
                Rule(
                    "free_air_delivery_m3_per_min is None or value <= free_air_delivery_m3_per_min * 1.1",
                    t(
                        "The measured flow is more than 10 % above the rated flow; check the unit and the conversion to inlet conditions.",
                        "实测流量比额定流量高10%以上，请核实单位及进气状态折算。",
                    ),
                ),
            ),
        ),
        choice(
            "flow_test_method",
            t("Flow measured by", "流量测试方法"),
            FLOW_TEST_METHODS,
            relevant="present(measured_free_air_delivery_m3_per_min)",
            required=True,
        ),
        decimal(
            "flow_test_pressure_mpa",
            t("Discharge pressure during the flow test (gauge)", "流量测试时排气压力（表压）"),
            "MPa",
            positive=True,
            maximum=4.0,
            relevant="present(measured_free_air_delivery_m3_per_min)",
            required=True,
        ),
        decimal(
            "flow_test_inlet_temperature_c",
            t("Inlet air temperature during the flow test", "流量测试时进气温度"),
            "°C",
            minimum=-30,
            maximum=60,
            relevant="present(measured_free_air_delivery_m3_per_min)",
        ),
        decimal(
            "input_specific_power",
            t("Specific power from measured input and flow", "按实测输入功率与实测流量计算的比功率"),
            "kW/(m³/min)",
            minimum=0,
            calculation="measured_input_kw / measured_free_air_delivery_m3_per_min",
            help=t(
                "Measured loaded input power ÷ measured free air delivery (GB 19153-2019). Without a measured flow it stays "
                "empty: dividing by the rated flow would hide a worn machine. A measured specific power is used first.",
                "实测加载输入功率 ÷ 实测容积流量（GB 19153-2019）。无实测流量时不计算：除以额定流量会掩盖压缩机磨损。"
                "有实测比功率时优先采用实测值。",
            ),
        ),
        decimal(
            "nameplate_specific_power",
            t("Specific power on the energy label or test sheet", "能效标识或出厂检测报告上的比功率"),
            "kW/(m³/min)",
            positive=True,
            help=t(
                "Used only when nothing was measured; the grade is then labelled as from nameplate data.",
                "仅在无实测数据时采用，此时等级注明为按铭牌数据评定。",
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
