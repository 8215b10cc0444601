"""sqlite-utils loaded on first use, without numpy: commands that only read pay for neither.

sqlite-utils imports numpy (and tries pandas) only to map their column types; we never hand it
numpy or pandas values, and importing numpy cost every command ~0.1-0.25 s (issue 15). If either is
already loaded (the desktop app, for charts), nothing changes. sqlite-utils itself (~0.08 s) is
imported the first time `Database` is used or a migration set is applied or asked about: declaring
migrations (`@migrations()` at import time) and reading an audit import nothing.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

__all__ = ["MIGRATIONS_TABLE", "Database", "Migrations", "load", "pending_names"]

# Where sqlite-utils records applied migrations (sqlite_utils.migrations.Migrations.migrations_table).
MIGRATIONS_TABLE = "_sqlite_migrations"


def load() -> Any:
    """The sqlite_utils package, imported with numpy and pandas blocked (once; later calls cost nothing)."""
    if "sqlite_utils.db" not in sys.modules:
        absent = [name for name in ("numpy", "pandas") if name not in sys.modules]
        for name in absent:
            sys.modules[name] = None  # type: ignore[assignment]  # makes `import numpy` raise ImportError
        try:
            import sqlite_utils.db
        finally:
            for name in absent:
                del sys.modules[name]
    import sqlite_utils
    import sqlite_utils.migrations

    return sqlite_utils


if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations
else:

    def __getattr__(name: str) -> Any:
        if name == "Database":
            return load().Database
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    @dataclass(frozen=True)
    class _Declared:
        name: str
        fn: Callable[..., None]
        transactional: bool

    class Migrations:
        """sqlite-utils' `Migrations`, built on first use; declaring a migration imports nothing."""

        def __init__(self, name: str) -> None:
            self.name = name
            self._migrations: list[_Declared] = []
            self._real: Any = None

        def __call__(self, *, name: str | None = None, transactional: bool = True) -> Callable[[Any], Any]:
            def inner(func: Any) -> Any:
                declared = _Declared(name or func.__name__, func, transactional)
                if any(m.name == declared.name for m in self._migrations):
                    raise ValueError(f"Migration '{declared.name}' is already registered in set '{self.name}'")
                self._migrations.append(declared)
                if self._real is not None:
                    self._real(name=declared.name, transactional=transactional)(func)
                return func

            return inner

        def _loaded(self) -> Any:
            if self._real is None:
                real = load().migrations.Migrations(self.name)
                for declared in self._migrations:
                    real(name=declared.name, transactional=declared.transactional)(declared.fn)
                self._real = real
            return self._real

        def __getattr__(self, attribute: str) -> Any:
            # apply, pending, applied, ensure_migrations_table, migrations_table: sqlite-utils' own.
            if attribute.startswith("__") or attribute in ("_real", "_migrations", "name"):
                raise AttributeError(attribute)
            return getattr(self._loaded(), attribute)

        def __repr__(self) -> str:
            return f"<Migrations '{self.name}': [{', '.join(m.name for m in self._migrations)}]>"


def pending_names(migrations: Migrations, connection: sqlite3.Connection) -> list[str]:
    """The names of the migrations of a set not applied yet, read with plain SQL: asking on every
    open must not import sqlite-utils (~0.1 s of the desktop app's first paint). The table and its
    columns are sqlite-utils' own (`Migrations.migrations_table`)."""
    declared = [migration.name for migration in migrations._migrations]
    if not connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone():
        return declared
    applied = {
        name
        for (name,) in connection.execute(
            f"SELECT name FROM [{MIGRATIONS_TABLE}] WHERE migration_set = ?", (migrations.name,)
        )
    }
    return [name for name in declared if name not in applied]
