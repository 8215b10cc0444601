"""Field builders and choice lists shared by several form definitions."""

from __future__ import annotations

from forms.spec import Choice, FieldSpec, FieldType, Rule, Text, t


def decimal(
    name: str,
    label: Text,
    unit: str | None = None,
    *,
    minimum: float | None = 0.0,
    maximum: float | None = None,
    positive: bool = False,
    **options: object,
) -> FieldSpec:
    return FieldSpec(
        name,
        FieldType.DECIMAL,
        label,
        unit=unit,
        minimum=minimum,
        maximum=maximum,
        minimum_exclusive=positive,
        **options,  # type: ignore[arg-type]
    )


def integer(
    name: str,
    label: Text,
    unit: str | None = None,
    *,
    minimum: float | None = 0,
    maximum: float | None = None,
    **options: object,
) -> FieldSpec:
    return FieldSpec(name, FieldType.INTEGER, label, unit=unit, minimum=minimum, maximum=maximum, **options)  # type: ignore[arg-type]


def text(name: str, label: Text, **options: object) -> FieldSpec:
    return FieldSpec(name, FieldType.TEXT, label, **options)  # type: ignore[arg-type]


def choice(name: str, label: Text, choices: tuple[Choice, ...], **options: object) -> FieldSpec:
    return FieldSpec(name, FieldType.CHOICE, label, choices=choices, **options)  # type: ignore[arg-type]


def multi_choice(name: str, label: Text, choices: tuple[Choice, ...], **options: object) -> FieldSpec:
    return FieldSpec(name, FieldType.MULTI_CHOICE, label, choices=choices, **options)  # type: ignore[arg-type]


def date(name: str, label: Text, **options: object) -> FieldSpec:
    return FieldSpec(name, FieldType.DATE, label, **options)  # type: ignore[arg-type]


def datetime(name: str, label: Text, **options: object) -> FieldSpec:
    return FieldSpec(name, FieldType.DATETIME, label, **options)  # type: ignore[arg-type]


def boolean(name: str, label: Text, **options: object) -> FieldSpec:
    return FieldSpec(name, FieldType.BOOLEAN, label, **options)  # type: ignore[arg-type]


def photo(name: str, label: Text, **options: object) -> FieldSpec:
    return FieldSpec(name, FieldType.PHOTO, label, **options)  # type: ignore[arg-type]


def reference(name: str, label: Text, targets: tuple[str, ...], **options: object) -> FieldSpec:
    return FieldSpec(name, FieldType.REFERENCE, label, references=targets, **options)  # type: ignore[arg-type]


def c(code: str, en: str, zh: str, *units: str, retired: bool = False) -> Choice:
    return Choice(code, Text(en, zh), retired=retired, units=units)


MONTH = text(
    "month",
    t("Month", "月份"),
    required=True,
    validator="year_month",
    help=t("Calendar month the quantity belongs to, as YYYY-MM.", "数量所属的自然月，格式 YYYY-MM。"),
)

DATA_SOURCES = (
    c("bill", "Bill / invoice", "账单/发票"),
    c("meter", "Meter reading", "计量表读数"),
    c("ledger", "Energy ledger", "能源台账"),
    c("estimate", "Estimate", "估算"),
)

EQUIPMENT_STATUS = (
    c("running", "In service", "在用"),
    c("standby", "Standby", "备用"),
    c("idle", "Idle", "闲置"),
    c("retired", "Out of service", "停用/待报废"),
)

LOAD_TYPES = (
    c("pump", "Pump", "水泵"),
    c("fan", "Fan", "风机"),
    c("compressor", "Compressor", "压缩机"),
    c("conveyor", "Conveyor", "输送机"),
    c("mixer", "Mixer / agitator", "搅拌机"),
    c("textile_machine", "Textile machine", "纺织/印染机械"),
    c("machine_tool", "Machine tool", "机床"),
    c("other", "Other", "其他"),
)

CONTROL_METHODS = (
    c("direct", "Direct on line", "直接启动"),
    c("star_delta", "Star-delta", "星三角"),
    c("soft_starter", "Soft starter", "软启动"),
    c("vfd", "Variable-frequency drive", "变频调速"),
    c("throttle", "Throttling valve / damper", "阀门/挡板节流"),
    c("other", "Other", "其他"),
)

# Pumps and fans: the motor's control methods plus the ways a flow is controlled without changing speed.
FLOW_CONTROL_METHODS = (
    *CONTROL_METHODS,
    c("bypass", "Bypass / recirculation to suction", "旁通/回流调节"),
    c("on_off", "On/off cycling (tank or pressure switch)", "启停控制（液位/压力开关）"),
)


def equipment_fields(kind_zh: str) -> tuple[FieldSpec, ...]:
    """Identification fields every piece of equipment has (tag, place, nameplate, photo)."""
    return (
        text(
            "tag",
            t("Equipment tag", "设备编号"),
            required=True,
            help=t("The plant's own number, painted or labelled on the equipment.", f"企业对该{kind_zh}的编号。"),
        ),
        text("name", t("Name / duty", "名称/用途")),
        text("location", t("Location (workshop, line)", "安装位置（车间、产线）"), required=True),
        text("manufacturer", t("Manufacturer", "制造商")),
        text(
            "model",
            t("Model", "型号"),
            help=t(
                "Exact model as on the nameplate; series are checked against outdated-equipment catalogues.",
                "按铭牌填写完整型号，用于核对淘汰目录。",
            ),
        ),
        integer("year_made", t("Year made", "出厂年份"), minimum=1950, maximum=2100),
        integer("quantity", t("Quantity (identical units)", "数量（同型号台数）"), minimum=1, default=1, required=True),
        choice("status", t("Status", "运行状态"), EQUIPMENT_STATUS, default="running", required=True),
        decimal("annual_operating_hours", t("Annual operating hours", "年运行小时数"), "h", maximum=8784),
        photo("nameplate_photo", t("Nameplate photo", "铭牌照片")),
    )


LOAD_FACTOR = decimal(
    "load_factor_pct",
    t("Load factor", "负载率"),
    "%",
    maximum=150,
    warnings=(
        Rule(
            "value >= 20",
            t("A load factor below 20 % is unusual; check the measurement.", "负载率低于20%，请核实测量值。"),
        ),
    ),
    help=t("Average load as a percentage of rated output.", "平均负载占额定输出的百分比。"),
)


# A rated power must be positive; motors larger than 10 MW are not low-voltage plant motors.
def rated_power(maximum_kw: float = 10000.0) -> FieldSpec:
    return decimal(
        "rated_power_kw",
        t("Rated power", "额定功率"),
        "kW",
        positive=True,
        maximum=maximum_kw,
        required=True,
    )
