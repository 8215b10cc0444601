"""The generic form view: typing, validation as you type, undo, relevance, overrides, keyboard moves, every form."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from forms.common import decimal
from forms.registry import FormRegistry, discover
from forms.spec import FieldSpec, FieldType, FormSpec, t
from gui.context import AppContext, DocumentSignals
from gui.form.editors import (
    BooleanFieldEditor,
    ChoiceFieldEditor,
    ComboFieldEditor,
    DateFieldEditor,
    LineFieldEditor,
    MultiChoiceFieldEditor,
    TextAreaFieldEditor,
)
from gui.form.view import FormView
from gui.records.commands import add_record

VALID_CODE = "91330621MA2BX7Q48L"


def line(view: FormView, name: str) -> QLineEdit:
    widget = view.rows[name].editor.focus_widget()
    assert isinstance(widget, QLineEdit)
    return widget


def type_into(qtbot: QtBot, view: FormView, name: str, text: str) -> None:
    """Click into a field, select what is there, type ASCII text and press Enter."""
    widget = line(view, name)
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def type_chinese(widget: QWidget, text: str) -> None:
    # keyClicks with non-ASCII text aborts Qt offscreen (STYLE.md); an input method commits text like this.
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose(qtbot: QtBot, combo: QComboBox, label: str) -> None:
    """Pick an entry with the keyboard: Down or Up until it is current, then Enter (which commits and moves on)."""
    combo.setFocus()
    index = combo.findText(label)
    assert index >= 0, f"{label!r} not offered"
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)
    qtbot.keyClick(combo, Qt.Key.Key_Return)


def enterprise(context: AppContext) -> dict[str, object]:
    record = context.document.records.singleton("enterprise")
    return dict(record.values) if record is not None else {}


def test_fill_the_enterprise_form_by_typing(qtbot: QtBot, shell_context: AppContext) -> None:
    view = FormView(shell_context, "enterprise")
    qtbot.addWidget(view)
    view.show()
    assert enterprise(shell_context) == {}
    type_into(qtbot, view, "name", "Hengsheng Dyeing Co")
    type_into(qtbot, view, "credit_code", VALID_CODE)
    type_into(qtbot, view, "employees", "420")
    type_into(qtbot, view, "output_value_10k_yuan", "38,600")
    county = line(view, "county")
    county.setFocus()
    type_chinese(county, "绍兴市柯桥区")
    qtbot.keyClick(county, Qt.Key.Key_Return)
    stored = enterprise(shell_context)
    assert stored["name"] == "Hengsheng Dyeing Co"
    assert stored["credit_code"] == VALID_CODE
    assert stored["employees"] == 420
    assert stored["output_value_10k_yuan"] == 38600.0
    assert stored["county"] == "绍兴市柯桥区"
    # What the form shows after the store normalised the number (thousands separator gone).
    assert line(view, "output_value_10k_yuan").text() == "38600"
    assert view.title.text() == "Enterprise: Hengsheng Dyeing Co"
    assert view.message("credit_code") == ""
    # The first edit created the singleton record; the undo stack knows both steps.
    assert shell_context.undo_stack.count() == 5
    assert shell_context.undo_stack.undoText() == "Edit County / district"


def test_bad_credit_code_shows_the_message_as_you_type_and_is_not_stored(
    qtbot: QtBot, shell_context: AppContext
) -> None:
    view = FormView(shell_context, "enterprise")
    qtbot.addWidget(view)
    view.show()
    type_into(qtbot, view, "name", "Hengsheng")
    widget = line(view, "credit_code")
    widget.setFocus()
    qtbot.keyClicks(widget, "91330621MA2BX7Q48")
    # 17 characters typed: the message is there before the field is left.
    assert "has 18 characters; this one has 17" in view.message("credit_code")
    qtbot.keyClicks(widget, "X")  # wrong check character (GB 32100-2015 gives L for these 17)
    assert "The check character should be L, not X" in view.message("credit_code")
    assert view.message("credit_code").startswith("Error: ")
    assert widget.property("severity") == "error"
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert enterprise(shell_context).get("credit_code") is None
    assert widget.text() == "91330621MA2BX7Q48X"  # the user's text is kept so it can be corrected
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    qtbot.keyClicks(widget, "L")
    assert view.message("credit_code") == ""
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert enterprise(shell_context)["credit_code"] == VALID_CODE
    assert widget.property("severity") == ""


def test_errors_and_warnings_look_different(qtbot: QtBot, shell_context: AppContext) -> None:
    view = FormView(shell_context, "enterprise")
    qtbot.addWidget(view)
    view.show()
    type_into(qtbot, view, "output_value_10k_yuan", "1000")
    type_into(qtbot, view, "value_added_10k_yuan", "20")  # 2 % of output: kept, but unusual
    assert enterprise(shell_context)["value_added_10k_yuan"] == 20.0
    assert view.message("value_added_10k_yuan") == (
        "Check: Value added below 5 % of output value is unusual; check the unit (10k yuan)."
    )
    assert line(view, "value_added_10k_yuan").property("severity") == "warning"
    assert view.rows["value_added_10k_yuan"].message.property("severity") == "warning"
    type_into(qtbot, view, "value_added_10k_yuan", "2000")  # more than the output: refused
    assert view.message("value_added_10k_yuan") == "Error: Value added cannot exceed output value."
    assert line(view, "value_added_10k_yuan").property("severity") == "error"
    assert enterprise(shell_context)["value_added_10k_yuan"] == 20.0


def test_undo_and_redo_an_edit(qtbot: QtBot, shell_context: AppContext) -> None:
    view = FormView(shell_context, "enterprise")
    qtbot.addWidget(view)
    view.show()
    type_into(qtbot, view, "name", "Old name")
    type_into(qtbot, view, "name", "New name")
    stack = shell_context.undo_stack
    assert stack.undoText() == "Edit Enterprise name"
    stack.undo()
    assert enterprise(shell_context)["name"] == "Old name"
    assert line(view, "name").text() == "Old name"
    stack.redo()
    assert enterprise(shell_context)["name"] == "New name"
    assert line(view, "name").text() == "New name"
    stack.undo()
    stack.undo()  # undoes the first edit, which created the record: the record is tombstoned
    assert shell_context.document.records.singleton("enterprise") is None
    assert line(view, "name").text() == ""
    assert view.status.text() == "Not filled in yet: type in any field to start."


def test_relevance_hides_fields_and_keeps_their_values(qtbot: QtBot, shell_context: AppContext) -> None:
    view = FormView(shell_context, "enterprise")
    qtbot.addWidget(view)
    view.show()
    body = line(view, "certification_body")
    certified = view.rows["energy_management_certified"].editor.widget
    assert isinstance(certified, QComboBox)
    type_into(qtbot, view, "name", "Hengsheng")
    choose(qtbot, certified, "Yes")
    assert body.isVisible()
    type_into(qtbot, view, "certification_body", "CQC")
    choose(qtbot, certified, "No")
    assert not body.isVisible()
    assert not view.rows["certification_body"].label.isVisible()
    stored = enterprise(shell_context)
    assert stored["energy_management_certified"] is False
    assert stored["certification_body"] == "CQC"  # hidden, never wiped (unlike ODK on submit)
    assert view.hidden_note.isVisible()
    assert view.hidden_note.text() == "Hidden by earlier answers, values kept: Certification body"
    choose(qtbot, certified, "Yes")
    assert body.isVisible() and body.text() == "CQC"
    assert not view.hidden_note.isVisible()


def test_enter_and_tab_move_to_the_next_visible_field(qtbot: QtBot, shell_context: AppContext) -> None:
    view = FormView(shell_context, "enterprise")
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    name = line(view, "name")
    name.setFocus()
    qtbot.keyClicks(name, "A")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is line(view, "credit_code")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is line(view, "industry_code")
    key_user = view.rows["key_energy_user"].editor.widget
    key_user.setFocus()
    qtbot.keyClick(key_user, Qt.Key.Key_Return)
    # Enter in a yes/no box moves on too.
    assert QApplication.focusWidget() is view.rows["energy_management_certified"].editor.widget
    assert enterprise(shell_context)["name"] == "A"


CALC_FORM = FormSpec(
    id="heat_test",
    version=1,
    label=t("Heat test", "热平衡测试"),
    fields=(
        decimal("flow_t_per_h", t("Flow", "流量"), "t/h"),
        decimal("delta_t_k", t("Temperature rise", "温升"), "K"),
        FieldSpec(
            "heat_kw",
            FieldType.DECIMAL,
            t("Heat", "热量"),
            unit="kW",
            calculation="flow_t_per_h * delta_t_k * 1.163",
        ),
    ),
)


def test_calculated_field_is_read_only_until_overridden(qtbot: QtBot, tmp_path: Path) -> None:
    registry = FormRegistry([*discover(), CALC_FORM])
    document = AuditDocument.create(tmp_path / "calc.fieldaudit", author="tester", registry=registry)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    context = AppContext(document, QUndoStack(), settings, DocumentSignals(), "en")
    try:
        uuid = document.records.add("heat_test", {})
        view = FormView(context, "heat_test", uuid)
        qtbot.addWidget(view)
        view.show()
        type_into(qtbot, view, "flow_t_per_h", "10")
        type_into(qtbot, view, "delta_t_k", "5")
        heat = line(view, "heat_kw")
        # 10 t/h x 5 K x 1.163 kWh/(t.K) = 58.15 kW, worked by hand.
        assert heat.text() == "58.15"
        assert heat.isReadOnly()
        override = view.rows["heat_kw"].override
        assert override is not None
        override.click()
        assert not heat.isReadOnly()
        assert context.undo_stack.undoText() == "Override Heat"
        type_into(qtbot, view, "heat_kw", "60")
        record = document.records.get(uuid)
        assert record.values["heat_kw"] == 60.0 and "heat_kw" in record.overridden
        type_into(qtbot, view, "delta_t_k", "6")
        assert document.records.get(uuid).values["heat_kw"] == 60.0  # an override survives recalculation
        override.click()
        # 10 x 6 x 1.163 = 69.78
        assert document.records.get(uuid).values["heat_kw"] == pytest.approx(69.78)
        assert heat.text() == "69.78" and heat.isReadOnly() and not override.isChecked()
        context.undo_stack.undo()
        record = document.records.get(uuid)
        assert record.values["heat_kw"] == 60.0 and "heat_kw" in record.overridden
        assert heat.text() == "60" and override.isChecked()
        context.undo_stack.redo()
        assert document.records.get(uuid).values["heat_kw"] == pytest.approx(69.78)
        assert "heat_kw" not in document.records.get(uuid).overridden and not override.isChecked()
    finally:
        document.close()


def test_every_form_renders_with_the_right_editor_per_field_type(qtbot: QtBot, shell_context: AppContext) -> None:
    expected = {
        FieldType.INTEGER: LineFieldEditor,
        FieldType.DECIMAL: LineFieldEditor,
        FieldType.TEXT: LineFieldEditor,
        FieldType.DATE: DateFieldEditor,
        FieldType.DATETIME: LineFieldEditor,
        FieldType.CHOICE: ChoiceFieldEditor,
        FieldType.MULTI_CHOICE: MultiChoiceFieldEditor,
        FieldType.BOOLEAN: BooleanFieldEditor,
        FieldType.REFERENCE: ComboFieldEditor,
        FieldType.PHOTO: ComboFieldEditor,
    }
    seen: set[FieldType] = set()
    registry = shell_context.document.registry
    form_ids = [form.id for form in registry] + [f"{form.id}.{r.name}" for form in registry for r in form.repeats]
    for form_id in form_ids:
        view = FormView(shell_context, form_id)
        qtbot.addWidget(view)
        for name, row in view.rows.items():
            wanted = TextAreaFieldEditor if row.spec.multiline else expected[row.spec.type]
            assert type(row.editor) is wanted, f"{form_id}.{name}"
            seen.add(row.spec.type)
            assert row.label.text().startswith(row.spec.label.en)
            assert row.spec.label.zh in row.label.toolTip()
            if row.spec.unit:
                assert row.unit.text() == row.spec.unit
    assert seen >= {FieldType.INTEGER, FieldType.DECIMAL, FieldType.TEXT, FieldType.CHOICE, FieldType.BOOLEAN}


def test_chinese_labels_and_english_tooltips(qtbot: QtBot, shell_context: AppContext) -> None:
    shell_context.language = "zh"
    view = FormView(shell_context, "enterprise")
    qtbot.addWidget(view)
    row = view.rows["credit_code"]
    assert row.label.text() == "统一社会信用代码 *"
    assert row.label.toolTip().startswith("Unified social credit code\n\n18位，末位为校验码")
    type_into(qtbot, view, "credit_code", "123")
    assert "统一社会信用代码应为18位，当前为3位。" in view.message("credit_code")
    assert enterprise(shell_context) == {}


def test_photo_field_offers_the_record_photos_and_shows_a_thumbnail(
    qtbot: QtBot, shell_context: AppContext, tmp_path: Path
) -> None:
    from PIL import Image

    from audit.attachments import add_photo

    document = shell_context.document
    motor = document.records.add("motor", {"tag": "M-1"})
    source = tmp_path / "nameplate.jpg"
    Image.new("RGB", (640, 480), (200, 40, 40)).save(source)
    photo = add_photo(document, source, link_to=motor)
    view = FormView(shell_context, "motor", motor)
    qtbot.addWidget(view)
    view.show()
    combo = view.rows["nameplate_photo"].editor.widget
    assert isinstance(combo, QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == [None, photo]
    assert combo.itemText(1) == "nameplate.jpg"
    choose(qtbot, combo, "nameplate.jpg")
    assert document.records.get(motor).values["nameplate_photo"] == photo
    thumbnail = view.rows["nameplate_photo"].unit.pixmap()
    assert not thumbnail.isNull() and thumbnail.width() > thumbnail.height()  # 4:3, like the photo
    # The record's own photo strip is the shared photos view, scoped to this record.
    assert view.photos_box.isVisible()
    assert type(view.photos_view).__name__ == "PhotosView"


def test_thousands_of_void_qt_calls_cannot_free_none(qtbot: QtBot) -> None:
    import sys

    # PySide6 6.12.0 drops a reference to None per void call; a day of typing makes tens of thousands.
    box = QLineEdit()
    qtbot.addWidget(box)
    before = sys.getrefcount(None)
    for _ in range(20000):
        box.setText("x")
    # Pinned far out of reach (gui.qt_workarounds, PySide6 6.12+), or no reference lost at all.
    assert sys.version_info >= (3, 12) or sys.getrefcount(None) > 1_000_000 or before - sys.getrefcount(None) < 100
    assert box.text() == "x"


def test_reference_lists_follow_the_records_they_offer(qtbot: QtBot, shell_context: AppContext) -> None:
    document = shell_context.document
    first = document.records.add("motor", {"tag": "M-1"})
    reading = document.records.add("spot_measurement", {})
    view = FormView(shell_context, "spot_measurement", reading)
    qtbot.addWidget(view)
    combo = view.rows["equipment"].editor.widget
    assert isinstance(combo, QComboBox)
    assert combo.findData(first) > 0 and combo.itemText(combo.findData(first)) == "Motors: M-1"
    second = add_record(shell_context, "motor", {"tag": "M-2"}, label="M-2")
    assert combo.itemText(combo.findData(second)) == "Motors: M-2"
    choose(qtbot, combo, "Motors: M-2")
    assert document.records.get(reading).values["equipment"] == second
    stack = shell_context.undo_stack
    # Arrowing past M-1 on the way to M-2 was not an edit: one choice, one undo step.
    assert stack.undoText() == "Edit Equipment"
    stack.undo()
    assert stack.undoText() == "Add M-2"
    stack.undo()  # the motor: tombstoned, so no longer offered
    assert combo.findData(second) < 0
    assert document.records.get(reading).values["equipment"] is None
    assert combo.currentIndex() == 0


def test_arrowing_through_a_list_is_one_edit_committed_on_leaving(qtbot: QtBot, shell_context: AppContext) -> None:
    uuid = shell_context.document.records.add("motor", {"tag": "M-1"})
    view = FormView(shell_context, "motor", uuid)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    combo = view.rows["driven_load"].editor.widget
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    for _ in range(3):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Compressor"
    assert shell_context.document.records.get(uuid).values["driven_load"] is None  # not yet: still choosing
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert shell_context.document.records.get(uuid).values["driven_load"] == "compressor"
    assert shell_context.undo_stack.count() == 1
    assert shell_context.undo_stack.undoText() == "Edit Driven load"


def test_the_form_says_what_is_still_missing_and_escape_reverts(qtbot: QtBot, shell_context: AppContext) -> None:
    uuid = shell_context.document.records.add("motor", {"tag": "M-1", "location": "Dyeing"})
    view = FormView(shell_context, "motor", uuid)
    qtbot.addWidget(view)
    view.show()
    # Motor fields required and without a default: rated power, driven load, control method.
    assert view.missing_note.text() == "Still empty (required): Rated power, Driven load, Control method"
    type_into(qtbot, view, "rated_power_kw", "11")
    assert view.missing_note.text() == "Still empty (required): Driven load, Control method"
    power = line(view, "rated_power_kw")
    power.setFocus()
    qtbot.keyClicks(power, "x")
    assert view.message("rated_power_kw").startswith("Error: Rated power: '11x' is not a number")
    qtbot.keyClick(power, Qt.Key.Key_Escape)
    assert power.text() == "11" and view.message("rated_power_kw") == ""
    assert shell_context.document.records.get(uuid).values["rated_power_kw"] == 11.0


def test_date_and_time_are_typed_and_shown_as_people_write_them(qtbot: QtBot, shell_context: AppContext) -> None:
    uuid = shell_context.document.records.add("note", {"title": "Compressed-air leaks"})
    view = FormView(shell_context, "note", uuid)
    qtbot.addWidget(view)
    view.show()
    assert line(view, "observed_at").placeholderText() == "YYYY-MM-DD HH:MM"
    type_into(qtbot, view, "observed_at", "2025-03-13 13:00")
    assert shell_context.document.records.get(uuid).values["observed_at"] == "2025-03-13T13:00"
    assert line(view, "observed_at").text() == "2025-03-13 13:00"
    type_into(qtbot, view, "observed_at", "13/03/2025")
    assert view.message("observed_at").startswith("Error: Observed at: '13/03/2025' is not a date and time")
    assert shell_context.document.records.get(uuid).values["observed_at"] == "2025-03-13T13:00"


def test_a_deleted_referenced_record_is_still_named(qtbot: QtBot, shell_context: AppContext) -> None:
    from gui.records.commands import DeleteRecordsCommand

    document = shell_context.document
    motor = document.records.add("motor", {"tag": "M-7"})
    reading = document.records.add("spot_measurement", {"equipment": motor})
    view = FormView(shell_context, "spot_measurement", reading)
    qtbot.addWidget(view)
    combo = view.rows["equipment"].editor.widget
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Motors: M-7"
    shell_context.undo_stack.push(DeleteRecordsCommand(shell_context, [motor], "M-7"))
    assert document.records.get(reading).values["equipment"] == motor  # the reference is kept
    assert combo.currentData() == motor
    assert combo.currentText() == "Motors: M-7 (deleted)"


def test_a_record_from_an_older_form_version_is_shown_with_todays_form(qtbot: QtBot, tmp_path: Path) -> None:
    version_2 = FormSpec(
        id="heat_test",
        version=2,
        label=CALC_FORM.label,
        fields=(*CALC_FORM.fields, decimal("pressure_mpa", t("Pressure", "压力"), "MPa")),
    )
    registry = FormRegistry([*discover(), version_2])
    document = AuditDocument.create(tmp_path / "v.fieldaudit", author="tester", registry=registry)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    context = AppContext(document, QUndoStack(), settings, DocumentSignals(), "en")
    try:
        # As a package from a laptop that still had version 1 of the form would bring it in.
        uuid = document.records.add("heat_test", {"flow_t_per_h": 10}, envelope={"form_version": 1})
        view = FormView(context, "heat_test", uuid)
        qtbot.addWidget(view)
        assert view.status.text().endswith("entered with form version 1, shown with version 2")
        assert line(view, "flow_t_per_h").text() == "10"
        type_into(qtbot, view, "pressure_mpa", "0.8")  # a field version 1 did not have
        record = document.records.get(uuid)
        assert record.values["pressure_mpa"] == 0.8 and record.values["flow_t_per_h"] == 10.0
        assert record.form_version == 1  # the store keeps the version the record was started with
    finally:
        document.close()


def test_a_date_can_be_picked_from_the_calendar(qtbot: QtBot, shell_context: AppContext) -> None:
    from PySide6.QtCore import QDate

    uuid = shell_context.document.records.add("audit", {"title": "2025 diagnosis"})
    view = FormView(shell_context, "audit", uuid)
    qtbot.addWidget(view)
    view.show()
    editor = view.rows["period_start"].editor
    assert isinstance(editor, DateFieldEditor)
    assert not editor.button.focusPolicy() & Qt.FocusPolicy.TabFocus  # Tab still goes box to box
    type_into(qtbot, view, "period_start", "2025-01-01")
    editor.button.click()
    assert editor.menu.isVisible()
    assert editor.calendar.selectedDate() == QDate(2025, 1, 1)  # opens on the date in the box
    editor.calendar.clicked.emit(QDate(2025, 2, 3))  # as a click on 3 February
    assert not editor.menu.isVisible()
    assert line(view, "period_start").text() == "2025-02-03"
    assert shell_context.document.records.get(uuid).values["period_start"] == "2025-02-03"
    assert shell_context.undo_stack.undoText() == "Edit Audit period start"
    editor.set_read_only(True)
    assert not editor.button.isEnabled()


def test_typing_in_a_closed_reference_list_finds_the_record(qtbot: QtBot, shell_context: AppContext) -> None:
    add = shell_context.document.records.add
    plant = add("water_unit", {"name": "Plant", "level": "1", "unit_type": "production"})
    add("water_unit", {"name": "Dyeing", "level": "1", "unit_type": "production"})
    unit = add("water_unit", {"name": "Jet 1", "level": "3", "unit_type": "production"})
    view = FormView(shell_context, "water_unit", unit)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    combo = view.rows["parent_unit"].editor.widget
    assert isinstance(combo, QComboBox)
    # One target form: the unit's own name, no form prefix; the unit itself is not offered as its parent.
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "Plant", "Dyeing"]
    combo.setFocus()
    qtbot.keyClicks(combo, "Pl")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert shell_context.document.records.get(unit).values["parent_unit"] == plant


def test_a_note_takes_several_lines_and_is_stored_when_the_box_is_left(qtbot: QtBot, shell_context: AppContext) -> None:
    note_uuid = add_record(shell_context, "note", {"title": "Compressed-air leaks"}, label="Notes")
    view = FormView(shell_context, "note", note_uuid)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    body = view.rows["body"].editor.focus_widget()
    body.setFocus()
    qtbot.keyClicks(body, "Flange at AC-02 hisses.")
    qtbot.keyClick(body, Qt.Key.Key_Return)  # a new line, not the next field
    qtbot.keyClicks(body, "Quick coupling in stenter hall.")
    assert QApplication.focusWidget() is body
    assert shell_context.document.records.get(note_uuid)["body"] is None  # nothing stored while typing
    qtbot.keyClick(body, Qt.Key.Key_Tab)  # leaving the box stores it
    assert QApplication.focusWidget() is not body
    note = shell_context.document.records.get(note_uuid)
    assert note["body"] == "Flange at AC-02 hisses.\nQuick coupling in stenter hall."
    assert shell_context.undo_stack.undoText() == "Edit Note"
