"""Water sources of the enterprise and their annual quantities (bills, abstraction permits)."""

from forms.common import DATA_SOURCES, c, choice, decimal, text
from forms.spec import FormSpec, t

SOURCE_TYPES = (
    c("tap", "Tap (municipal) water", "自来水"),
    c("groundwater", "Self-supplied groundwater", "自备井地下水"),
    c("surface_water", "Self-supplied surface water", "自取地表水"),
    c("reclaimed", "Purchased reclaimed water", "外购再生水"),
    c("rainwater", "Harvested rainwater", "雨水"),
    c("other_nonconventional", "Other non-conventional water", "其他非常规水"),
)

# Source types counted as non-conventional water (GB/T 7119 非常规水资源: reclaimed, rain, sea, mine water).
NONCONVENTIONAL_TYPES = ("reclaimed", "rainwater", "other_nonconventional")

FORM = FormSpec(
    id="water_source",
    version=1,
    label=t("Water sources", "水源"),
    group="water",
    order=40,
    title_field="name",
    fields=(
        text("name", t("Source name", "水源名称"), required=True),
        choice("source_type", t("Source type", "水源类型"), SOURCE_TYPES, required=True),
        decimal(
            "annual_quantity_m3",
            t("Annual quantity", "年取水量"),
            "m³",
            minimum=0,
            required=True,
            help=t(
                "Quantity taken in the audit year, from bills or the abstraction record.",
                "审计年度取水量，取自水费账单或取水台账。",
            ),
        ),
        choice("data_source", t("Source of the figure", "数据来源"), DATA_SOURCES, default="bill"),
        text(
            "permit_number",
            t("Abstraction permit no.", "取水许可证号"),
            relevant="source_type in ('groundwater', 'surface_water')",
        ),
        decimal(
            "permitted_m3_per_year",
            t("Permitted abstraction", "许可取水量"),
            "m³/a",
            minimum=0,
            relevant="source_type in ('groundwater', 'surface_water')",
        ),
        decimal("price_yuan_per_m3", t("Water price", "水价"), "yuan/m³", minimum=0),
    ),
)
