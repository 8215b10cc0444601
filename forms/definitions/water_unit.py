"""Water-using units in three levels (enterprise, sub-unit, equipment/process), as a tree."""

from forms.common import c, choice, decimal, integer, reference, text
from forms.spec import FormSpec, RepeatSpec, Rule, t

LEVELS = (
    c("1", "Level 1: enterprise", "一级：用水单位"),
    c("2", "Level 2: sub-unit / workshop", "二级：次级用水单位"),
    c("3", "Level 3: equipment / process", "三级：用水设备/单元"),
)

UNIT_TYPES = (
    c("production", "Production process", "生产工艺用水"),
    c("indirect_cooling", "Indirect cooling", "间接冷却水"),
    c("direct_cooling", "Direct cooling", "直接冷却水"),
    c("boiler", "Boiler / steam", "锅炉用水"),
    c("domestic", "Domestic", "生活用水"),
    c("green_space", "Green space", "绿化用水"),
    c("water_treatment", "Water treatment (softening, RO)", "制水（软化、除盐）"),
    c("other", "Other", "其他"),
)

# Kinds of reuse a unit may receive, several at once (a dyeing range may take circulating cooling water,
# cascade rinse water from another range and treated wastewater): one row each, with its mean quantity.
REUSE_STREAM_KINDS = (
    c("circulating", "Circulating within the unit", "循环水（单元内循环）"),
    c("condensate", "Steam condensate returned", "蒸汽冷凝水回用"),
    c("cascade", "Cascade: another unit's discharge reused", "串联水（其他单元排水回用）"),
    c("treated_wastewater", "Treated wastewater reused", "处理后废水回用"),
)

# What the unit's recycled/reused water Vr is. Circulating water and condensate go round inside the
# unit; cascade and treated-wastewater reuse arrive from another unit's discharge, so they are an
# input of the unit's balance (Vf + Vr = Vco + Vd + Vl) and are not discharged by the enterprise.
RECYCLE_KINDS = (
    c("none", "No recycled or reused water", "无重复利用水"),
    c("circulating", "Circulating within the unit (e.g. cooling loop)", "循环水（单元内循环）"),
    c("condensate", "Steam condensate returned", "蒸汽冷凝水回用"),
    c("cascade", "Cascade: another unit's discharge reused", "串联水（其他单元排水回用）"),
    c("treated_wastewater", "Treated wastewater reused", "处理后废水回用"),
)

FORM = FormSpec(
    id="water_unit",
    version=2,
    label=t("Water-using units", "用水单元"),
    group="water",
    order=41,
    title_field="name",
    fields=(
        text("name", t("Unit name", "单元名称"), required=True),
        choice("level", t("Level", "级别"), LEVELS, required=True),
        reference(
            "parent_unit",
            t("Part of", "上级单元"),
            ("water_unit",),
            relevant="level != '1'",
            required=True,
            help=t("The unit one level up that this unit belongs to.", "该单元所属的上一级用水单元。"),
        ),
        choice("unit_type", t("Type of use", "用水类别"), UNIT_TYPES, required=True),
        choice(
            "recycle_kind",
            t("Recycled / reused water", "重复利用水类别"),
            RECYCLE_KINDS,
            default="none",
            required=True,
            help=t(
                "Cascade and treated-wastewater reuse come from another unit's discharge and count as an input of this unit.",
                "串联水和处理后回用水来自其他单元的排水，计为本单元的输入水量。",
            ),
        ),
        reference(
            "reuse_from_unit",
            t("Reused water comes from", "回用水来自"),
            ("water_unit",),
            relevant="recycle_kind in ('cascade', 'treated_wastewater')",
        ),
        integer(
            "persons",
            t("Persons served", "用水人数"),
            minimum=0,
            relevant="unit_type == 'domestic'",
            constraints=(Rule("value >= 0", t("Persons cannot be negative.", "人数不能为负。")),),
        ),
        decimal(
            "steam_output_t_per_h",
            t("Steam output D", "蒸汽产量 D"),
            "t/h",
            positive=True,
            maximum=500,
            relevant="unit_type == 'boiler'",
            help=t(
                "Average steam output during the test, for the condensate recovery rate.",
                "测试期间平均产汽量，用于计算冷凝水回用率。",
            ),
        ),
        decimal(
            "steam_hours_per_day",
            t("Steam operating hours h", "产汽运行时间 h"),
            "h/d",
            positive=True,
            maximum=24,
            relevant="unit_type == 'boiler'",
        ),
        decimal(
            "circulating_concentration_mg_l",
            t("Circulating water concentration", "循环水浓度"),
            "mg/L",
            positive=True,
            relevant="unit_type in ('indirect_cooling', 'direct_cooling')",
            help=t(
                "Chloride (or another conservative ion) in the circulating water.",
                "循环水中氯离子（或其他保守性离子）浓度。",
            ),
        ),
        decimal(
            "makeup_concentration_mg_l",
            t("Make-up water concentration", "补充水浓度"),
            "mg/L",
            positive=True,
            relevant="unit_type in ('indirect_cooling', 'direct_cooling')",
            help=t("The same ion in the make-up water.", "补充水中同一离子的浓度。"),
        ),
        decimal(
            "treated_output_m3_per_d",
            t("Treated water produced", "制水产水量"),
            "m³/d",
            positive=True,
            relevant="unit_type == 'water_treatment'",
            help=t(
                "Softened or demineralised water produced per day (for the production coefficient).",
                "每日软化水或除盐水产水量（用于制取系数）。",
            ),
        ),
        text("description", t("Description", "说明"), multiline=True),
    ),
    repeats=(
        RepeatSpec(
            "reuse_streams",
            t("Reuse streams", "重复利用水明细"),
            (
                choice(
                    "kind",
                    t("Kind of reuse", "重复利用类别"),
                    REUSE_STREAM_KINDS,
                    required=True,
                    help=t(
                        "When a unit receives more than one kind of reused water, list each: they split the unit's Vr by "
                        "kind (for the wastewater reuse rate) and their sum is checked against Vr.",
                        "单元接收多种重复利用水时逐项列出：据此按类别拆分本单元 Vr（用于废水回用率），其合计与 Vr 核对。",
                    ),
                ),
                reference(
                    "from_unit",
                    t("Comes from unit", "来自单元"),
                    ("water_unit",),
                    relevant="kind in ('cascade', 'treated_wastewater')",
                    help=t(
                        "The unit whose discharge (or the treatment plant whose output) is reused here.",
                        "其排水（或处理出水）在本单元回用的单元。",
                    ),
                ),
                decimal(
                    "quantity_m3_per_d",
                    t("Quantity (mean over the test days)", "水量（测试期日均）"),
                    "m³/d",
                    minimum=0,
                    required=True,
                ),
                text(
                    "method",
                    t("How it was obtained", "数据来源"),
                    help=t("Meter, estimate and its basis.", "水表计量或估算及其依据。"),
                ),
            ),
            title_field="kind",
        ),
    ),
)
