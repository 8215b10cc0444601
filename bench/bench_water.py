"""`water --json` on the large audit, next to reading the live readings as tuples and taking daily differences.

python bench/bench_water.py [--scales 0.5,1] [--runs 3]
"""

from __future__ import annotations

from harness import alternate, arguments, large_audit, print_table, readings_in, scales

OPEN = """
from audit.document import AuditDocument
document = AuditDocument.open({audit!r}, read_only=True)
"""

PATH = """
import io
from audit.results import to_json
from audit.water import compute_water
started = start()
result = compute_water(document)
json.dump(to_json({"water": result}), io.StringIO(), ensure_ascii=False, indent=2)
report(time.perf_counter() - started)
"""

FLOOR = """
import datetime as dt
started = start()
daily = {}
last = {}
for meter, read_at, value in document.connection.execute(
    "SELECT meter, read_at, value FROM water_reading WHERE deleted = 0 ORDER BY meter, read_at"
):
    moment = dt.datetime.fromisoformat(read_at)
    if meter in last:
        key = (meter, moment.date())
        daily[key] = daily.get(key, 0.0) + value - last[meter]
    last[meter] = value
report(time.perf_counter() - started, days=len(daily))
"""


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    table = []
    for scale in scales(args):
        _, audit = large_audit(scale, args.work)
        opened = OPEN.format(audit=str(audit))
        floors, paths = alternate(args.runs, opened + FLOOR, opened + PATH)
        table.append((f"scale {scale:g}: {readings_in(audit)} readings", floors, paths))
    print_table(
        "water --json (path: compute_water as JSON, what the command runs; floor: readings as tuples + daily differences)",
        table,
        "<= 2x",
    )


if __name__ == "__main__":
    main()
