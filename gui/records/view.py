"""A record table an auditor types into like a spreadsheet: edit in place, add, duplicate, delete, paste."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QItemSelectionRange,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from audit.errors import AuditError
from audit.table_paste import PasteError, parse_clipboard, plan_paste
from forms.spec import FieldSpec, FieldType, Text
from gui.context import AppContext
from gui.records.commands import (
    DeleteRecordsCommand,
    RestoreRecordsCommand,
    TransactionGroupCommand,
    add_record,
    edit_record,
)
from gui.records.model import RecordsModel
from gui.theme import severities

ModelIndex = QModelIndex | QPersistentModelIndex


def _ranges(selection: QItemSelection) -> list[QItemSelectionRange]:
    return [selection.at(i) for i in range(selection.size())]


class RecordsDelegate(QStyledItemDelegate):
    """Lists for choices and references, a line edit for the rest; the model parses and checks the text."""

    def __init__(self, model: RecordsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records_model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        spec = self.records_model.fields[index.column()]
        options = self._options(spec, index.row())
        if options is None:
            editor = QLineEdit(parent)
            editor.setFrame(False)
            return editor
        combo = QComboBox(parent)
        combo.addItem("", "")
        for value, label in options:
            combo.addItem(label, value)
        return combo

    def _options(self, spec: FieldSpec, row: int) -> list[tuple[str, str]] | None:
        model = self.records_model
        language = model.language
        if spec.type is FieldType.BOOLEAN:
            return [("yes", model.display_text(spec, True)), ("no", model.display_text(spec, False))]
        if spec.type is FieldType.REFERENCE:
            return model.reference_choices(spec)
        if spec.type is not FieldType.CHOICE:
            return None
        record = model.row_at(row)
        current = record.values.get(spec.name) if record is not None else None
        choices = [c for c in spec.choices if not c.retired or c.code == current]
        if spec.units_from and record is not None:
            # A unit list follows the energy type chosen in the same row (kWh for electricity, t for coal).
            owner = next((f for f in model.fields if f.name == spec.units_from), None)
            chosen = owner.choice(str(record.values.get(spec.units_from))) if owner is not None else None
            if chosen is not None and chosen.units:
                choices = [c for c in choices if c.code in chosen.units or c.code == current]
        return [(c.code, c.label.get(language)) for c in choices]

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class RecordsTable(QTableView):
    """The table: claims its own shortcuts while focused so a window shortcut (Ctrl+N = New audit) never wins."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key_actions: list[QAction] = []
        self.return_pressed = lambda: None
        self.commit_refused = False
        # Enter after an edit in the last row: the cursor "moves down" to a row that does not exist yet;
        # the first key typed adds it (in this column), as typing below the last row does in a spreadsheet.
        self.append_row: Callable[[int], bool] = lambda _column: False
        self.pending_append: int | None = None

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for action in self.key_actions:
            if action.isEnabled() and any(
                pressed.matches(shortcut) == QKeySequence.SequenceMatch.ExactMatch for shortcut in action.shortcuts()
            ):
                return action
        return None

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and self.state() != QAbstractItemView.State.EditingState
            and isinstance(event, QKeyEvent)
            and self._action_for(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.pending_append is not None and self.state() != QAbstractItemView.State.EditingState:
            column, self.pending_append = self.pending_append, None
            typed = event.text()
            plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
            if plain and typed and typed.isprintable() and self.append_row(column):
                super().keyPressEvent(event)  # the key starts editing the new row's cell
                return
            current = self.currentIndex()
            if current.isValid():
                self.selectionModel().select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                if event.key() == Qt.Key.Key_Up:
                    return  # back up from below the last row: onto the last row
        if self.state() == QAbstractItemView.State.EditingState:
            # Keys an editor ignores (a line edit passes Return on) are not table commands.
            super().keyPressEvent(event)
            return
        action = self._action_for(event)
        if action is not None:
            action.trigger()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            self.return_pressed()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        refused, self.commit_refused = self.commit_refused, False
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and not refused:
            # Enter in a cell commits and moves down, as in a spreadsheet; a refused value keeps
            # the cursor where the person can type it again.
            self.move_down(after_edit=True)

    def move_down(self, after_edit: bool = False) -> None:
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(current.siblingAtRow(current.row() + 1))
        elif current.isValid() and after_edit:
            # Below the last row: nothing is selected, so the next key cannot overwrite what was just stored.
            self.pending_append = current.column()
            self.selectionModel().clearSelection()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.pending_append = None
        super().mousePressEvent(event)


class RecordsView(QWidget):
    """Records of one form (or of a repeat group of one parent record) as an editable table."""

    # uuid of a record the user wants to open in its form
    record_activated = Signal(str)

    def __init__(
        self,
        context: AppContext,
        form_id: str,
        parent_uuid: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.form_id = form_id
        self.parent_uuid = parent_uuid
        self.model = RecordsModel(context, form_id, parent_uuid, self)
        self.table = RecordsTable(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(RecordsDelegate(self.model, self.table))
        self._restore_uuid: str | None = None
        self._restore_column = 0
        self._build()
        self._configure_table()
        self.model.edit_refused.connect(self._edit_refused)
        self.model.edit_warned.connect(lambda message: self.show_message(message, "warning"))
        self.model.edit_stored.connect(self.clear_message)
        self.model.counts_changed.connect(self._show_counts)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.table.selectionModel().currentChanged.connect(self._update_actions)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self._show_counts(*self._counts())
        self._update_actions()

    # -- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.open_action = self._action(self.tr("Open record"), [QKeySequence("Ctrl+Return")], self.open_current)
        self.add_action = self._action(
            self.tr("Add"), [QKeySequence("Ctrl+N"), QKeySequence(Qt.Key.Key_Insert)], self.add_row
        )
        self.duplicate_action = self._action(self.tr("Duplicate"), [QKeySequence("Ctrl+D")], self.duplicate_rows)
        self.delete_action = self._action(
            self.tr("Delete"), [QKeySequence(QKeySequence.StandardKey.Delete)], self.delete_rows
        )
        self.restore_action = self._action(self.tr("Restore"), [QKeySequence("Ctrl+Shift+R")], self.restore_rows)
        self.copy_action = self._action(self.tr("Copy"), [QKeySequence(QKeySequence.StandardKey.Copy)], self.copy)
        self.paste_action = self._action(self.tr("Paste"), [QKeySequence(QKeySequence.StandardKey.Paste)], self.paste)
        self.find_action = self._action(
            self.tr("Filter"), [QKeySequence(QKeySequence.StandardKey.Find)], self._focus_filter
        )
        toolbar = QHBoxLayout()
        for action in (
            self.add_action,
            self.duplicate_action,
            self.delete_action,
            self.restore_action,
            self.open_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            toolbar.addWidget(button)
        self.show_deleted = QCheckBox(self.tr("Show deleted"), self)
        self.show_deleted.toggled.connect(self.model.set_include_deleted)
        toolbar.addWidget(self.show_deleted)
        toolbar.addStretch(1)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter: words in any column"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(220)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        toolbar.addWidget(self.filter_edit)
        self.count_label = QLabel(self)
        toolbar.addWidget(self.count_label)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(toolbar)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        if self.context.document.read_only:
            self.show_message(
                Text("This audit is open read-only.", "本诊断以只读方式打开。"),
                "info",
            )

    def _action(self, text: str, keys: list[QKeySequence], slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        # Shown in menus and tooltips; RecordsTable delivers the keys itself while it has focus.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(f"{text} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.table.addAction(action)
        self.table.key_actions.append(action)
        return action

    def _configure_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.return_pressed = self._return_pressed
        table.append_row = self._append_row
        vertical = table.verticalHeader()
        # Fixed row heights let the view place row 99 999 without measuring the rows above it.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
        vertical.sectionDoubleClicked.connect(self._header_activated)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        # Sorting is the model's SQL ORDER BY; not setSortingEnabled, which would sort once on start-up.
        header.sortIndicatorChanged.connect(self.model.sort)
        # Columns are sized from at most 64 rows: all of them would fetch the whole table.
        header.setResizeContentsPrecision(64)
        self._columns_fitted = False
        self.fit_columns()

    def fit_columns(self) -> None:
        """Widths from the header text and the rows on screen (never from all rows: 100 000 is too many)."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(self.model.columnCount()):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            title = metrics.horizontalAdvance(text) + 28
            content = self.table.sizeHintForColumn(column) if self.model.rowCount() else 0
            header.resizeSection(column, min(max(title, content, 70), 320))
        self._columns_fitted = self.model.rowCount() > 0

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._columns_fitted:
            self.fit_columns()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A closed view must not query an audit that may be closed right after it.
        self._filter_timer.stop()
        self.model.stop_refreshing()
        super().closeEvent(event)

    # -- messages ----------------------------------------------------------------------------------
    def show_message(self, message: Text, kind: str = "error") -> None:
        shades = severities(self)
        colours = {"error": shades.error, "warning": shades.warning, "info": "palette(text)"}
        self.message_label.setStyleSheet(f"color: {colours.get(kind, 'palette(text)')}; padding: 2px;")
        self.message_label.setText(message.get(self.context.language))
        self.message_label.setToolTip(message.bilingual())
        self.message_label.show()

    def _edit_refused(self, message: Text) -> None:
        self.table.commit_refused = True
        self.show_message(message, "error")

    def clear_message(self) -> None:
        if not self.context.document.read_only:
            self.message_label.hide()
            self.message_label.clear()

    def _counts(self) -> tuple[int, int]:
        from audit.queries import deleted_counts

        return deleted_counts(self.context.document, self.model.query)

    def _show_counts(self, live: int, deleted: int) -> None:
        text = self.tr("Records: %1").replace("%1", str(live))
        if deleted:
            text += " · " + self.tr("deleted: %1").replace("%1", str(deleted))
        self.count_label.setText(text)

    # -- selection helpers -------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        rows: set[int] = set()
        for selected in _ranges(self.table.selectionModel().selection()):
            rows.update(range(selected.top(), selected.bottom() + 1))
        current = self.table.currentIndex()
        if not rows and current.isValid():
            rows.add(current.row())
        return sorted(rows)

    def _selected_uuids(self, deleted: bool) -> list[str]:
        found: list[str] = []
        for row in self.selected_rows():
            record = self.model.row_at(row)
            if record is not None and record.deleted == deleted:
                found.append(record.uuid)
        return found

    def _update_actions(self, *_: Any) -> None:
        writable = not self.context.document.read_only
        rows = self.selected_rows()
        records = [self.model.row_at(row) for row in rows[:1000]]
        live = any(r is not None and not r.deleted for r in records)
        dead = any(r is not None and r.deleted for r in records)
        self.add_action.setEnabled(writable)
        self.paste_action.setEnabled(writable)
        self.duplicate_action.setEnabled(writable and live)
        self.delete_action.setEnabled(writable and live)
        self.restore_action.setEnabled(writable and dead)
        self.open_action.setEnabled(bool(records))

    def select_cell(self, row: int, column: int = 0) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, max(column, 0))
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index)

    def _remember_current(self) -> None:
        current = self.table.currentIndex()
        self._restore_uuid = self.model.uuid_at(current.row()) if current.isValid() else None
        self._restore_column = current.column() if current.isValid() else 0

    def _restore_current(self) -> None:
        if self._restore_uuid is not None:
            row = self.model.row_of_uuid(self._restore_uuid)
            if row >= 0:
                self.select_cell(row, self._restore_column)
        self._restore_uuid = None

    # -- actions -----------------------------------------------------------------------------------
    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter_text(self.filter_edit.text())

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def open_current(self) -> None:
        rows = self.selected_rows()
        record_uuid = self.model.uuid_at(rows[0]) if rows else None
        if record_uuid is not None:
            self.record_activated.emit(record_uuid)

    def _header_activated(self, row: int) -> None:
        record_uuid = self.model.uuid_at(row)
        if record_uuid is not None:
            self.record_activated.emit(record_uuid)

    def _return_pressed(self) -> None:
        current = self.table.currentIndex()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row(), QModelIndex()):
            self.open_current()
        else:
            self.table.move_down()

    def _form_label(self) -> str:
        return self.model.form_label().get(self.context.language)

    def _run(self, work: Any) -> Any:
        """Run an edit; a refusal from the store becomes the message line, never an exception."""
        try:
            result = work()
        except AuditError as error:
            self.show_message(error.message, "error")
            return None
        self.clear_message()
        return result

    def _make_visible(self) -> None:
        if self.filter_edit.text():
            self.filter_edit.clear()
            self.apply_filter()

    def add_row(self) -> str | None:
        """Add an empty record (defaults filled in) at the end and put the cursor in its first cell."""
        self._make_visible()
        record_uuid: str | None = self._run(
            lambda: add_record(self.context, self.form_id, {}, self.parent_uuid, self._form_label())
        )
        if record_uuid is not None:
            self.model.refresh()
            self.select_cell(self.model.row_of_uuid(record_uuid), 0)
            self.table.setFocus()
        return record_uuid

    def _append_row(self, column: int) -> bool:
        if not self.add_action.isEnabled() or self.add_row() is None:
            return False
        self.select_cell(self.table.currentIndex().row(), column)
        return True

    def duplicate_rows(self) -> list[str]:
        sources = self._selected_uuids(deleted=False)
        if not sources:
            return []
        copyable = [
            spec.name for spec in self.model.fields if spec.type is not FieldType.PHOTO and not spec.is_calculated
        ]

        def work() -> list[str]:
            created: list[str] = []
            group = TransactionGroupCommand(
                self.context, self.tr("Duplicate records (%1)").replace("%1", str(len(sources)))
            )
            with self.context.document.transaction():
                for source in sources:
                    values = self.context.document.records.get(source, with_children=False).values
                    copy = {name: values.get(name) for name in copyable if values.get(name) is not None}
                    created.append(
                        add_record(self.context, self.form_id, copy, self.parent_uuid, self._form_label(), group)
                    )
            self.context.undo_stack.push(group)
            return created

        created: list[str] = self._run(work) or []
        if created:
            self.model.refresh()
            self.select_cell(self.model.row_of_uuid(created[-1]), self.table.currentIndex().column())
        return created

    def delete_rows(self) -> None:
        uuids = self._selected_uuids(deleted=False)
        if uuids:
            self._push_checked(DeleteRecordsCommand(self.context, uuids, self._label_for(uuids)))

    def restore_rows(self) -> None:
        uuids = self._selected_uuids(deleted=True)
        if uuids:
            self._push_checked(RestoreRecordsCommand(self.context, uuids, self._label_for(uuids)))

    def _push_checked(self, command: DeleteRecordsCommand) -> None:
        if self.context.document.read_only:
            return
        current = self.table.currentIndex()
        # One commit for the whole selection (push runs the command's first redo).
        with self.context.document.transaction():
            self.context.undo_stack.push(command)
        self.model.refresh()
        self.clear_message()
        if current.isValid():
            self.select_cell(min(current.row(), self.model.rowCount() - 1), current.column())

    def _label_for(self, uuids: list[str]) -> str:
        if len(uuids) == 1:
            row = self.model.row_of_uuid(uuids[0])
            record = self.model.row_at(row)
            if record is not None:
                return self.model.record_title(record)
        return self.tr("%1 records").replace("%1", str(len(uuids)))

    # -- clipboard ---------------------------------------------------------------------------------
    def copy(self) -> None:
        selection = self.table.selectionModel().selection()
        ranges = _ranges(selection)
        if not ranges:
            return
        top = min(r.top() for r in ranges)
        bottom = max(r.bottom() for r in ranges)
        left = min(r.left() for r in ranges)
        right = max(r.right() for r in ranges)
        lines = []
        for row in range(top, bottom + 1):
            cells = []
            for column in range(left, right + 1):
                index = self.model.index(row, column)
                text = str(index.data() or "") if selection.contains(index) else ""
                if any(ch in text for ch in '\t\n"'):
                    text = '"' + text.replace('"', '""') + '"'
                cells.append(text)
            lines.append("\t".join(cells))
        QApplication.clipboard().setText("\r\n".join(lines) + "\r\n")

    def paste(self) -> bool:
        """Paste a block copied from a spreadsheet at the current cell: all of it, or none of it."""
        block = parse_clipboard(QApplication.clipboard().text())
        if not block or self.context.document.read_only:
            return False
        current = self.table.currentIndex()
        selection = self.table.selectionModel().selection()
        ranges = _ranges(selection)
        if ranges:
            top = min(r.top() for r in ranges)
            left = min(r.left() for r in ranges)
        else:
            top = current.row() if current.isValid() else 0
            left = current.column() if current.isValid() else 0
        if len(block) == 1 and len(block[0]) == 1 and ranges:
            # One copied cell fills every selected cell, as spreadsheets do.
            bottom = max(r.bottom() for r in ranges)
            right = max(r.right() for r in ranges)
            block = [[block[0][0]] * (right - left + 1) for _ in range(bottom - top + 1)]
        width = max(len(cells) for cells in block)
        if left + width > self.model.columnCount():
            self.show_message(
                Text(
                    f"The pasted block is {width} columns wide but only {self.model.columnCount() - left} "
                    "columns are left from the current cell. Nothing was pasted.",
                    f"粘贴区域有{width}列，但从当前单元格起只剩{self.model.columnCount() - left}列。未粘贴任何内容。",
                )
            )
            return False
        columns = [self.model.fields[left + i].name for i in range(width)]
        rows = self.model.rowCount()
        targets = [self.model.uuid_at(top + i) if top + i < rows else None for i in range(len(block))]
        document = self.context.document
        try:
            plan = plan_paste(
                document, self.form_id, columns, targets, block, parent_uuid=self.parent_uuid, first_row=top + 1
            )
        except PasteError as refused:
            self.show_message(refused.message, "error")
            return False
        except AuditError as error:
            self.show_message(error.message, "error")
            return False
        if not plan.updates and not plan.additions:
            return False
        label = self._form_label()
        stack = self.context.undo_stack
        cells = sum(len(r) for r in block)
        group = TransactionGroupCommand(self.context, self.tr("Paste cells (%1)").replace("%1", str(cells)))
        try:
            with document.transaction():
                for record_uuid, values in plan.updates:
                    edit_record(self.context, record_uuid, values, label, group)
                for values in plan.additions:
                    add_record(self.context, self.form_id, values, self.parent_uuid, label, group)
        except AuditError as error:  # pragma: no cover - plan_paste already tried the same writes
            # The transaction rolled back, and its steps were never pushed: nothing to undo.
            self.show_message(error.message, "error")
            return False
        stack.push(group)
        self.clear_message()
        if plan.additions:
            # New rows go to the end; a filter could hide them straight away.
            self._make_visible()
        self.model.refresh()
        if not self._columns_fitted:
            self.fit_columns()
        last_row = min(top + len(block), self.model.rowCount()) - 1
        selection = QItemSelection(self.model.index(top, left), self.model.index(last_row, left + width - 1))
        self.table.setCurrentIndex(self.model.index(top, left))
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True
