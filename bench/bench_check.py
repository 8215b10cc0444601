"""`check` of the large audit, next to SQLite's integrity_check plus reading every row of every table.

python bench/bench_check.py [--scales 0.5,1] [--runs 3] [--work FOLDER]

Prints the median of the runs, then the best run of each.
"""

from __future__ import annotations

from harness import alternate, arguments, large_audit, print_table, readings_in, scales

OPEN = """
from audit.document import AuditDocument
document = AuditDocument.open({audit!r}, read_only=True)
"""

PATH = """
from audit.checking import check_document
started = start()
findings = check_document(document)
report(time.perf_counter() - started, findings=len(findings))
"""

FLOOR = """
connection = document.connection
started = start()
assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'attachment'")]
rows = 0
for table in tables:
    cursor = connection.execute(f'SELECT * FROM "{table}"')
    while chunk := cursor.fetchmany(2000):
        rows += len(chunk)
report(time.perf_counter() - started, rows=rows)
"""


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    table = []
    for scale in scales(args):
        _, audit = large_audit(scale, args.work)
        opened = OPEN.format(audit=str(audit))
        floors, paths = alternate(args.runs, opened + FLOOR, opened + PATH)
        table.append((f"scale {scale:g}: {readings_in(audit)} readings", floors, paths))
    print_table("check (path: check_document; floor: integrity_check + every row read)", table, "<= 2x, memory flat")
    print_best(table)


def print_best(table: list[tuple[str, list[dict[str, float]], list[dict[str, float]]]]) -> None:
    """The best run of each (the least disturbed by a shared machine's load), wall and CPU side by side."""
    for label, floors, paths in table:
        wall = min(run["seconds"] for run in paths), min(run["seconds"] for run in floors)
        cpu = min(run["cpu_s"] for run in paths), min(run["cpu_s"] for run in floors)
        print(
            f"  best of {len(paths)}, {label}: wall {wall[0]:.2f} s vs {wall[1]:.2f} s = {wall[0] / wall[1]:.2f}x, "
            f"CPU {cpu[0]:.2f} s vs {cpu[1]:.2f} s = {cpu[0] / cpu[1]:.2f}x"
        )


if __name__ == "__main__":
    main()
