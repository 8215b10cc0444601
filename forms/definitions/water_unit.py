"""Water-using units in three levels (enterprise, sub-unit, equipment/process), as a tree."""

from forms.common import c, choice, integer, reference, text
from forms.spec import FormSpec, Rule, t

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

FORM = FormSpec(
    id="water_unit",
    version=1,
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
        integer(
            "persons",
            t("Persons served", "用水人数"),
            minimum=0,
            relevant="unit_type == 'domestic'",
            constraints=(Rule("value >= 0", t("Persons cannot be negative.", "人数不能为负。")),),
        ),
        text("description", t("Description", "说明")),
    ),
)
