"""Export an audit's report: read the audit, write the workbook beside the target, rename it into place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from audit.document import AuditDocument
from audit.output_files import refuse_overwriting
from audit.report.atomic import atomic_target
from audit.report.context import load_context
from audit.report.workbook import Progress, WrittenReport, write_workbook


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def export_report(
    audit_path: Path,
    target: Path,
    language: str = "zh",
    progress: Progress = _no_progress,
    today: dt.date | None = None,
) -> WrittenReport:
    """Write the report of the audit at `audit_path` to `target` (.xlsx), all or nothing.

    Opens its own read-only connection, so a background job can call it while the app has the audit open.
    """
    refuse_overwriting(Path(target), [Path(audit_path)])  # never the audit itself (issue 16)
    with AuditDocument.open(audit_path, read_only=True) as document:
        context = load_context(document, language, today)
    with atomic_target(target) as temp:
        return write_workbook(context, temp, progress)
