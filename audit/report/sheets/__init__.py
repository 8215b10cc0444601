"""The report's sheets: one module per sheet, each with a `SHEET`, found automatically and ordered.

A new sheet is one new module here; nothing else changes (as forms are found in forms/definitions).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from forms.spec import Text

if TYPE_CHECKING:
    from audit.report.cells import SheetWriter
    from audit.report.context import ReportContext

# A4 portrait for narrow sheets; A3 landscape for wide tables (monthly columns, unit balances).
Layout = Literal["portrait", "landscape"]


@dataclass(frozen=True)
class SheetSpec:
    key: str
    order: int
    title: Text
    build: Callable[[ReportContext, SheetWriter], None]
    layout: Layout = "portrait"
    # Whether the audit has anything for this sheet (a water sheet without a water-balance test is left out).
    applies: Callable[[ReportContext], bool] = lambda context: True

    def sheet_name(self, language: str) -> str:
        """The tab name: Excel allows 31 characters and none of []:*?/\\."""
        name = self.title.get(language)
        for character in "[]:*?/\\":
            name = name.replace(character, " ")
        return name[:31]


def discover_sheets() -> list[SheetSpec]:
    """Every sheet module's SHEET, in report order; a duplicate key or order is a programming error."""
    sheets: list[SheetSpec] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        sheet = getattr(module, "SHEET", None)
        if sheet is None:
            raise TypeError(f"{module.__name__} has no SHEET")
        sheets.append(sheet)
    keys = [sheet.key for sheet in sheets]
    orders = [sheet.order for sheet in sheets]
    if len(set(keys)) != len(keys) or len(set(orders)) != len(orders):
        raise ValueError(f"report sheets with the same key or order: {sorted(zip(orders, keys, strict=True))}")
    return sorted(sheets, key=lambda sheet: sheet.order)
