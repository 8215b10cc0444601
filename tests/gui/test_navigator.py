"""The navigator: every node of the audit, completeness marks from audit.completeness, the water-unit tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from audit.attachments import all_photos
from audit.document import AuditDocument
from gui.context import AppContext, DocumentSignals
from gui.navigator.model import DECORATION_ROLE, DISPLAY_ROLE, KEY_ROLE, STATUS_ROLE, TOOLTIP_ROLE, NavigatorModel
from gui.navigator.view import NavigatorView
from gui.panels import Panel, discover
from gui.records.commands import add_record, edit_record


def keys(model: NavigatorModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    found = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        found.append(str(index.data(KEY_ROLE)))
        found.extend(keys(model, index))
    return found


def test_demo_audit_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with AuditDocument.open(demo_path, read_only=True) as document:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        context = AppContext(document, QUndoStack(), settings, DocumentSignals(), "zh")
        model = NavigatorModel(context, discover())
        qtmodeltester.check(model)
        found = keys(model)
        assert found[:2] == ["form:audit", "form:enterprise"]
        for key in (
            "group:energy",
            "form:energy_use",
            "form:production",
            "group:equipment",
            "form:motor",
            "form:spot_measurement",
            "group:water",
            "form:water_unit",
            "photos",
            "form:note",
        ):
            assert key in found
        assert all(f"panel:{panel.key}" in found for panel in discover())
        units = document.records.list("water_unit")
        assert sum(key.startswith("record:") for key in found) == len(units)
        # A level-2 unit sits below its level-1 parent in the tree.
        child = next(u for u in units if u.values.get("parent_unit"))
        parent_index = model.index_for_key(f"record:{child.values['parent_unit']}")
        child_index = model.index_for_key(f"record:{child.uuid}")
        assert child_index.parent() == parent_index
        assert child_index.data(Qt.ItemDataRole.DisplayRole) == child.values["name"]
        photos = model.index_for_key("photos")
        # No translator is installed here: GUI words stay English, form labels follow context.language.
        assert len(all_photos(document)) > 0
        assert photos.data(Qt.ItemDataRole.DisplayRole) == f"Photos ({len(all_photos(document))})"
        enterprise = model.index_for_key("form:enterprise")
        assert enterprise.data(Qt.ItemDataRole.DisplayRole) == "企业概况"


def test_roles_flags_and_marks_are_qts(qtbot: QtBot, shell_context: AppContext) -> None:
    """The roles are Qt's (plain ints, gui/first_paint.py); rows are enabled and selectable; a form's
    mark is blank until counted, then drawn (a ring for a form with nothing entered yet)."""
    roles = (DISPLAY_ROLE, DECORATION_ROLE, TOOLTIP_ROLE, KEY_ROLE)
    qt_roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole)
    assert roles == (*qt_roles, Qt.ItemDataRole.UserRole)
    model = NavigatorModel(shell_context, [])
    motors = model.index_for_key("form:motor")
    assert model.flags(motors) == Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags

    def alpha(x: int, y: int) -> int:
        return motors.data(Qt.ItemDataRole.DecorationRole).pixmap(32, 32).toImage().pixelColor(x, y).alpha()

    assert alpha(16, 6) == 0 and alpha(16, 16) == 0
    qtbot.waitUntil(lambda: motors.data(STATUS_ROLE) == "empty", timeout=10000)
    assert alpha(16, 6) > 0 and alpha(16, 16) == 0


def test_marks_follow_edits_and_undo(qtbot: QtBot, qtmodeltester, shell_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    view = NavigatorView(shell_context, [])
    qtbot.addWidget(view)
    model = view.navigator_model
    motors = model.index_for_key("form:motor")
    assert motors.data(Qt.ItemDataRole.ToolTipRole) == "Counting…"  # counted after the first paint
    qtbot.waitUntil(lambda: not model.is_counting(), timeout=10000)
    assert motors.data(STATUS_ROLE) == "empty"
    assert motors.data(Qt.ItemDataRole.DisplayRole) == "Motors (0)"
    assert model.index_for_key("form:enterprise").data(STATUS_ROLE) == "missing"
    uuid = add_record(shell_context, "motor", {"tag": "M-1"}, label="M-1")
    qtbot.waitUntil(lambda: motors.data(Qt.ItemDataRole.DisplayRole) == "Motors (1)")
    # Missing: location, rated_power_kw, driven_load, control_method (the rest have defaults).
    assert motors.data(STATUS_ROLE) == "missing"
    assert motors.data(Qt.ItemDataRole.ToolTipRole) == "Required values missing: 4"
    equipment = model.index_for_key("group:equipment")
    assert equipment.data(STATUS_ROLE) == "missing"
    edit_record(
        shell_context,
        uuid,
        {
            "location": "Dyeing",
            "rated_power_kw": 11,
            "driven_load": "pump",
            "control_method": "direct",
            "load_factor_pct": 10,
        },
        "M-1",
    )
    qtbot.waitUntil(lambda: motors.data(STATUS_ROLE) == "warning")
    assert motors.data(Qt.ItemDataRole.ToolTipRole) == "Warnings: 1"
    shell_context.undo_stack.undo()
    shell_context.undo_stack.undo()
    qtbot.waitUntil(lambda: motors.data(Qt.ItemDataRole.DisplayRole) == "Motors (0)")
    assert shell_context.document.records.count("motor") == 0
    qtmodeltester.check(model)


def test_water_units_appear_as_a_tree_when_added(qtbot: QtBot, qtmodeltester, shell_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    view = NavigatorView(shell_context, [Panel("water_balance_demo", "Water balance", lambda c, p: view, "water")])
    qtbot.addWidget(view)
    model = view.navigator_model
    qtmodeltester.check(model)
    assert model.index_for_key("panel:water_balance_demo").parent() == model.index_for_key("group:water")
    plant = add_record(shell_context, "water_unit", {"name": "Plant", "level": "1", "unit_type": "production"})
    dyeing = add_record(
        shell_context, "water_unit", {"name": "Dyeing", "level": "2", "unit_type": "production", "parent_unit": plant}
    )
    qtbot.waitUntil(lambda: model.index_for_key(f"record:{dyeing}").isValid())
    dyeing_index = model.index_for_key(f"record:{dyeing}")
    assert dyeing_index.parent() == model.index_for_key(f"record:{plant}")
    assert dyeing_index.data(Qt.ItemDataRole.DisplayRole) == "Dyeing"
    assert view.isExpanded(model.index_for_key("form:water_unit"))
    assert shell_context.document.records.get(dyeing).values["parent_unit"] == plant


def test_large_forms_are_counted_in_the_background(
    qtbot: QtBot,
    qtmodeltester,
    shell_context: AppContext,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    shell_context.document.records.add_many("pump", [{"tag": f"P-{n}"} for n in range(3)])
    monkeypatch.setattr(NavigatorModel, "BACKGROUND_ABOVE", 2)
    model = NavigatorModel(shell_context, [])
    pumps = model.index_for_key("form:pump")
    assert pumps.data(Qt.ItemDataRole.DisplayRole) == "Pumps (…)"
    assert pumps.data(Qt.ItemDataRole.ToolTipRole) == "Counting…"
    assert model.index_for_key("group:equipment").data(STATUS_ROLE) == ""
    qtbot.waitUntil(lambda: not model.is_counting(), timeout=10000)
    assert pumps.data(Qt.ItemDataRole.DisplayRole) == "Pumps (3)"
    # The same problems the store reports, counted by the worker over its own connection.
    expected = sum(
        p.severity.value == "missing"
        for record in shell_context.document.records.list("pump")
        for p in shell_context.document.records.problems(record)
    )
    assert pumps.data(Qt.ItemDataRole.ToolTipRole) == f"Required values missing: {expected}"
    assert model.index_for_key("group:equipment").data(STATUS_ROLE) == "missing"
    qtmodeltester.check(model)


def test_editing_units_keeps_the_tree_and_the_selection(qtbot: QtBot, shell_context: AppContext) -> None:
    from gui.records.commands import DeleteRecordsCommand

    view = NavigatorView(shell_context, [])
    qtbot.addWidget(view)
    model = view.navigator_model
    plant = add_record(shell_context, "water_unit", {"name": "Plant", "level": "1", "unit_type": "production"})
    dyeing = add_record(
        shell_context, "water_unit", {"name": "Dyeing", "level": "2", "unit_type": "production", "parent_unit": plant}
    )
    qtbot.waitUntil(lambda: model.index_for_key(f"record:{dyeing}").isValid())
    assert view.select_key(f"record:{dyeing}")
    with qtbot.assertNotEmitted(view.node_selected, wait=100):
        edit_record(shell_context, dyeing, {"name": "Dyeing hall"}, "Dyeing")
        qtbot.waitUntil(lambda: model.index_for_key(f"record:{dyeing}").data() == "Dyeing hall")
    assert view.current_key() == f"record:{dyeing}"
    with qtbot.assertNotEmitted(view.node_selected, wait=100):
        jet = add_record(
            shell_context,
            "water_unit",
            {"name": "Jet 1", "level": "3", "unit_type": "production", "parent_unit": dyeing},
        )
        qtbot.waitUntil(lambda: model.index_for_key(f"record:{jet}").isValid())
    assert view.current_key() == f"record:{dyeing}"
    assert view.isExpanded(model.index_for_key(f"record:{plant}"))
    assert view.isExpanded(model.index_for_key(f"record:{dyeing}"))
    with qtbot.waitSignal(view.node_selected) as shown:
        shell_context.undo_stack.push(DeleteRecordsCommand(shell_context, [dyeing], "Dyeing"))
    assert shown.args == ["form:water_unit"]
    assert view.current_key() == "form:water_unit"
    # Jet 1 lost its parent: it now sits at the top of the tree, still shown, never dropped.
    assert model.index_for_key(f"record:{jet}").parent() == model.index_for_key("form:water_unit")
    assert shell_context.document.records.get(dyeing).deleted


def test_an_edit_in_a_large_form_recounts_only_that_record(
    qtbot: QtBot, shell_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuids = shell_context.document.records.add_many("pump", [{"tag": f"P-{n}"} for n in range(3)])
    monkeypatch.setattr(NavigatorModel, "BACKGROUND_ABOVE", 2)
    model = NavigatorModel(shell_context, [])
    qtbot.waitUntil(lambda: not model.is_counting(), timeout=10000)
    pumps = model.index_for_key("form:pump")
    before = model.summary["pump"].total
    edit_record(shell_context, uuids[0], {"location": "Boiler house"}, "P-0")
    assert not model.is_counting()  # no background recount of the whole form was started
    qtbot.waitUntil(lambda: pumps.data(Qt.ItemDataRole.ToolTipRole) == f"Required values missing: {before.missing - 1}")
    assert shell_context.document.records.get(uuids[0]).values["location"] == "Boiler house"
    shell_context.undo_stack.undo()
    qtbot.waitUntil(lambda: pumps.data(Qt.ItemDataRole.ToolTipRole) == f"Required values missing: {before.missing}")
    assert model.summary["pump"].total == before
