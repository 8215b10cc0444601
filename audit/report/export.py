"""Export an audit's report: read the audit, write the workbook beside the target, rename it into place."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from audit.document import AuditDocument
from audit.errors import AuditError
from audit.gc_pause import paused_collection
from audit.output_files import write_atomically
from audit.report.context import load_context
from audit.report.workbook import Progress, WrittenReport, write_workbook
from forms.spec import Text


class ReportInUseError(AuditError):
    """The target is open in another program (Windows locks a workbook Excel or WPS has open)."""


def check_not_in_use(target: Path) -> None:
    """Refuse, before any work, a target another program holds open: say so instead of "permission denied".

    On Windows opening a workbook Excel or WPS has open fails; elsewhere this open succeeds and the
    shared writer's rename replaces the file.
    """
    if not target.is_file():
        return
    try:
        descriptor = os.open(target, os.O_RDWR)
    except PermissionError:
        raise ReportInUseError(
            Text(
                f"Cannot write {target}: it is open in another program (Excel, WPS) or read-only. "
                "Close it or choose another file, then export again.",
                f"无法写入 {target}：文件已在其他程序（Excel、WPS）中打开或为只读。请关闭文件或另选位置后重新导出。",
            )
        ) from None
    except OSError:
        return  # anything else is reported by the writer, with the rest of its errors
    os.close(descriptor)


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
    check_not_in_use(Path(target))
    written: list[WrittenReport] = []
    # Everything read lives until the file is written: the cycle collector would only rescan it.
    with paused_collection():
        with AuditDocument.open(audit_path, read_only=True) as document:
            context = load_context(document, language, today)
        # The shared safe-save recipe (audit/output_files.py): temporary file beside the target, fsync,
        # rename; never onto the audit itself.
        write_atomically(target, lambda temp: written.append(write_workbook(context, temp, progress)), [audit_path])
    return written[0]
