"""A record shown as a form, rendered from its FormSpec: editors, units, validation, relevance, overrides, repeats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPixmap, QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from audit.attachments import photos_for, thumbnail_bytes
from audit.changes import Changes
from audit.errors import AuditError, RecordError
from audit.records import Record
from forms.spec import FieldSpec, FieldType
from forms.validation import InvalidValue, Severity, check_value, is_relevant, parse_value
from gui.context import AppContext
from gui.form.editors import (
    ChoiceFieldEditor,
    ComboFieldEditor,
    FieldEditor,
    LineFieldEditor,
    TextAreaFieldEditor,
    make_editor,
    unit_label,
)
from gui.records.commands import add_record, edit_record
from gui.theme import DARK, LIGHT

# Forms with more records than this are not offered in a reference list (pick them from their table).
MAX_REFERENCE_OPTIONS = 500

# Errors: solid red border, bold red text, "Error:"; warnings: dashed amber border, amber text, "Check:".
# Lighter shades on a dark palette so both stay readable.
LIGHT_COLOURS = {"error": LIGHT.error, "warning": LIGHT.warning}
DARK_COLOURS = {"error": DARK.error, "warning": DARK.warning}
BORDERS = {"error": "2px solid", "warning": "2px dashed"}


class OverrideCommand(QUndoCommand):
    """A calculated field switched to a hand-entered value or back to its calculation."""

    def __init__(
        self,
        context: AppContext,
        record_uuid: str,
        field: str,
        overridden: bool,
        old_value: Any,
        label: str,
        changes: Changes,
    ) -> None:
        text = (
            QCoreApplication.translate("FormView", "Override %1")
            if overridden
            else QCoreApplication.translate("FormView", "Recalculate %1")
        )
        super().__init__(text.replace("%1", label))
        self.context = context
        self.record_uuid = record_uuid
        self.field = field
        self.overridden = overridden
        self.old_value = old_value
        # Pushed after the change was made (so a refusal reaches the caller, not C++): skip the first redo.
        self._already_done: Changes | None = changes

    def redo(self) -> None:
        records = self.context.document.records
        if self._already_done is not None:
            changes, self._already_done = self._already_done, None
        else:
            changes = records.set_overridden(self.record_uuid, self.field, self.overridden)
        self.context.signals.announce(changes)

    def undo(self) -> None:
        value = self.old_value if not self.overridden else None
        records = self.context.document.records
        self.context.signals.announce(records.set_overridden(self.record_uuid, self.field, not self.overridden, value))


@dataclass
class FieldRow:
    spec: FieldSpec
    editor: FieldEditor
    label: QLabel
    unit: QLabel
    message: QLabel
    override: QCheckBox | None


class FormView(QWidget):
    """One record of a form. A singleton form (the enterprise) is created by its first edit."""

    record_shown = Signal(str)  # uuid, "" when no record is shown

    def __init__(
        self, context: AppContext, form_id: str, record_uuid: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.form_id = form_id
        self.form, self.repeat_spec = context.document.records.spec_for(form_id)
        self.fields = self.repeat_spec.fields if self.repeat_spec else self.form.fields
        self.singleton = self.form.singleton and self.repeat_spec is None
        self.language = context.language
        self.record: Record | None = None
        self.values: dict[str, Any] = {}
        self.rows: dict[str, FieldRow] = {}
        self._reference_cache: dict[str, list[tuple[str, str]]] = {}
        # The stored value each editor was last filled with: after a save elsewhere on the form only the
        # boxes whose stored value changed are refilled, so a refused value (still in its box, with its
        # message) and the selection Enter or Tab made in the next box both survive.
        self._loaded: dict[str, Any] = {}
        self._repeat_views: list[QWidget] = []
        self._build()
        context.signals.record_changed.connect(self._on_record_changed)
        context.signals.records_changed.connect(self._on_records_changed)
        context.signals.photos_changed.connect(self._on_photos_changed)
        if record_uuid is None and self.singleton:
            single = context.document.records.singleton(form_id)
            record_uuid = single.uuid if single else None
        self.set_record(record_uuid)

    def _colours(self) -> dict[str, str]:
        return DARK_COLOURS if self.palette().window().color().lightness() < 128 else LIGHT_COLOURS

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            for row in self.rows.values():
                kind = str(row.message.property("severity") or "")
                if kind:
                    self._paint_severity(row, kind)
        super().changeEvent(event)

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setObjectName("formTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setEnabled(False)  # drawn in the palette's muted colour
        layout.addWidget(self.status)
        self.missing_note = QLabel()
        self.missing_note.setObjectName("missingNote")
        self.missing_note.setWordWrap(True)
        self.missing_note.setVisible(False)
        layout.addWidget(self.missing_note)
        self.hidden_note = QLabel()
        self.hidden_note.setWordWrap(True)
        self.hidden_note.setVisible(False)
        layout.addWidget(self.hidden_note)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        layout.addLayout(grid)
        for index, spec in enumerate(self.fields):
            self._add_row(grid, index * 2, spec)
        # Labels get the width of the longest one up to a cap; only longer ones wrap (never a lone "*").
        widths = [row.label.fontMetrics().horizontalAdvance(row.label.text()) for row in self.rows.values()]
        grid.setColumnMinimumWidth(0, min(max(widths, default=160) + 12, 300))
        self.repeats_box = QVBoxLayout()
        layout.addLayout(self.repeats_box)
        self.photos_box = QGroupBox(self.tr("Photos of this record"))
        self.photos_box.setObjectName("recordPhotos")
        self.photos_layout = QVBoxLayout(self.photos_box)
        self.photos_view: QWidget | None = None
        self.photos_box.setVisible(False)
        self._photos_timer = QTimer(self)
        self._photos_timer.setSingleShot(True)
        self._photos_timer.setInterval(150)
        self._photos_timer.timeout.connect(self._build_photos)
        layout.addWidget(self.photos_box)
        layout.addStretch(1)

    def _add_row(self, grid: QGridLayout, row: int, spec: FieldSpec) -> None:
        editor = make_editor(spec, self.language, self._options)
        if spec.type is FieldType.REFERENCE and isinstance(editor, ComboFieldEditor):
            editor.describe_unknown = self._describe_record
        other = "en" if self.language == "zh" else "zh"
        label = QLabel(spec.label.get(self.language) + (" *" if spec.required else ""))
        label.setBuddy(editor.focus_widget())
        label.setWordWrap(True)
        label.setMaximumWidth(320)
        tooltip = spec.label.get(other)
        if spec.help is not None:
            tooltip += "\n\n" + spec.help.get(self.language)
        if spec.required:
            tooltip += "\n\n" + self.tr("Required before the audit is finalised; a draft may leave it empty.")
        label.setToolTip(tooltip)
        editor.widget.setToolTip(tooltip)
        editor.widget.setObjectName(f"field_{spec.name}")
        unit = QLabel(unit_label(spec.unit))
        unit.setMinimumWidth(40)
        message = QLabel()
        message.setWordWrap(True)
        message.setVisible(False)
        message.setObjectName(f"message_{spec.name}")
        message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        override: QCheckBox | None = None
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(editor.widget, row, 1)
        grid.addWidget(unit, row, 2)
        if spec.is_calculated:
            override = QCheckBox(self.tr("Override"))
            override.setToolTip(
                self.tr("Calculated as %1. Tick to enter the value by hand.").replace("%1", spec.calculation or "")
            )
            override.toggled.connect(lambda on, name=spec.name: self._toggle_override(name, on))
            grid.addWidget(override, row, 3)
        grid.addWidget(message, row + 1, 1, 1, 3)
        field_row = FieldRow(spec, editor, label, unit, message, override)
        self.rows[spec.name] = field_row
        editor.edited.connect(lambda r=field_row: self._show_check(r))
        editor.committed.connect(lambda r=field_row: self._commit(r))
        editor.focus_widget().installEventFilter(self)
        if isinstance(editor, LineFieldEditor):
            editor.line.returnPressed.connect(lambda r=field_row: self._focus_next(r))

    def _options(self, spec: FieldSpec) -> list[tuple[str, str]]:
        records = self.context.document.records
        if spec.type is FieldType.PHOTO:
            if self.record is None:
                return []
            return [
                (p.uuid, p.original_name or p.uuid[:8]) for p in photos_for(self.context.document, self.record.uuid)
            ]
        if spec.name not in self._reference_cache:
            # Cached: moving through a table re-shows the form per row, and listing targets is the slow part.
            registry = self.context.document.registry
            options: list[tuple[str, str]] = []
            targets = self._targets(spec)
            for target in targets:
                if records.count(target) > MAX_REFERENCE_OPTIONS:
                    continue
                # With one target form the title alone is shown, so typing "M-05" in the closed list finds it.
                prefix = f"{registry[target].label.get(self.language)}: " if len(targets) > 1 else ""
                options.extend(
                    (record.uuid, prefix + records.title(record, self.language)) for record in records.list(target)
                )
            self._reference_cache[spec.name] = options
        own = self.record_uuid
        return [option for option in self._reference_cache[spec.name] if option[0] != own]

    def _describe_record(self, value: Any) -> str:
        """A referenced record not in the list (a big form, a deleted record): still named, not a bare id."""
        records = self.context.document.records
        if not isinstance(value, str) or not records.exists(value):
            return str(value)
        record = records.get(value, with_children=False)
        form, repeat = records.spec_for(record.form_id)
        text = f"{(repeat or form).label.get(self.language)}: {records.title(record, self.language)}"
        return text + (" " + self.tr("(deleted)") if record.deleted else "")

    def _targets(self, spec: FieldSpec) -> tuple[str, ...]:
        return spec.references or tuple(form.id for form in self.context.document.registry)

    # -- showing a record -------------------------------------------------------------------------------
    @property
    def record_uuid(self) -> str | None:
        return self.record.uuid if self.record else None

    def set_record(self, record_uuid: str | None) -> None:
        records = self.context.document.records
        changed = record_uuid != self.record_uuid
        self.record = (
            records.get(record_uuid, with_children=False) if record_uuid and records.exists(record_uuid) else None
        )
        self.values = dict(self.record.values) if self.record else {}
        if changed:
            self._refresh_reference_options()
            self._build_repeats()
            self._schedule_photos()
        self._load(refill=changed)
        if changed:
            self.record_shown.emit(self.record_uuid or "")

    def _refresh_reference_options(self, changed_forms: set[str] | None = None) -> None:
        """Re-offer reference and photo choices; with changed_forms, only lists that read those forms are re-read."""
        for row in self.rows.values():
            spec = row.spec
            if spec.type not in (FieldType.REFERENCE, FieldType.PHOTO) or not isinstance(row.editor, ComboFieldEditor):
                continue
            if changed_forms is not None:
                if spec.type is FieldType.PHOTO or not (
                    "" in changed_forms or changed_forms & set(self._targets(spec))
                ):
                    continue
                self._reference_cache.pop(spec.name, None)
            row.editor.set_options(self._options(spec))
            row.editor.set_value(self.values.get(spec.name))

    def _build_repeats(self) -> None:
        for view in self._repeat_views:
            view.deleteLater()
        self._repeat_views = []
        if self.record is None or self.repeat_spec is not None or not self.form.repeats:
            return
        from gui.records.view import RecordsView

        for repeat in self.form.repeats:
            box = QGroupBox(repeat.label.get(self.language))
            box_layout = QVBoxLayout(box)
            view = RecordsView(self.context, f"{self.form.id}.{repeat.name}", parent_uuid=self.record.uuid, parent=box)
            view.setObjectName(f"repeat_{repeat.name}")
            view.setMinimumHeight(180)
            box_layout.addWidget(view)
            self.repeats_box.addWidget(box)
            self._repeat_views.append(box)

    def _schedule_photos(self) -> None:
        # The photo strip is rebuilt once the record stays shown, not for every row the cursor passes.
        self.photos_box.setVisible(self.record is not None)
        if self.photos_view is None:
            self._build_photos()  # the first record shown gets its photos at once
        elif getattr(self.photos_view, "record_uuid", None) != self.record_uuid:
            self._photos_timer.start()

    def _build_photos(self) -> None:
        layout = self.photos_layout
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.photos_view = None
        self.photos_box.setVisible(self.record is not None)
        if self.record is None:
            return
        from gui.photos.view import PhotosView

        self.photos_view = PhotosView(self.context, self.record.uuid, parent=self.photos_box)
        self.photos_view.setMinimumHeight(160)
        layout.addWidget(self.photos_view)

    def _load(self, refill: bool = True) -> None:
        records = self.context.document.records
        record = self.record
        editable = not self.context.document.read_only and (record is None or not record.deleted)
        if record is None and not self.singleton:
            editable = False
        name = self.form.label.get(self.language)
        if self.repeat_spec is not None:
            name = self.repeat_spec.label.get(self.language)
        self.title.setText(name if record is None else f"{name}: {records.title(record, self.language)}")
        if record is None:
            self.status.setText(
                self.tr("Not filled in yet: type in any field to start.")
                if self.singleton
                else self.tr("No record selected.")
            )
        else:
            text = self.tr("Revision %1, last changed %2 by %3").replace("%1", str(record.revision))
            text = text.replace("%2", record.modified_at.replace("T", " ")).replace("%3", record.author)
            if record.deleted:
                text += " — " + self.tr("deleted (undo or restore it to edit)")
            if record.form_version != self.form.version:
                # ODK strands drafts on the form version they were started with; here the record is
                # shown with today's form, and the user is told which fields are new since.
                text += " — " + self.tr("entered with form version %1, shown with version %2").replace(
                    "%1", str(record.form_version)
                ).replace("%2", str(self.form.version))
            self.status.setText(text)
        for row in self.rows.values():
            value = self.values.get(row.spec.name)
            overridden = record is not None and row.spec.name in record.overridden
            if refill or row.spec.name not in self._loaded or self._loaded[row.spec.name] != value:
                row.editor.set_value(value)
                self._loaded[row.spec.name] = value
            row.editor.set_read_only(not editable or (row.spec.is_calculated and not overridden))
            if row.override is not None:
                row.override.blockSignals(True)
                row.override.setChecked(overridden)
                row.override.setEnabled(editable and record is not None)
                row.override.blockSignals(False)
            self._show_unit(row)
            self._show_check(row)
        self._apply_relevance()
        self._show_missing()

    def _separator(self) -> str:
        return "、" if self.language == "zh" else ", "

    def _show_missing(self) -> None:
        """Which required values are still empty, so "incomplete" in the navigator is actionable here."""
        names: list[str] = []
        if self.record is not None and not self.record.deleted:
            record = self.context.document.records.get(self.record.uuid)
            for problem in self.context.document.records.problems(record):
                if problem.severity is Severity.MISSING and problem.repeat is None:
                    spec = self.rows[problem.field].spec if problem.field in self.rows else None
                    names.append(spec.label.get(self.language) if spec else problem.message.get(self.language))
        self.missing_note.setVisible(bool(names))
        self.missing_note.setText(
            self.tr("Still empty (required): %1").replace("%1", self._separator().join(names)) if names else ""
        )

    def _show_unit(self, row: FieldRow) -> None:
        spec = row.spec
        if spec.type is FieldType.PHOTO:
            self._show_thumbnail(row)
        if spec.unit_field:
            unit_spec = self.rows[spec.unit_field].spec
            code = self.values.get(spec.unit_field)
            choice = unit_spec.choice(str(code)) if code is not None else None
            row.unit.setText(choice.label.get(self.language) if choice else (str(code) if code else ""))
        if spec.units_from and isinstance(row.editor, ChoiceFieldEditor):
            owner = self.rows[spec.units_from].spec
            chosen = owner.choice(str(self.values.get(spec.units_from)))
            row.editor.limit_to(chosen.units if chosen else ())
            row.editor.set_value(self.values.get(spec.name))

    def _show_thumbnail(self, row: FieldRow) -> None:
        value = self.values.get(row.spec.name)
        pixmap = QPixmap()
        if isinstance(value, str) and value:
            try:
                pixmap.loadFromData(thumbnail_bytes(self.context.document, value))
            except AuditError:
                pixmap = QPixmap()
        if pixmap.isNull():
            row.unit.clear()
            return
        height = max(48, row.editor.widget.sizeHint().height() * 2)
        row.unit.setPixmap(pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation))

    def _apply_relevance(self) -> None:
        hidden_with_value = []
        for row in self.rows.values():
            shown = is_relevant(row.spec, self.values)
            for widget in (row.label, row.editor.widget, row.unit, row.override):
                if widget is not None:
                    widget.setVisible(shown)
            if not shown:
                row.message.setVisible(False)
                if self.values.get(row.spec.name) not in (None, "", []):
                    hidden_with_value.append(row.spec.label.get(self.language))
        # ODK drops non-relevant values on submit; here they are kept, and the user is told so.
        self.hidden_note.setVisible(bool(hidden_with_value))
        self.hidden_note.setText(
            self.tr("Hidden by earlier answers, values kept: %1").replace(
                "%1", self._separator().join(hidden_with_value)
            )
            if hidden_with_value
            else ""
        )

    # -- validation as you type ---------------------------------------------------------------------------
    def check(self, name: str) -> tuple[Severity | None, str]:
        """The message shown under a field for what it holds now (typed or stored)."""
        row = self.rows[name]
        try:
            value = parse_value(row.spec, row.editor.raw_value())
        except InvalidValue as error:
            return Severity.ERROR, error.message.get(self.language)
        scope = {**self.values, name: value}
        problems = check_value(row.spec, value, scope)
        for severity in (Severity.ERROR, Severity.WARNING):
            for problem in problems:
                if problem.severity is severity:
                    return severity, problem.message.get(self.language)
        return None, ""

    def check_now(self, name: str) -> None:
        """Show the message for what a field holds now, as typing would."""
        self._show_check(self.rows[name])

    def _show_check(self, row: FieldRow) -> None:
        severity, message = self.check(row.spec.name)
        self._show_message(row, severity, message)

    def _show_message(self, row: FieldRow, severity: Severity | None, message: str) -> None:
        if severity is Severity.ERROR:
            text = self.tr("Error: %1").replace("%1", message)
        elif severity is Severity.WARNING:
            text = self.tr("Check: %1").replace("%1", message)
        else:
            text = ""
        kind = severity.value if severity in (Severity.ERROR, Severity.WARNING) else ""
        if row.message.property("severity") != kind:
            self._paint_severity(row, kind)
        row.message.setText(text)
        row.message.setVisible(bool(text) and row.label.isVisibleTo(self))

    def _paint_severity(self, row: FieldRow, kind: str) -> None:
        # Only a marked editor gets a style sheet, so unmarked ones keep following the palette (dark mode).
        box = row.editor.focus_widget()
        for widget in (row.message, box):
            widget.setProperty("severity", kind)
        colour = self._colours().get(kind)
        box.setStyleSheet(f"border: {BORDERS[kind]} {colour};" if colour else "")
        row.message.setStyleSheet(
            f"color: {colour};" + (" font-weight: bold;" if kind == "error" else "") if colour else ""
        )

    def message(self, name: str) -> str:
        return self.rows[name].message.text() if self.rows[name].message.isVisibleTo(self) else ""

    # -- committing ------------------------------------------------------------------------------------------
    def _commit(self, row: FieldRow) -> None:
        name = row.spec.name
        try:
            value = parse_value(row.spec, row.editor.raw_value())
        except InvalidValue as error:
            self._show_message(row, Severity.ERROR, error.message.get(self.language))
            return
        if value == self.values.get(name) or self.context.document.read_only:
            return
        label = row.spec.label.get(self.language)
        try:
            if self.record is None:
                if not self.singleton:
                    return
                uuid = add_record(self.context, self.form_id, {name: value}, label=self.form.label.get(self.language))
                self.set_record(uuid)
            else:
                edit_record(self.context, self.record.uuid, {name: value}, label)
        except AuditError as error:
            target = self.rows.get(error.field or "", row) if isinstance(error, RecordError) else row
            self._show_message(target, Severity.ERROR, error.message.get(self.language))

    def _toggle_override(self, name: str, overridden: bool) -> None:
        if self.record is None:
            return
        label = self.rows[name].spec.label.get(self.language)
        old_value = self.values.get(name)
        try:
            changes = self.context.document.records.set_overridden(self.record.uuid, name, overridden)
        except AuditError as error:
            self._show_message(self.rows[name], Severity.ERROR, error.message.get(self.language))
            self.set_record(self.record.uuid)  # the box goes back to what is stored
            return
        self.context.undo_stack.push(
            OverrideCommand(self.context, self.record.uuid, name, overridden, old_value, label, changes)
        )

    def focus_first_field(self) -> None:
        for row in self.rows.values():
            widget = row.editor.focus_widget()
            if widget.isVisibleTo(self) and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def focus_field(self, name: str) -> bool:
        """Put the cursor in a field (a to-do item, a link from a panel); False if it is not shown."""
        row = self.rows.get(name)
        if row is None:
            return False
        widget = row.editor.focus_widget()
        if not widget.isVisibleTo(self):
            return False
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _focus_next(self, row: FieldRow) -> None:
        names = list(self.rows)
        for name in names[names.index(row.spec.name) + 1 :]:
            candidate = self.rows[name]
            widget = candidate.editor.focus_widget()
            if widget.isVisibleTo(self) and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in a choice or yes/no box moves on, as it does in a text box (keyboard-only entry).
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            for row in self.rows.values():
                if row.editor.focus_widget() is watched and not isinstance(
                    row.editor, (LineFieldEditor, TextAreaFieldEditor)
                ):
                    if isinstance(row.editor, ComboFieldEditor):
                        row.editor.commit_pending()
                    self._focus_next(row)
                    return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            # Escape puts back what is stored, dropping what was typed (and its message).
            for row in self.rows.values():
                if row.editor.focus_widget() is watched and isinstance(row.editor, LineFieldEditor):
                    row.editor.set_value(self.values.get(row.spec.name))
                    self._show_check(row)
                    return True
        return super().eventFilter(watched, event)

    # -- changes made elsewhere (undo, a table, another view) ---------------------------------------------
    def _on_record_changed(self, record_uuid: str) -> None:
        if record_uuid == self.record_uuid:
            self.set_record(record_uuid)

    def _on_photos_changed(self) -> None:
        # A photo added or deleted changes what a photo field may point to.
        for row in self.rows.values():
            if row.spec.type is FieldType.PHOTO and isinstance(row.editor, ComboFieldEditor):
                row.editor.set_options(self._options(row.spec))
                row.editor.set_value(self.values.get(row.spec.name))
                self._show_thumbnail(row)

    def _on_records_changed(self, form_id: str) -> None:
        self._refresh_reference_options({form_id.split(".")[0]})
        if form_id not in ("", self.form_id):
            return
        if self.context.signals.edits_only and not self.singleton:
            return  # records edited in place: record_changed has reloaded this one if it was among them
        if self.singleton:
            single = self.context.document.records.singleton(self.form_id)
            self.set_record(single.uuid if single else None)
        elif self.record is not None:
            self.set_record(self.record.uuid)
