"""`import` of the large audit's records into a new audit, next to the same inserts done with executemany.

The floor is the same work without the importer: inside one transaction with the same PRAGMAs
(WAL, synchronous=FULL, foreign keys, the import's 64 MB page cache), each record's rows inserted
with executemany: its id and form number in record_key, and its form's table (schema 5: records
are added without a change-log row or merge base). Both start from the parsed JSON in memory.

    python bench/bench_import.py [--scales 0.5,1] [--runs 3]
"""

from __future__ import annotations

from harness import alternate, arguments, large_audit, print_table, scales

SETUP = """
from pathlib import Path
from audit.document import AuditDocument
from audit.jsonio import read_import_file
data = read_import_file(Path({json!r}))
target = Path({work!r}) / "import-target.fieldaudit"
for suffix in ("", "-wal", "-shm", ".lock"):
    Path(f"{{target}}{{suffix}}").unlink(missing_ok=True)
document = AuditDocument.create(target)
"""

PATH = """
from audit.jsonio import import_records
started = start()
result = import_records(document, data, source="large.json")
seconds = time.perf_counter() - started
document.close()
report(seconds, rows=result.added)
"""

FLOOR = """
import uuid as uuid_module
from audit.records import ENVELOPE
registry = document.registry
connection = document.connection
connection.execute("PRAGMA cache_size = -65536")
started = start()
rows = 0
with document.transaction():
    for form in registry:
        entries = data.get(form.id, [])
        if not entries:
            continue
        names = [spec.name for spec in form.fields]
        columns = [*ENVELOPE, *names]
        code = document.records.form_code(form.id, form.id)
        table_rows, index_rows = [], []
        for entry in entries:
            record_uuid = entry.get("uuid") or str(uuid_module.uuid4())
            values = entry.get("values", entry)
            table_rows.append((record_uuid, form.id, 1, "2025-01-01T00:00:00", "2025-01-01T00:00:00", "a", 1, "draft", 0,
                               *(values.get(name) for name in names)))
            index_rows.append((record_uuid, code))
        connection.executemany("INSERT INTO record_key (uuid, form) VALUES (?, ?)", index_rows)
        connection.executemany(
            f'INSERT INTO "{form.id}" ({", ".join(columns)}) VALUES ({", ".join("?" for _ in columns)})', table_rows
        )
        rows += len(entries)
seconds = time.perf_counter() - started
document.close()
report(seconds, rows=rows)
"""


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    table = []
    for scale in scales(args):
        json_path, _ = large_audit(scale, args.work)
        setup = SETUP.format(json=str(json_path), work=str(args.work))
        floors, paths = alternate(args.runs, setup + FLOOR, setup + PATH)
        rows = int(paths[0]["rows"])
        per_row_us = sorted(p["seconds"] for p in paths)[len(paths) // 2] / rows * 1e6
        table.append((f"scale {scale:g}: {rows} records ({per_row_us:.0f} us/record)", floors, paths))
    print_table("import (path: import_records; floor: the same two inserts per row, executemany)", table, "<= 1.5x")


if __name__ == "__main__":
    main()
