"""Electric motors: nameplate and operating data needed for GB 18613-2020 grading and savings."""

from forms.common import (
    CONTROL_METHODS,
    LOAD_FACTOR,
    LOAD_TYPES,
    c,
    choice,
    decimal,
    equipment_fields,
    integer,
    rated_power,
)
from forms.spec import FormSpec, Rule, t

EFFICIENCY_CLASSES = (
    c("grade_1", "GB 18613 grade 1", "1级能效"),
    c("grade_2", "GB 18613 grade 2", "2级能效"),
    c("grade_3", "GB 18613 grade 3", "3级能效"),
    c("IE1", "IE1", "IE1"),
    c("IE2", "IE2", "IE2"),
    c("IE3", "IE3", "IE3"),
    c("IE4", "IE4", "IE4"),
    c("IE5", "IE5", "IE5"),
    c("unknown", "Not stated", "铭牌未标注"),
)

MOTOR_TYPES = (
    c("induction_lv", "Three-phase induction, ≤1000 V", "三相异步电动机（≤1000 V）"),
    c("induction_hv", "High-voltage induction", "高压异步电动机"),
    c("permanent_magnet", "Permanent-magnet synchronous", "永磁同步电动机"),
    c("other", "Other", "其他"),
)

FORM = FormSpec(
    id="motor",
    version=1,
    label=t("Motors", "电动机"),
    group="equipment",
    order=20,
    title_field="tag",
    fields=(
        *equipment_fields("电动机"),
        choice("motor_type", t("Motor type", "电机类型"), MOTOR_TYPES, default="induction_lv", required=True),
        rated_power(),
        integer(
            "poles",
            t("Poles", "极数"),
            minimum=2,
            maximum=12,
            constraints=(
                Rule(
                    "value % 2 == 0",
                    t("A motor has an even number of poles (2, 4, 6, 8 …).", "电机极数应为偶数（2、4、6、8…）。"),
                ),
            ),
        ),
        integer("rated_speed_rpm", t("Rated speed", "额定转速"), "r/min", minimum=100, maximum=3600),
        decimal("rated_voltage_v", t("Rated voltage", "额定电压"), "V", positive=True, maximum=20000),
        decimal("rated_current_a", t("Rated current", "额定电流"), "A", positive=True),
        decimal(
            "nameplate_efficiency_pct",
            t("Nameplate efficiency", "铭牌效率"),
            "%",
            positive=True,
            maximum=100,
            warnings=(
                Rule(
                    "value >= 60",
                    t(
                        "A motor efficiency below 60 % is unusual; check the nameplate.",
                        "电机效率低于60%，请核对铭牌。",
                    ),
                ),
            ),
        ),
        choice(
            "efficiency_class",
            t("Efficiency grade / IE class", "能效等级/IE等级"),
            EFFICIENCY_CLASSES,
            default="unknown",
        ),
        choice("driven_load", t("Driven load", "拖动负载"), LOAD_TYPES, required=True),
        choice("control_method", t("Control method", "控制方式"), CONTROL_METHODS, required=True),
        LOAD_FACTOR,
        decimal("measured_input_kw", t("Measured input power", "实测输入功率"), "kW", minimum=0),
        integer("rewinds", t("Times rewound", "重绕次数"), minimum=0, maximum=20),
    ),
)
