"""The water-conserving enterprises tab: valid water-balance test or not, GB/T 7119 outcome and what fails."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from audit.office.database import OfficeDatabase
from audit.office.workbook_sheets import WATER_COLUMNS, water_lines
from gui.office.models import RowsModel, table_view

TAB_ORDER = 40


class WaterTab(QWidget):
    def __init__(self, office: OfficeDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.setWindowTitle(self.tr("Water conserving"))
        self.model = RowsModel(WATER_COLUMNS, parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Latest audit of each enterprise against GB/T 7119-2018"), self))
        self.view = table_view(self.model, self)
        layout.addWidget(self.view)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(water_lines(self.office.db, self.model.language))


def make_tab(office: OfficeDatabase, parent: QWidget) -> QWidget:
    return WaterTab(office, parent)
