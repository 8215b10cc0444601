"""Record the fields and choices of this release in forms/released.json (additions only).

Run `python -m forms.release` when cutting a release. The meta-test in tests/forms then guarantees
that no released field is renamed, retyped or removed and no released choice is deleted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from forms.registry import default_registry
from forms.spec import FieldSpec, FieldType

RELEASED = Path(__file__).with_name("released.json")


def snapshot(skip: set[str]) -> dict[str, dict[str, object]]:
    forms: dict[str, object] = {}
    choices: dict[str, list[str]] = {}
    for form in default_registry():
        if form.id in skip:
            continue
        fields: dict[str, str] = {}

        def record(prefix: str, spec: FieldSpec, form_id: str = form.id, fields: dict[str, str] = fields) -> None:
            fields[prefix + spec.name] = spec.type.value
            if spec.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
                choices[f"{form_id}.{prefix}{spec.name}"] = [c.code for c in spec.choices]

        for spec in form.fields:
            record("", spec)
        for repeat in form.repeats:
            for spec in repeat.fields:
                record(f"{repeat.name}.", spec)
        forms[form.id] = fields
    return {"forms": forms, "choices": choices}  # type: ignore[dict-item]


def main(argv: list[str]) -> int:
    skip = {arg.removeprefix("--skip=") for arg in argv if arg.startswith("--skip=")}
    new = snapshot(skip)
    if RELEASED.exists():
        old = json.loads(RELEASED.read_text(encoding="utf-8"))
        for section in ("forms", "choices"):
            for key, value in old[section].items():
                merged = new[section].setdefault(key, value)
                if isinstance(value, dict) and isinstance(merged, dict):
                    new[section][key] = {**value, **merged}
                elif isinstance(value, list) and isinstance(merged, list):
                    new[section][key] = list(dict.fromkeys([*value, *merged]))
    RELEASED.write_text(json.dumps(new, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {RELEASED}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
