"""Power transformers: rating, losses and load for GB 20052 grading and the economic load ratio."""

from forms.common import c, choice, date, decimal, equipment_fields
from forms.spec import FormSpec, Rule, t

TRANSFORMER_TYPES = (c("oil", "Oil-immersed", "油浸式"), c("dry", "Dry type", "干式"))
CORE_MATERIALS = (c("steel", "Electrical steel", "电工钢带"), c("amorphous", "Amorphous alloy", "非晶合金"))
VECTOR_GROUPS = (
    c("Dyn11", "Dyn11", "Dyn11"),
    c("Yyn0", "Yyn0", "Yyn0"),
    c("Yzn11", "Yzn11", "Yzn11"),
    c("other", "Other", "其他"),
)
INSULATION_CLASSES = (
    c("B", "Class B (100 °C)", "B级（100 ℃）"),
    c("F", "Class F (120 °C)", "F级（120 ℃）"),
    c("H", "Class H (145 °C)", "H级（145 ℃）"),
)
STANDARD_EDITIONS = (
    c("auto", "By purchase date", "按购置日期"),
    c("2020", "GB 20052-2020", "GB 20052-2020"),
    c("2024", "GB 20052-2024", "GB 20052-2024"),
)

FORM = FormSpec(
    id="transformer",
    version=1,
    label=t("Transformers", "变压器"),
    group="equipment",
    order=25,
    title_field="tag",
    fields=(
        *equipment_fields("变压器"),
        choice("transformer_type", t("Type", "类型"), TRANSFORMER_TYPES, required=True),
        choice("core_material", t("Core material", "铁芯材料"), CORE_MATERIALS, default="steel"),
        choice("vector_group", t("Vector group", "联结组别"), VECTOR_GROUPS),
        choice(
            "insulation_class",
            t("Insulation class (dry type)", "绝缘耐热等级（干式）"),
            INSULATION_CLASSES,
            relevant="transformer_type == 'dry'",
            help=t("Decides the load-loss limit of GB 20052 Table 2.", "决定 GB 20052 表2 的负载损耗限值。"),
        ),
        decimal(
            "rated_capacity_kva", t("Rated capacity", "额定容量"), "kVA", positive=True, maximum=100000, required=True
        ),
        decimal("primary_voltage_kv", t("Primary voltage", "一次电压"), "kV", positive=True, maximum=500),
        decimal("no_load_loss_kw", t("No-load loss P0", "空载损耗 P0"), "kW", positive=True),
        decimal(
            "load_loss_kw",
            t("Load loss Pk", "负载损耗 Pk"),
            "kW",
            positive=True,
            constraints=(
                Rule(
                    "no_load_loss_kw is None or value > no_load_loss_kw",
                    t(
                        "Load loss Pk is normally larger than no-load loss P0; check the two values.",
                        "负载损耗Pk通常大于空载损耗P0，请核对。",
                    ),
                ),
            ),
        ),
        date("purchase_date", t("Purchase / commissioning date", "购置/投运日期")),
        choice("standard_edition", t("Grade against", "能效评价依据"), STANDARD_EDITIONS, default="auto"),
        decimal("measured_load_kva", t("Measured average load", "实测平均负荷"), "kVA", minimum=0),
        decimal("power_factor", t("Power factor", "功率因数"), minimum=0, maximum=1),
        decimal(
            "load_ratio_pct",
            t("Load ratio", "负载率"),
            "%",
            minimum=0,
            maximum=200,
            calculation="measured_load_kva / rated_capacity_kva * 100",
            help=t("Measured average load ÷ rated capacity.", "实测平均负荷 ÷ 额定容量。"),
        ),
    ),
)
