"""The whole-audit passes the desktop app runs in its worker process (audit/worker.py): each opens the
audit read-only, does its pass and returns plain data (dataclasses of audit/), nothing that holds
the file open.

Each takes `progress` first (the worker's reporter) and the audit's path; `registry` is the form
definitions the app opened the audit with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.completeness import Counts, FormCompleteness, form_completeness
from audit.document import AuditDocument
from audit.problems import TodoItem, computed_problems, counts_by_record, todo_list
from forms.registry import FormRegistry

if TYPE_CHECKING:
    from audit.analysis import Analysis
    from audit.water.model import WaterResult

Progress = Callable[..., Any]


def todo_items(_progress: Progress, path: Path, registry: FormRegistry | None = None) -> list[TodoItem]:
    """The to-do list: every problem of the audit, with its words in either language."""
    with AuditDocument.open(path, read_only=True, registry=registry) as document:
        return todo_list(document)


def problem_counts(
    _progress: Progress, path: Path, registry: FormRegistry | None = None
) -> dict[str, dict[str, Counts]]:
    """What only a look across records finds (water flags, duplicate tags, missing months), counted by record."""
    with AuditDocument.open(path, read_only=True, registry=registry) as document:
        return counts_by_record(computed_problems(document))


def form_counts(progress: Progress, path: Path, registry: FormRegistry | None, form_ids: list[str]) -> None:
    """The navigator's completeness of each form, smallest forms first, each handed over by
    `progress(done, total, form_id, FormCompleteness)` as soon as it is counted."""
    with AuditDocument.open(path, read_only=True, registry=registry) as document:
        for done, form_id in enumerate(sorted(form_ids, key=document.records.count), 1):
            progress(done, len(form_ids), form_id, shared_counts(form_completeness(document, form_id)))


def shared_counts(completeness: FormCompleteness) -> FormCompleteness:
    """The same counts with equal Counts made one object: 222,000 readings have a handful of
    distinct counts, so the result pickles to a fraction and the app unpickles few objects."""
    distinct: dict[Counts, Counts] = {}
    by_record = {uuid: distinct.setdefault(counts, counts) for uuid, counts in completeness.by_record.items()}
    return FormCompleteness(completeness.form_id, completeness.total, by_record)


def analysis_of(_progress: Progress, path: Path) -> Analysis:
    """The whole analysis (energy, carbon, equipment, water, findings) for the analysis panels."""
    from audit.analysis import analyse_document

    with AuditDocument.open(path, read_only=True) as document:
        return analyse_document(document)


@dataclass(frozen=True)
class WaterOutput:
    """The water-balance panel's result: the balance and its diagram as PNG (empty when not ready)."""

    result: WaterResult
    diagram_png: bytes


def water_balance_of(progress: Progress, path: Path, language: str, dpi: int) -> WaterOutput:
    """The water balance and its diagram, drawn through the cache the report uses too (same dpi):
    a diagram seen in the panel is not drawn again on export."""
    from audit.water.diagram_cache import diagram_bytes

    result = analysis_of(progress, path).water
    return WaterOutput(result, diagram_bytes(result, language, "png", dpi) if result.ready else b"")


def predraw_diagrams(
    _progress: Progress,
    path: Path,
    languages: tuple[str, ...],
    dpi: int,
    registry: FormRegistry | None = None,
    folder: Path | None = None,
) -> list[str]:
    """The report's water-balance diagrams missing from the cache, drawn ahead of an export (file names)."""
    from audit.water.diagram_cache import predraw

    return [drawn.name for drawn in predraw(path, languages, dpi, registry, folder)]
