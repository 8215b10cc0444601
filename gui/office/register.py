"""The register tab: every enterprise's latest audit, filtered, searched and sorted in SQL; open one for its trends."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audit.office import register
from audit.office.database import OfficeDatabase
from audit.office.register import RegisterQuery
from audit.office.workbook_sheets import REGISTER_COLUMNS
from gui.office.enterprise import EnterpriseDialog
from gui.office.models import RegisterModel, table_view

TAB_ORDER = 10
# The workbook's register columns, without the payback the workbook computes as a formula.
COLUMNS = tuple(column for column in REGISTER_COLUMNS if column.key != "payback_years")
# Column key -> the name the register sorts it by (register.SORTS maps names to columns).
SORTABLE = {column: name for name, column in register.SORTS.items()}
# Typing in the search box filters once the typing pauses this long (ms).
SEARCH_PAUSE_MS = 150


class RegisterTab(QWidget):
    """Filters above, the register below (a page at a time); Enter or a double click opens the enterprise."""

    def __init__(self, office: OfficeDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.setWindowTitle(self.tr("Register"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search name or credit code"))
        self.search.setClearButtonEnabled(True)
        self.industry = QComboBox(self)
        self.town = QComboBox(self)
        self.grade = QComboBox(self)
        self.count = QLabel(self)
        self.open_button = QPushButton(self.tr("&Open enterprise"), self)
        self.model = RegisterModel(office.db, COLUMNS, self, SORTABLE)
        self.view = table_view(self.model, self, refit=False)
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_PAUSE_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        for box in (self.industry, self.town, self.grade):
            box.currentIndexChanged.connect(self.apply_filters)
        self.view.activated.connect(self.open_enterprise)
        self.open_button.clicked.connect(lambda: self.open_enterprise(self.view.currentIndex()))
        self.dialogs: list[EnterpriseDialog] = []
        self._show_count()

    def _build(self) -> None:
        self.industry.addItem(self.tr("All industries"), None)
        for code in register.choices(self.office.db, "industry_code"):
            self.industry.addItem(code, code)
        self.town.addItem(self.tr("All towns"), None)
        for town in register.choices(self.office.db, "town"):
            self.town.addItem(town, town)
        self.grade.addItem(self.tr("All grades"), None)
        for grade in range(1, 6):
            self.grade.addItem(self.tr("Grade %1").replace("%1", str(grade)), grade)
        self.grade.addItem(self.tr("Not graded"), 0)
        filters = QHBoxLayout()
        for widget in (self.search, self.industry, self.town, self.grade, self.count, self.open_button):
            filters.addWidget(widget)
        filters.setStretch(0, 1)
        # The indicator first: enabling sorting then asks for the order the model already has (by name).
        self.view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view)

    def query(self) -> RegisterQuery:
        current = self.model.query
        return RegisterQuery(
            industry=self.industry.currentData(),
            town=self.town.currentData(),
            grade=self.grade.currentData(),
            search=self.search.text(),
            sort=current.sort,
            descending=current.descending,
        )

    def apply_filters(self) -> None:
        """Read the filters and show the first page of what matches (one count and one page in SQL)."""
        self._timer.stop()
        self.model.set_query(self.query())
        self._show_count()

    def refresh(self) -> None:
        """Read the register again (the office may have received packages since)."""
        self.apply_filters()

    def _show_count(self) -> None:
        self.count.setText(self.tr("Enterprises: %1").replace("%1", f"{self.model.total:,}"))

    def open_enterprise(self, index: QModelIndex) -> EnterpriseDialog | None:
        """The enterprise of the row: its audits across the years and their trends."""
        if not index.isValid():
            return None
        row = self.model.row(index.row())
        dialog = EnterpriseDialog(self.office, row["credit_code"], self)
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self.dialogs.remove(dialog))
        dialog.show()
        return dialog


def make_tab(office: OfficeDatabase, parent: QWidget) -> QWidget:
    return RegisterTab(office, parent)
