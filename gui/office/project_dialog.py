"""Edit a reserve project's owner, investment, start and planned completion; an undoable command stores it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLineEdit, QWidget

from audit.office import reserve
from audit.office.database import OfficeDatabase
from audit.office.reserve import PROJECT_FIELDS


def _month_edit(month: str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate.fromString(month + "-01", "yyyy-MM-dd"), parent)
    edit.setDisplayFormat("yyyy-MM")
    return edit


class ProjectDialog(QDialog):
    """The office's own part of a project: who carries it, what it costs, when it starts and should end."""

    def __init__(self, project: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Project %1").replace("%1", str(project["title"])))
        self.owner = QLineEdit(str(project.get("owner") or ""), self)
        self.investment = QDoubleSpinBox(self)
        self.investment.setRange(0.0, 1e12)
        self.investment.setDecimals(0)
        self.investment.setGroupSeparatorShown(True)
        self.investment.setValue(float(project.get("investment_yuan") or 0.0))
        self.start = _month_edit(str(project["start_month"]), self)
        self.completion = _month_edit(str(project["planned_completion"]), self)
        form = QFormLayout(self)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Investment (yuan)"), self.investment)
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.tr("Planned completion"), self.completion)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "owner": self.owner.text().strip(),
            "investment_yuan": self.investment.value(),
            "start_month": self.start.date().toString("yyyy-MM"),
            "planned_completion": self.completion.date().toString("yyyy-MM"),
        }


class EditProjectCommand(QUndoCommand):
    """Set a project's fields; undo puts back the values they had."""

    def __init__(
        self,
        office: OfficeDatabase,
        project: dict[str, Any],
        values: dict[str, Any],
        changed: Callable[[], None],
    ) -> None:
        super().__init__(
            QCoreApplication.translate("EditProjectCommand", "Edit project %1").replace("%1", project["title"])
        )
        self.office = office
        self.project_id = int(project["id"])
        self.before = {name: project[name] for name in PROJECT_FIELDS}
        self.after = {name: values[name] for name in PROJECT_FIELDS}
        self.changed = changed

    def _set(self, values: dict[str, Any]) -> None:
        with self.office.transaction() as db:
            reserve.update_project(db, self.project_id, **values)
        self.changed()

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)
