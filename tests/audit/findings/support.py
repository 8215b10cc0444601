"""Helpers for the findings tests: analyse a document and pick the findings of one rule."""

from __future__ import annotations

from audit.analysis import Analysis, analyse_document
from audit.document import AuditDocument
from audit.findings import Finding, Severity


def analyse(document: AuditDocument) -> Analysis:
    return analyse_document(document)


def uuid_of(document: AuditDocument, form_id: str, tag: str, field: str = "tag") -> str:
    return next(r.uuid for r in document.records.list(form_id) if r.values.get(field) == tag)


def fires(analysis: Analysis, rule: str, record: str | None = None) -> list[Finding]:
    """Findings of `rule` that decided and fired (on `record` when given)."""
    return [
        f
        for f in analysis.findings
        if f.rule == rule and f.severity is not Severity.CANNOT_ASSESS and (record is None or record in f.records)
    ]


def does_not_fire(analysis: Analysis, rule: str, record: str | None = None) -> bool:
    return not fires(analysis, rule, record)


def cannot_assess(analysis: Analysis, rule: str, record: str | None = None) -> list[Finding]:
    return [
        f
        for f in analysis.findings
        if f.rule == rule and f.severity is Severity.CANNOT_ASSESS and (record is None or record in f.records)
    ]
