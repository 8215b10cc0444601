"""How the app looks: the light/dark colour scheme and one set of severity colours every view uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette


@dataclass(frozen=True)
class Severities:
    """Text and mark colours by meaning: refused (error), to look at (warning), fine, not there yet."""

    error: str
    warning: str
    good: str
    missing: str
    empty: str
    # Neutral information (a low-priority finding).
    info: str
    # A row to look at first (below grade 3, a failed check), behind dark text.
    error_background: str

    def colour(self, name: str) -> QColor:
        return QColor(getattr(self, name))


LIGHT = Severities(
    error="#c62828",
    warning="#a15c00",
    good="#2e7d32",
    missing="#757575",
    empty="#c8c8c8",
    info="#1565c0",
    error_background="#ffcdd2",
)
# Lighter shades on a dark palette so both stay readable.
DARK = Severities(
    error="#ff8a80",
    warning="#ffcc66",
    good="#81c784",
    missing="#9e9e9e",
    empty="#5a5a5a",
    info="#90caf9",
    error_background="#ffcdd2",
)


def is_dark(widget: QWidget | None = None) -> bool:
    palette = widget.palette() if widget is not None else QGuiApplication.palette()
    return palette.window().color().lightness() < 128


def severities(widget: QWidget | None = None) -> Severities:
    """The severity colours for the palette `widget` (or the application) is drawn with."""
    return DARK if is_dark(widget) else LIGHT


def dark_palette() -> QPalette:
    """Fusion's colours for a dark desktop, for platforms whose theme cannot switch Qt to dark itself."""
    from PySide6.QtGui import QPalette  # only for a dark scheme: not at start-up (issue 15)

    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#2f2f2f",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6e6e",
        QPalette.ColorRole.Link: "#6cb4ff",
        QPalette.ColorRole.Highlight: "#2f6db5",
        QPalette.ColorRole.HighlightedText: "#ffffff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def apply_color_scheme(scheme: Qt.ColorScheme) -> None:
    """Follow the system, or force light or dark; falls back to our own dark palette where the platform cannot."""
    from PySide6.QtCore import Qt  # not at import: the first paint does without it (gui/first_paint.py)

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(scheme)
    effective = hints.colorScheme()
    style = app.style()
    if scheme is Qt.ColorScheme.Dark and effective is not Qt.ColorScheme.Dark:
        app.setPalette(dark_palette())
    elif style is not None:
        app.setPalette(style.standardPalette())
