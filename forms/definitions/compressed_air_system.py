"""A compressed-air system: set points, end-use pressure needs, measured flow and the leak survey or test."""

from forms.common import boolean, c, choice, decimal, integer, reference, text
from forms.spec import FormSpec, RepeatSpec, Rule, t

LEAK_METHODS = (
    c("orifice_survey", "Leak survey (hole sizes)", "泄漏点普查（孔径）"),
    c("ultrasonic", "Ultrasonic survey (estimated flow per leak)", "超声波检漏（估算单点流量）"),
    c("pump_down", "Pump-down test (no production)", "停产保压/压降试验"),
    c("load_unload", "Load/unload test (no production)", "停产加卸载试验"),
    c("not_tested", "Not tested", "未测试"),
)

PRESSURE_HELP = t("Gauge pressure, MPa (0.7 MPa ≈ 7 bar).", "表压，MPa（0.7 MPa ≈ 7 bar）。")

FORM = FormSpec(
    id="compressed_air_system",
    version=1,
    label=t("Compressed-air systems", "压缩空气系统"),
    group="measurements",
    order=31,
    title_field="name",
    description=t(
        "One record per compressor station and the network it feeds: what pressure it makes, what the end uses "
        "need, how much air flows, and how much leaks.",
        "每个空压站及其管网一条记录：供气压力、用气端所需压力、实测流量与泄漏量。",
    ),
    fields=(
        text("name", t("System / station", "系统/空压站名称"), required=True),
        reference(
            "main_compressor",
            t("Main compressor", "主力空压机"),
            ("air_compressor",),
            help=t(
                "The compressor that trims the system (its control decides how leaks turn into power).",
                "承担调节的空压机（其调节方式决定泄漏减少能节省多少电）。",
            ),
        ),
        decimal(
            "load_pressure_mpa",
            t("Load (cut-in) set point", "加载压力设定"),
            "MPa",
            positive=True,
            maximum=4.0,
            help=PRESSURE_HELP,
        ),
        decimal(
            "unload_pressure_mpa",
            t("Unload (cut-out) set point", "卸载压力设定"),
            "MPa",
            positive=True,
            maximum=4.0,
            help=PRESSURE_HELP,
            warnings=(
                Rule(
                    "load_pressure_mpa is None or value >= load_pressure_mpa",
                    t(
                        "The unload pressure is below the load pressure; check the set points.",
                        "卸载压力低于加载压力，请核对设定值。",
                    ),
                ),
            ),
        ),
        decimal(
            "header_pressure_mpa", t("Measured header pressure", "实测总管压力"), "MPa", positive=True, maximum=4.0
        ),
        decimal(
            "measured_flow_m3_per_min",
            t("Measured average flow", "实测平均供气量"),
            "m³/min",
            positive=True,
            help=t(
                "Free air, averaged over a production day (flow meter or compressor log).",
                "自由空气量，按一个生产日平均（流量计或空压机记录）。",
            ),
        ),
        decimal("measured_input_kw", t("Measured station input power", "实测空压站输入功率"), "kW", minimum=0),
        decimal("annual_hours", t("Annual operating hours", "年运行小时数"), "h", maximum=8784),
        choice("leak_method", t("Leak quantification", "泄漏量测定方法"), LEAK_METHODS, default="not_tested"),
        decimal(
            "system_volume_m3",
            t("Receiver and pipe volume", "储气罐与管网容积"),
            "m³",
            positive=True,
            relevant="leak_method == 'pump_down'",
        ),
        decimal(
            "pump_down_start_mpa",
            t("Pressure at start", "起始压力"),
            "MPa",
            positive=True,
            relevant="leak_method == 'pump_down'",
        ),
        decimal(
            "pump_down_end_mpa",
            t("Pressure at end", "结束压力"),
            "MPa",
            minimum=0,
            relevant="leak_method == 'pump_down'",
            constraints=(
                Rule(
                    "pump_down_start_mpa is None or value < pump_down_start_mpa",
                    t("The end pressure must be below the start pressure.", "结束压力应低于起始压力。"),
                ),
            ),
        ),
        decimal(
            "pump_down_minutes", t("Duration", "持续时间"), "min", positive=True, relevant="leak_method == 'pump_down'"
        ),
        decimal(
            "test_loaded_s",
            t("Loaded time in the test", "试验中加载时间"),
            "s",
            positive=True,
            relevant="leak_method == 'load_unload'",
        ),
        decimal(
            "test_unloaded_s",
            t("Unloaded time in the test", "试验中卸载时间"),
            "s",
            minimum=0,
            relevant="leak_method == 'load_unload'",
        ),
        boolean("heat_recovery_installed", t("Compressor heat already recovered", "已有空压机余热回收")),
        text(
            "heat_use",
            t("Possible use for recovered heat", "余热可用途径"),
            help=t("Boiler feed water, washing, space heating …", "锅炉补水预热、清洗用热水、采暖等。"),
        ),
    ),
    repeats=(
        RepeatSpec(
            "end_uses",
            t("End uses and the pressure they need", "用气端及所需压力"),
            (
                text("end_use", t("End use", "用气设备/工序"), required=True),
                decimal(
                    "required_pressure_mpa",
                    t("Pressure needed at the machine", "设备所需压力"),
                    "MPa",
                    positive=True,
                    maximum=4.0,
                    required=True,
                ),
                decimal("flow_m3_per_min", t("Flow", "用气量"), "m³/min", minimum=0),
            ),
            title_field="end_use",
        ),
        RepeatSpec(
            "leaks",
            t("Leak survey", "泄漏点"),
            (
                text("location", t("Where", "位置")),
                decimal("hole_diameter_mm", t("Hole diameter", "泄漏孔径"), "mm", positive=True, maximum=25),
                integer("count", t("Number of such leaks", "同类泄漏点数"), minimum=1, default=1, required=True),
                decimal("pressure_mpa", t("Line pressure", "管线压力"), "MPa", positive=True, maximum=4.0),
                decimal(
                    "estimated_flow_m3_per_min",
                    t("Estimated flow per leak (ultrasonic)", "单点估算泄漏量（超声波）"),
                    "m³/min",
                    positive=True,
                ),
                boolean("repaired", t("Repaired during the visit", "现场已修复")),
            ),
            title_field="location",
        ),
    ),
)
