"""Writes docs/verification-checklist.md from resources/: every [C]/[U] value a person must check.

Run `python -m audit.indicators.checklist > docs/verification-checklist.md` after changing reference data.
"""

from __future__ import annotations

import sys
from typing import Any

from audit.reference import ReferenceData, reference_data

HEADER = """# Verification checklist: numbers to check against the official texts

Every value below is marked **[C]** (corroborated by secondary material only) or **[U]** (unverified) in
`resources/`. The app shows results that use them with their status ("[C]", "⚠ unverified"). Tick a line
only after reading the official text (the national standards' free read-only view, the MEE/NBS notice,
the MIIT catalogue); then set the value's `status` to `V`, correct the number if needed, and record the
edition and clause you read in its source. `tests/audit/test_reference_data.py` fails when a [C]/[U]
value is missing from this list; regenerate it with
`python -m audit.indicators.checklist > docs/verification-checklist.md`.
"""

ABSENT = (
    "GB 19153-2019 Table 1: rows other than 37, 45, 55, 75, 90 and 110 kW (complete) and the 1.5 kW grade-3 cells; "
    "the variable-speed, oil-free and piston tables.",
    "GB 20052-2020: grade 1-2 load losses of the 10 kV oil-immersed 2 500 kVA row (changed in 2024, not found).",
    "Electricity equal value as the generation (发电) coal rate GB/T 2589-2020 names (the table holds the supply rate).",
    "GB 20052: Table 4 (35 kV on-load tap), 6 kV and new-energy tables, 63 kVA dry type; the 2020 edition's own "
    "text (its Table 1 rows are derived from 2024; its Tables 2–3 are absent).",
    "GB 19761-2020: Table 1 (ψ ≥ 0.95) and Table 4; GB 19762-2007 method for pumps made before 2026.",
    "GB 24500-2020 Tables 1–2 need coal class and combustion type, which the boiler form does not record.",
    "Electricity equal value for 2023 and later (the app falls back to the latest earlier year and says so).",
    "DB33/T 1347-2023 industry-average intensities (entered per audit from the 碳效码 platform).",
    "MIIT outdated-equipment catalogues batches 2–4 item tables (transformers, fans, pumps, compressors).",
)


def unverified_entries(
    node: Any, path: str = "", inherited: str | None = None
) -> list[tuple[str, dict[str, Any], str | None]]:
    """(path, entry, source key) of every entry whose status is C or U; list items are named by their id."""
    found: list[tuple[str, dict[str, Any], str | None]] = []
    if isinstance(node, dict):
        source = node.get("source") if isinstance(node.get("source"), str) else inherited
        if node.get("status") in ("C", "U") and path:
            found.append((path, node, source))
        for key, child in node.items():
            if key != "sources":
                found += unverified_entries(child, f"{path}.{key}" if path else key, source)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            key = child["id"] if isinstance(child, dict) and "id" in child else str(index)
            found += unverified_entries(child, f"{path}[{key}]", inherited)
    return found


def _shown_value(entry: dict[str, Any]) -> str:
    if entry.get("value") is not None:
        return f"{entry['value']} {entry.get('unit', '')}".strip()
    if "carbon_content_tc_per_tj" in entry:
        return f"NCV {entry['ncv']} {entry['ncv_unit']}, CC {entry['carbon_content_tc_per_tj']} tC/TJ, OF {entry['oxidation']}"
    if "rows" in entry:
        return f"{len(entry['rows'])} rows"
    return "rule"


def checklist(reference: ReferenceData | None = None) -> str:
    reference = reference or reference_data()
    lines = [HEADER]
    for name in ReferenceData.FILES:
        document = reference.raw[name]
        entries = unverified_entries(document)
        if not entries:
            continue
        title = document.get("title") or document.get("description", "")
        if isinstance(title, dict):
            title = f"{title.get('zh', '')} / {title.get('en', '')}"
        lines.append(f"## `{name}` — {title}\n")
        for path, entry, key in entries:
            source = document["sources"].get(key or document.get("source") or "", {})
            cite = ", ".join(
                part
                for part in (
                    f"{source.get('standard', '')} {source.get('edition', '')}".strip(),
                    source.get("clause", ""),
                )
                if part
            )
            note = f" {entry['note']}" if entry.get("note") else ""
            lines.append(
                f"- [ ] `{name}: {path}` [{entry['status']}] — {_shown_value(entry)}. Check against: {cite}.{note}"
            )
        lines.append("")
    coefficients = reference.raw["energy/coefficients.json"]["coefficients"]
    heating = [
        f"{code} {entry['ncv_kj_per_unit']} kJ"
        for code, entry in coefficients.items()
        if entry.get("ncv_status") in ("C", "U")
    ]
    lines.append("## Heating values shown beside the GB/T 2589 coefficients (information only, not used in results)\n")
    lines.append(
        "- [ ] GB/T 2589-2020 Table A.1 NCV column: "
        + "; ".join(heating)
        + ". The 2020 edition may use 4.1868 kJ/kcal "
        "(STANDARDS.md §9).\n"
    )
    lines.append('## Not in the data yet (absent, so grading says "no reference value")\n')
    lines.extend(f"- [ ] {item}" for item in ABSENT)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(checklist())
