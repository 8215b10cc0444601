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


def _project_imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """Project modules `path` imports anywhere (functions included), except under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for top in tree.body:
        if isinstance(top, ast.If) and "TYPE_CHECKING" in ast.dump(top.test):
            continue
        for node in ast.walk(top):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                module = ".".join([*base, *([node.module] if node.module else [])])
                for alias in node.names:
                    # `from package import submodule` imports the submodule; `from module import name` the module.
                    found.add(f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module)
    return found


def test_no_import_cycles_even_through_imports_inside_functions() -> None:
    """A cycle hidden by an in-function import is still a cycle (document <-> records, app <-> main_window were)."""
    modules: dict[str, Path] = {}
    for top in ("audit", "forms", "gui"):
        for path in (ROOT / top).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    names = set(modules)
    graph = {name: _project_imports(path, name, names) & names - {name} for name, path in modules.items()}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(graph[current])
        return False

    cycles = sorted((a, b) for a, targets in graph.items() for b in targets if reaches(b, a))
    assert cycles == []
