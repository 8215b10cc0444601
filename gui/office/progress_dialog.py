"""The dialog an officer enters a project's monthly progress in, and the undoable command that stores it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from audit.office import reserve
from audit.office.database import OfficeDatabase
from audit.office.reserve import Progress
from audit.office.workbook_reserve import REPORTED_TEXT
from gui.i18n import current_language


def _spin(parent: QWidget, maximum: float, decimals: int = 2, suffix: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(0.0, maximum)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setGroupSeparatorShown(True)
    return box


class ProgressDialog(QDialog):
    """Month, reported status, % complete, investment to date, achieved savings, note and a photo."""

    def __init__(self, title: str, month: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Progress of %1").replace("%1", title))
        self.month = QDateEdit(QDate.fromString(month + "-01", "yyyy-MM-dd"), self)
        self.month.setDisplayFormat("yyyy-MM")
        self.status = QComboBox(self)
        for code, text in REPORTED_TEXT.items():
            self.status.addItem(text.get(current_language()), code)
        self.status.setCurrentIndex(list(REPORTED_TEXT).index("in_progress"))
        self.percent = _spin(self, 100.0, 1, " %")
        self.invested = _spin(self, 1e12, 0)
        self.tce = _spin(self, 1e9)
        self.tco2 = _spin(self, 1e9)
        self.water = _spin(self, 1e12, 0)
        self.note = QLineEdit(self)
        self.photo_sha256: str | None = None
        self.photo_data: bytes | None = None
        self.photo = QPushButton(self.tr("Attach a photo…"), self)
        self.photo.clicked.connect(self.choose_photo)
        form = QFormLayout(self)
        form.addRow(self.tr("Month"), self.month)
        form.addRow(self.tr("Reported status"), self.status)
        form.addRow(self.tr("Complete"), self.percent)
        form.addRow(self.tr("Invested to date (yuan)"), self.invested)
        form.addRow(self.tr("Energy saved so far (tce)"), self.tce)
        form.addRow(self.tr("CO₂ avoided so far (tCO2)"), self.tco2)
        form.addRow(self.tr("Water saved so far (m³)"), self.water)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Photo"), self.photo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def start_from(self, last: dict[str, object] | None) -> None:
        """Begin from the last entry's figures (they are cumulative): the officer changes what moved."""
        if not last:
            return
        for box, name in (
            (self.percent, "percent_complete"),
            (self.invested, "investment_to_date_yuan"),
            (self.tce, "achieved_tce"),
            (self.tco2, "achieved_tco2"),
            (self.water, "achieved_water_m3"),
        ):
            value = last.get(name)
            if isinstance(value, int | float):
                box.setValue(float(value))

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Photo of the work"), "", self.tr("Images (*.jpg *.jpeg *.png)")
        )
        if path:
            self.attach_photo(Path(path))

    def attach_photo(self, path: Path) -> None:
        """Read the photo: stored with the entry in the office's photo store, named by its SHA-256."""
        self.photo_data = path.read_bytes()
        self.photo_sha256 = hashlib.sha256(self.photo_data).hexdigest()
        self.photo.setText(path.name)
        self.photo.setToolTip(self.photo_sha256)

    def progress(self) -> Progress:
        return Progress(
            month=self.month.date().toString("yyyy-MM"),
            status=str(self.status.currentData()),
            percent_complete=self.percent.value(),
            investment_to_date_yuan=self.invested.value() or None,
            achieved_tce=self.tce.value() or None,
            achieved_tco2=self.tco2.value() or None,
            achieved_water_m3=self.water.value() or None,
            note=self.note.text().strip(),
            photo_sha256=self.photo_sha256,
        )


class AddProgressCommand(QUndoCommand):
    """Store a progress entry; undo marks it deleted, redo restores it (entries are never removed)."""

    def __init__(
        self,
        office: OfficeDatabase,
        project_id: int,
        entry: Progress,
        title: str,
        changed: Callable[[], None],
        photo: bytes | None = None,
    ) -> None:
        super().__init__(QCoreApplication.translate("AddProgressCommand", "Add progress of %1").replace("%1", title))
        self.office = office
        self.project_id = project_id
        self.entry = entry
        self.changed = changed
        self.entry_id: int | None = None
        self.photo = photo

    def redo(self) -> None:
        with self.office.transaction() as db:
            if self.entry_id is None:
                if self.photo is not None:
                    reserve.store_photo(db, self.photo)  # kept on undo too: photos are content, never removed
                self.entry_id = reserve.add_progress(db, self.project_id, self.entry, self.office.officer)
            else:
                reserve.set_progress_deleted(db, self.entry_id, False)
        self.changed()

    def undo(self) -> None:
        if self.entry_id is None:
            return
        with self.office.transaction() as db:
            reserve.set_progress_deleted(db, self.entry_id, True)
        self.changed()
