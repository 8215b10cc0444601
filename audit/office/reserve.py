"""The project reserve: accepted measures become projects, officers enter monthly progress, status follows.

A project is made from a measure the expert accepted (its planned savings are the measure's, with the
audit uuid and revision they came from); the office sets the owner, the start and the planned
completion. Each month an officer enters progress (status, % complete, investment to date, achieved
savings, a note, a photo's SHA-256). `project_status` turns a project's progress into on track, late,
stalled, completed or dropped by the rules in docs/office.md; entries are never removed, only marked
deleted (undo) and restored (redo).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from audit.lean_sqlite_utils import Database
from audit.office.register_schema import ACCEPTED

# Progress a project must be behind its straight-line plan (percentage points) to count as late.
LATE_MARGIN_POINTS = 15.0
# Months without a rise in % complete after which a started project is stalled.
STALL_MONTHS = 2
# Default length of a project, from its start to its planned completion, when the office has not set one.
DEFAULT_DURATION_MONTHS = 12
# Settings the office keeps (register_setting table): the county's yearly targets for the reserve.
TARGET_SETTINGS = ("reserve_target_tce", "reserve_target_tco2", "reserve_target_water_m3")
REPORTED = ("in_progress", "completed", "dropped", "not_started")


class ReserveStatus(StrEnum):
    ON_TRACK = "on_track"
    LATE = "late"
    STALLED = "stalled"
    COMPLETED = "completed"
    DROPPED = "dropped"


# ---- months ---------------------------------------------------------------------------------------------


def month_index(month: str) -> int:
    """'2026-03' -> a month count (so that months subtract); raises ValueError on anything else."""
    year, number = month.split("-")
    if len(year) != 4 or not 1 <= int(number) <= 12:
        raise ValueError(f"not a month (YYYY-MM): {month!r}")
    return int(year) * 12 + int(number) - 1


def month_of(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def add_months(month: str, months: int) -> str:
    return month_of(month_index(month) + months)


# ---- status rules (docs/office.md) -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One monthly progress entry as the status rules read it."""

    month: str
    status: str
    percent_complete: float


def planned_percent(start_month: str, planned_completion: str, month: str) -> float:
    """The straight-line plan: 0 % before the start month, 100 % in the planned completion month."""
    start, end, now = month_index(start_month), month_index(planned_completion), month_index(month)
    if now < start:
        return 0.0
    if now >= end:
        return 100.0
    return 100.0 * (now - start + 1) / (end - start + 1)


def _percent_at(entries: Sequence[Entry], index: int) -> float:
    """% complete reported at or before month `index` (the last entry of that month counts); 0 before any."""
    reported = [e.percent_complete for e in entries if month_index(e.month) <= index]
    return reported[-1] if reported else 0.0


def project_status(start_month: str, planned_completion: str, entries: Iterable[Entry], month: str) -> ReserveStatus:
    """The reserve status of a project in `month`, from the entries up to that month (rules in docs/office.md).

    1. dropped: the last entry says dropped.  2. completed: the last entry says completed or 100 %.
    3. stalled: started at least STALL_MONTHS ago and % complete no higher than STALL_MONTHS before.
    4. late: past the planned completion, or more than LATE_MARGIN_POINTS behind the straight-line plan.
    5. otherwise on track (a project not yet started is on track).
    """
    now = month_index(month)
    shown = sorted((e for e in entries if month_index(e.month) <= now), key=lambda e: month_index(e.month))
    last = shown[-1] if shown else None
    if last is not None and last.status == ReserveStatus.DROPPED.value:
        return ReserveStatus.DROPPED
    if last is not None and (last.status == ReserveStatus.COMPLETED.value or last.percent_complete >= 100.0):
        return ReserveStatus.COMPLETED
    percent = _percent_at(shown, now)
    if now - month_index(start_month) >= STALL_MONTHS and percent <= _percent_at(shown, now - STALL_MONTHS):
        return ReserveStatus.STALLED
    if now > month_index(planned_completion):
        return ReserveStatus.LATE
    if percent < planned_percent(start_month, planned_completion, month) - LATE_MARGIN_POINTS:
        return ReserveStatus.LATE
    return ReserveStatus.ON_TRACK


# ---- projects ---------------------------------------------------------------------------------------------


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _default_start(period_end: str | None, today: dt.date) -> str:
    """The month after the audit period, or this month when the audit names no period."""
    if period_end:
        return add_months(period_end[:7], 1)
    return f"{today.year:04d}-{today.month:02d}"


def create_projects(db: Database, audit_uuid: str | None = None, today: dt.date | None = None) -> list[int]:
    """A project for every accepted measure of the latest audits (or of one audit) that has none yet.

    Planned savings and investment are the measure's as the audit's analysis gave them; the owner is
    the enterprise; the project starts the month after the audit period and is planned for
    DEFAULT_DURATION_MONTHS (the office changes these with `update_project`). Returns the new ids.
    """
    marks = ", ".join("?" for _ in ACCEPTED)
    where = "s.audit_uuid = ?" if audit_uuid else "s.latest = 1"
    rows = db.execute(
        f"""SELECT m.audit_uuid, m.measure_key, m.revision, s.credit_code, s.name, m.title_en, m.title_zh,
                   m.investment_yuan, m.tce, m.tco2, m.water_m3, s.period_end
            FROM audit_measure m JOIN audit_summary s ON s.audit_uuid = m.audit_uuid
            WHERE {where} AND m.status IN ({marks})
              AND NOT EXISTS (SELECT 1 FROM project p WHERE p.audit_uuid = m.audit_uuid AND p.measure_key = m.measure_key)
            ORDER BY s.name, m.position""",
        [*([audit_uuid] if audit_uuid else []), *ACCEPTED],
    ).fetchall()
    created: list[int] = []
    for row in rows:
        start = _default_start(row[11], today or dt.date.today())
        cursor = db.execute(
            """INSERT INTO project (audit_uuid, measure_key, revision, credit_code, owner, title_en, title_zh,
                 investment_yuan, planned_tce, planned_tco2, planned_water_m3, start_month, planned_completion,
                 created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [*row[:11], start, add_months(start, DEFAULT_DURATION_MONTHS - 1), _now()],
        )
        created.append(int(cursor.lastrowid or 0))
    return created


PROJECT_FIELDS = ("owner", "investment_yuan", "start_month", "planned_completion")


def update_project(db: Database, project_id: int, **values: Any) -> None:
    """Change the owner, investment, start or planned completion of a project (months as YYYY-MM)."""
    unknown = set(values) - set(PROJECT_FIELDS)
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)} of a project")
    for name in ("start_month", "planned_completion"):
        if name in values:
            month_index(str(values[name]))
    assignments = ", ".join(f"{name} = ?" for name in values)
    db.execute(f"UPDATE project SET {assignments} WHERE id = ?", [*values.values(), project_id])


@dataclass(frozen=True)
class Progress:
    """A monthly progress entry as an officer types it."""

    month: str
    status: str
    percent_complete: float
    investment_to_date_yuan: float | None = None
    achieved_tce: float | None = None
    achieved_tco2: float | None = None
    achieved_water_m3: float | None = None
    note: str = ""
    photo_sha256: str | None = None


def add_progress(db: Database, project_id: int, entry: Progress, entered_by: str = "") -> int:
    """Store a progress entry; returns its id (undo marks it deleted, redo restores it)."""
    month_index(entry.month)
    if entry.status not in REPORTED:
        raise ValueError(f"progress status must be one of {REPORTED}, not {entry.status!r}")
    if not 0.0 <= entry.percent_complete <= 100.0:
        raise ValueError("percent complete must be between 0 and 100")
    cursor = db.execute(
        """INSERT INTO progress (project_id, month, status, percent_complete, investment_to_date_yuan, achieved_tce,
             achieved_tco2, achieved_water_m3, note, photo_sha256, entered_by, entered_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            project_id,
            entry.month,
            entry.status,
            entry.percent_complete,
            entry.investment_to_date_yuan,
            entry.achieved_tce,
            entry.achieved_tco2,
            entry.achieved_water_m3,
            entry.note,
            entry.photo_sha256,
            entered_by,
            _now(),
        ],
    )
    return int(cursor.lastrowid or 0)


def store_photo(db: Database, data: bytes) -> str:
    """Keep a progress photo in the office's photo store (by SHA-256, as package photos are); returns its hash."""
    sha256 = hashlib.sha256(data).hexdigest()
    db.execute(
        "INSERT OR IGNORE INTO photo (sha256, data, byte_count, received_at) VALUES (?, ?, ?, ?)",
        [sha256, data, len(data), _now()],
    )
    return sha256


def set_progress_deleted(db: Database, entry_id: int, deleted: bool) -> None:
    db.execute("UPDATE progress SET deleted = ? WHERE id = ?", [int(deleted), entry_id])


def progress_entries(db: Database, project_id: int | None = None) -> list[dict[str, Any]]:
    """Live progress entries (of one project or all), by project then month then entry order."""
    where = "deleted = 0" + (" AND project_id = ?" if project_id is not None else "")
    cursor = db.execute(
        f"SELECT * FROM progress WHERE {where} ORDER BY project_id, month, id",
        [project_id] if project_id is not None else [],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# ---- the reserve list and the county totals ---------------------------------------------------------------


@dataclass(frozen=True)
class ReserveRow:
    """A project in the month shown: its plan, its last progress up to that month, and its status."""

    project: Mapping[str, Any]
    status: ReserveStatus
    last: Mapping[str, Any] | None
    planned_percent: float

    def latest(self, name: str) -> Any:
        return None if self.last is None else self.last.get(name)


def reserve(db: Database, month: str) -> list[ReserveRow]:
    """Every project with its status in `month` (recomputed from the entries up to that month)."""
    cursor = db.execute(
        """SELECT p.*, s.name AS enterprise, s.town, s.industry_code FROM project p
           JOIN audit_summary s ON s.audit_uuid = p.audit_uuid ORDER BY s.name, p.id"""
    )
    names = [d[0] for d in cursor.description]
    projects = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    entries: dict[int, list[dict[str, Any]]] = {}
    for entry in progress_entries(db):
        if month_index(entry["month"]) <= month_index(month):
            entries.setdefault(entry["project_id"], []).append(entry)
    rows = []
    for project in projects:
        own = entries.get(project["id"], [])
        status = project_status(
            project["start_month"],
            project["planned_completion"],
            [Entry(e["month"], e["status"], e["percent_complete"]) for e in own],
            month,
        )
        plan = planned_percent(project["start_month"], project["planned_completion"], month)
        rows.append(ReserveRow(project, status, own[-1] if own else None, plan))
    return rows


@dataclass(frozen=True)
class ReserveTotals:
    """County totals of the reserve in a month: planned (projects not dropped) and achieved, against targets."""

    by_status: Mapping[str, int]
    planned: Mapping[str, float]
    achieved: Mapping[str, float]
    targets: Mapping[str, float | None]


QUANTITIES = ("tce", "tco2", "water_m3")


def totals(db: Database, rows: Sequence[ReserveRow]) -> ReserveTotals:
    """Sum the plan of every project not dropped and the achieved savings last reported; targets from settings."""
    by_status = {status.value: 0 for status in ReserveStatus}
    planned = dict.fromkeys(QUANTITIES, 0.0)
    achieved = dict.fromkeys(QUANTITIES, 0.0)
    for row in rows:
        by_status[row.status.value] += 1
        if row.status is ReserveStatus.DROPPED:
            continue
        for quantity in QUANTITIES:
            planned[quantity] += row.project[f"planned_{quantity}"] or 0.0
            achieved[quantity] += row.latest(f"achieved_{quantity}") or 0.0
    targets = {quantity: setting_float(db, f"reserve_target_{quantity}") for quantity in QUANTITIES}
    return ReserveTotals(by_status, planned, achieved, targets)


def set_setting(db: Database, key: str, value: object) -> None:
    if key not in TARGET_SETTINGS:
        raise ValueError(f"unknown setting {key!r}")
    db.execute("INSERT OR REPLACE INTO register_setting (key, value) VALUES (?, ?)", [key, str(value)])


def setting_float(db: Database, key: str) -> float | None:
    row = db.execute("SELECT value FROM register_setting WHERE key = ?", [key]).fetchone()
    return float(row[0]) if row is not None else None
