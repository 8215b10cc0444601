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


def test_opening_an_up_to_date_audit_for_writing_does_not_load_sqlite_utils(demo_path: Path) -> None:
    """The desktop app opens for writing: asking whether migrations are pending is plain SQL (first paint)."""
    code = (
        "from pathlib import Path\nfrom audit.document import AuditDocument\n"
        f"document = AuditDocument.open(Path({str(demo_path)!r}))\n"
        "assert not document.read_only\ndocument.close()"
    )
    assert imported_after(code) == ["audit.document"]


def test_pending_names_agree_with_sqlite_utils(tmp_path: Path) -> None:
    import sqlite3

    from audit.lean_sqlite_utils import Database, pending_names
    from audit.schema import migrations

    path = tmp_path / "m.sqlite"
    connection = sqlite3.connect(path)
    declared = [m.name for m in migrations._migrations]
    assert pending_names(migrations, connection) == declared  # no migrations table yet
    migrations.apply(Database(connection))
    assert pending_names(migrations, connection) == [] == [m.name for m in migrations.pending(Database(connection))]
    connection.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (declared[-1],))
    assert pending_names(migrations, connection) == [declared[-1]]
    assert [m.name for m in migrations.pending(Database(connection))] == [declared[-1]]
    connection.close()
