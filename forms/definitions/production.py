"""Monthly production by product, the denominator of unit-product indicators."""

from forms.common import DATA_SOURCES, MONTH, choice, decimal, text
from forms.spec import FormSpec, t

FORM = FormSpec(
    id="production",
    version=1,
    label=t("Production (monthly)", "产品产量（月度）"),
    group="energy",
    order=11,
    title_field="product_name",
    fields=(
        MONTH,
        text(
            "product_name",
            t("Product", "产品名称"),
            required=True,
            help=t("Use the same name as in the enterprise's main products.", "与企业概况中的主要产品名称一致。"),
        ),
        decimal("quantity", t("Output", "产量"), minimum=0, required=True, unit_field="unit"),
        text("unit", t("Unit", "计量单位"), required=True),
        decimal("output_value_10k_yuan", t("Output value", "产值"), "10k yuan", minimum=0),
        choice("data_source", t("Source of the figure", "数据来源"), DATA_SOURCES, default="ledger"),
    ),
)
