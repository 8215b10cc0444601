"""Fonts for charts drawn with matplotlib: a fallback list that covers Chinese on every platform."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

_loading = threading.Lock()
_loaded = False

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


def load_matplotlib() -> None:
    """Import the matplotlib modules the app draws with, on one thread at a time.

    Call it before any other matplotlib import. A worker (the water diagram) and the GUI thread (the
    charts) may both reach matplotlib first; two threads importing its package at once can see a
    partly initialised module (measured: an intermittent failure in the GUI tests), so the first one
    imports everything while the other waits here.
    """
    global _loaded
    if _loaded:
        return
    with _loading:
        if not _loaded:
            import matplotlib.backends.backend_agg
            import matplotlib.figure
            import matplotlib.font_manager
            import matplotlib.patches  # noqa: F401

            _loaded = True


@lru_cache(maxsize=1)
def font_families() -> list[str]:
    """The fallback families that are installed (asking matplotlib for absent ones only logs noise)."""
    load_matplotlib()
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return [name for name in FONT_FALLBACK if name in installed] or ["DejaVu Sans"]


def has_cjk_font() -> bool:
    return any(name != "DejaVu Sans" for name in font_families())


def font_files() -> list[Path]:
    """The files matplotlib draws the fallback families from, and its own list of installed fonts.

    matplotlib reads the fonts installed from that list (it makes it again when told to, or when a
    listed file is gone), so a picture drawn from these files looks the same until one of them changes.
    """
    load_matplotlib()
    import matplotlib
    from matplotlib import font_manager

    files: list[Path] = []
    for name in font_families():
        try:
            found = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
        except ValueError:
            continue
        files.append(Path(found))
    files.append(Path(matplotlib.get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json")
    return list(dict.fromkeys(files))
