"""Table models of the office window: rows from audit/office queries, each number with its audit and revision.

`RowsModel` shows a list of rows (small tables: the carbon register, the reserve, the water list);
`RegisterModel` pages the register from SQL (first page at once, more as the view scrolls), sorted
and filtered in SQL, never in a proxy over partly fetched rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from audit.lean_sqlite_utils import Database
from audit.office import register
from audit.office.register import RegisterQuery
from audit.office.sheet_parts import Column
from audit.office.workbook_sheets import shown_row
from audit.report.cells import header_text
from gui.i18n import current_language
from gui.theme import severities

ModelIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_ROWS = 200
# Rows measured when columns are fitted to their contents.
FIT_ROWS = 40
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset({_DISPLAY, _ALIGNMENT, _FOREGROUND, _TOOLTIP, int(ROW_ROLE)})
# Columns that name where a row came from; they carry no source tooltip of their own.
SOURCE_KEYS = ("audit_uuid", "revision")


def format_value(value: Any, kind: str) -> str:
    """A value as the office window shows it (the workbook's number formats, in words)."""
    if value is None or value == "":
        return ""
    if kind == "text" or not isinstance(value, int | float):
        return str(value)
    if kind == "integer":
        return f"{int(value):,d}"
    if kind == "percent":
        return f"{value * 100:.1f} %"
    decimals = {"decimal1": 1, "decimal2": 2, "decimal3": 3}.get(kind, 2)
    return f"{value:,.{decimals}f}"


def source_text(row: dict[str, Any]) -> str:
    """ "Audit …, revision …" for a row that came from an audit (empty for one that did not)."""
    if not row.get("audit_uuid"):
        return ""
    text = QCoreApplication.translate("OfficeModels", "From audit %1, revision %2")
    return text.replace("%1", str(row["audit_uuid"])).replace("%2", str(row.get("revision", "")))


class RowsModel(QAbstractTableModel):
    """Rows (dicts) under `columns`; a number's tooltip names its audit and revision, [U] ones are red."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[dict[str, Any]] = (), parent: QObject | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[dict[str, Any]] = list(rows)
        self.language = current_language()

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(column.label, column.unit, self.language)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks for a dozen roles per cell: the ones not shown here return at once.
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == _DISPLAY:
            return format_value(row.get(column.key), column.kind)
        if role == _ALIGNMENT:
            return _RIGHT if column.kind != "text" else None
        if role == ROW_ROLE:
            return row
        unverified = column.key in row.get("_unverified", ())
        if role == _FOREGROUND:
            # The app's one severity palette (gui/theme.py): unverified reads as an error, as in the panels.
            return severities().colour("error") if unverified else None
        if column.key in SOURCE_KEYS or row.get(column.key) is None:
            return None
        mark = QCoreApplication.translate("OfficeModels", "[U] rests on an unverified coefficient or threshold")
        return "\n".join(text for text in (source_text(row), mark if unverified else "") if text)

    def row(self, index: int) -> dict[str, Any]:
        return self.rows[index]


class RegisterModel(RowsModel):
    """The register from SQL: a page at a time (fetchMore), filters and sort as a `RegisterQuery`."""

    def __init__(
        self,
        db: Database,
        columns: Sequence[Column],
        parent: QObject | None = None,
        sorts: dict[str, str] | None = None,
    ) -> None:
        super().__init__(columns, (), parent)
        self.db = db
        self.query = RegisterQuery()
        self.total = 0
        # Column key -> the name register.SORTS knows it by (columns without one do not sort).
        self.sorts = sorts or {}
        self.reload()

    def reload(self) -> None:
        """Count the matching rows and read the first page (one SQL statement each)."""
        self.beginResetModel()
        self.total = register.register_count(self.db, self.query)
        self.rows = self._page(0)
        self.endResetModel()

    def _page(self, offset: int) -> list[dict[str, Any]]:
        page = register.register_page(self.db, self.query, offset, PAGE_ROWS)
        return [shown_row(row, self.language) for row in page]

    def set_query(self, query: RegisterQuery) -> None:
        self.query = query
        self.reload()

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = self._page(len(self.rows))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].key if 0 <= column < len(self.columns) else ""
        sort = self.sorts.get(key)
        if sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self.query.sort, self.query.descending):
            return  # enabling sorting in the view asks for the order already shown
        self.set_query(dataclasses.replace(self.query, sort=sort, descending=descending))


def table_view(model: RowsModel, parent: QWidget, refit: bool = True) -> QTableView:
    """A read-only table of whole rows whose columns fit their contents (again whenever the rows change,
    unless `refit` is False: the register keeps its widths while filtering, which is also faster)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    # Columns fit the first rows only (Qt measures 1,000 by default: 30 columns x 200 rows cost ~1 s).
    view.verticalHeader().setResizeContentsPrecision(FIT_ROWS)
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    if refit:
        model.modelReset.connect(view.resizeColumnsToContents)
    view.resizeColumnsToContents()
    return view
