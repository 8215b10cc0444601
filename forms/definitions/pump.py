"""Pumps: duty, nameplate and measured data for GB 19762 grading and flow-control measures."""

from forms.common import (
    FLOW_CONTROL_METHODS,
    LOAD_FACTOR,
    c,
    choice,
    decimal,
    equipment_fields,
    integer,
    rated_power,
    text,
)
from forms.spec import FormSpec, t

PUMP_TYPES = (
    c("single_stage_single_suction", "Single-stage single-suction centrifugal", "单级单吸离心泵"),
    c("single_stage_double_suction", "Single-stage double-suction centrifugal", "单级双吸离心泵"),
    c("multistage", "Multistage centrifugal", "多级离心泵"),
    c("submersible", "Submersible", "潜水泵"),
    c("inline", "In-line (pipeline) pump", "管道泵"),
    c("other", "Other", "其他"),
)

FORM = FormSpec(
    id="pump",
    version=1,
    label=t("Pumps", "水泵"),
    group="equipment",
    order=21,
    title_field="tag",
    fields=(
        *equipment_fields("水泵"),
        choice("pump_type", t("Pump type", "水泵类型"), PUMP_TYPES, required=True),
        text("medium", t("Medium pumped", "输送介质")),
        rated_power(),
        decimal("rated_flow_m3_per_h", t("Rated flow", "额定流量"), "m³/h", positive=True, required=True),
        decimal("rated_head_m", t("Rated head", "额定扬程"), "m", positive=True, required=True),
        integer("rated_speed_rpm", t("Rated speed", "额定转速"), "r/min", minimum=100, maximum=10000),
        decimal(
            "nameplate_efficiency_pct",
            t("Pump efficiency (nameplate)", "水泵效率（铭牌）"),
            "%",
            positive=True,
            maximum=100,
        ),
        choice("control_method", t("Flow control", "流量调节方式"), FLOW_CONTROL_METHODS, required=True),
        integer("stages", t("Number of stages", "级数"), minimum=1, maximum=30, relevant="pump_type == 'multistage'"),
        decimal("measured_flow_m3_per_h", t("Measured flow", "实测流量"), "m³/h", minimum=0),
        decimal("measured_head_m", t("Measured head", "实测扬程"), "m", minimum=0),
        decimal("measured_input_kw", t("Measured input power", "实测输入功率"), "kW", minimum=0),
        LOAD_FACTOR,
    ),
)
