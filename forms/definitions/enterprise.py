"""The audited enterprise: identity, industry, size and main products."""

from forms.common import boolean, date, decimal, integer, text
from forms.spec import FormSpec, RepeatSpec, Rule, t

FORM = FormSpec(
    id="enterprise",
    version=1,
    label=t("Enterprise", "企业概况"),
    singleton=True,
    group="audit",
    order=1,
    title_field="name",
    fields=(
        text("name", t("Enterprise name", "企业名称"), required=True),
        text(
            "credit_code",
            t("Unified social credit code", "统一社会信用代码"),
            required=True,
            validator="uscc",
            help=t(
                "18 characters, last one a check character (GB 32100-2015).", "18位，末位为校验码（GB 32100-2015）。"
            ),
        ),
        text(
            "industry_code",
            t("Industry code (GB/T 4754-2017)", "行业代码（GB/T 4754-2017）"),
            required=True,
            pattern=r"[A-T]?\d{2,4}",
            pattern_message=t(
                "Enter a GB/T 4754-2017 code: 2 to 4 digits, optionally after the section letter (e.g. C1713 or 1713).",
                "请填写GB/T 4754-2017行业代码：2至4位数字，可带门类字母（如 C1713 或 1713）。",
            ),
        ),
        text("industry_name", t("Industry", "所属行业")),
        text("county", t("County / district", "县（市、区）"), required=True),
        text("town", t("Town / street", "乡镇（街道）")),
        text("address", t("Address", "详细地址")),
        text("contact_person", t("Contact person", "联系人"), required=True),
        text(
            "contact_phone",
            t("Contact phone", "联系电话"),
            pattern=r"[0-9+\- ()]{7,20}",
            pattern_message=t(
                "A phone number has 7 to 20 digits (+, -, spaces allowed).",
                "电话号码应为7至20位数字（可含+、-、空格）。",
            ),
        ),
        integer("employees", t("Employees", "职工人数"), "persons", minimum=1, required=True),
        integer("working_days", t("Working days per year", "年工作天数"), "d", minimum=1, maximum=366, required=True),
        integer("shifts_per_day", t("Shifts per day", "每日班次"), minimum=1, maximum=4),
        decimal("hours_per_shift", t("Hours per shift", "每班小时数"), "h", positive=True, maximum=24),
        decimal(
            "output_value_10k_yuan",
            t("Annual output value", "年工业总产值"),
            "10k yuan",
            positive=True,
            required=True,
        ),
        decimal(
            "value_added_10k_yuan",
            t("Annual industrial value added", "年工业增加值"),
            "10k yuan",
            positive=True,
            constraints=(
                Rule(
                    "output_value_10k_yuan is None or value <= output_value_10k_yuan",
                    t("Value added cannot exceed output value.", "工业增加值不能大于工业总产值。"),
                ),
            ),
            warnings=(
                Rule(
                    "output_value_10k_yuan is None or value >= 0.05 * output_value_10k_yuan",
                    t(
                        "Value added below 5 % of output value is unusual; check the unit (10k yuan).",
                        "工业增加值低于总产值的5%，请核实单位（万元）。",
                    ),
                ),
            ),
        ),
        decimal(
            "comparison_output_value_10k_yuan",
            t("Output value, comparison period", "对比期工业总产值"),
            "10k yuan",
            positive=True,
        ),
        decimal(
            "comparison_value_added_10k_yuan",
            t("Value added, comparison period", "对比期工业增加值"),
            "10k yuan",
            positive=True,
            constraints=(
                Rule(
                    "comparison_output_value_10k_yuan is None or value <= comparison_output_value_10k_yuan",
                    t("Value added cannot exceed output value.", "工业增加值不能大于工业总产值。"),
                ),
            ),
        ),
        boolean("key_energy_user", t("Key energy-using unit", "重点用能单位")),
        boolean(
            "energy_management_certified",
            t("Energy management certified (ISO 50001 / GB/T 23331)", "通过能源管理体系认证（ISO 50001 / GB/T 23331）"),
        ),
        text("certification_body", t("Certification body", "认证机构"), relevant="energy_management_certified == True"),
        date("certification_date", t("Certificate date", "认证日期"), relevant="energy_management_certified == True"),
    ),
    repeats=(
        RepeatSpec(
            "products",
            t("Main products", "主要产品"),
            (
                text("product_name", t("Product", "产品名称"), required=True),
                text("unit", t("Unit", "计量单位"), required=True, help=t("e.g. t, 10k m, pcs", "如 t、万米、件")),
                decimal("annual_output", t("Annual output", "年产量"), positive=True, required=True),
                decimal("design_capacity", t("Design capacity per year", "设计年产能"), positive=True),
                text(
                    "quota_product",
                    t("Product in its energy-quota standard", "能耗限额标准中的产品"),
                    help=t(
                        "The product (class) exactly as the unit-product energy-quota standard names it, "
                        "e.g. 涤纶 熔体直纺 POY, 箱纸板、石膏板护面纸板, 水泥熟料, 印染布.",
                        "按单位产品能耗限额标准中的产品（类别）名称填写，如 涤纶 熔体直纺 POY、箱纸板、石膏板护面纸板、水泥熟料、印染布。",
                    ),
                ),
            ),
            min_rows=1,
            title_field="product_name",
        ),
    ),
)
