"""The office's conflicts tab: open conflicts, both versions side by side, keep one; and importing packages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QWidget,
)

from audit.errors import AuditError
from audit.office.conflicts import Choice, Conflict, open_conflicts, settle_conflict
from audit.office.database import OfficeDatabase
from audit.office.importing import ImportOutcome, import_packages, package_paths
from audit.office.records import OfficeRecord
from audit.office.review import audit_names
from forms.registry import default_registry
from forms.spec import FieldSpec, FormSpec, RepeatSpec
from gui.i18n import current_language
from gui.jobs import Job, start_job
from gui.office.layout import master_detail

TAB_ORDER = 50
ModelIndex = QModelIndex | QPersistentModelIndex


def _spec(form_id: str) -> FormSpec | RepeatSpec | None:
    registry = default_registry()
    form_name, _, repeat = form_id.partition(".")
    if form_name not in registry:
        return None
    form = registry[form_name]
    try:
        return form.repeat(repeat) if repeat else form
    except KeyError:
        return None


def _field(spec: FormSpec | RepeatSpec | None, name: str) -> FieldSpec | None:
    if spec is None:
        return None
    try:
        return spec.field(name)
    except KeyError:
        return None


def record_title(record: OfficeRecord, language: str) -> str:
    spec = _spec(record.form_id)
    label = spec.label.get(language) if spec is not None else record.form_id
    title_field = getattr(spec, "title_field", None)
    title = record.values.get(title_field) if title_field else None
    return f"{label} {title}" if title else label


class ConflictsModel(QAbstractTableModel):
    """One row per open conflict: the audit, the record, who changed it on each side, what differs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conflicts: list[Conflict] = []
        self.names: dict[str, str] = {}
        self.language = current_language()
        self.headers = [
            self.tr("Enterprise"),
            self.tr("Record"),
            self.tr("Office"),
            self.tr("Package"),
            self.tr("Differs in"),
        ]

    def set_conflicts(self, conflicts: Sequence[Conflict], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.conflicts = list(conflicts)
        self.names = names
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def _version(self, record: OfficeRecord) -> str:
        return (
            self.tr("revision %1 by %2, %3")
            .replace("%1", str(record.revision))
            .replace("%2", record.author)
            .replace("%3", record.modified_at.replace("T", " "))
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        conflict = self.conflicts[index.row()]
        column = index.column()
        if column == 0:
            return self.names.get(conflict.audit_uuid) or conflict.audit_uuid
        if column == 1:
            return record_title(conflict.local, self.language)
        if column in (2, 3):
            return self._version(conflict.local if column == 2 else conflict.incoming)
        spec = _spec(conflict.form_id)
        names = conflict.differing_fields()
        labels = [
            field.label.get(self.language)
            if (field := _field(spec, name))
            else self.tr("deleted")
            if name == "deleted"
            else name
            for name in names
        ]
        return ", ".join(labels)


class ComparisonModel(QAbstractTableModel):
    """The fields of one conflict's record: the office's value and the package's, differences in bold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, str, bool]] = []
        self.language = current_language()
        self.headers = [self.tr("Field"), self.tr("Office version"), self.tr("Package version")]

    def show(self, conflict: Conflict | None) -> None:
        self.beginResetModel()
        self.rows = [] if conflict is None else self._rows(conflict)
        self.endResetModel()

    def shown(self, spec: FieldSpec | None, value: Any) -> str:
        """A stored value as a person reads it: a choice's label, yes/no, a number with its unit."""
        if value is None or value == "":
            return ""
        if spec is not None and spec.choices:
            codes = value if isinstance(value, list) else [value]
            return ", ".join(
                choice.label.get(self.language) if (choice := spec.choice(str(code))) else str(code) for code in codes
            )
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = int(value)  # 15.0 kW reads as 15 kW
        unit = f" {spec.unit}" if spec is not None and spec.unit and isinstance(value, int | float) else ""
        return f"{value}{unit}"

    def _rows(self, conflict: Conflict) -> list[tuple[str, str, str, bool]]:
        spec = _spec(conflict.form_id)
        local, incoming = conflict.local, conflict.incoming
        fields = [field.name for field in spec.fields] if spec is not None else []
        names = fields + sorted((set(local.values) | set(incoming.values)) - set(fields))
        rows = []
        for name in names:
            field = _field(spec, name)
            left = self.shown(field, local.values.get(name))
            right = self.shown(field, incoming.values.get(name))
            if left or right:
                rows.append((field.label.get(self.language) if field else name, left, right, left != right))
        if local.deleted or incoming.deleted:
            state = {True: self.tr("deleted"), False: self.tr("kept")}
            rows.insert(
                0, (self.tr("Record"), state[local.deleted], state[incoming.deleted], local.deleted != incoming.deleted)
            )
        return rows

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        if role == Qt.ItemDataRole.FontRole and row[3]:
            font = QFont()
            font.setBold(True)
            return font
        return None


class ConflictsTab(QWidget):
    """Conflicts a person settles (keep the office's version or take the package's), and Import packages."""

    def __init__(self, office: OfficeDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self.last_outcomes: list[ImportOutcome] = []
        self.job: Job | None = None
        self._paths_by_name: dict[str, Path] = {}
        self.setWindowTitle(self.tr("Conflicts"))
        self.model = ConflictsModel(self)
        self.comparison = ComparisonModel(self)
        self.import_button = QPushButton(self.tr("&Import packages…"), self)
        self.import_button.clicked.connect(self.choose_and_import)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        # What the last import did, one line per package (merged with counts, or refused and why).
        self.import_result = QLabel(self)
        self.import_result.setWordWrap(True)
        self.import_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_result.hide()
        self.table = self._view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.side_by_side = self._view(self.comparison)
        self.keep_office = QPushButton(self.tr("Keep &office version"), self)
        self.take_package = QPushButton(self.tr("Take &package version"), self)
        self.keep_office.clicked.connect(lambda: self.settle(Choice.OFFICE))
        self.take_package.clicked.connect(lambda: self.settle(Choice.PACKAGE))
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
        master_detail(
            self,
            self.summary,
            self.import_button,
            self.import_result,
            self.table,
            [self.side_by_side],
            [self.keep_office, self.take_package],
        )

    def refresh(self) -> None:
        conflicts = open_conflicts(self.office)
        self.model.set_conflicts(conflicts, audit_names(self.office))
        self.summary.setText(
            self.tr("%1 conflict(s) to settle: each record was changed at the office and in a package.").replace(
                "%1", str(len(conflicts))
            )
            if conflicts
            else self.tr("No conflicts to settle.")
        )
        if conflicts:
            self.table.selectRow(0)
        self._current_changed()

    def current(self) -> Conflict | None:
        row = self.table.currentIndex().row()
        return self.model.conflicts[row] if 0 <= row < len(self.model.conflicts) else None

    def _current_changed(self, *_: Any) -> None:
        conflict = self.current()
        self.comparison.show(conflict)
        self.keep_office.setEnabled(conflict is not None)
        self.take_package.setEnabled(conflict is not None)

    def settle(self, choice: Choice) -> None:
        conflict = self.current()
        if conflict is None:
            return
        try:
            settle_conflict(self.office, conflict.id, choice)
        except AuditError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message.get(current_language()))
        self.refresh_all()

    def refresh_all(self) -> None:
        """Refresh every tab of the office window that can (an import or a settlement changes them)."""
        tabs = self.parent()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parent()
        widgets = [tabs.widget(i) for i in range(tabs.count())] if isinstance(tabs, QTabWidget) else [self]
        for widget in widgets:
            refresh = getattr(widget, "refresh", None)
            if callable(refresh):
                refresh()

    def choose_and_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import packages"), "", self.tr("Audit packages (*.zip)"))
        if paths:
            self.import_paths([Path(path) for path in paths])

    def importing(self) -> bool:
        """An import is under way (its button comes back when it ends, fails or is cancelled)."""
        return not self.import_button.isEnabled()

    def import_paths(self, paths: list[Path], accept_unknown_signer: bool = False) -> None:
        """Import in the background (its own connection), with progress and Cancel between packages."""
        worker = self.office.for_worker()

        def work(progress: Any) -> list[ImportOutcome]:
            try:
                return import_packages(worker, paths, accept_unknown_signer, progress=progress)
            finally:
                worker.close()

        self._paths_by_name = {path.name: path for path in package_paths(paths)}
        self.import_button.setEnabled(False)
        job = start_job(work, self, self.tr("Importing packages"), self._imported, self._import_failed)
        # Cancel stops between packages: those merged stay merged (each is its own transaction).
        job.signals.cancelled.connect(self._import_cancelled)
        self.job = job

    def _import_cancelled(self) -> None:
        self.import_button.setEnabled(True)
        self.refresh_all()

    def _import_failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        QMessageBox.warning(self, self.windowTitle(), message)

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        self.import_button.setEnabled(True)
        self.last_outcomes = outcomes
        self.refresh_all()
        language = current_language()
        lines = [outcome.line().get(language) for outcome in outcomes]
        self.import_result.setText("\n".join(lines) or self.tr("Nothing imported."))
        self.import_result.show()
        unknown = [outcome for outcome in outcomes if outcome.reason == "unknown_signer"]
        if not unknown:
            return
        question = self.tr(
            "%1 package(s) are signed by keys not registered here. Accept them anyway? The receipt records that "
            "you accepted them."
        ).replace("%1", str(len(unknown)))
        answer = QMessageBox.question(self, self.tr("Import packages"), question)
        if answer == QMessageBox.StandardButton.Yes:
            named = self._paths_by_name
            self.import_paths([named[outcome.source] for outcome in unknown if outcome.source in named], True)


def make_tab(office: OfficeDatabase, parent: QWidget) -> QWidget:
    return ConflictsTab(office, parent)
