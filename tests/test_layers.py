"""Meta-tests: the layers import one way only (DESIGN.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_audit_and_every_module_of_it_does_not_load_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, audit, forms\n"
        "for package in (audit, forms):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'gui')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"audit/forms pulled in {result.stdout.strip()}"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_forms_imports_only_the_standard_library_and_itself() -> None:
    stdlib = set(sys.stdlib_module_names)
    for path in (ROOT / "forms").rglob("*.py"):
        outside = {name for name in _imports(path) if name not in stdlib and name != "forms"}
        assert not outside, f"{path.relative_to(ROOT)} imports {outside}"


def test_audit_never_imports_gui() -> None:
    for path in (ROOT / "audit").rglob("*.py"):
        assert not {"gui", "PySide6"} & _imports(path), f"{path.relative_to(ROOT)} imports the GUI layer"


def test_gui_never_imports_the_database_modules() -> None:
    """Also inside functions (ruff's TID253 in pyproject.toml catches module-level imports as you type)."""
    for path in (ROOT / "gui").rglob("*.py"):
        assert not {"sqlite3", "sqlite_utils"} & _imports(path), f"{path.relative_to(ROOT)} imports the database"


def test_gui_contains_no_sql() -> None:
    import re

    sql = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.IGNORECASE)
    for path in (ROOT / "gui").rglob("*.py"):
        assert not sql.search(path.read_text(encoding="utf-8")), f"{path.relative_to(ROOT)} contains SQL"
