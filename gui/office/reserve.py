"""The project reserve tab: projects with their status in the month shown, their progress, county totals."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from audit.office import reserve
from audit.office.database import OfficeDatabase
from audit.office.reserve import QUANTITIES, ReserveStatus
from audit.office.workbook_reserve import (
    PROGRESS_COLUMNS,
    QUANTITY_TEXT,
    REPORTED_TEXT,
    RESERVE_COLUMNS,
    STATUS_TEXT,
    reserve_line,
)
from gui.office.models import RowsModel, table_view
from gui.office.progress_dialog import AddProgressCommand, ProgressDialog
from gui.office.project_dialog import EditProjectCommand, ProjectDialog

TAB_ORDER = 30
# The progress table leaves out the enterprise and project (the selected project's own entries).
ENTRY_COLUMNS = PROGRESS_COLUMNS[2:]


class ReserveTab(QWidget):
    """Month above; projects (status recomputed for that month); the selected project's entries below."""

    def __init__(self, office: OfficeDatabase, parent: QWidget | None = None, undo_stack: QUndoStack | None = None):
        super().__init__(parent)
        self.office = office
        self.undo_stack = undo_stack or QUndoStack(self)
        self.setWindowTitle(self.tr("Project reserve"))
        today = dt.date.today()
        self.month = QDateEdit(QDate(today.year, today.month, 1), self)
        self.month.setDisplayFormat("yyyy-MM")
        self.create_button = QPushButton(self.tr("&Create projects from accepted measures"), self)
        self.add_button = QPushButton(self.tr("&Add progress…"), self)
        self.edit_button = QPushButton(self.tr("Edit &project…"), self)
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        self.projects = RowsModel(RESERVE_COLUMNS, parent=self)
        self.entries = RowsModel(ENTRY_COLUMNS, parent=self)
        self.projects_view = table_view(self.projects, self)
        self.entries_view = table_view(self.entries, self)
        self._layout()
        self.month.dateChanged.connect(self.refresh)
        self.create_button.clicked.connect(self.create_projects)
        self.add_button.clicked.connect(self.ask_progress)
        self.edit_button.clicked.connect(self.ask_project)
        self.projects_view.activated.connect(lambda _index: self.ask_project())
        self.projects_view.selectionModel().currentRowChanged.connect(self._show_entries)
        self.dialogs: list[QDialog] = []
        self.refresh()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month"), self))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.create_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.add_button)
        splitter = QSplitter(self)
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.projects_view)
        splitter.addWidget(self.entries_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(splitter)

    def shown_month(self) -> str:
        return self.month.date().toString("yyyy-MM")

    def refresh(self) -> None:
        """Recompute every project's status for the month shown, keeping the selected project selected."""
        selected = self.selected_project()
        rows = reserve.reserve(self.office.db, self.shown_month())
        self.projects.set_rows([reserve_line(row, self.projects.language) for row in rows])
        self._show_totals(rows)
        ids = [row.project["id"] for row in rows]
        if selected is not None and selected in ids:
            self.projects_view.selectRow(ids.index(selected))
        self._show_entries()

    def _show_totals(self, rows: list[reserve.ReserveRow]) -> None:
        totals = reserve.totals(self.office.db, rows)
        language = self.projects.language
        parts = []
        for quantity in QUANTITIES:
            label, unit = QUANTITY_TEXT[quantity]
            text = self.tr("%1: planned %2 %4, achieved %3 %4")
            text = text.replace("%1", label.get(language)).replace("%4", unit)
            text = text.replace("%2", f"{totals.planned[quantity]:,.1f}").replace(
                "%3", f"{totals.achieved[quantity]:,.1f}"
            )
            target = totals.targets[quantity]
            if target:
                text += self.tr(" (county target %1, %2 % reached)").replace("%1", f"{target:,.1f}")
                text = text.replace("%2", f"{totals.achieved[quantity] / target * 100:.1f}")
            parts.append(text)
        counts = ", ".join(
            f"{STATUS_TEXT[ReserveStatus(status)].get(language)} {count}"
            for status, count in totals.by_status.items()
            if count
        )
        heading = self.tr("Projects: %1").replace("%1", str(len(rows))) + (f" ({counts})" if counts else "")
        self.totals.setText(heading + "\n" + "\n".join(parts))

    def selected_project(self) -> int | None:
        index = self.projects_view.currentIndex()
        if not index.isValid():
            return None
        return int(self.projects.row(index.row())["id"])

    def _show_entries(self, *_: QModelIndex) -> None:
        project = self.selected_project()
        entries = [] if project is None else reserve.progress_entries(self.office.db, project)
        language = self.entries.language
        self.entries.set_rows(
            [
                {**e, "reported": REPORTED_TEXT[e["status"]].get(language), "fraction": e["percent_complete"] / 100}
                for e in entries
            ]
        )
        self.add_button.setEnabled(project is not None)
        self.edit_button.setEnabled(project is not None)

    def create_projects(self) -> list[int]:
        with self.office.transaction() as db:
            created = reserve.create_projects(db)
        self.refresh()
        return created

    def ask_progress(self) -> ProgressDialog | None:
        index = self.projects_view.currentIndex()
        if not index.isValid():
            return None
        row = self.projects.row(index.row())
        dialog = ProgressDialog(row["title"], self.shown_month(), self)
        entries = reserve.progress_entries(self.office.db, int(row["id"]))
        dialog.start_from(entries[-1] if entries else None)
        dialog.accepted.connect(lambda: self.add_progress(int(row["id"]), dialog, row["title"]))
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self.dialogs.remove(dialog))
        dialog.open()
        return dialog

    def add_progress(self, project_id: int, dialog: ProgressDialog, title: str) -> None:
        command = AddProgressCommand(self.office, project_id, dialog.progress(), title, self.refresh, dialog.photo_data)
        self.undo_stack.push(command)

    def ask_project(self) -> ProjectDialog | None:
        """Owner, investment, start and planned completion of the selected project (Enter opens it too)."""
        index = self.projects_view.currentIndex()
        if not index.isValid():
            return None
        row = self.projects.row(index.row())
        dialog = ProjectDialog(row, self)
        dialog.accepted.connect(
            lambda: self.undo_stack.push(EditProjectCommand(self.office, row, dialog.values(), self.refresh))
        )
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self.dialogs.remove(dialog))
        dialog.open()
        return dialog


def make_tab(office: OfficeDatabase, parent: QWidget) -> QWidget:
    return ReserveTab(office, parent, getattr(parent, "undo_stack", None))
