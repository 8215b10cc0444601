"""The county office window and its tabs: one module per tab, found automatically.

A tab module defines `TAB_ORDER: int` and `make_tab(office, parent) -> QWidget`; the tab's title is
the widget's windowTitle(). The office window (window.py) lists every such module in TAB_ORDER.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def tab_modules() -> list[ModuleType]:
    """Every module of gui/office/ with TAB_ORDER and make_tab, in TAB_ORDER."""
    found: list[ModuleType] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if isinstance(getattr(module, "TAB_ORDER", None), int) and callable(getattr(module, "make_tab", None)):
            found.append(module)
    return sorted(found, key=lambda module: (module.TAB_ORDER, module.__name__))
