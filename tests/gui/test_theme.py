"""One set of severity colours: views take them from gui/theme.py, readable on light and dark palettes."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QColor

from gui.theme import DARK, LIGHT, Severities

ROOT = Path(__file__).resolve().parents[2]
HEX = re.compile(r'"#[0-9a-fA-F]{6}"')
# The carbon-efficiency grade scale is the 碳效码's own colours, not a severity.
ALLOWED = {"gui/theme.py", "gui/analysis/indicators_panel.py"}


def test_no_view_defines_its_own_severity_colours() -> None:
    found = {
        str(path.relative_to(ROOT)): HEX.findall(path.read_text(encoding="utf-8"))
        for path in (ROOT / "gui").rglob("*.py")
        if str(path.relative_to(ROOT)) not in ALLOWED
    }
    assert {name: hits for name, hits in found.items() if hits} == {}


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_error_and_warning_text_is_readable_on_its_palette() -> None:
    for shades, background in ((LIGHT, QColor("#ffffff")), (DARK, QColor("#1f1f1f"))):
        assert isinstance(shades, Severities)
        for name in ("error", "warning", "good"):
            # WCAG AA for normal text is 4.5:1.
            assert _contrast(shades.colour(name), background) >= 4.5, (name, getattr(shades, name))
