"""The command line's fixed cost stays small: listing the commands imports no storage, analysis or numpy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli_support import ROOT

HEAVY = ("numpy", "sqlite_utils", "audit.document", "audit.analysis", "audit.findings", "audit.report.export")


def imported_after(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint('IMPORTED:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    line = result.stdout.strip().splitlines()[-1]
    return [name for name in line.removeprefix("IMPORTED:").split(",") if name]


def test_listing_the_commands_imports_nothing_heavy() -> None:
    code = "from audit.cli import build_parser, discover_commands\nbuild_parser(discover_commands())"
    assert imported_after(code) == []


def test_opening_an_audit_does_not_import_numpy() -> None:
    assert imported_after("import audit.document") == ["audit.document"]


def test_reading_commands_never_load_sqlite_utils(demo_path: Path) -> None:
    """`info` and `water` only read: sqlite-utils (0.08 s, and its plugins) is loaded by writes alone."""
    for command in ("info", "water"):
        code = f"import main\nmain.main([{command!r}, {str(demo_path)!r}])"
        assert imported_after(code) == ["audit.document"], command
    written = "import main\nmain.main(['new', {target!r}])"
    assert "sqlite_utils" in imported_after(written.format(target=str(demo_path.parent / "lean-new.fieldaudit")))
