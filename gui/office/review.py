"""The office's review tab: every audit with its review status, the review steps, and returning an audit."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from audit.errors import AuditError
from audit.office.database import OfficeDatabase
from audit.office.returning import return_package
from audit.office.review import AuditReview, ReviewEntry, ReviewStatus, audit_reviews, review_history, set_review
from audit.packages.bag import WrittenPackage
from audit.packages.keys import load_or_create_key
from gui.i18n import current_language
from gui.jobs import Job, start_job

TAB_ORDER = 45
ModelIndex = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A read-only table of text rows under translated headers."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[str]] = []

    def set_rows(self, rows: Sequence[list[str]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None


class ReviewTab(QWidget):
    """Audits and their review status; a review step (received, has issues, accepted); Return to auditor."""

    def __init__(self, office: OfficeDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.reviews: list[AuditReview] = []
        self.job: Job | None = None
        self.return_target: Path | None = None
        self.setWindowTitle(self.tr("Review"))
        self.audits = RowsModel(
            [
                self.tr("Enterprise"),
                self.tr("Credit code"),
                self.tr("Revision"),
                self.tr("Review"),
                self.tr("Conflicts"),
            ],
            self,
        )
        self.history = RowsModel([self.tr("Step"), self.tr("Comment"), self.tr("By"), self.tr("When")], self)
        self.summary = QLabel(self)
        self.table = self._view(self.audits)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.history_view = self._view(self.history)
        header = self.history_view.horizontalHeader()
        for column in (0, 2, 3):  # the comment takes the width the step, the officer and the time leave
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.comment = QPlainTextEdit(self)
        self.comment.setPlaceholderText(self.tr("Comment for the auditor (required for “has issues”)"))
        self.comment.setMaximumHeight(90)
        # What the last step or return did, or why it was refused (the domain's own words).
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = {
            ReviewStatus.RECEIVED: QPushButton(self.tr("Mark &received"), self),
            ReviewStatus.HAS_ISSUES: QPushButton(self.tr("&Has issues"), self),
            ReviewStatus.ACCEPTED: QPushButton(self.tr("&Accept"), self),
        }
        for status, button in self.buttons.items():
            button.clicked.connect(lambda _=False, chosen=status: self.review(chosen))
        self.return_button = QPushButton(self.tr("Re&turn to auditor…"), self)
        self.return_button.clicked.connect(self.choose_and_return)
        self._lay_out()
        self.refresh()

    def _view(self, model: QAbstractTableModel) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().hide()
        return view

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.return_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in self.buttons.values():
            buttons.addWidget(button)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel(self.tr("Review history"), lower))
        lower_layout.addWidget(self.history_view, 1)
        lower_layout.addWidget(self.comment)
        lower_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        """Read the audits afresh (an import adds a "received" step), keeping the audit chosen."""
        chosen = self.current()
        language = current_language()
        self.reviews = audit_reviews(self.office)
        self.audits.set_rows(
            [
                [
                    review.enterprise_name or review.audit_uuid,
                    review.credit_code,
                    str(review.latest_revision),
                    review.status.label.get(language),
                    str(review.open_conflicts) if review.open_conflicts else "",
                ]
                for review in self.reviews
            ]
        )
        self.summary.setText(
            self.tr("%1 audit(s) in the office.").replace("%1", str(len(self.reviews)))
            if self.reviews
            else self.tr("No audits yet: import packages first.")
        )
        uuids = [review.audit_uuid for review in self.reviews]
        if uuids:
            self.table.selectRow(uuids.index(chosen.audit_uuid) if chosen and chosen.audit_uuid in uuids else 0)
        self._current_changed()

    def current(self) -> AuditReview | None:
        row = self.table.currentIndex().row()
        return self.reviews[row] if 0 <= row < len(self.reviews) else None

    def _current_changed(self, *_: Any) -> None:
        review = self.current()
        language = current_language()
        entries: list[ReviewEntry] = review_history(self.office, review.audit_uuid) if review else []
        self.history.set_rows(
            [
                [
                    entry.status.label.get(language),
                    entry.comment,
                    entry.reviewed_by,
                    entry.reviewed_at.replace("T", " "),
                ]
                for entry in entries
            ]
        )
        for button in [*self.buttons.values(), self.return_button]:
            button.setEnabled(review is not None and self.job is None)

    def review(self, status: ReviewStatus) -> None:
        """Record a step for the chosen audit; a refusal is shown in the domain's words, nothing changed."""
        review = self.current()
        if review is None:
            return
        try:
            set_review(self.office, review.audit_uuid, status, self.comment.toPlainText())
        except AuditError as error:
            self.message.setText(error.message.get(current_language()))
            return
        self.comment.clear()
        self.message.setText(
            self.tr("%1: %2.")
            .replace("%1", review.enterprise_name or review.audit_uuid)
            .replace("%2", status.label.get(current_language()))
        )
        self.refresh()

    def choose_and_return(self) -> None:
        review = self.current()
        if review is None:
            return
        suggested = str(self.office.path.with_name(f"{review.enterprise_name or review.audit_uuid}-returned.zip"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Return to auditor"), suggested, self.tr("Audit packages (*.zip)")
        )
        if path:
            self.return_to(Path(path))

    def return_to(self, target: Path) -> None:
        """Write the chosen audit's return package (the office's records and review, signed) in the background."""
        review = self.current()
        if review is None:
            return
        worker = self.office.for_worker()
        officer = self.office.officer

        def work(progress: Any) -> WrittenPackage:
            try:
                return return_package(worker, review.audit_uuid, target, load_or_create_key(officer))
            finally:
                worker.close()

        self.return_target = target
        job = start_job(work, self, self.tr("Returning the audit"), self._returned, self._return_failed)
        job.signals.cancelled.connect(self._return_ended)
        self.job = job
        self._current_changed()

    def _return_ended(self, *_: Any) -> None:
        self.job = None
        self._current_changed()

    def _returned(self, written: WrittenPackage) -> None:
        self._return_ended()
        self.message.setText(
            self.tr("Returned to the auditor: %1 (package %2).")
            .replace("%1", str(self.return_target))
            .replace("%2", written.package_id)
        )

    def _return_failed(self, message: str) -> None:
        self._return_ended()
        self.message.setText(message)


def make_tab(office: OfficeDatabase, parent: QWidget) -> QWidget:
    return ReviewTab(office, parent)
