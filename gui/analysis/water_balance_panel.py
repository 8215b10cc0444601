"""The Water balance panel: unit balances, indicators, comparisons, flags and the diagram, recomputed as records change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from audit.background import WaterOutput, water_balance_of
from audit.errors import AuditError
from audit.output_files import write_bytes_atomically
from audit.presentation import EMPTY, format_number
from audit.water.diagram_cache import diagram_bytes
from audit.water.model import WaterResult
from gui.analysis.panel import AnalysisPanel
from gui.analysis.recompute import InProcess, read_only_table
from gui.analysis.water_diagram import DiagramView
from gui.analysis.water_models import (
    UUID_ROLE,
    ComparisonsModel,
    FlagsModel,
    IndicatorsModel,
    TotalsModel,
    UnitBalanceModel,
    UnitDaysModel,
)
from gui.context import AppContext
from gui.message_boxes import show_warning

DIAGRAM_DPI = 110


class WaterBalancePanel(AnalysisPanel):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.result: WaterResult | None = None
        self.save_button = QPushButton(self.tr("Save diagram…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_diagram)
        self.top.addWidget(self.save_button)
        self.tabs = QTabWidget()
        self.frame.addWidget(self.tabs, 1)
        self.unit_model = UnitBalanceModel(self)
        self.indicator_model = IndicatorsModel(self)
        self.comparison_model = ComparisonsModel(self)
        self.flag_model = FlagsModel(self)
        self.unit_view = read_only_table(self.unit_model)
        self.indicator_view = read_only_table(self.indicator_model)
        self.comparison_view = read_only_table(self.comparison_model)
        self.flag_view = read_only_table(self.flag_model)
        self.unit_view.horizontalHeader().setStretchLastSection(False)
        self.unit_view.doubleClicked.connect(self._open_row)
        self.flag_view.doubleClicked.connect(self._open_row)
        self.day_model = UnitDaysModel(self)
        self.day_view = read_only_table(self.day_model)
        self.day_view.horizontalHeader().setStretchLastSection(False)
        self.totals_model = TotalsModel(self)
        self.totals_view = read_only_table(self.totals_model)
        self.unit_view.selectionModel().currentRowChanged.connect(self._show_days)
        unit_page = QSplitter(Qt.Orientation.Vertical)
        unit_page.addWidget(self.unit_view)
        days_box = QWidget()
        days_layout = QVBoxLayout(days_box)
        days_layout.setContentsMargins(0, 0, 0, 0)
        self.days_title = QLabel(self.tr("Select a unit to see its test days."))
        days_layout.addWidget(self.days_title)
        days_layout.addWidget(self.day_view)
        unit_page.addWidget(days_box)
        unit_page.setStretchFactor(0, 3)
        unit_page.setStretchFactor(1, 1)
        self.tabs.addTab(unit_page, self.tr("Unit balance"))
        self.tabs.addTab(self.totals_view, self.tr("Totals"))
        self.tabs.addTab(self.indicator_view, self.tr("Indicators"))
        self.tabs.addTab(self.comparison_view, self.tr("Comparisons"))
        self.flags_tab = self.tabs.addTab(self.flag_view, self.tr("Flags"))
        self.diagram = DiagramView()
        self.tabs.addTab(self.diagram, self.tr("Diagram"))
        self.start(
            self.tr(
                "≈ estimated, * calculated from the balance; red: closure beyond tolerance or incomplete data. Double-click a row to open its record."
            )
        )

    def busy_text(self) -> str:
        return self.tr("Computing the water balance…")

    def job_title(self) -> str:
        return self.tr("Water balance")

    def failure_text(self) -> str:
        return self.tr("The water balance could not be computed: %1")

    def work(self) -> InProcess:
        return InProcess(water_balance_of, lambda: (self.context.document.path, self.context.language, DIAGRAM_DPI))

    def show_result(self, output: WaterOutput) -> None:
        result, language = output.result, self.context.language
        self.result = result
        self.unit_model.set_result(result, language)
        self.indicator_model.set_rows(result.indicators, language)
        self.comparison_model.set_rows(result.comparisons, language)
        self.flag_model.set_rows(result.flags, language)
        self.totals_model.set_result(result, language)
        self._show_days(self.unit_view.currentIndex())
        for view in (self.unit_view, self.totals_view, self.indicator_view, self.comparison_view, self.flag_view):
            view.resizeColumnsToContents()
        self.tabs.setTabText(self.flags_tab, self.tr("Flags (%1)").replace("%1", str(len(result.flags))))
        self.summary.setText(self._summary(result))
        self.diagram.set_png(output.diagram_png)
        self.save_button.setEnabled(result.ready)

    def _summary(self, result: WaterResult) -> str:
        if not result.ready or result.test is None:
            return "\n".join(flag.message.get(self.context.language) for flag in result.flags)
        totals = result.enterprise.values
        closure = result.enterprise.closure_pct
        complete = result.enterprise.complete
        text = self.tr("Test %1, %2 days. Enterprise: new water %3 m³/d, repeated use %4 m³/d, closure %5 %.")
        for marker, value in (
            ("%1", f"{result.test.start:%Y-%m-%d}"),
            ("%2", str(result.test.days)),
            # An incomplete balance sums only the units it could close: a total would be a wrong number.
            ("%3", format_number(totals.get("vf", 0.0), 0) if complete else EMPTY),
            ("%4", format_number(totals.get("vr", 0.0), 0) if complete else EMPTY),
            ("%5", format_number(closure, 2)),
        ):
            text = text.replace(marker, value)
        if not result.enterprise.complete:
            text += " " + self.tr("Incomplete: %1.").replace("%1", ", ".join(result.enterprise.missing_units))
        errors = len(result.errors())
        if result.flags:
            text += " " + self.tr("%1 flags (%2 errors).").replace("%1", str(len(result.flags))).replace(
                "%2", str(errors)
            )
        return text

    def save_diagram(self) -> None:
        """Write the diagram as PNG (300 dpi, for printing) or SVG, as the chosen file name says."""
        if self.result is None or not self.result.ready:
            return
        suggested = str(self.context.document.path.with_name(self.context.document.path.stem + "-water-balance.png"))
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the water-balance diagram"),
            suggested,
            self.tr("PNG image (*.png);;SVG drawing (*.svg)"),
        )
        if not path:
            return
        target = Path(path)
        image_format = "svg" if target.suffix.lower() == ".svg" else "png"
        if target.suffix.lower() not in (".png", ".svg"):
            target = target.with_suffix(".png")
        try:
            # A temporary file renamed into place, never onto the audit itself (issue 16).
            write_bytes_atomically(
                target,
                diagram_bytes(self.result, self.context.language, image_format, 300),
                protected=[self.context.document.path],
            )
        except AuditError as error:
            show_warning(
                self,
                self.tr("Save the water-balance diagram"),
                error.message.get(self.context.language),
            )

    def _show_days(self, index: QModelIndex) -> None:
        units = self.result.units if self.result is not None else []
        unit = units[index.row()] if index.isValid() and index.row() < len(units) else None
        self.day_model.set_unit(unit, self.context.language)
        self.day_view.resizeColumnsToContents()
        if unit is None:
            self.days_title.setText(self.tr("Select a unit to see its test days."))
        elif unit.is_leaf:
            self.days_title.setText(self.tr("Test days of %1 (m³; ≈ estimated, * calculated)").replace("%1", unit.name))
        else:
            self.days_title.setText(
                self.tr("%1 is the sum of its sub-units; select one to see its test days.").replace("%1", unit.name)
            )

    def _open_row(self, index: QModelIndex) -> None:
        uuid = index.data(UUID_ROLE)
        if uuid:
            self.context.signals.open_record_requested.emit(str(uuid))
