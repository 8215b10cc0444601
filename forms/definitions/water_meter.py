"""Water meters at unit inlets, outlets and recycle lines (GB/T 24789 metering)."""

from forms.common import c, choice, date, decimal, reference, text
from forms.spec import FormSpec, Rule, t

POSITIONS = (
    c("inlet", "Inlet (new water, Vf)", "进水（新水 Vf）"),
    c("recycle", "Recycle / reuse line (Vr)", "循环/回用水（Vr）"),
    c("outlet", "Outlet (discharge, Vd)", "排水（Vd）"),
    c("source", "Source intake (new water from a source)", "水源取水口（新水）"),
)

METER_TYPES = (
    c("mechanical", "Mechanical water meter", "机械水表"),
    c("electromagnetic", "Electromagnetic flowmeter", "电磁流量计"),
    c("ultrasonic", "Ultrasonic (clamp-on)", "超声波流量计"),
    c("other", "Other", "其他"),
)

READING_KINDS = (
    c("cumulative", "Cumulative register (m³)", "累计读数（m³）"),
    c("flow_rate", "Instantaneous flow (m³/h)", "瞬时流量（m³/h）"),
)

FORM = FormSpec(
    id="water_meter",
    version=1,
    label=t("Water meters", "水计量器具"),
    group="water",
    order=42,
    title_field="meter_number",
    fields=(
        text("meter_number", t("Meter number", "水表编号"), required=True),
        reference("unit", t("Unit metered", "所属用水单元"), ("water_unit",), required=True),
        choice("position", t("Position", "安装位置"), POSITIONS, required=True),
        reference(
            "source",
            t("Source metered", "所计量水源"),
            ("water_source",),
            relevant="position == 'source'",
            required=True,
        ),
        choice("meter_type", t("Meter type", "计量器具类型"), METER_TYPES, required=True),
        choice(
            "reading_kind",
            t("Read as", "读数方式"),
            READING_KINDS,
            default="cumulative",
            required=True,
            help=t(
                "Cumulative registers give daily quantities as differences; flows are averaged per day and multiplied by the hours of use.",
                "累计读数按差值得到日水量；瞬时流量按日平均值乘以日运行小时数。",
            ),
        ),
        decimal(
            "operating_hours_per_day",
            t("Hours of flow per day", "日运行小时数"),
            "h/d",
            positive=True,
            maximum=24,
            default=24.0,
            required=True,
            relevant="reading_kind == 'flow_rate'",
        ),
        decimal("nominal_size_mm", t("Nominal size DN", "公称口径 DN"), "mm", positive=True, maximum=3000),
        decimal(
            "accuracy_class",
            t("Accuracy class", "准确度等级"),
            positive=True,
            maximum=5,
            warnings=(
                Rule(
                    "value <= 2.5",
                    t(
                        "Water meters are normally class 1 or 2; check the nameplate.",
                        "水表准确度等级通常为1级或2级，请核对铭牌。",
                    ),
                ),
            ),
        ),
        date("calibration_date", t("Calibrated on", "检定日期")),
        text("location", t("Location", "安装地点")),
    ),
)
