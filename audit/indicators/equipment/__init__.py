"""Equipment grading by the Chinese energy-efficiency standards: one module per kind, found automatically.

A kind module (`motor.py`, `pump.py`, …) declares `FORM_ID`, `STANDARD`, `ORDER` and two functions:
`grade(values, measurements, reference) -> Graded` (raises `CannotGrade` with the reason) and
`operating(values, measurements, reference) -> list[Indicator]` (load, losses: shown even when there
is no grade). Adding a standard is one module here and one resource file (docs/indicators.md).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any

from audit.indicators.equipment.common import CannotGrade, Graded, OutdatedMatch, match_outdated
from audit.presentation import verdict_text
from audit.reference import ReferenceData, Source
from audit.results import Indicator, Status, Verdict, merge_sources, weakest
from forms.spec import Text

Values = Mapping[str, Any]
Measurements = Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class Kind:
    """One graded form: its standard and its two functions (see the module docstring)."""

    form_id: str
    standard: str
    order: int
    grade: Callable[[Values, Measurements, ReferenceData], Graded]
    operating: Callable[[Values, Measurements, ReferenceData], list[Indicator]]


def _kind(module: ModuleType) -> Kind:
    return Kind(module.FORM_ID, module.STANDARD, module.ORDER, module.grade, module.operating)


@lru_cache(maxsize=1)
def kinds() -> tuple[Kind, ...]:
    """Every kind module of this package, in their ORDER."""
    found: list[Kind] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "FORM_ID"):
            found.append(_kind(module))
    return tuple(sorted(found, key=lambda k: k.order))


def graded_forms() -> tuple[str, ...]:
    return tuple(k.form_id for k in kinds())


@dataclass(frozen=True)
class Grading:
    """The grading of one equipment record: verdict, grade, the value compared, outdated match, load figures.

    `status` is the weakest status of everything shown for the record (grade, catalogue, load model);
    `grade_status` that of the grade alone (the table values and rules it was compared with).
    """

    uuid: str
    form_id: str
    tag: str
    name: str
    standard: str
    verdict: Verdict
    grade: int | None
    reason: Text
    compared: Indicator | None = None
    outdated: OutdatedMatch | None = None
    extras: tuple[Indicator, ...] = ()
    status: Status = field(init=False)
    grade_status: Status = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", weakest(*(s.status for s in self.sources)))
        object.__setattr__(self, "grade_status", self.compared.status if self.compared is not None else Status.V)

    @property
    def sources(self) -> tuple[Source, ...]:
        groups = [self.compared.sources if self.compared else ()]
        groups += [extra.sources for extra in self.extras]
        if self.outdated is not None:
            groups.append((self.outdated.source,))
        return merge_sources(*groups)

    def indicators(self) -> tuple[Indicator, ...]:
        return ((self.compared,) if self.compared is not None else ()) + self.extras


def _about(uuid: str, indicators: Sequence[Indicator]) -> tuple[Indicator, ...]:
    """Copies of `indicators` about the record `uuid`.

    Not `dataclasses.replace`: that builds each copy through `__init__` and `__post_init__` again, on
    values already normalised (every graded record copies its indicators: 4,000 on a large audit).
    The copy has the same fields but `about`, as `replace` would give.
    """
    about = (uuid,)
    copies = []
    for indicator in indicators:
        copy = object.__new__(type(indicator))
        copy.__dict__.update(indicator.__dict__)
        object.__setattr__(copy, "about", about)
        copies.append(copy)
    return tuple(copies)


def grade_record(
    form_id: str,
    uuid: str,
    values: Values,
    measurements: Measurements,
    reference: ReferenceData,
) -> Grading:
    kind = next(k for k in kinds() if k.form_id == form_id)
    outdated = match_outdated(form_id, values, reference)
    tag, name = str(values.get("tag") or uuid[:8]), str(values.get("name") or "")
    extras = _about(uuid, kind.operating(values, measurements, reference))
    try:
        graded = kind.grade(values, measurements, reference)
    except CannotGrade as stop:
        return Grading(
            uuid, form_id, tag, name, kind.standard, stop.verdict, None, stop.message, None, outdated, extras
        )
    (compared,) = _about(uuid, (graded.compared,))
    message = verdict_text(graded.verdict, graded.grade)
    if graded.qualifier is not None:
        message = Text(f"{message.en} ({graded.qualifier.en})", f"{message.zh}（{graded.qualifier.zh}）")
    return Grading(
        uuid,
        form_id,
        tag,
        name,
        graded.standard or kind.standard,
        graded.verdict,
        graded.grade,
        message,
        compared,
        outdated,
        extras,
    )


__all__ = ["CannotGrade", "Graded", "Grading", "Kind", "OutdatedMatch", "grade_record", "graded_forms", "kinds"]
