"""sqlite-utils without numpy: it imports numpy (and tries pandas) only to map their column types.

We never hand it numpy or pandas values, and importing numpy cost every command ~0.1-0.25 s
(issue 15). If either is already loaded (the desktop app, for charts), nothing changes.
"""

from __future__ import annotations

import sys

if "sqlite_utils.db" not in sys.modules:
    _absent = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for _name in _absent:
        sys.modules[_name] = None  # type: ignore[assignment]  # makes `import numpy` raise ImportError
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for _name in _absent:
            del sys.modules[_name]

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

__all__ = ["Database", "Migrations"]
