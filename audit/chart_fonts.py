"""Fonts for charts drawn with matplotlib: a fallback list that covers Chinese on every platform."""

from __future__ import annotations

from functools import lru_cache

# Tried in order; the first installed one that has the glyph draws it, so Chinese labels render on
# Linux (WenQuanYi, Noto), macOS/Adobe (Source Han) and Windows (YaHei, SimHei); DejaVu for symbols.
FONT_FALLBACK = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "DejaVu Sans",
)


@lru_cache(maxsize=1)
def font_families() -> list[str]:
    """The fallback families that are installed (asking matplotlib for absent ones only logs noise)."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return [name for name in FONT_FALLBACK if name in installed] or ["DejaVu Sans"]


def has_cjk_font() -> bool:
    return any(name != "DejaVu Sans" for name in font_families())
