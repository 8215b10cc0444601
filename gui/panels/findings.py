"""Declares the Findings panel; its view (gui/analysis/findings_panel.py) is imported only when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gui.panels import Panel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.context import AppContext

# Listed for lupdate: the navigator translates panel titles in the "panels" context.
TITLE = QT_TRANSLATE_NOOP("panels", "Findings")


def create(context: AppContext, parent: QWidget | None) -> QWidget:
    # Imported when the panel is first opened: the analysis and its views cost ~0.5 s to import,
    # which start-up must not pay (issue 15).
    from gui.analysis.findings_panel import FindingsPanel

    return FindingsPanel(context, parent)


PANEL = Panel("findings", str(TITLE), create, group="analysis", order=60)
