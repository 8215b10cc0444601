"""Declares the Indicators panel; its view (gui/analysis/indicators_panel.py) is imported only when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gui.panels import Panel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.context import AppContext

# Listed for lupdate: the navigator translates panel titles in the "panels" context.
TITLE = QT_TRANSLATE_NOOP("panels", "Indicators")


def create(context: AppContext, parent: QWidget | None) -> QWidget:
    # Imported when the panel is first opened: the analysis and its views cost ~0.5 s to import,
    # which start-up must not pay (issue 15).
    from gui.analysis.indicators_panel import IndicatorsPanel

    return IndicatorsPanel(context, parent)


PANEL = Panel("indicators", str(TITLE), create, group="energy", order=40)
