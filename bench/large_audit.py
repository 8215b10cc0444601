"""Generator of the large audit of issue 15: thousands of equipment records and a week of 5-minute meter readings.

At scale 1: 2,000 equipment records (the demo's 40 pieces of equipment, copied), 100 water-using units
in three levels, 110 meters each read every 5 minutes for 7 days (110 x 2,017 = 221,870 readings),
the daily unit quantities, and the demo's enterprise, energy and production records. Other scales
multiply the equipment, units and meters (the readings per meter stay a week's worth).

    python bench/large_audit.py [--scale 1.0] [--shuffle] OUT.json      the import file
    python bench/large_audit.py --scale 1.0 --audit OUT.fieldaudit      an audit built by importing it

--shuffle lists every water unit before its parent (the order that made import quadratic).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EQUIPMENT_FORMS = ("motor", "pump", "fan", "air_compressor", "boiler", "transformer", "lighting")
KEPT_FORMS = ("audit", "enterprise", "energy_use", "production", "water_source")
READINGS_PER_METER = 7 * 288 + 1  # a week of 5-minute readings, both ends included
TEST_START = dt.datetime(2025, 6, 16, 8, 0)


def demo_records() -> dict[str, list[dict[str, Any]]]:
    """The demo audit's records, exported through the command line (built once into a temporary folder)."""
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.fieldaudit"
        out = Path(folder) / "demo.json"
        subprocess.run([sys.executable, "main.py", "demo", str(demo)], cwd=ROOT, check=True, capture_output=True)
        subprocess.run(
            [sys.executable, "main.py", "export", str(demo), "-o", str(out), "--live-only"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        records: dict[str, list[dict[str, Any]]] = json.loads(out.read_text(encoding="utf-8"))["records"]
        return records


def _plain(entry: dict[str, Any], new_uuid: str, mapping: dict[str, str]) -> dict[str, Any]:
    """A record in the plain import shape ({uuid, field: value}), its references remapped."""
    values = {
        name: (mapping.get(value, value) if isinstance(value, str) else value)
        for name, value in entry["values"].items()
    }
    plain: dict[str, Any] = {"uuid": new_uuid, **values}
    if entry.get("children"):
        plain["children"] = {
            name: [{k: v for k, v in row["values"].items()} for row in rows] for name, rows in entry["children"].items()
        }
    return plain


def generate(scale: float = 1.0, shuffle: bool = False, seed: int = 15) -> dict[str, Any]:
    rng = random.Random(seed)
    demo = demo_records()
    records = _kept_records(demo)
    records.update(_equipment(demo, scale))
    units, top, workshop_ids, leaves = _water_units(scale)
    if shuffle:
        units.reverse()  # every child before its parent
    records["water_unit"] = units
    sources = [entry["uuid"] for entry in records["water_source"]]
    meters, daily_m3 = _water_meters(rng, scale, sources, [top] * len(sources) + workshop_ids + leaves, leaves)
    records["water_meter"] = meters
    records["water_reading"] = _readings(rng, meters, daily_m3)
    test = dict(records.get("water_test", [{}])[0]) if records.get("water_test") else {}
    test_entry = demo["water_test"][0]["values"]
    records["water_test"] = [{**test, **test_entry, "uuid": str(uuid.uuid4()), "test_days": 7}]
    records["water_flow"] = _daily_flows(units)
    return {"format": "fieldaudit-records", "format_version": 1, "records": records}


def _kept_records(demo: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The demo's enterprise, energy, production and water-source records, under new uuids."""
    mapping: dict[str, str] = {}
    for form_id in KEPT_FORMS:
        for entry in demo.get(form_id, []):
            mapping[entry["uuid"]] = str(uuid.uuid4())
    return {
        form_id: [_plain(entry, mapping[entry["uuid"]], mapping) for entry in demo.get(form_id, [])]
        for form_id in KEPT_FORMS
    }


def _equipment(demo: dict[str, list[dict[str, Any]]], scale: float) -> dict[str, list[dict[str, Any]]]:
    """Copies of the demo's equipment until the count is reached; each copy's tag is distinct."""
    equipment_total = round(2000 * scale)
    templates = [(form_id, entry) for form_id in EQUIPMENT_FORMS for entry in demo.get(form_id, [])]
    records: dict[str, list[dict[str, Any]]] = {form_id: [] for form_id in EQUIPMENT_FORMS}
    for index in range(equipment_total):
        form_id, entry = templates[index % len(templates)]
        copy = _plain(entry, str(uuid.uuid4()), {})
        copy.pop("children", None)
        if "tag" in copy:
            copy["tag"] = f"{copy['tag']}-{index // len(templates) + 1:03d}"
        records[form_id].append(copy)
    return records


def _water_unit(unit_uuid: str, name: str, level: str, parent: str | None) -> dict[str, Any]:
    unit: dict[str, Any] = {"uuid": unit_uuid, "name": name, "level": level}
    if parent is not None:
        unit["parent_unit"] = parent
    return {**unit, "unit_type": "production", "recycle_kind": "none"}


def _water_units(scale: float) -> tuple[list[dict[str, Any]], str, list[str], list[str]]:
    """One enterprise unit, workshops, and equipment/process units under them: (units, top, workshops, leaves)."""
    unit_count = max(3, round(100 * scale))
    workshops = max(1, unit_count // 10)
    top = str(uuid.uuid4())
    units = [_water_unit(top, "全厂", "1", None)]
    workshop_ids = [str(uuid.uuid4()) for _ in range(workshops)]
    for number, unit_uuid in enumerate(workshop_ids, 1):
        units.append(_water_unit(unit_uuid, f"车间 {number:02d}", "2", top))
    leaves: list[str] = []
    for number in range(unit_count - 1 - workshops):
        unit_uuid = str(uuid.uuid4())
        leaves.append(unit_uuid)
        units.append(_water_unit(unit_uuid, f"工序 {number + 1:03d}", "3", workshop_ids[number % workshops]))
    return units, top, workshop_ids, leaves


def _water_meters(
    rng: random.Random, scale: float, sources: list[str], inlets: list[str], leaves: list[str]
) -> tuple[list[dict[str, Any]], list[float]]:
    """A meter on each source, then on every unit's inlet, then outlets on random leaves; and each one's m³/d."""
    meter_total = max(len(sources) + 1, round(110 * scale))
    meters: list[dict[str, Any]] = []
    daily_m3: list[float] = []
    for number in range(meter_total):
        unit_uuid = inlets[number % len(inlets)] if number < len(inlets) else rng.choice(leaves)
        meter: dict[str, Any] = {
            "uuid": str(uuid.uuid4()),
            "meter_number": f"W-{number + 1:04d}",
            "unit": unit_uuid,
            "position": "inlet" if number < len(inlets) else "outlet",
            "meter_type": "electromagnetic",
            "reading_kind": "cumulative",
            "nominal_size_mm": 100.0,
            "accuracy_class": 1.0,
        }
        if number < len(sources):
            meter["position"] = "source"
            meter["source"] = sources[number]
        meters.append(meter)
        daily_m3.append(round(rng.uniform(20, 400), 1))
    return meters, daily_m3


def _readings(rng: random.Random, meters: list[dict[str, Any]], daily_m3: list[float]) -> list[dict[str, Any]]:
    """A week of 5-minute register readings per meter, rising by about its m³/d."""
    readings: list[dict[str, Any]] = []
    for meter, per_day in zip(meters, daily_m3, strict=True):
        register = rng.uniform(1000, 900000)
        per_step = per_day / 288
        for step in range(READINGS_PER_METER):
            readings.append(
                {
                    "uuid": str(uuid.uuid4()),
                    "meter": meter["uuid"],
                    "read_at": (TEST_START + dt.timedelta(minutes=5 * step)).isoformat(timespec="minutes"),
                    "value": round(register, 2),
                    "reader": "李敏",
                }
            )
            register += per_step * rng.uniform(0.9, 1.1)  # a register only goes up
    return readings


def _daily_flows(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each unit's quantities on each of the 7 test days."""
    return [
        {
            "uuid": str(uuid.uuid4()),
            "unit": unit["uuid"],
            "day": (TEST_START.date() + dt.timedelta(days=day)).isoformat(),
            "vf_origin": "reading",
            "vr_origin": "none",
            "vco_origin": "calculated",
            "vd_origin": "estimated",
            "vd_m3": 5.0,
            "vd_method": "按设计排水量估算",
            "vl_origin": "none",
        }
        for unit in units
        for day in range(7)
    ]


def write_json(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def build_audit(json_path: Path, audit_path: Path) -> None:
    """An audit file holding the generated records, through the ordinary import."""
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{audit_path}{suffix}").unlink(missing_ok=True)
    subprocess.run([sys.executable, "main.py", "new", str(audit_path)], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(
        [sys.executable, "main.py", "import", str(audit_path), str(json_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", help="the import file to write")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--shuffle", action="store_true", help="every water unit before its parent")
    parser.add_argument("--audit", type=Path, help="also build this audit file by importing the records")
    args = parser.parse_args()
    data = generate(args.scale, args.shuffle)
    with tempfile.TemporaryDirectory() as folder:
        json_path = args.out or Path(folder) / "large.json"
        write_json(data, json_path)
        counts = {form_id: len(rows) for form_id, rows in data["records"].items()}
        print(f"{json_path}: {sum(counts.values())} records ({counts['water_reading']} readings)")
        if args.audit:
            build_audit(json_path, args.audit)
            print(f"{args.audit}: {args.audit.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
