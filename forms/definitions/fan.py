"""Fans: type, duty and efficiency data for GB 19761-2020 grading."""

from forms.common import FLOW_CONTROL_METHODS, LOAD_FACTOR, c, choice, decimal, equipment_fields, integer, rated_power
from forms.spec import FormSpec, t

FAN_TYPES = (
    c("centrifugal", "Centrifugal", "离心式"),
    c("axial", "Axial", "轴流式"),
    c("mixed_flow", "Mixed flow", "斜流式"),
    c("other", "Other", "其他"),
)

FORM = FormSpec(
    id="fan",
    version=1,
    label=t("Fans", "风机"),
    group="equipment",
    order=22,
    title_field="tag",
    fields=(
        *equipment_fields("风机"),
        choice("fan_type", t("Fan type", "风机类型"), FAN_TYPES, required=True),
        rated_power(),
        decimal("rated_flow_m3_per_h", t("Rated air flow", "额定风量"), "m³/h", positive=True),
        decimal("rated_pressure_pa", t("Rated total pressure", "额定全压"), "Pa", positive=True),
        decimal("machine_number", t("Machine number (No.)", "机号（No.）"), positive=True, maximum=40),
        integer("rated_speed_rpm", t("Rated speed", "额定转速"), "r/min", minimum=100, maximum=10000),
        decimal(
            "nameplate_efficiency_pct",
            t("Fan efficiency (nameplate)", "风机效率（铭牌）"),
            "%",
            positive=True,
            maximum=100,
        ),
        choice("control_method", t("Flow control", "风量调节方式"), FLOW_CONTROL_METHODS, required=True),
        decimal(
            "pressure_coefficient",
            t("Pressure coefficient ψ", "压力系数 ψ"),
            positive=True,
            maximum=2,
            help=t(
                "From the maker's performance data; needed for GB 19761-2020 grading.",
                "取自厂家性能资料，GB 19761-2020 评级需要。",
            ),
        ),
        decimal("specific_speed", t("Specific speed n_s", "比转速 n_s"), positive=True, maximum=200),
        decimal(
            "hub_ratio",
            t("Hub ratio γ (axial fans)", "轮毂比 γ（轴流风机）"),
            positive=True,
            maximum=1,
            relevant="fan_type == 'axial'",
        ),
        decimal("measured_input_kw", t("Measured input power", "实测输入功率"), "kW", minimum=0),
        LOAD_FACTOR,
    ),
)
