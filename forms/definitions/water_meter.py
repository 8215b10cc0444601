"""Water meters at unit inlets, outlets and recycle lines (GB/T 24789 metering)."""

from forms.common import c, choice, date, decimal, reference, text
from forms.spec import FormSpec, t

POSITIONS = (
    c("inlet", "Inlet (new water)", "进水（新水）"),
    c("recycle", "Recycle / reuse line", "循环/回用水"),
    c("outlet", "Outlet (discharge)", "排水"),
    c("source", "Source intake", "水源取水口"),
)

METER_TYPES = (
    c("mechanical", "Mechanical water meter", "机械水表"),
    c("electromagnetic", "Electromagnetic flowmeter", "电磁流量计"),
    c("ultrasonic", "Ultrasonic (clamp-on)", "超声波流量计"),
    c("other", "Other", "其他"),
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
        reference("source", t("Source metered", "所计量水源"), ("water_source",), relevant="position == 'source'"),
        choice("position", t("Position", "安装位置"), POSITIONS, required=True),
        choice("meter_type", t("Meter type", "计量器具类型"), METER_TYPES, required=True),
        decimal("nominal_size_mm", t("Nominal size DN", "公称口径 DN"), "mm", positive=True, maximum=3000),
        decimal("accuracy_class", t("Accuracy class", "准确度等级"), positive=True, maximum=5),
        date("calibration_date", t("Calibrated on", "检定日期")),
        text("location", t("Location", "安装地点")),
    ),
)
