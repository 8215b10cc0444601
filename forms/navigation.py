"""How the forms are arranged for a person finding their way: schema facts, not view code.

`GROUP_TITLES` names the groups a form's `group` (or an analysis panel's) puts it in; `RECORD_TREES`
says which form's records are themselves a tree, and by which reference field (a water unit's
parent unit). The navigator reads both; a group a later form adds without a title here falls back to
its name.
"""

from __future__ import annotations

from forms.spec import Text

GROUP_TITLES: dict[str, Text] = {
    "energy": Text("Energy and production", "能源与产品产量"),
    "equipment": Text("Equipment", "用能设备"),
    "measurements": Text("Measurements", "现场测试"),
    "water": Text("Water-balance test", "水平衡测试"),
    "notes": Text("Notes", "备注与观察"),
    "analysis": Text("Analysis", "分析"),
}

# Form id -> the field of that form that names a record's parent record of the same form.
RECORD_TREES: dict[str, str] = {"water_unit": "parent_unit"}


def group_title(group: str) -> Text:
    """The title of a navigator group; an undeclared group is shown by its name."""
    fallback = group.replace("_", " ").capitalize()
    return GROUP_TITLES.get(group, Text(fallback, fallback))
