"""The water-balance test itself (GB/T 12452-2022): period, annualisation basis and tolerances."""

from forms.common import datetime, decimal, integer, text
from forms.spec import FormSpec, RepeatSpec, Rule, t

# Defaults mirror resources/water/tolerances.json (a test keeps them equal). Their status there:
# unit closure 5 % is practice only [U]; intake comparison 10 % is from a city evaluation text [C].
DEFAULT_UNIT_CLOSURE_TOLERANCE_PCT = 5.0
DEFAULT_INTAKE_TOLERANCE_PCT = 10.0

FORM = FormSpec(
    id="water_test",
    version=2,
    label=t("Water-balance test", "水平衡测试"),
    singleton=True,
    group="water",
    order=39,
    title_field="title",
    fields=(
        text("title", t("Test title", "测试名称"), required=True),
        datetime(
            "start_at",
            t("Test starts at", "测试开始时间"),
            required=True,
            help=t(
                "Each test day runs 24 h from this time of day (e.g. 08:00 to 08:00 the next day).",
                "每个测试日从该时刻起算24小时（如当日8:00至次日8:00）。",
            ),
        ),
        integer(
            "test_days",
            t("Test days", "测试天数"),
            "d",
            minimum=1,
            maximum=31,
            required=True,
            warnings=(
                Rule(
                    "value >= 3",
                    t(
                        "Water-balance tests usually cover at least 3 consecutive production days.",
                        "水平衡测试通常应连续测试不少于3个生产日。",
                    ),
                ),
            ),
        ),
        integer(
            "production_days_per_year",
            t("Production days per year", "年生产天数"),
            "d/a",
            minimum=1,
            maximum=366,
            required=True,
            help=t(
                "Used to annualise the test-day balance; usually the enterprise's working days.",
                "用于将测试日水平衡折算为全年，一般取企业年工作天数。",
            ),
        ),
        decimal(
            "unit_closure_tolerance_pct",
            t("Unit closure tolerance", "单元水平衡允许误差"),
            "%",
            positive=True,
            maximum=50,
            default=DEFAULT_UNIT_CLOSURE_TOLERANCE_PCT,
            required=True,
            help=t(
                "Largest |Vf + reuse in − Vco − Vd − Vl| / input accepted for a unit. Default 5 % is common practice, unverified against GB/T 12452-2022 [U].",
                "单元（输入−输出）/输入 的允许绝对值。默认5%为行业惯例，未经GB/T 12452-2022原文核实[U]。",
            ),
        ),
        decimal(
            "intake_tolerance_pct",
            t("Intake comparison tolerance", "取水量核对允许误差"),
            "%",
            positive=True,
            maximum=50,
            default=DEFAULT_INTAKE_TOLERANCE_PCT,
            required=True,
            help=t(
                "Largest difference between the sum of the sub-units' intake and the parent's metered intake. Default 10 % from a city evaluation text [C].",
                "各下级单元取水量之和与上级单元实测取水量之差的允许值。默认10%取自某市节水评价文件[C]。",
            ),
        ),
        text("remarks", t("Remarks", "备注")),
    ),
    repeats=(
        RepeatSpec(
            "test_production",
            t("Production during the test", "测试期间产量"),
            (
                text(
                    "product_name",
                    t("Product", "产品名称"),
                    required=True,
                    help=t(
                        "As named among the enterprise's main products.",
                        "与企业主要产品中的名称一致。",
                    ),
                ),
                text("unit", t("Unit", "计量单位"), required=True, help=t("e.g. t, 10k m, pcs", "如 t、万米、件")),
                decimal(
                    "quantity",
                    t("Quantity produced over the whole test", "测试期间合格产品产量"),
                    positive=True,
                    required=True,
                    help=t(
                        "Qualified product over all test days, for new water per unit product over the test.",
                        "全部测试日的合格产品产量，用于计算测试期单位产品取水量。",
                    ),
                ),
            ),
            title_field="product_name",
        ),
    ),
)
