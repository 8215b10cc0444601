"""The Measures panel: savings, investment and payback of every measure; accept or reject; edit inputs; totals; chart."""

from __future__ import annotations

import html
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from audit.analysis import Analysis
from audit.chart_fonts import font_families, load_matplotlib
from audit.errors import RecordError
from audit.findings._measures import Measure, Totals
from audit.results import Input
from forms.units import unit_label
from gui.analysis.indicators_models import number, sources_html, status_brush, status_suffix
from gui.analysis.panel import AnalysisPanel
from gui.analysis.recompute import read_only_table
from gui.analysis.result_models import RowsTableModel
from gui.context import AppContext
from gui.records.commands import add_record, edit_record
from gui.theme import LIGHT

CONTEXT = "Measures"
ModelIndex = QModelIndex | QPersistentModelIndex
STATES = {
    "proposed": QT_TRANSLATE_NOOP("Measures", "Proposed"),
    "accepted": QT_TRANSLATE_NOOP("Measures", "Accepted"),
    "rejected": QT_TRANSLATE_NOOP("Measures", "Rejected"),
    "implemented": QT_TRANSLATE_NOOP("Measures", "Implemented"),
    "verified": QT_TRANSLATE_NOOP("Measures", "Verified"),
}
REASONS = {
    "long_payback": QT_TRANSLATE_NOOP("Measures", "Payback too long"),
    "requires_permit": QT_TRANSLATE_NOOP("Measures", "Requires a permit"),
    "not_feasible": QT_TRANSLATE_NOOP("Measures", "Not feasible on site"),
    "already_planned": QT_TRANSLATE_NOOP("Measures", "Already planned by the enterprise"),
    "other": QT_TRANSLATE_NOOP("Measures", "Other"),
}
COST_CLASSES = {
    "low_cost": QT_TRANSLATE_NOOP("Measures", "No-cost / low-cost"),
    "capital": QT_TRANSLATE_NOOP("Measures", "Capital"),
}
# The expert's form offers these methods; anything else is recorded as the expert's own.
FORM_METHODS_FALLBACK = "other"


def tr(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def savings_text(measure: Measure) -> str:
    return "; ".join(f"{number(s.quantity)} {unit_label(s.unit, 'en')}" for s in measure.savings) or "—"


class MeasuresModel(RowsTableModel):
    """One measure per row, no-cost/low-cost first, then by payback (the order the analysis gives)."""

    context: ClassVar[str] = CONTEXT
    headers = (
        QT_TRANSLATE_NOOP("Measures", "Measure"),
        QT_TRANSLATE_NOOP("Measures", "Status"),
        QT_TRANSLATE_NOOP("Measures", "Saving per year"),
        QT_TRANSLATE_NOOP("Measures", "tce/a"),
        QT_TRANSLATE_NOOP("Measures", "tCO₂/a"),
        QT_TRANSLATE_NOOP("Measures", "yuan/a"),
        QT_TRANSLATE_NOOP("Measures", "Investment, yuan"),
        QT_TRANSLATE_NOOP("Measures", "Payback, a"),
        QT_TRANSLATE_NOOP("Measures", "Cost class"),
    )

    def cell(self, row: Any, column: int, role: int) -> Any:
        measure: Measure = row
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                measure.title.get(self.language) + (" *" if measure.overridden else ""),
                tr(STATES.get(measure.implementation_status, measure.implementation_status)),
                savings_text(measure),
                number(measure.tce_equivalent),
                number(measure.tco2),
                number(measure.annual_savings_yuan, 0),
                number(measure.investment_yuan, 0),
                number(measure.simple_payback_years, 2),
                tr(COST_CLASSES[measure.cost_class.value]),
            )
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return measure_html(measure, self.language)
        if role == Qt.ItemDataRole.ForegroundRole and column in (3, 5, 7):
            return status_brush(measure.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and 3 <= column <= 7:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def measure_html(measure: Measure, language: str) -> str:
    parts = [
        f"<b>{html.escape(measure.title.get(language))}</b>{html.escape(status_suffix(measure.status, language))}",
        f"{html.escape(measure.method_label.get(language))} — IAC {html.escape(measure.iac_code or '—')}",
        f"{html.escape(_method_text())}: {html.escape(measure.formula)}",
        f"{html.escape(_priced_at_text())}: {html.escape(measure.price_basis.get(language))}",
        f"tce ({html.escape(_equal_value_text())}): {html.escape(number(measure.tce_equal_value))}",
    ]
    if measure.overridden:
        parts.append(f"{html.escape(_changed_by_the_expert_text())}: {html.escape(', '.join(measure.overridden))}")
    if measure.rejection_reason:
        parts.append(
            f"{html.escape(_rejected_text())}: {html.escape(tr(REASONS.get(measure.rejection_reason, measure.rejection_reason)))} {html.escape(measure.reason_note)}"
        )
    if measure.narrative:
        parts.append(html.escape(measure.narrative))
    for problem in measure.problems:
        parts.append(f"<i>{html.escape(problem.get(language))}</i>")
    if measure.sources:
        parts.append(sources_html(measure.sources))
    return "<br/>".join(parts)


class InputsModel(QAbstractTableModel):
    """The inputs of one measure; the value column is editable and an edit becomes the expert's override."""

    headers = (
        QT_TRANSLATE_NOOP("Measures", "Input"),
        QT_TRANSLATE_NOOP("Measures", "Value"),
        QT_TRANSLATE_NOOP("Measures", "Unit"),
    )
    edited = Signal(str, float)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Input] = []
        self.overridden: set[str] = set()

    def set_measure(self, measure: Measure | None) -> None:
        self.beginResetModel()
        self.rows = list(measure.inputs) if measure else []
        self.overridden = set(measure.overridden) if measure else set()
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return tr(self.headers[section])
        return super().headerData(section, orientation, role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return item.name + (" *" if item.name in self.overridden else "")
            if index.column() == 1:
                return number(item.value) if role == Qt.ItemDataRole.DisplayRole else str(item.value)
            return item.unit
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 1:
            return False
        try:
            number_ = float(str(value).replace(",", ""))
        except ValueError:
            return False
        self.edited.emit(self.rows[index.row()].name, number_)
        return True


class SavingsChart(QWidget):
    """Savings by measure (tce/a, equivalent value), drawn with matplotlib when first shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.figure: Any = None
        self.canvas: Any = None

    def show_measures(self, measures: list[Measure], language: str) -> None:
        if self.canvas is None:
            load_matplotlib()
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.figure = Figure(figsize=(9.0, 4.5), dpi=100)
            self.canvas = FigureCanvasQTAgg(self.figure)
            self.layout_.addWidget(self.canvas, 1)
        fonts = font_families()
        self.figure.clear()
        axes = self.figure.add_subplot(1, 1, 1)
        shown = sorted((m for m in measures if m.counted and m.tce_equivalent), key=lambda m: m.tce_equivalent or 0)[
            -15:
        ]
        axes.barh([m.title.get(language)[:28] for m in shown], [m.tce_equivalent or 0 for m in shown], color=LIGHT.good)
        axes.set_title(
            QCoreApplication.translate("Measures", "Savings by measure (tce/a, equivalent value)"),
            fontfamily=fonts,
            fontsize=10,
        )
        for label in axes.get_xticklabels() + axes.get_yticklabels():
            label.set_fontfamily(fonts)
            label.set_fontsize(8)
        self.figure.tight_layout()
        self.canvas.draw_idle()

    def chart_texts(self) -> list[str]:
        if self.figure is None:
            return []
        return [
            t
            for axes in self.figure.axes
            for t in (axes.get_title(), *(label.get_text() for label in axes.get_yticklabels()))
        ]


class MeasuresPanel(AnalysisPanel):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.analysis: Analysis | None = None
        self.selected_key: str | None = None
        layout = self.frame
        self.totals = self.summary  # the summary line of this panel is the totals of the measures

        actions = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.reason = QComboBox()
        for code, text in REASONS.items():
            self.reason.addItem(tr(text), code)
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.clicked.connect(self.reject_selected)
        self.open_button = QPushButton(self.tr("Open decision…"))
        self.open_button.setToolTip(
            self.tr("The decision record: status, narrative, investment, life and every override")
        )
        self.open_button.clicked.connect(self.open_decision)
        for widget in (self.accept_button, self.reason, self.reject_button, self.open_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.tabs = QTabWidget()
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = MeasuresModel(self)
        self.view = read_only_table(self.model)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        splitter.addWidget(self.view)
        self.inputs_model = InputsModel(self)
        self.inputs_model.edited.connect(self.override_input)
        self.inputs_view = QTableView()
        self.inputs_view.setModel(self.inputs_model)
        self.inputs_view.verticalHeader().setVisible(False)
        self.inputs_view.horizontalHeader().setStretchLastSection(True)
        splitter.addWidget(self.inputs_view)
        self.tabs.addTab(splitter, self.tr("Measures"))
        self.chart = SavingsChart()
        self.tabs.addTab(self.chart, self.tr("Savings by measure"))
        self.tabs.currentChanged.connect(self._draw_chart)
        layout.addWidget(self.tabs, 1)
        self.start(
            self.tr(
                "Edit an input's value below the table to override it (recorded with the decision; * marks changed inputs). Costs and lives are planning figures (⚠ unverified) until replaced by quotations."
            )
        )

    # -- showing -------------------------------------------------------------------------------
    def busy_text(self) -> str:
        return self.tr("Computing measures…")

    def job_title(self) -> str:
        return self.tr("Measures")

    def failure_text(self) -> str:
        return self.tr("The measures could not be computed: %1")

    def show_result(self, result: Analysis) -> None:
        self.show_analysis(result)

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.model.set_rows(analysis.measures.measures, self.context.language)
        self.view.resizeColumnsToContents()
        self.totals.setText(self._totals_text(analysis.measures.totals))
        if analysis.measures.totals is not None:
            self.totals.setToolTip(analysis.measures.totals.method.get(self.context.language))
        if self.selected_key is not None:
            self.select(self.selected_key)
        if self.tabs.currentIndex() == 1:
            self._draw_chart(1)

    def _totals_text(self, totals: Totals | None) -> str:
        if totals is None:
            return self.tr("No measures.")
        text = self.tr(
            "Total: %1 tce/a (equal value %2), %3 tCO₂/a, %4 yuan/a for %5 yuan invested (payback %6 a); no-cost/low-cost %7 yuan, capital %8 yuan. Measures on the same equipment are applied in sequence."
        )
        for marker, value in (
            ("%1", number(totals.tce_equivalent)),
            ("%2", number(totals.tce_equal_value)),
            ("%3", number(totals.tco2)),
            ("%4", number(totals.annual_savings_yuan, 0)),
            ("%5", number(totals.investment_yuan, 0)),
            ("%6", number(totals.simple_payback_years, 2)),
            ("%7", number(totals.low_cost_yuan, 0)),
            ("%8", number(totals.capital_yuan, 0)),
        ):
            text = text.replace(marker, value)
        return text

    def _draw_chart(self, index: int) -> None:
        if index == 1 and self.analysis is not None:
            self.chart.show_measures(list(self.analysis.measures.measures), self.context.language)

    def select(self, key: str) -> None:
        for row, measure in enumerate(self.model.rows):
            if measure.key == key:
                self.view.selectRow(row)
                return

    def current(self) -> Measure | None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            return self.model.rows[rows[0].row()]
        # A recompute resets the table; the measure the user last chose is still the one acted on.
        return next((m for m in self.model.rows if m.key == self.selected_key), None)

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        measure = self.current()
        self.selected_key = measure.key if measure else self.selected_key
        self.inputs_model.set_measure(measure)
        self.inputs_view.resizeColumnsToContents()

    # -- decisions (records of the measure form, so they are undone, logged and exported) -----------
    def _decision(self, measure: Measure, status: str | None = None) -> str:
        if measure.decision is not None:
            return measure.decision
        form = self.context.document.registry["measure"]
        methods = {c.code for c in form.field("method").choices}
        values: dict[str, Any] = {
            "measure_key": measure.key,
            "method": measure.method if measure.method in methods else FORM_METHODS_FALLBACK,
            "status": status or "proposed",
        }
        if status == "rejected":
            values["rejection_reason"] = self.reason.currentData()
        return add_record(self.context, "measure", values, label=measure.title.get(self.context.language))

    def _set_status(self, status: str) -> None:
        measure = self.current()
        if measure is None:
            return
        label = measure.title.get(self.context.language)
        try:
            if measure.decision is None:
                self._decision(measure, status)
            else:
                values: dict[str, Any] = {"status": status}
                if status == "rejected":
                    values["rejection_reason"] = self.reason.currentData()
                edit_record(self.context, measure.decision, values, label)
        except RecordError as error:
            QMessageBox.warning(self, self.tr("Measures"), error.message.get(self.context.language))
        self.recompute()

    def accept_selected(self) -> None:
        self._set_status("accepted")

    def reject_selected(self) -> None:
        self._set_status("rejected")

    def open_decision(self) -> None:
        measure = self.current()
        if measure is not None:
            self.context.signals.open_record_requested.emit(self._decision(measure))

    def override_input(self, name: str, value: float) -> None:
        measure = self.current()
        if measure is None:
            return
        records = self.context.document.records
        label = measure.title.get(self.context.language)
        try:
            decision = self._decision(measure)
            rows = records.get(decision).children.get("overrides", [])
            existing = next((r for r in rows if r.values.get("input") == name and not r.deleted), None)
            if existing is not None:
                edit_record(self.context, existing.uuid, {"value": value}, label)
            else:
                add_record(
                    self.context,
                    "measure.overrides",
                    {"input": name, "value": value},
                    parent_uuid=decision,
                    label=label,
                )
        except RecordError as error:
            QMessageBox.warning(self, self.tr("Measures"), error.message.get(self.context.language))
        self.recompute()


def _changed_by_the_expert_text() -> str:
    return QCoreApplication.translate("Measures", "Changed by the expert")


def _method_text() -> str:
    return QCoreApplication.translate("Measures", "Method")


def _priced_at_text() -> str:
    return QCoreApplication.translate("Measures", "Priced at")


def _rejected_text() -> str:
    return QCoreApplication.translate("Measures", "Rejected")


def _equal_value_text() -> str:
    return QCoreApplication.translate("Measures", "equal value")
