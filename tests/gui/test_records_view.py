"""The record table driven like an auditor would: paste a year of bills, type a motor, undo, delete, sort, filter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
import shiboken6
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from gui.context import AppContext
from gui.records.view import RecordsView
from tests.gui.records_support import close_views, make_context

CTRL = Qt.KeyboardModifier.ControlModifier
EditorT = TypeVar("EditorT", QLineEdit, QComboBox)

# Twelve monthly electricity bills as a spreadsheet copies them (CR LF rows, tab cells): month,
# energy type (Chinese label), kWh, unit, cost in yuan.
MONTHLY_KWH = [
    412_300,
    388_950,
    455_120,
    470_800,
    498_260,
    521_700,
    560_430,
    572_900,
    515_660,
    480_210,
    430_075,
    445_890,
]
COST_PER_KWH = 0.68


def _bills() -> str:
    lines = []
    for month, kwh in enumerate(MONTHLY_KWH, start=1):
        cost = round(kwh * COST_PER_KWH, 2)
        lines.append(f"2025-{month:02d}\t电力\t{kwh:,}\tkWh\t{cost}")
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture
def context(document: AuditDocument, tmp_path: Path) -> Iterator[AppContext]:
    yield make_context(document, tmp_path, language="zh")
    close_views()


def _view(qtbot: QtBot, context: AppContext, form_id: str, parent_uuid: str | None = None) -> RecordsView:
    view = RecordsView(context, form_id, parent_uuid)
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    qtbot.waitExposed(view)
    view.table.setFocus()
    return view


def _live(document: AuditDocument, form_id: str) -> list[dict[str, object]]:
    return [record.values for record in document.records.list(form_id)]


def _shown(view: RecordsView, column: str) -> list[str]:
    col = view.model.column_of(column)
    return [view.model.index(row, col).data() for row in range(view.model.rowCount())]


def test_paste_twelve_months_of_electricity(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    view = _view(qtbot, context, "energy_use")
    QApplication.clipboard().setText(_bills())
    qtbot.keyClick(view.table, Qt.Key.Key_V, CTRL)

    stored = _live(document, "energy_use")
    assert len(stored) == 12
    assert [r["month"] for r in stored] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert [r["quantity"] for r in stored] == [float(k) for k in MONTHLY_KWH]
    assert {r["energy_type"] for r in stored} == {"electricity"}
    assert {r["unit"] for r in stored} == {"kWh"}
    # Defaults of the form are filled in for the new rows.
    assert {r["data_source"] for r in stored} == {"bill"}
    assert stored[6]["cost_yuan"] == pytest.approx(560_430 * 0.68)
    # The annual total, added up by hand from the bills above: 5 752 295 kWh.
    assert sum(r["quantity"] for r in stored) == 5_752_295  # type: ignore[misc]

    assert view.model.rowCount() == 12
    assert _shown(view, "energy_type") == ["电力"] * 12
    assert _shown(view, "quantity")[0] == "412300"
    assert _shown(view, "unit")[0] == "千瓦时"
    assert view.count_label.text() == "Records: 12"

    # The whole paste is one undo step, undone and redone in one transaction (one commit, one fsync).
    assert context.undo_stack.count() == 1
    statements: list[str] = []
    document.connection.set_trace_callback(statements.append)
    context.undo_stack.undo()
    assert _live(document, "energy_use") == []
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    context.undo_stack.redo()
    document.connection.set_trace_callback(None)
    assert [s for s in statements if s.upper().startswith(("BEGIN", "COMMIT"))] == ["BEGIN", "COMMIT"] * 2
    assert len(_live(document, "energy_use")) == 12
    qtbot.waitUntil(lambda: view.model.rowCount() == 12)


def test_a_bad_pasted_cell_refuses_the_whole_paste(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    view = _view(qtbot, context, "energy_use")
    lines = _bills().split("\r\n")
    lines[4] = lines[4].replace("498,260", "498,26O")  # a letter O typed for a zero in May
    QApplication.clipboard().setText("\r\n".join(lines))
    qtbot.keyClick(view.table, Qt.Key.Key_V, CTRL)

    assert _live(document, "energy_use") == []
    assert document.records.count("energy_use", include_deleted=True) == 0
    assert context.undo_stack.count() == 0
    assert view.message_label.isVisible()
    message = view.message_label.text()
    assert "第5行" in message and "实物量" in message and "未粘贴任何内容" in message
    assert "Row 5" in view.message_label.toolTip()


def test_paste_over_existing_rows_and_past_the_end(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    document.records.add_many(
        "energy_use",
        [{"month": "2025-01", "energy_type": "electricity", "quantity": 1.0, "unit": "kWh"}],
    )
    view = _view(qtbot, context, "energy_use")
    view.select_cell(0, view.model.column_of("quantity"))
    QApplication.clipboard().setText("100\n200\n300\n")
    assert view.paste()
    values = sorted(r["quantity"] for r in _live(document, "energy_use"))  # type: ignore[type-var]
    assert values == [100.0, 200.0, 300.0]
    assert view.model.rowCount() == 3


def _open_editor(view: RecordsView, kind: type[EditorT]) -> EditorT:
    # Closed editors linger until deleteLater runs: the open one is the visible one.
    [editor] = [e for e in view.table.viewport().findChildren(kind) if e.isVisible()]
    return editor


def test_add_a_motor_by_typing_with_a_refused_value(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    context.language = "en"
    view = _view(qtbot, context, "motor")
    qtbot.keyClick(view.table, Qt.Key.Key_N, CTRL)
    assert view.model.rowCount() == 1
    [motor] = document.records.list("motor")
    assert motor.values["status"] == "running"  # the form's default

    def type_into(column: str, text: str) -> None:
        view.select_cell(0, view.model.column_of(column))
        qtbot.keyClick(view.table, Qt.Key.Key_F2)
        editor = _open_editor(view, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible())

    type_into("tag", "M-101")
    qtbot.waitUntil(lambda: document.records.get(motor.uuid).values["tag"] == "M-101")
    type_into("rated_power_kw", "-5")
    qtbot.waitUntil(view.message_label.isVisible)
    assert view.message_label.text() == "Rated power must be greater than 0 kW; got -5."
    assert "额定功率应大于0 kW" in view.message_label.toolTip()
    assert document.records.get(motor.uuid).values["rated_power_kw"] is None
    type_into("rated_power_kw", "75")
    qtbot.waitUntil(lambda: document.records.get(motor.uuid).values["rated_power_kw"] == 75.0)
    assert not view.message_label.isVisible() or view.message_label.text() == ""

    # A choice is picked from a list showing labels; the code is stored.
    view.select_cell(0, view.model.column_of("driven_load"))
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    combo = _open_editor(view, QComboBox)
    assert combo.findText("Fan") >= 0
    combo.setCurrentIndex(combo.findData("fan"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.records.get(motor.uuid).values["driven_load"] == "fan")

    row = view.model.index(0, view.model.column_of("driven_load"))
    assert row.data() == "Fan"
    assert view.model.index(0, view.model.column_of("rated_power_kw")).data() == "75"
    assert (
        view.model.headerData(view.model.column_of("rated_power_kw"), Qt.Orientation.Horizontal) == "Rated power (kW)"
    )

    # Undo the choice and the power, redo the power: the database follows each step.
    context.undo_stack.undo()
    assert document.records.get(motor.uuid).values["driven_load"] is None
    context.undo_stack.undo()
    assert document.records.get(motor.uuid).values["rated_power_kw"] is None
    qtbot.waitUntil(lambda: view.model.index(0, view.model.column_of("rated_power_kw")).data() == "")
    context.undo_stack.redo()
    assert document.records.get(motor.uuid).values["rated_power_kw"] == 75.0
    qtbot.waitUntil(lambda: view.model.index(0, view.model.column_of("rated_power_kw")).data() == "75")


def test_even_poles_rule_is_applied_in_the_table(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    [motor] = document.records.add_many("motor", [{"tag": "M-1"}])
    view = _view(qtbot, context, "motor")
    index = view.model.index(0, view.model.column_of("poles"))
    assert not view.model.setData(index, "3")
    assert view.message_label.text() == "电机极数应为偶数（2、4、6、8…）。"
    assert document.records.get(motor).values["poles"] is None
    assert view.model.setData(index, "4")
    assert document.records.get(motor).values["poles"] == 4


def _motors(document: AuditDocument) -> list[str]:
    rows = [
        {"tag": "P-2", "location": "Dyeing", "rated_power_kw": 30.0, "driven_load": "pump"},
        {"tag": "F-1", "location": "Boiler house", "rated_power_kw": 90.0, "driven_load": "fan"},
        {"tag": "P-1", "location": "Dyeing", "rated_power_kw": 11.0, "driven_load": "pump"},
    ]
    return document.records.add_many("motor", rows)


def test_delete_and_restore(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    uuids = _motors(document)
    view = _view(qtbot, context, "motor")
    view.select_cell(1, 0)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert document.records.get(uuids[1]).deleted
    assert _shown(view, "tag") == ["P-2", "P-1"]
    assert view.count_label.text() == "Records: 2 · deleted: 1"

    view.show_deleted.setChecked(True)
    assert _shown(view, "tag") == ["P-2", "F-1", "P-1"]
    font = view.model.index(1, 0).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.strikeOut()
    assert not (view.model.flags(view.model.index(1, 0)) & Qt.ItemFlag.ItemIsEditable)
    view.select_cell(1, 0)
    assert view.restore_action.isEnabled()
    view.restore_action.trigger()
    assert not document.records.get(uuids[1]).deleted

    # Undo the restore, then undo the delete.
    context.undo_stack.undo()
    assert document.records.get(uuids[1]).deleted
    context.undo_stack.undo()
    assert not document.records.get(uuids[1]).deleted
    view.show_deleted.setChecked(False)
    qtbot.waitUntil(lambda: _shown(view, "tag") == ["P-2", "F-1", "P-1"])


def test_duplicate(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    _motors(document)
    view = _view(qtbot, context, "motor")
    view.select_cell(1, 0)
    qtbot.keyClick(view.table, Qt.Key.Key_D, CTRL)
    stored = _live(document, "motor")
    assert [r["tag"] for r in stored] == ["P-2", "F-1", "P-1", "F-1"]
    assert stored[3]["rated_power_kw"] == 90.0
    assert view.model.rowCount() == 4
    assert view.table.currentIndex().row() == 3
    context.undo_stack.undo()
    assert len(_live(document, "motor")) == 3


def test_sort_by_header_click_and_filter_in_sql(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    _motors(document)
    view = _view(qtbot, context, "motor")
    header = view.table.horizontalHeader()
    column = view.model.column_of("rated_power_kw")
    view.table.scrollTo(view.model.index(0, column))
    point = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.model.query.sort_field == "rated_power_kw"
    first_order = _shown(view, "tag")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    second_order = _shown(view, "tag")
    assert {tuple(first_order), tuple(second_order)} == {("P-1", "P-2", "F-1"), ("F-1", "P-2", "P-1")}
    assert view.model.query.descending == (second_order == ["F-1", "P-2", "P-1"])

    qtbot.keyClicks(view.filter_edit, "dyeing")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert view.model.query.filter_text == "dyeing"
    assert sorted(_shown(view, "tag")) == ["P-1", "P-2"]
    view.filter_edit.clear()
    # A Chinese choice label filters too (typed through the model: keyClicks takes ASCII only).
    view.model.set_filter_text("风机")
    assert _shown(view, "tag") == ["F-1"]


def test_open_record_from_row_header_and_keyboard(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    uuids = _motors(document)
    view = _view(qtbot, context, "motor")
    with qtbot.waitSignal(view.record_activated) as opened:
        view.table.verticalHeader().sectionDoubleClicked.emit(2)
    assert opened.args == [uuids[2]]
    view.select_cell(1, 0)
    with qtbot.waitSignal(view.record_activated) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return, CTRL)
    assert opened.args == [uuids[1]]
    view.table.selectRow(0)
    with qtbot.waitSignal(view.record_activated) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [uuids[0]]


def test_repeat_group_rows_of_one_parent(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    enterprise = document.records.add("enterprise", {"name": "恒盛印染"})
    document.records.add("enterprise.products", {"product_name": "染色布", "unit": "万米"}, parent=enterprise)
    view = _view(qtbot, context, "enterprise.products", enterprise)
    assert _shown(view, "product_name") == ["染色布"]
    view.add_row()
    index = view.model.index(1, view.model.column_of("product_name"))
    assert view.model.setData(index, "Printed cloth")
    children = document.records.children(enterprise, "enterprise", "products")
    assert [c.values["product_name"] for c in children] == ["染色布", "Printed cloth"]
    assert _shown(view, "product_name") == ["染色布", "Printed cloth"]


def test_read_only_audit_cannot_be_edited(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ro.fieldaudit"
    with AuditDocument.create(path, author="a") as writable:
        writable.records.add_many("motor", [{"tag": "M-1"}])
    document = AuditDocument.open(path, read_only=True)
    try:
        context = make_context(document, tmp_path)
        view = _view(qtbot, context, "motor")
        assert not view.add_action.isEnabled()
        assert not (view.model.flags(view.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable)
        assert "read-only" in view.message_label.text()
    finally:
        close_views()
        document.close()


def test_chinese_interface(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    from gui.i18n import install_translators, remove_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh")
    try:
        document.records.add_many("motor", [{"tag": "M-1", "driven_load": "fan"}])
        view = _view(qtbot, context, "motor")
        assert view.count_label.text() == "记录：1"
        assert view.add_action.text() == "添加"
        assert view.show_deleted.text() == "显示已删除"
        assert _shown(view, "driven_load") == ["风机"]
        assert (
            view.model.headerData(view.model.column_of("rated_power_kw"), Qt.Orientation.Horizontal) == "额定功率 (kW)"
        )
        energy = _view(qtbot, context, "energy_use").model
        # Units written as words are translated like the form view's (gui.form.editors.unit_label).
        assert energy.headerData(energy.column_of("cost_yuan"), Qt.Orientation.Horizontal) == "费用 (元)"
    finally:
        remove_translators(app, translators)


def test_soft_warning_is_kept_and_shown(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    [motor] = document.records.add_many("motor", [{"tag": "M-1"}])
    view = _view(qtbot, context, "motor")
    index = view.model.index(0, view.model.column_of("load_factor_pct"))
    assert view.model.setData(index, "12")
    assert document.records.get(motor).values["load_factor_pct"] == 12.0
    assert view.message_label.text() == "负载率低于20%，请核实测量值。"
    assert "负载率低于20%" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_copy_a_block_and_fill_a_selection(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    context.language = "en"
    _motors(document)
    view = _view(qtbot, context, "motor")
    tag, location = view.model.column_of("tag"), view.model.column_of("location")
    assert location == tag + 2
    selection = view.table.selectionModel()
    selection.select(
        QItemSelection(view.model.index(0, tag), view.model.index(1, location)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    qtbot.keyClick(view.table, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "P-2\t\tDyeing\r\nF-1\t\tBoiler house\r\n"

    # One copied cell fills every selected cell, in one undo step.
    QApplication.clipboard().setText("Weaving")
    selection.select(
        QItemSelection(view.model.index(0, location), view.model.index(2, location)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    assert view.paste()
    assert [r["location"] for r in _live(document, "motor")] == ["Weaving"] * 3
    assert context.undo_stack.count() == 1
    context.undo_stack.undo()
    assert [r["location"] for r in _live(document, "motor")] == ["Dyeing", "Boiler house", "Dyeing"]


def test_paste_wider_than_the_table_is_refused(qtbot: QtBot, context: AppContext, document: AuditDocument) -> None:
    context.language = "en"
    view = _view(qtbot, context, "energy_use")
    QApplication.clipboard().setText("\t".join(["1"] * (view.model.columnCount() + 1)))
    assert not view.paste()
    assert "columns wide" in view.message_label.text()
    assert document.records.count("energy_use", include_deleted=True) == 0


def test_enter_moves_down_only_when_the_value_was_stored(
    qtbot: QtBot, context: AppContext, document: AuditDocument
) -> None:
    uuids = _motors(document)
    view = _view(qtbot, context, "motor")
    poles = view.model.column_of("poles")

    def enter(text: str) -> None:
        qtbot.keyClick(view.table, Qt.Key.Key_F2)
        editor = _open_editor(view, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible())

    view.select_cell(0, poles)
    enter("3")
    assert view.table.currentIndex().row() == 0
    assert document.records.get(uuids[0]).values["poles"] is None
    enter("4")
    assert document.records.get(uuids[0]).values["poles"] == 4
    assert (view.table.currentIndex().row(), view.table.currentIndex().column()) == (1, poles)
