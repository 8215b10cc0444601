"""The Findings panel: what the rules found, grouped by system, filtered by severity, with evidence and clause."""

from __future__ import annotations

import html
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QWidget

from audit.analysis import Analysis
from audit.findings import SYSTEMS, Finding, Severity
from gui.analysis.indicators_models import indicator_tooltip, number, sources_html, status_brush, status_suffix
from gui.analysis.panel import AnalysisPanel
from gui.analysis.recompute import read_only_table
from gui.analysis.result_models import RowsTableModel
from gui.context import AppContext
from gui.theme import LIGHT

CONTEXT = "Findings"
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_NAMES = {
    Severity.HIGH: QT_TRANSLATE_NOOP("Findings", "High"),
    Severity.MEDIUM: QT_TRANSLATE_NOOP("Findings", "Medium"),
    Severity.LOW: QT_TRANSLATE_NOOP("Findings", "Low"),
    Severity.CANNOT_ASSESS: QT_TRANSLATE_NOOP("Findings", "Cannot assess"),
}
SEVERITY_COLOURS = {
    Severity.HIGH: LIGHT.error,
    Severity.MEDIUM: LIGHT.warning,
    Severity.LOW: LIGHT.info,
    Severity.CANNOT_ASSESS: LIGHT.missing,
}
SEVERITY_ORDER = list(Severity)
SYSTEM_ORDER = list(SYSTEMS)


def severity_name(severity: Severity) -> str:
    return QCoreApplication.translate(CONTEXT, str(SEVERITY_NAMES[severity]))


def finding_html(finding: Finding, language: str) -> str:
    """Everything a signer checks: the message, the rule, the clause and limit, the evidence and the sources."""
    parts = [
        f"<b>{html.escape(finding.title.get(language))}</b> ({html.escape(severity_name(finding.severity))})",
        html.escape(finding.message.get(language)),
        f"{html.escape(_rule_text())}: <code>{html.escape(finding.rule)}</code>",
        f"{html.escape(_standard_text())}: {html.escape(finding.standard)}, {html.escape(finding.clause)}",
    ]
    if finding.limit is not None:
        parts.append(f"{html.escape(_limit_text())}: {html.escape(finding.limit.text())}")
    for indicator in finding.evidence:
        parts.append(indicator_tooltip(indicator, language))
    for missing in finding.measure_missing:
        parts.append(f"<i>{html.escape(_measure_not_quantified_text())}: {html.escape(missing.get(language))}</i>")
    if finding.sources:
        parts.append(sources_html(finding.sources))
    return "<br/>".join(parts)


class FindingsModel(RowsTableModel):
    """One finding per row: system, severity, what was found, the standard, the status of its numbers."""

    context: ClassVar[str] = CONTEXT
    headers = (
        QT_TRANSLATE_NOOP("Findings", "System"),
        QT_TRANSLATE_NOOP("Findings", "Severity"),
        QT_TRANSLATE_NOOP("Findings", "Finding"),
        QT_TRANSLATE_NOOP("Findings", "Standard"),
        QT_TRANSLATE_NOOP("Findings", "Measures"),
    )

    def cell(self, row: Any, column: int, role: int) -> Any:
        finding: Finding = row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return SYSTEMS[finding.system].get(self.language)
            if column == 1:
                return severity_name(finding.severity)
            if column == 2:
                return finding.message.get(self.language) + status_suffix(finding.status, self.language)
            if column == 3:
                return finding.standard
            return str(len(finding.measures)) if finding.measures else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding_html(finding, self.language)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 1:
                return QBrush(QColor(SEVERITY_COLOURS[finding.severity]))
            if column == 2:
                return status_brush(finding.status)
        if role == UUID_ROLE:
            return finding.records[0] if finding.records else None
        return None


class FindingsPanel(AnalysisPanel):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.analysis: Analysis | None = None
        self.severity_filter = QComboBox()
        self.severity_filter.addItem(self.tr("All severities"), "")
        for severity in Severity:
            self.severity_filter.addItem(severity_name(severity), severity.value)
        self.severity_filter.currentIndexChanged.connect(self._show_rows)
        self.top.addWidget(self.severity_filter)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.model = FindingsModel(self)
        self.view = read_only_table(self.model)
        self.view.doubleClicked.connect(self._open_row)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        splitter.addWidget(self.view)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        splitter.addWidget(self.detail)
        self.frame.addWidget(splitter, 1)
        self.start(
            self.tr(
                "Findings are engineering judgement by the rules named; form warnings stay on the forms. Select a finding for its evidence and clause; double-click to open its record. ⚠ unverified: a threshold or coefficient is not yet checked against the official text."
            )
        )

    def busy_text(self) -> str:
        return self.tr("Running the rules…")

    def job_title(self) -> str:
        return self.tr("Findings")

    def failure_text(self) -> str:
        return self.tr("The findings could not be computed: %1")

    def show_result(self, result: Analysis) -> None:
        self.show_analysis(result)

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._show_rows()
        counts = {s: sum(1 for f in analysis.findings if f.severity is s) for s in Severity}
        text = self.tr("%1 high, %2 medium, %3 low; %4 could not be assessed; %5 measures proposed.")
        for marker, value in (
            ("%1", counts[Severity.HIGH]),
            ("%2", counts[Severity.MEDIUM]),
            ("%3", counts[Severity.LOW]),
            ("%4", counts[Severity.CANNOT_ASSESS]),
            ("%5", len(analysis.measures.measures)),
        ):
            text = text.replace(marker, number(float(value), 0))
        self.summary.setText(text)

    def shown(self) -> list[Finding]:
        if self.analysis is None:
            return []
        wanted = self.severity_filter.currentData()
        rows = [f for f in self.analysis.findings if not wanted or f.severity.value == wanted]
        return sorted(rows, key=lambda f: (SYSTEM_ORDER.index(f.system), SEVERITY_ORDER.index(f.severity), f.rule))

    def _show_rows(self) -> None:
        self.model.set_rows(self.shown(), self.context.language)
        self.view.resizeColumnsToContents()
        self.detail.clear()

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        if rows:
            self.detail.setText(finding_html(self.model.rows[min(rows)], self.context.language))

    def _open_row(self, index: QModelIndex) -> None:
        uuid = index.data(UUID_ROLE)
        if uuid and self.context.document.records.exists(str(uuid)):
            self.context.signals.open_record_requested.emit(str(uuid))


def _limit_text() -> str:
    return QCoreApplication.translate("Findings", "Limit")


def _measure_not_quantified_text() -> str:
    return QCoreApplication.translate("Findings", "Measure not quantified")


def _rule_text() -> str:
    return QCoreApplication.translate("Findings", "Rule")


def _standard_text() -> str:
    return QCoreApplication.translate("Findings", "Standard")
