"""The Indicators panel: energy by type × month, charts, intensity and carbon cards, equipment grades; recomputed as records change."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from audit.analysis import Analysis
from audit.presentation import unit_label
from audit.results import Indicator, Status, Verdict
from gui.analysis.indicators_charts import EnergyChartsView
from gui.analysis.indicators_models import (
    CORROBORATED_COLOUR,
    UNVERIFIED_COLOUR,
    UUID_ROLE,
    EnergyTableModel,
    EquipmentGradeModel,
    IndicatorTableModel,
    indicator_tooltip,
    number,
    status_suffix,
)
from gui.analysis.panel import AnalysisPanel
from gui.analysis.recompute import read_only_table
from gui.context import AppContext

# Indicators shown as cards, in order (the full list is in the table under them).
CARD_KEYS = (
    "energy.audit.total.equivalent",
    "energy.audit.total.equal_value",
    "energy.intensity.output_value",
    "energy.intensity.value_added",
    "energy.intensity.product.all",
    "energy.change.total",
    "energy.change.intensity_value_added",
    "carbon.total",
    "carbon.intensity.value_added",
    "carbon.level",
    "carbon.grade",
)
# Carbon-efficiency grade colours as the 碳效码 is usually shown: dark green (1) to red (5).
GRADE_COLOURS = {1: "#1b5e20", 2: "#43a047", 3: "#f9a825", 4: "#ef6c00", 5: "#c62828"}


class IndicatorCard(QFrame):
    """A titled number; hover shows inputs and sources; unverified values are marked in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.value = QLabel()
        self.value.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel()
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.status)
        self.key = ""

    def show_indicator(self, indicator: Indicator, language: str) -> None:
        self.key = indicator.key
        self.title.setText(indicator.label.get(language))
        if indicator.key == "carbon.grade" and indicator.value is not None:
            grade = int(indicator.value)
            colour = GRADE_COLOURS.get(grade, "#000000")
            text = self.tr("Grade %1").replace("%1", str(grade))
            self.value.setText(f"<span style='font-size:18pt; color:{colour}'><b>{html.escape(text)}</b></span>")
        else:
            self.value.setText(
                f"<span style='font-size:16pt'><b>{html.escape(number(indicator.value))}</b></span> {html.escape(unit_label(indicator.unit, language))}"
            )
        if indicator.value is None:
            note = indicator.note.get(language) if indicator.note else ""
            self.status.setText(self.tr("not computed") + (f": {note}" if note else ""))
        else:
            self.status.setText(status_suffix(indicator.status, language).strip())
        status_colour = UNVERIFIED_COLOUR if indicator.status is Status.U else CORROBORATED_COLOUR
        self.status.setStyleSheet(f"color: {status_colour.name()};")
        tip = indicator_tooltip(indicator, language)
        self.setToolTip(tip)
        for label in (self.title, self.value, self.status):
            label.setToolTip(tip)


class IndicatorsPanel(AnalysisPanel):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.report: Analysis | None = None
        layout = self.frame
        self.period_choice = QComboBox()
        self.period_choice.addItem(self.tr("Audit period"), "audit")
        self.period_choice.addItem(self.tr("Comparison period"), "comparison")
        self.period_choice.setToolTip(self.tr("Period shown in the energy table and the charts"))
        self.period_choice.currentIndexChanged.connect(self._show_period)
        self.top.addWidget(self.period_choice)
        # What keeps the indicators from being computed, with a link to the field that fixes it.
        self.missing = QLabel()
        self.missing.setObjectName("indicatorsMissing")
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.RichText)
        self.missing.setStyleSheet("QLabel#indicatorsMissing { border: 1px solid #a15c00; padding: 6px; }")
        self.missing.linkActivated.connect(self._open_link)
        self.missing.setVisible(False)
        layout.addWidget(self.missing)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.energy_model = EnergyTableModel(self)
        self.energy_view = read_only_table(self.energy_model)
        self.tabs.addTab(self.energy_view, self.tr("Energy by month"))
        self.charts = EnergyChartsView()
        self.tabs.addTab(self.charts, self.tr("Charts"))

        cards_page = QWidget()
        cards_layout = QVBoxLayout(cards_page)
        self.cards_grid = QGridLayout()
        cards_layout.addLayout(self.cards_grid)
        self.cards: list[IndicatorCard] = []
        self.indicator_model = IndicatorTableModel(self)
        self.indicator_view = read_only_table(self.indicator_model)
        cards_layout.addWidget(self.indicator_view, 1)
        scroll = QScrollArea()
        scroll.setWidget(cards_page)
        scroll.setWidgetResizable(True)
        self.tabs.addTab(scroll, self.tr("Intensity and carbon"))

        self.equipment_model = EquipmentGradeModel(self)
        self.equipment_view = read_only_table(self.equipment_model)
        self.equipment_view.doubleClicked.connect(self._open_row)
        self.tabs.addTab(self.equipment_view, self.tr("Equipment grades"))

        self.start(
            self.tr(
                "Hover over a number to see its inputs and sources. ⚠ unverified: a coefficient is not yet checked against the official text; [C]: corroborated by secondary sources only. Double-click an equipment row to open its record."
            )
        )

    def busy_text(self) -> str:
        return self.tr("Computing indicators…")

    def job_title(self) -> str:
        return self.tr("Indicators")

    def failure_text(self) -> str:
        return self.tr("The indicators could not be computed: %1")

    def show_result(self, result: Analysis) -> None:
        self.show_report(result)

    def show_report(self, report: Analysis) -> None:
        language = self.context.language
        self.report = report
        self._show_period()
        self.indicator_model.set_rows([*report.energy.indicators, *report.carbon.indicators], language)
        self.equipment_model.set_rows(report.equipment, language)
        for view in (self.energy_view, self.indicator_view, self.equipment_view):
            view.resizeColumnsToContents()
        self._show_cards(report, language)
        self.summary.setText(self._summary(report))
        self._show_missing(report)

    def _show_missing(self, report: Analysis) -> None:
        if report.energy.settings.audit_period is not None:
            self.missing.setVisible(False)
            return
        text = self.tr("The audit period is not set, so no energy indicator can be computed.")
        link = self.tr("Enter the audit period")
        self.missing.setText(f"{html.escape(text)} <a href='field:audit::period_start'>{html.escape(link)}</a>")
        self.missing.setVisible(True)

    def _open_link(self, link: str) -> None:
        kind, _, rest = link.partition(":")
        if kind == "field":
            form_id, record_uuid, field = [*rest.split(":"), "", ""][:3]
            self.context.signals.open_field_requested.emit(form_id, record_uuid, field)

    def _show_period(self) -> None:
        """Energy table and charts for the period chosen above them (audit or comparison)."""
        if self.report is None:
            return
        comparison = self.period_choice.currentData() == "comparison"
        energy = self.report.energy
        balance = energy.comparison_balance if comparison else energy.audit_balance
        self.energy_model.set_balance(balance, self.context.language)
        self.energy_view.resizeColumnsToContents()
        self.charts.show_balance(balance, self.context.language)

    def _show_cards(self, report: Analysis, language: str) -> None:
        shown = [i for key in CARD_KEYS if (i := report.indicator(key)) is not None]
        while len(self.cards) < len(shown):
            card = IndicatorCard()
            self.cards_grid.addWidget(card, len(self.cards) // 4, len(self.cards) % 4)
            self.cards.append(card)
        for index, card in enumerate(self.cards):
            card.setVisible(index < len(shown))
            if index < len(shown):
                card.show_indicator(shown[index], language)

    def card(self, key: str) -> IndicatorCard | None:
        return next((c for c in self.cards if c.key == key and not c.isHidden()), None)

    def _summary(self, report: Analysis) -> str:
        total = report.energy_total()
        carbon = report.indicator("carbon.total")
        below = sum(1 for r in report.equipment if r.verdict is Verdict.BELOW_GRADE_3)
        outdated = sum(1 for r in report.equipment if r.outdated is not None)
        text = self.tr(
            "Energy %1 tce, CO₂ %2 t; %3 of %4 pieces of equipment below grade 3, %5 in an outdated catalogue."
        )
        for marker, value in (
            ("%1", number(total.value if total else None, 1)),
            ("%2", number(carbon.value if carbon else None, 0)),
            ("%3", str(below)),
            ("%4", str(len(report.equipment))),
            ("%5", str(outdated)),
        ):
            text = text.replace(marker, value)
        problems = report.energy.problems
        if problems:
            text += " " + self.tr("%1 problems: %2").replace("%1", str(len(problems))).replace(
                "%2", "; ".join(p.get(self.context.language) for p in problems[:3])
            )
        return text

    def _open_row(self, index: QModelIndex) -> None:
        uuid = index.data(UUID_ROLE)
        if uuid:
            self.context.signals.open_record_requested.emit(str(uuid))
