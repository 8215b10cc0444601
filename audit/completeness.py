"""How complete an audit is: counts of missing required values, errors and warnings per record, form and group."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forms.validation import Problem, Severity, check_record

if TYPE_CHECKING:
    from audit.document import AuditDocument
    from audit.records import Record


@dataclass(frozen=True)
class Counts:
    """Problems of one record, one form or one group of forms (records = how many records were looked at)."""

    missing: int = 0
    errors: int = 0
    warnings: int = 0
    records: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.missing + other.missing,
            self.errors + other.errors,
            self.warnings + other.warnings,
            self.records + other.records,
        )

    def __sub__(self, other: Counts) -> Counts:
        return Counts(
            self.missing - other.missing,
            self.errors - other.errors,
            self.warnings - other.warnings,
            self.records - other.records,
        )

    @property
    def status(self) -> str:
        """The mark a navigator shows, worst first: error, missing, warning, complete, or empty."""
        if self.errors:
            return "error"
        if self.missing:
            return "missing"
        if self.warnings:
            return "warning"
        return "complete" if self.records else "empty"


def count_problems(problems: Iterable[Problem], records: int = 1) -> Counts:
    missing = errors = warnings = 0
    for problem in problems:
        if problem.severity is Severity.MISSING:
            missing += 1
        elif problem.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return Counts(missing, errors, warnings, records)


def total(counts: Iterable[Counts]) -> Counts:
    result = Counts()
    for item in counts:
        result = result + item
    return result


# Records counted between two progress calls (a cancellation point for a background count).
_PROGRESS_EVERY = 2000


@dataclass(frozen=True)
class FormCompleteness:
    form_id: str
    total: Counts
    by_record: dict[str, Counts] = field(default_factory=dict)


def record_counts(document: AuditDocument, record: Record) -> Counts:
    """Problems of one record, including its repeat rows (load it with its children)."""
    return count_problems(document.records.problems(record))


def form_completeness(
    document: AuditDocument, form_id: str, progress: Callable[[int, int, str], None] | None = None
) -> FormCompleteness:
    """Every live record of a form; a singleton form without its record counts as all of it missing.

    Records are read one chunk at a time (memory stays flat); `progress(done, total, "")` is called
    every few thousand records, so that a background count can be cancelled (it raises) when the
    app quits instead of making quitting wait for it.
    """
    form = document.registry[form_id]
    by_record: dict[str, Counts] = {}
    summed = Counts()
    expected = document.records.count(form_id) if progress is not None else 0
    for done, record in enumerate(document.records.iter_records(form_id, with_children=bool(form.repeats)), 1):
        counts = record_counts(document, record)
        by_record[record.uuid] = counts
        summed = summed + counts
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(done, expected, "")
    if form.singleton and not by_record:
        # What an empty record would lack: the same rule the store applies once it exists.
        summed = count_problems(check_record(form, {}, {}), records=0)
    return FormCompleteness(form_id, summed, by_record)


def audit_completeness(document: AuditDocument) -> dict[str, FormCompleteness]:
    """Completeness of every form of the audit, by form id."""
    return {form.id: form_completeness(document, form.id) for form in document.registry}


def group_counts(summary: dict[str, FormCompleteness], form_ids: Iterable[str]) -> Counts:
    """The counts of a navigator node that gathers several forms (a group, the whole audit)."""
    return total(summary[form_id].total for form_id in form_ids if form_id in summary)


def subtree_counts(completeness: FormCompleteness, record_uuids: Iterable[str]) -> Counts:
    """The counts of a branch of a record tree (a water-using unit and the units below it)."""
    return total(completeness.by_record.get(uuid, Counts()) for uuid in record_uuids)


def record_tree(records: Iterable[Record], parent_field: str) -> dict[str | None, list[Record]]:
    """Records by the uuid of the record they belong to (None: top level), e.g. water units by parent_unit.

    A record whose parent is missing, deleted, itself or part of a cycle is put at the top level, so
    that every record appears exactly once, however inconsistent the data entered so far.
    """
    items = list(records)
    known = {record.uuid: record for record in items}
    parent_of: dict[str, str | None] = {}
    for record in items:
        parent = record.values.get(parent_field)
        parent_of[record.uuid] = (
            parent if isinstance(parent, str) and parent in known and parent != record.uuid else None
        )
    for record in items:
        seen = {record.uuid}
        step = parent_of[record.uuid]
        while step is not None:
            if step in seen:
                parent_of[record.uuid] = None
                break
            seen.add(step)
            step = parent_of[step]
    tree: dict[str | None, list[Record]] = {}
    for record in items:
        tree.setdefault(parent_of[record.uuid], []).append(record)
    return tree


def with_record(completeness: FormCompleteness, record_uuid: str, counts: Counts | None) -> FormCompleteness:
    """The same form after one record changed (None: it was deleted), without recounting the others.

    The totals are adjusted arithmetically and the per-record map is taken over, not copied: with
    222,000 readings, copying and re-summing it made every edit wait ~0.3 s (issue 15). The
    `completeness` passed in is replaced by the result and must not be used afterwards.
    """
    by_record = completeness.by_record
    old = by_record.pop(record_uuid, None)
    summed = completeness.total - old if old is not None else completeness.total
    if counts is not None:
        by_record[record_uuid] = counts
        summed = summed + counts
    return FormCompleteness(completeness.form_id, summed, by_record)
