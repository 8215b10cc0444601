"""Readings of water meters during the test: cumulative registers or instantaneous flows."""

from forms.common import boolean, datetime, decimal, reference, text
from forms.spec import FormSpec, t

FORM = FormSpec(
    id="water_reading",
    version=1,
    label=t("Meter readings", "水表读数"),
    group="water",
    order=44,
    title_field="read_at",
    fields=(
        reference("meter", t("Meter", "水表"), ("water_meter",), required=True),
        datetime("read_at", t("Read at", "读数时间"), required=True),
        decimal(
            "value",
            t("Reading", "读数"),
            minimum=0,
            required=True,
            help=t(
                "m³ for cumulative registers, m³/h for flows (as set on the meter).",
                "累计读数为 m³，瞬时流量为 m³/h（按水表设置）。",
            ),
        ),
        boolean(
            "register_reset",
            t("Meter replaced or reset before this reading", "本次读数前已换表或回零"),
            default=False,
            help=t(
                "Counting starts again from this reading; the water between the previous reading and this one is unknown.",
                "从本次读数重新起算；上次读数与本次读数之间的水量未知。",
            ),
        ),
        text("reader", t("Read by", "读表人")),
        text("remarks", t("Remarks", "备注")),
    ),
)
