"""Benchmark: analyse() with findings and measures on a 2,000-equipment audit, next to the indicators alone.

The audit is the demo's records with its equipment copied (new uuids and tags, every copy keeping its
spot measurements and field-test links) until there are 2,000 equipment records; the rule inputs (the
compressed-air system, surface survey, cooling towers …) are the demo's. It is built in memory from
`load_inputs(demo)`, since `analyse` is pure: the figure is the computation, not the reading.
"Indicators alone" runs the same stages without the findings pass. Best of five runs; the target is 1 s.

    python bench/bench_findings.py
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from audit.analysis import Analysis, AnalysisInputs, analyse, load_inputs  # noqa: E402
from audit.demo import build_demo  # noqa: E402
from audit.document import AuditDocument  # noqa: E402
from audit.findings._inputs import FindingInputs, Row  # noqa: E402
from audit.indicators import EquipmentInputs, carbon_stage, energy_stage, equipment_stage  # noqa: E402
from audit.water import compute as compute_water  # noqa: E402

EQUIPMENT = 2_000
REPEATS = 5
TARGET_S = 1.0


def large_inputs(demo: AnalysisInputs) -> AnalysisInputs:
    """The demo's inputs with its equipment copied until there are EQUIPMENT records."""
    records = list(demo.equipment.records)
    measurements = dict(demo.equipment.measurements)
    rows = {form_id: list(found) for form_id, found in demo.findings.rows.items()}
    lighting = list(rows.get("lighting", ()))
    originals = records + [("lighting", row.uuid, row.values) for row in lighting]
    copy = 0
    while len(records) + len(rows.get("lighting", ())) < EQUIPMENT:
        copy += 1
        for form_id, old, values in originals:
            if len(records) + len(rows.get("lighting", ())) >= EQUIPMENT:
                break
            new = str(uuid.uuid4())
            changed = {**values, "tag": f"{values.get('tag', 'X')}-c{copy}"}
            if form_id != "lighting":
                records.append((form_id, new, changed))
                if old in measurements:
                    measurements[new] = measurements[old]
            rows.setdefault(form_id, []).append(Row(new, changed))
    equipment = EquipmentInputs(tuple(records), measurements)
    findings = FindingInputs({form_id: tuple(found) for form_id, found in rows.items()})
    return dataclasses.replace(demo, equipment=equipment, findings=findings)


def indicators_alone(inputs: AnalysisInputs) -> Analysis:
    energy = energy_stage(inputs.energy, inputs.reference)
    return Analysis(
        energy=energy,
        carbon=carbon_stage(inputs.energy, energy, inputs.reference),
        equipment=equipment_stage(inputs.equipment, inputs.reference),
        water=compute_water(inputs.water),
    )


def best(run: object, inputs: AnalysisInputs) -> tuple[float, Analysis]:
    times: list[float] = []
    result: Analysis | None = None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = run(inputs)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    assert result is not None
    return min(times), result


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = build_demo(Path(folder) / "demo.fieldaudit")
        with AuditDocument.open(path, read_only=True) as document:
            demo = load_inputs(document)
    inputs = large_inputs(demo)
    count = len(inputs.equipment.records) + len(inputs.findings.of("lighting"))
    alone, _ = best(indicators_alone, inputs)
    full, analysis = best(analyse, inputs)
    totals = analysis.measures.totals
    print(f"equipment records:                 {count}")
    print(f"indicators alone:                  {alone:.3f} s")
    print(f"analyse() with findings, measures: {full:.3f} s  (target < {TARGET_S:.0f} s)")
    print(f"findings pass:                     {full - alone:.3f} s")
    print(
        f"findings: {len(analysis.findings)}, measures: {len(analysis.measures.measures)}, "
        f"total {totals.tce_equivalent if totals else 0:,.0f} tce/a"
    )
    return 0 if full < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
