"""The carbon-efficiency tab: grades by industry or town, who moved grade, grade 4-5 with their accepted measures."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from audit.office import carbon_register
from audit.office.database import OfficeDatabase
from audit.office.workbook_sheets import (
    DISTRIBUTION_COLUMNS,
    LOW_COLUMNS,
    MOVE_COLUMNS,
    distribution_lines,
    low_grade_lines,
    shown_row,
)
from gui.office.models import RowsModel, table_view

TAB_ORDER = 20


class CarbonTab(QWidget):
    """Distribution (switch industry / town), grade moves since the previous audit, grade 4-5 and measures."""

    def __init__(self, office: OfficeDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.setWindowTitle(self.tr("Carbon efficiency"))
        self.by = QComboBox(self)
        self.by.addItem(self.tr("By industry"), "industry")
        self.by.addItem(self.tr("By town"), "town")
        self.distribution = RowsModel(DISTRIBUTION_COLUMNS, parent=self)
        self.moves = RowsModel(MOVE_COLUMNS, parent=self)
        self.low = RowsModel(LOW_COLUMNS, parent=self)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Grade distribution (DB33/T 1347-2023, bands unverified [U])"), self))
        top.addStretch(1)
        top.addWidget(self.by)
        layout.addLayout(top)
        layout.addWidget(table_view(self.distribution, self))
        layout.addWidget(QLabel(self.tr("Moved grade since the previous audit"), self))
        layout.addWidget(table_view(self.moves, self))
        layout.addWidget(QLabel(self.tr("Grade 4 and 5, with the measures the expert accepted"), self))
        layout.addWidget(table_view(self.low, self))
        self.by.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        language = self.distribution.language
        self.distribution.set_rows(distribution_lines(self.office.db, self.by.currentData()))
        self.moves.set_rows([shown_row(row, language) for row in carbon_register.grade_moves(self.office.db)])
        self.low.set_rows(low_grade_lines(self.office.db, language))


def make_tab(office: OfficeDatabase, parent: QWidget) -> QWidget:
    return CarbonTab(office, parent)
