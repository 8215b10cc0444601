"""The navigator's arrangement is declared with the forms: every group has a title, every tree a parent field."""

from __future__ import annotations

from forms.navigation import GROUP_TITLES, RECORD_TREES, group_title
from forms.registry import default_registry
from forms.spec import FieldType
from gui.panels import discover


def test_every_group_of_a_form_or_panel_has_a_bilingual_title() -> None:
    groups = {form.group for form in default_registry()} | {panel.group for panel in discover()}
    groups.discard("audit")  # the audit and enterprise forms sit at the top, not in a group
    untitled = sorted(group for group in groups if group not in GROUP_TITLES)
    assert untitled == []
    assert all(title.en and title.zh and title.en != title.zh for title in GROUP_TITLES.values())
    assert group_title("water").zh == "水平衡测试" and group_title("new_group").en == "New group"


def test_a_tree_form_names_a_reference_to_its_own_form() -> None:
    registry = default_registry()
    for form_id, parent_field in RECORD_TREES.items():
        spec = next(f for f in registry[form_id].fields if f.name == parent_field)
        assert spec.type is FieldType.REFERENCE and form_id in spec.references
