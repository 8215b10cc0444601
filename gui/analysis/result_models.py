"""Read-only table models over computed results (indicators, water balance): rows in, cells out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex
# The uuid of the record a row is about, so a double-click can open it.
UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class RowsTableModel(QAbstractTableModel):
    """One row per result item; subclasses set `headers` (QT_TRANSLATE_NOOP texts in `context`) and `cell()`."""

    context: ClassVar[str] = ""
    # QT_TRANSLATE_NOOP returns the text unchanged; its stub says object.
    headers: tuple[Any, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = "en"
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any], language: str) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.language = language
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return QCoreApplication.translate(self.context, str(self.headers[section]))
        return super().headerData(section, orientation, role)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.headers):
            return None
        return self.cell(self.rows[index.row()], index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        """The value of one cell for one role; None where the row has nothing to show."""
        return None
