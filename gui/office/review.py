"""The office's review tab: every audit with its review status, the review steps, and returning an audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from audit.errors import AuditError
from audit.office.database import OfficeDatabase
from audit.office.returning import return_package
from audit.office.review import AuditReview, ReviewEntry, ReviewStatus, audit_reviews, review_history, set_review
from audit.office.sheet_parts import Column
from audit.packages.bag import WrittenPackage
from audit.packages.keys import load_or_create_key
from forms.spec import Text
from gui.i18n import current_language
from gui.jobs import Job, start_job
from gui.office.layout import master_detail
from gui.office.models import RowsModel, table_view

TAB_ORDER = 45


AUDIT_COLUMNS = [
    Column(Text("Enterprise", "企业"), "enterprise"),
    Column(Text("Credit code", "信用代码"), "credit_code"),
    Column(Text("Revision", "版本"), "revision", "integer"),
    Column(Text("Review", "审核"), "status"),
    Column(Text("Open conflicts", "未处理冲突"), "conflicts", "integer"),
]
HISTORY_COLUMNS = [
    Column(Text("Step", "步骤"), "status"),
    Column(Text("Comment", "意见"), "comment"),
    Column(Text("By", "审核人"), "by"),
    Column(Text("When", "时间"), "at"),
]


class ReviewTab(QWidget):
    """Audits and their review status; a review step (received, has issues, accepted); Return to auditor."""

    def __init__(self, office: OfficeDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.reviews: list[AuditReview] = []
        self.job: Job | None = None
        self.return_target: Path | None = None
        self.setWindowTitle(self.tr("Review"))
        self.audits = RowsModel(AUDIT_COLUMNS, parent=self)
        self.history = RowsModel(HISTORY_COLUMNS, parent=self)
        self.summary = QLabel(self)
        self.table = self._view(self.audits)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the enterprise
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.history_view = self._view(self.history)
        # The comment takes the width the step, the officer and the time leave.
        self.history_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
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

    def _view(self, model: RowsModel) -> QTableView:
        view = table_view(model, self)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        return view

    def _lay_out(self) -> None:
        master_detail(
            self,
            self.summary,
            self.return_button,
            self.message,
            self.table,
            [QLabel(self.tr("Review history"), self), self.history_view, self.comment],
            list(self.buttons.values()),
        )

    def refresh(self) -> None:
        """Read the audits afresh (an import adds a "received" step), keeping the audit chosen."""
        chosen = self.current()
        language = current_language()
        self.reviews = audit_reviews(self.office)
        self.audits.set_rows(
            [
                {
                    "enterprise": review.enterprise_name or review.audit_uuid,
                    "credit_code": review.credit_code,
                    "revision": review.latest_revision,
                    "status": review.status.label.get(language),
                    "conflicts": review.open_conflicts or None,
                }
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
                {
                    "status": entry.status.label.get(language),
                    "comment": entry.comment,
                    "by": entry.reviewed_by,
                    "at": entry.reviewed_at.replace("T", " "),
                }
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
