"""An indicator: a value with its unit, the inputs it was computed from and the source of every coefficient."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audit.reference import Source, worst_status
from forms.spec import Text
from forms.units import unit_label as forms_unit_label


@dataclass(frozen=True)
class Indicator:
    """One number an expert signs. `value` is None when it cannot be computed; `note` then says why."""

    key: str
    label: Text
    value: float | None
    unit: str
    inputs: dict[str, Any] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    note: Text | None = None

    @property
    def status(self) -> str:
        """The least trustworthy status of any coefficient used ("V" when none was used)."""
        return worst_status([s.status for s in self.sources])

    @property
    def unverified(self) -> bool:
        return self.status == "U"

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": {"en": self.label.en, "zh": self.label.zh},
            "value": self.value,
            "unit": self.unit,
            "status": self.status,
            "inputs": _jsonable(self.inputs),
            "sources": [s.as_dict() for s in _unique(self.sources)],
            "note": None if self.note is None else {"en": self.note.en, "zh": self.note.zh},
        }


# Unit words that read differently in Chinese; symbols (tce, tCO2, kWh, %) are the same in both.
def unit_label(unit: str, language: str) -> str:
    """A unit as a reader of `language` writes it (tce/10k yuan → tce/万元)."""
    return forms_unit_label(unit, language)


def _unique(sources: tuple[Source, ...]) -> list[Source]:
    return list(dict.fromkeys(sources))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Text):
        return {"en": value.en, "zh": value.zh}
    if isinstance(value, Source):
        return value.as_dict()
    return value


def merge_sources(*groups: tuple[Source, ...] | list[Source]) -> tuple[Source, ...]:
    merged: list[Source] = []
    for group in groups:
        merged.extend(group)
    return tuple(dict.fromkeys(merged))
