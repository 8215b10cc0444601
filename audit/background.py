"""The whole-audit passes the desktop app runs in its worker process (audit/worker.py): each opens the
audit read-only, does its pass and returns plain data (dataclasses of audit/), nothing that holds
the file open.

Each takes `progress` first (the worker's reporter) and the audit's path; `registry` is the form
definitions the app opened the audit with.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from audit.completeness import Counts
from audit.document import AuditDocument
from audit.problems import TodoItem, computed_problems, counts_by_record, todo_list
from forms.registry import FormRegistry

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
