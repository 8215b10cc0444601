"""One enterprise across its audits: trend charts (energy, intensity, CO₂, L, grade, water) and the audits table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QSplitter, QVBoxLayout, QWidget

from audit.chart_fonts import font_families, load_matplotlib
from audit.office import register
from audit.office.database import OfficeDatabase
from audit.office.sheet_parts import Column
from audit.office.workbook_sheets import REGISTER_COLUMNS, SOURCE, shown_row
from audit.report.cells import header_text
from gui.i18n import current_language
from gui.office.models import RowsModel, table_view

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# The figures charted, by register column, in the order of the panels.
TREND_KEYS = register.TREND_COLUMNS
AUDIT_COLUMNS = (
    Column(REGISTER_COLUMNS[4].label, "year"),
    *(column for column in REGISTER_COLUMNS if column.key in TREND_KEYS),
    Column(REGISTER_COLUMNS[0].label, "credit_code"),
    *SOURCE,
)


def draw_trends(figure: Figure, audits: list[dict[str, Any]], language: str) -> None:
    """One small chart per figure: its value in each audit, by audit year (a gap where there is none)."""
    fonts = font_families()
    figure.clear()
    labels = {column.key: column for column in REGISTER_COLUMNS}
    years = [str(row["year"] or "?") for row in audits]
    for number, key in enumerate(TREND_KEYS, start=1):
        axes = figure.add_subplot(2, 3, number)
        column = labels[key]
        values = [row[key] for row in audits]
        points = [(year, value) for year, value in zip(years, values, strict=True) if value is not None]
        if points:
            axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", color="C0")
        if key == "carbon_grade":
            axes.set_ylim(5.5, 0.5)  # grade 1 (best) at the top
            axes.set_yticks([1, 2, 3, 4, 5])
        title = header_text(column.label, column.unit, language)
        axes.set_title(title, fontfamily=fonts, fontsize=9)
        axes.tick_params(labelsize=8)
        axes.grid(True, alpha=0.3)
    figure.tight_layout()


class EnterpriseDialog(QDialog):
    """The audits of one enterprise (linked by credit code), oldest first, and their trends."""

    def __init__(self, office: OfficeDatabase, credit_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.credit_code = credit_code
        self.audits = register.enterprise_audits(office.db, credit_code)
        self.language = current_language()
        name = self.audits[-1]["name"] if self.audits else credit_code
        self.setWindowTitle(self.tr("%1 — audits and trends").replace("%1", name))
        self.heading = QLabel(
            self.tr("%1 (%2): audits %3")
            .replace("%1", name)
            .replace("%2", credit_code)
            .replace("%3", str(len(self.audits))),
            self,
        )
        self.model = RowsModel(AUDIT_COLUMNS, [shown_row(row, self.language) for row in self.audits], self)
        self.table = table_view(self.model, self)
        splitter = QSplitter(self)
        splitter.setOrientation(splitter.orientation().Vertical)
        self.figure, canvas = self._canvas()
        splitter.addWidget(canvas)
        splitter.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter)
        self.resize(960, 720)

    def _canvas(self) -> tuple[Figure, QWidget]:
        # matplotlib costs about 1 s to import: only when an enterprise is opened.
        load_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        figure = Figure(figsize=(9, 4.5), dpi=90)
        draw_trends(figure, self.audits, self.language)
        canvas = FigureCanvasQTAgg(figure)
        canvas.setToolTip(
            QCoreApplication.translate("EnterpriseDialog", "Each point is one audit: see the table below")
        )
        return figure, canvas
