"""Feature panels shown in the main window, one module each, found automatically.

A panel module defines PANEL = Panel(...). The main window lists every panel in its navigator
(under `group`, in `order`) and calls `create(context, parent)` the first time the user opens it.
Adding a view is one new module here; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gui.context import AppContext


@dataclass(frozen=True)
class Panel:
    key: str
    # Untranslated English title; shown through QCoreApplication.translate("panels", title).
    title: str
    create: Callable[[AppContext, QWidget | None], QWidget]
    group: str = "analysis"
    order: int = 100

    def display_title(self) -> str:
        return QCoreApplication.translate("panels", self.title)


def discover() -> list[Panel]:
    panels: list[Panel] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        panel = getattr(module, "PANEL", None)
        if isinstance(panel, Panel):
            panels.append(panel)
    return sorted(panels, key=lambda p: (p.order, p.key))
