"""Readings of water meters during the test: cumulative readings or instantaneous flows."""

from forms.common import c, choice, datetime, decimal, reference, text
from forms.spec import FormSpec, t

READING_KINDS = (
    c("cumulative", "Cumulative register", "累计读数"),
    c("flow_rate", "Instantaneous flow", "瞬时流量"),
)

FORM = FormSpec(
    id="water_reading",
    version=1,
    label=t("Meter readings", "水表读数"),
    group="water",
    order=43,
    title_field="read_at",
    fields=(
        reference("meter", t("Meter", "水表"), ("water_meter",), required=True),
        datetime("read_at", t("Read at", "读数时间"), required=True),
        choice("reading_kind", t("Reading kind", "读数类型"), READING_KINDS, default="cumulative", required=True),
        decimal("value", t("Reading", "读数"), minimum=0, required=True, help=t("m³ for cumulative readings, m³/h for flows.", "累计读数为m³，瞬时流量为m³/h。")),
        text("reader", t("Read by", "读表人")),
        text("remarks", t("Remarks", "备注")),
    ),
)
