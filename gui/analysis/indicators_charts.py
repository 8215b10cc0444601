"""Energy structure pie and monthly bars, drawn with matplotlib's object API on a Qt canvas (imported lazily)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from audit.chart_fonts import font_families, load_matplotlib
from audit.energy_colours import OTHER, energy_colour
from audit.indicators.energy import EnergyBalance, type_label
from gui.analysis.indicators_models import sources_html

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Small shares are drawn as "other" so labels of a pie do not overlap.
PIE_MIN_SHARE = 0.02


def draw_energy_charts(figure: Figure, balance: EnergyBalance, language: str) -> None:
    """Structure pie (share of tce by type) and stacked monthly bars (tce by type) on `figure`."""
    fonts = font_families()
    figure.clear()
    pie_axes = figure.add_subplot(1, 2, 1)
    bar_axes = figure.add_subplot(1, 2, 2)
    _draw_structure_pie(pie_axes, balance, language, fonts)
    _draw_monthly_bars(bar_axes, balance, language, fonts)
    figure.tight_layout()


def _draw_structure_pie(pie_axes: Axes, balance: EnergyBalance, language: str, fonts: list[str]) -> None:
    """Share of tce by type; types under PIE_MIN_SHARE are gathered as "Other"."""
    by_type = {code: tce for code, tce in balance.by_type().items() if tce > 0}
    total = sum(by_type.values())
    labels: list[str] = []
    sizes: list[float] = []
    colours: list[str] = []
    other = 0.0
    for code in balance.types():
        tce = by_type.get(code, 0.0)
        if tce <= 0:
            continue
        if total and tce / total < PIE_MIN_SHARE:
            other += tce
            continue
        labels.append(type_label(code).get(language))
        sizes.append(tce)
        colours.append(energy_colour(code))
    if other:
        labels.append(QCoreApplication.translate("Indicators", "Other"))
        sizes.append(other)
        colours.append(energy_colour(OTHER))
    if sizes:
        # Names go in the legend with their share, so thin wedges cannot make labels collide.
        wedges, _texts, _autotexts = pie_axes.pie(
            sizes,
            colors=colours,  # the same colour per type as the bars (and the report)
            autopct=lambda pct: f"{pct:.1f}%" if pct >= 5 else "",
            startangle=90,
            counterclock=False,
            textprops={"fontfamily": fonts, "fontsize": 9},
        )
        pie_axes.legend(
            wedges,
            [f"{label} {size / sum(sizes) * 100:.1f}%" for label, size in zip(labels, sizes, strict=True)],
            prop={"family": fonts, "size": 8},
            loc="upper center",
            bbox_to_anchor=(0.5, 0.02),
            ncol=2,
            frameon=False,
        )
    pie_axes.set_title(
        QCoreApplication.translate("Indicators", "Energy structure (tce, equivalent value)"),
        fontfamily=fonts,
        fontsize=10,
    )
    pie_axes.axis("equal")


def _draw_monthly_bars(bar_axes: Axes, balance: EnergyBalance, language: str, fonts: list[str]) -> None:
    """Tce by type, stacked per month of the audit period."""
    months = balance.period.months()
    bottoms = [0.0] * len(months)
    for code in balance.types():
        values = [0.0] * len(months)
        for line in balance.lines:
            if line.energy_type == code and line.month in months:
                values[months.index(line.month)] += line.tce_equivalent
        if not any(values):
            continue
        bar_axes.bar(
            [m[5:] for m in months],
            values,
            bottom=bottoms,
            label=type_label(code).get(language),
            color=energy_colour(code),
        )
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    bar_axes.set_title(QCoreApplication.translate("Indicators", "Monthly energy (tce)"), fontfamily=fonts, fontsize=10)
    bar_axes.set_xlabel(QCoreApplication.translate("Indicators", "Month"), fontfamily=fonts, fontsize=9)
    bar_axes.set_ylabel("tce", fontfamily=fonts, fontsize=9)
    if bar_axes.get_legend_handles_labels()[0]:
        # Below the axes, as under the pie: inside them it covered the bars of the last months.
        bar_axes.legend(
            prop={"family": fonts, "size": 8},
            loc="upper center",
            bbox_to_anchor=(0.5, -0.18),
            ncol=3,
            frameon=False,
        )
    for label in bar_axes.get_xticklabels() + bar_axes.get_yticklabels():
        label.set_fontfamily(fonts)
        label.set_fontsize(8)


class EnergyChartsView(QWidget):
    """Shows the charts; matplotlib (about 1 s to import) is loaded the first time there is something to draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.placeholder = QLabel(QCoreApplication.translate("Indicators", "No energy data for the audit period yet."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.placeholder)
        self.figure: Any = None
        self.canvas: Any = None

    def show_balance(self, balance: EnergyBalance | None, language: str) -> None:
        if balance is None or not any(line.counted for line in balance.lines):
            self.placeholder.show()
            if self.canvas is not None:
                self.canvas.hide()
            return
        if self.canvas is None:
            load_matplotlib()
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.figure = Figure(figsize=(9.0, 4.0), dpi=100)
            self.canvas = FigureCanvasQTAgg(self.figure)
            self.layout_.addWidget(self.canvas, 1)
        self.placeholder.hide()
        self.canvas.show()
        draw_energy_charts(self.figure, balance, language)
        self.canvas.draw_idle()
        # The charts' numbers come from the same coefficients as the table: name them on hover.
        tip = QCoreApplication.translate("Indicators", "Period %1; coefficients:").replace("%1", balance.period.label())
        self.canvas.setToolTip(f"<b>{html.escape(tip)}</b><br/>{sources_html(balance.sources())}")

    def chart_texts(self) -> list[str]:
        """Every text drawn on the charts (titles, labels, legend), for tests and accessibility."""
        if self.figure is None:
            return []
        texts: list[str] = []
        for axes in self.figure.axes:
            texts.append(axes.get_title())
            texts.extend(t.get_text() for t in axes.texts)
            legend = axes.get_legend()
            if legend is not None:
                texts.extend(t.get_text() for t in legend.get_texts())
        return texts
