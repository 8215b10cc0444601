"""The command line's fixed cost stays small: listing the commands imports no storage, analysis or numpy."""

from __future__ import annotations

import subprocess
import sys

from tests.cli_support import ROOT

HEAVY = ("numpy", "sqlite_utils", "audit.document", "audit.analysis", "audit.findings", "audit.report.export")


def imported_after(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return [name for name in result.stdout.strip().split(",") if name]


def test_listing_the_commands_imports_nothing_heavy() -> None:
    code = "from audit.cli import build_parser, discover_commands\nbuild_parser(discover_commands())"
    assert imported_after(code) == []


def test_opening_an_audit_does_not_import_numpy() -> None:
    assert imported_after("import audit.document") == ["sqlite_utils", "audit.document"]
