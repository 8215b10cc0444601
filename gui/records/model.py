"""Table model over one form's records: row order from SQL, values fetched a block at a time as rows scroll into view."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from audit.errors import AuditError
from audit.queries import (
    TableQuery,
    TableRow,
    deleted_counts,
    key_of,
    reference_titles,
    row_keys,
    rows_by_keys,
    table_fields,
)
from audit.table_paste import cell_value
from forms.spec import FieldSpec, FieldType, Text
from forms.validation import InvalidValue, Severity, check_value
from gui.context import AppContext
from gui.form.editors import unit_label
from gui.records.commands import edit_record

ModelIndex = QModelIndex | QPersistentModelIndex

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
DELETED_ROLE = Qt.ItemDataRole.UserRole + 2
FIELD_ROLE = Qt.ItemDataRole.UserRole + 3

# Rows fetched per SQL statement, and blocks kept: a screen shows ~40 rows, so 256 covers a page
# up and down, and 64 blocks (16k rows) keep a long scroll back cheap without holding the table.
BLOCK_ROWS = 256
CACHED_BLOCKS = 64

_NUMERIC = (FieldType.INTEGER, FieldType.DECIMAL)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ROLES = frozenset(
    {_DISPLAY, _EDIT, _ALIGNMENT, _TOOLTIP, _FOREGROUND, _BACKGROUND, _FONT, UUID_ROLE, DELETED_ROLE, FIELD_ROLE}
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_READ_ONLY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _READ_ONLY_FLAGS | Qt.ItemFlag.ItemIsEditable


def format_number(value: float | int) -> str:
    """A number as the form view writes it: 12 significant digits, so 0.1 + 0.2 reads 0.3."""
    return f"{value:.12g}" if isinstance(value, float) else str(value)


class RecordsModel(QAbstractTableModel):
    """Rows of `form_id` (or of a repeat group under `parent_uuid`); sorting and filtering run in SQL."""

    # A Text: why a typed value was not stored (it never is written), or a soft warning about a stored one.
    edit_refused = Signal(object)
    edit_warned = Signal(object)
    edit_stored = Signal()
    # (live rows, deleted rows) after every reload, counted by SQLite
    counts_changed = Signal(int, int)

    def __init__(
        self, context: AppContext, form_id: str, parent_uuid: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.form_id = form_id
        self.parent_uuid = parent_uuid
        self.fields: tuple[FieldSpec, ...] = table_fields(context.document, form_id)
        self._alignments = [_RIGHT if spec.type in _NUMERIC else _LEFT for spec in self.fields]
        self.query = TableQuery(form_id, parent_uuid=parent_uuid, language=context.language)
        self._keys: list[int] = []
        self._blocks: OrderedDict[int, list[TableRow | None]] = OrderedDict()
        self._titles: dict[str, str] = {}
        self.block_fetches = 0  # how many SQL fetches data() caused (the benchmark reads it)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        context.signals.record_changed.connect(self._record_changed)
        context.signals.records_changed.connect(self._records_changed)
        self._reload_keys()

    # -- reading ---------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.context.language

    @property
    def read_only(self) -> bool:
        return self.context.document.read_only

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def row_at(self, row: int) -> TableRow | None:
        """The record shown in `row`, fetching its block from SQLite if it is not cached."""
        if not 0 <= row < len(self._keys):
            return None
        block = row // BLOCK_ROWS
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._fetch_block(block)
        else:
            self._blocks.move_to_end(block)
        return rows[row - block * BLOCK_ROWS]

    def _cached_row(self, row: int) -> TableRow | None:
        rows = self._blocks.get(row // BLOCK_ROWS)
        return None if rows is None else rows[row % BLOCK_ROWS]

    def _fetch_block(self, block: int) -> list[TableRow | None]:
        keys = self._keys[block * BLOCK_ROWS : (block + 1) * BLOCK_ROWS]
        found = {row.key: row for row in rows_by_keys(self.context.document, self.form_id, keys)}
        rows: list[TableRow | None] = [found.get(key) for key in keys]
        self._resolve_titles(rows)
        self._blocks[block] = rows
        self.block_fetches += 1
        while len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return rows

    def _resolve_titles(self, rows: list[TableRow | None]) -> None:
        for spec in self.fields:
            if spec.type is not FieldType.REFERENCE:
                continue
            wanted = {r.values[spec.name] for r in rows if r is not None and r.values.get(spec.name)} - set(
                self._titles
            )
            if wanted:
                forms = spec.references or tuple(self.context.document.registry.ids())
                self._titles.update(reference_titles(self.context.document, wanted, forms))

    def uuid_at(self, row: int) -> str | None:
        record = self.row_at(row)
        return None if record is None else record.uuid

    def row_of_uuid(self, record_uuid: str) -> int:
        key = key_of(self.context.document, self.form_id, record_uuid)
        try:
            return -1 if key is None else self._keys.index(key)
        except ValueError:
            return -1

    def column_of(self, field_name: str) -> int:
        for column, spec in enumerate(self.fields):
            if spec.name == field_name:
                return column
        return -1

    def reference_choices(self, spec: FieldSpec) -> list[tuple[str, str]]:
        """(uuid, title) of every live record a reference field may point to, by title."""
        forms = spec.references or tuple(self.context.document.registry.ids())
        titles = reference_titles(self.context.document, None, forms)
        self._titles.update(titles)
        return sorted(titles.items(), key=lambda item: item[1].casefold())

    def display_text(self, spec: FieldSpec, value: Any) -> str:
        if value is None or value == "" or value == []:
            return ""
        kind = spec.type
        if kind in _NUMERIC:
            return format_number(value)
        if kind is FieldType.CHOICE:
            choice = spec.choice(str(value))
            return choice.label.get(self.language) if choice else str(value)
        if kind is FieldType.MULTI_CHOICE:
            labels = [(spec.choice(code).label.get(self.language) if spec.choice(code) else code) for code in value]  # type: ignore[union-attr]
            return ("、" if self.language.startswith("zh") else ", ").join(labels)
        if kind is FieldType.BOOLEAN:
            return self.tr("Yes") if value else self.tr("No")
        if kind is FieldType.REFERENCE:
            return self._titles.get(str(value), str(value)[:8])
        if kind is FieldType.PHOTO:
            return self.tr("Photo")
        if kind is FieldType.DATETIME:
            return str(value).replace("T", " ")
        return str(value)

    def edit_text(self, spec: FieldSpec, value: Any) -> str:
        """What an editor starts with: text that `cell_value` reads back as the same value."""
        if value is None:
            return ""
        if spec.type is FieldType.BOOLEAN:
            return "yes" if value else "no"
        if spec.type is FieldType.MULTI_CHOICE:
            return ", ".join(value)
        if spec.type in (FieldType.CHOICE, FieldType.REFERENCE):
            return str(value)
        return self.display_text(spec, value)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks ~10 roles per visible cell on every paint: answer the unused ones first.
        if role not in _ROLES or not index.isValid():
            return None
        column = index.column()
        if column >= len(self.fields):
            return None
        if role == _ALIGNMENT:
            return self._alignments[column]
        record = self.row_at(index.row())
        if record is None:
            return None
        spec = self.fields[column]
        if role == _DISPLAY:
            return self.display_text(spec, record.values.get(spec.name))
        if role == _FOREGROUND:
            return self._foreground(record, spec)
        if role == _BACKGROUND:
            return self._background(record, spec)
        if role == _FONT:
            if record.deleted or (spec.is_calculated and spec.name not in record.overridden):
                font = QFont()
                font.setStrikeOut(record.deleted)
                font.setItalic(spec.is_calculated)
                return font
            return None
        if role == _EDIT:
            return self.edit_text(spec, record.values.get(spec.name))
        if role == _TOOLTIP:
            return self._tooltip(record, spec)
        if role == UUID_ROLE:
            return record.uuid
        if role == DELETED_ROLE:
            return record.deleted
        if role == FIELD_ROLE:
            return spec.name
        return None

    def _tooltip(self, record: TableRow, spec: FieldSpec) -> str | None:
        lines: list[str] = []
        if record.deleted:
            lines.append(self.tr("Deleted record (restore it to edit)"))
        problem = record.problems.get(spec.name)
        if problem is not None:
            lines.extend(message.get(self.language) for message in problem[1])
        if spec.name in record.irrelevant:
            lines.append(self.tr("Not asked for this record; the value is kept."))
        return "\n".join(lines) or None

    def _foreground(self, record: TableRow, spec: FieldSpec) -> QColor | None:
        if record.deleted or spec.name in record.irrelevant:
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        problem = record.problems.get(spec.name)
        if problem is not None and problem[0] is Severity.ERROR:
            # Readable on light and dark bases alike.
            return QColor(220, 50, 47)
        return None

    def _background(self, record: TableRow, spec: FieldSpec) -> QColor | None:
        problem = record.problems.get(spec.name)
        if record.deleted or problem is None or spec.name in record.irrelevant:
            return None
        # Translucent tints keep the text readable in dark mode too.
        if problem[0] is Severity.ERROR:
            return QColor(220, 50, 47, 70)
        if problem[0] is Severity.WARNING:
            return QColor(240, 170, 0, 80)
        return QColor(220, 50, 47, 28)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.fields):
                return None
            spec = self.fields[section]
            if role == Qt.ItemDataRole.DisplayRole:
                label = spec.label.get(self.language)
                return f"{label} ({unit_label(spec.unit)})" if spec.unit else label
            if role == Qt.ItemDataRole.ToolTipRole:
                help_text = spec.help.get(self.language) if spec.help else ""
                required = self.tr("Required") if spec.required else ""
                return "\n".join(part for part in (spec.label.get(self.language), help_text, required) if part)
            if role == FIELD_ROLE:
                return spec.name
            return None
        if not 0 <= section < len(self._keys):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        if role == Qt.ItemDataRole.FontRole:
            # Only from rows already fetched: the header sizes itself from its first and last
            # sections, and must not pull the end of a 100 000-row table from SQLite for that.
            record = self._cached_row(section)
            if record is not None and record.deleted:
                font = QFont()
                font.setStrikeOut(True)
                return font
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        record = self.row_at(index.row())
        if record is not None and self.is_editable(record, self.fields[index.column()]):
            return _EDITABLE_FLAGS
        return _READ_ONLY_FLAGS

    def is_editable(self, record: TableRow, spec: FieldSpec) -> bool:
        if self.read_only or record.deleted or spec.type is FieldType.PHOTO:
            return False
        return not (spec.is_calculated and spec.name not in record.overridden)

    # -- editing ---------------------------------------------------------------------------------
    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Store typed text through the same checks as the forms; a refused value is never written."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        record = self.row_at(index.row())
        if record is None:
            return False
        spec = self.fields[index.column()]
        if not self.is_editable(record, spec):
            return False
        text = "" if value is None else str(value)
        try:
            parsed = cell_value(self.context.document, spec, text)
        except InvalidValue as error:
            self.edit_refused.emit(error.message)
            return False
        merged = {**record.values, spec.name: parsed}
        problems = check_value(spec, parsed, merged)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if errors:
            self.edit_refused.emit(errors[0].message)
            return False
        if parsed == record.values.get(spec.name):
            return True
        try:
            edit_record(self.context, record.uuid, {spec.name: parsed}, self.edit_label(record, spec))
        except AuditError as error:
            self.edit_refused.emit(error.message)
            return False
        # The edit's record_changed signal has refreshed this row (and only it).
        self.edit_stored.emit()
        warnings = [p for p in problems if p.severity is Severity.WARNING]
        if warnings:
            self.edit_warned.emit(warnings[0].message)
        return True

    def edit_label(self, record: TableRow, spec: FieldSpec) -> str:
        return f"{spec.label.get(self.language)} · {self.record_title(record)}"

    def record_title(self, record: TableRow) -> str:
        form, repeat = self.context.document.records.spec_for(self.form_id)
        name = form.title_field if repeat is None else (repeat.fields[0].name if repeat.fields else None)
        value = record.values.get(name) if name else None
        if value in (None, ""):
            return record.uuid[:8]
        spec = next((s for s in self.fields if s.name == name), None)
        return self.display_text(spec, value) if spec is not None else str(value)

    def form_label(self) -> Text:
        form, repeat = self.context.document.records.spec_for(self.form_id)
        return repeat.label if repeat is not None else form.label

    # -- order, filter, refresh ------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        field_name = self.fields[column].name if 0 <= column < len(self.fields) else None
        self._set_query(sort_field=field_name, descending=order == Qt.SortOrder.DescendingOrder)

    def set_filter_text(self, text: str) -> None:
        if text != self.query.filter_text:
            self._set_query(filter_text=text)

    def set_include_deleted(self, include: bool) -> None:
        if include != self.query.include_deleted:
            self._set_query(include_deleted=include)

    def _set_query(self, **changes: Any) -> None:
        self.query = replace(self.query, **changes)
        self.beginResetModel()
        self._reload_keys()
        self.endResetModel()

    def _reload_keys(self) -> None:
        self._keys = row_keys(self.context.document, self.query)
        self._blocks.clear()
        self._titles.clear()
        self.counts_changed.emit(*deleted_counts(self.context.document, self.query))

    def stop_refreshing(self) -> None:
        """Drop a pending reload (the view closed; the audit may close next)."""
        self._refresh_timer.stop()

    def _records_changed(self, form_id: str) -> None:
        if form_id in ("", self.form_id) and not self.context.signals.edits_only:
            # Coalesced: undoing a 1000-row paste emits 1000 signals but reloads once.
            self._refresh_timer.start()

    def _record_changed(self, record_uuid: str) -> None:
        """A record's values changed in place: show its row anew, or reload all if its place may have moved."""
        if self._refresh_timer.isActive():
            return  # a reload of every row is already due
        if not self.refresh_row(record_uuid):
            self._refresh_timer.start()

    def refresh_row(self, record_uuid: str) -> bool:
        """Re-read one edited record's row (issue 15: an edit must not reload 222,000 keys).

        Only rows already fetched can show old values; a row not fetched is read when it scrolls
        into view. False when the edit may move the row or take it out of the table (the sorted
        column changed, a filter is on, the row was not fetched in a sorted table): reload all then.
        """
        found = self._find_cached(record_uuid)
        if found is None:
            if self.query.sort_field is None and not self.query.filter_text:
                return True
            return key_of(self.context.document, self.form_id, record_uuid) is None
        row, old = found
        fresh = rows_by_keys(self.context.document, self.form_id, [old.key])
        if not fresh or self.query.filter_text or fresh[0].deleted != old.deleted:
            return False
        sort_field = self.query.sort_field
        if sort_field is not None and fresh[0].values.get(sort_field) != old.values.get(sort_field):
            return False
        row_values: list[TableRow | None] = [fresh[0]]
        self._resolve_titles(row_values)
        self._blocks[row // BLOCK_ROWS][row % BLOCK_ROWS] = fresh[0]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.fields) - 1))
        return True

    def _find_cached(self, record_uuid: str) -> tuple[int, TableRow] | None:
        """(row, cached row) of a record among the fetched blocks (at most CACHED_BLOCKS x BLOCK_ROWS rows)."""
        for block, rows in self._blocks.items():
            for offset, cached in enumerate(rows):
                if cached is not None and cached.uuid == record_uuid:
                    return block * BLOCK_ROWS + offset, cached
        return None

    def refresh(self) -> None:
        """Reload from SQLite, telling views as little as needed so selection and scroll survive."""
        self._refresh_timer.stop()
        old = self._keys
        new = row_keys(self.context.document, self.query)
        self._blocks.clear()
        self._titles.clear()
        if new == old:
            pass
        elif new[: len(old)] == old:
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._replace_keys(new)
            self.endInsertRows()
        elif self._only_removed(old, new):
            self._remove_rows(set(old) - set(new))
        else:
            self.beginResetModel()
            self._replace_keys(new)
            self.endResetModel()
        # Rows fetched while the keys were unchanged may hold old values (this is a reload).
        self._blocks.clear()
        if self._keys:
            last = self.index(len(self._keys) - 1, len(self.fields) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._keys) - 1)
        self.counts_changed.emit(*deleted_counts(self.context.document, self.query))

    def _replace_keys(self, keys: list[int]) -> None:
        # Blocks are cached by position: any change of the key list invalidates them.
        self._keys = keys
        self._blocks.clear()

    @staticmethod
    def _only_removed(old: list[int], new: list[int]) -> bool:
        kept = set(new)
        return kept <= set(old) and [key for key in old if key in kept] == new

    def _remove_rows(self, removed: set[int]) -> None:
        runs: list[tuple[int, int]] = []
        for row, key in enumerate(self._keys):
            if key in removed:
                if runs and runs[-1][1] == row - 1:
                    runs[-1] = (runs[-1][0], row)
                else:
                    runs.append((row, row))
        for first, last in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, last)
            self._replace_keys(self._keys[:first] + self._keys[last + 1 :])
            self.endRemoveRows()
