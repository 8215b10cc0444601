"""`export` of the large audit to a file, next to json.dumps of the same rows; and the file's size next to its values as CSV.

python bench/bench_export.py [--scales 0.5,1] [--runs 3]
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from harness import alternate, arguments, large_audit, print_table, readings_in, scales

OPEN = """
from audit.document import AuditDocument
document = AuditDocument.open({audit!r}, read_only=True)
target = {target!r}
"""

PATH = """
from audit.jsonio import write_export
started = start()
with open(target, "w", encoding="utf-8") as out:
    write_export(document, out)
report(time.perf_counter() - started)
"""

FLOOR = """
started = start()
connection = document.connection
tables = [row[0] for row in connection.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('attachment', 'change_log', 'record_index') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\\\_%' ESCAPE '\\\\'"
)]
with open(target, "w", encoding="utf-8") as out:
    out.write(json.dumps({table: connection.execute(f'SELECT * FROM "{table}"').fetchall() for table in tables}, ensure_ascii=False))
report(time.perf_counter() - started)
"""


def csv_bytes(audit: Path, target: Path) -> int:
    """The records' field values as CSV files (no ids, times or authors, no change log, no photos)."""
    connection = sqlite3.connect(f"{audit.resolve().as_uri()}?mode=ro", uri=True)
    total = 0
    try:
        from forms.registry import default_registry

        for form in default_registry():
            table = form.id
            if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [table]).fetchone():
                continue
            columns = ", ".join(f'"{spec.name}"' for spec in form.fields)
            with open(target, "w", newline="", encoding="utf-8") as out:
                csv.writer(out).writerows(connection.execute(f'SELECT {columns} FROM "{table}"'))
            total += target.stat().st_size
    finally:
        connection.close()
    return total


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    table = []
    sizes = []
    for scale in scales(args):
        _, audit = large_audit(scale, args.work)
        opened = OPEN.format(audit=str(audit), target=str(args.work / "export.json"))
        floors, paths = alternate(args.runs, opened + FLOOR, opened + PATH)
        table.append((f"scale {scale:g}: {readings_in(audit)} readings", floors, paths))
        sizes.append((scale, audit.stat().st_size, csv_bytes(audit, args.work / "values.csv")))
    print_table("export (path: write_export to a file; floor: json.dumps of the same rows)", table, "memory flat")
    print("file size (path: the audit file; floor: its records' values as CSV)   goal: <= 4x")
    for scale, audit_bytes, csv_size in sizes:
        print(
            f"  scale {scale:g}: {audit_bytes / 1e6:8.1f} MB  vs CSV {csv_size / 1e6:6.1f} MB   {audit_bytes / csv_size:4.1f}x"
        )


if __name__ == "__main__":
    main()
