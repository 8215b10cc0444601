"""Conflicts a package left at the office, and how a person settles them (take office, take package, edit).

Settling writes the chosen version as the office's record and moves the base revision for the
package's signer to the package's revision, so that later packages carrying the same revision
change nothing and only a newer edit by the auditor is looked at again.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from audit.errors import AuditError
from audit.office.database import OfficeDatabase
from audit.office.records import OfficeRecord, from_json, records_json, stored_records
from forms.spec import Text


class Choice(Enum):
    OFFICE = "office"  # keep the office's version
    PACKAGE = "package"  # take the package's version
    EDIT = "edit"  # a version a person wrote from both


class ConflictError(AuditError):
    """The conflict cannot be settled that way; nothing was changed."""


@dataclass(frozen=True)
class Conflict:
    id: int
    audit_uuid: str
    record_uuid: str
    form_id: str
    local: OfficeRecord
    incoming: OfficeRecord
    origin: str
    detected_at: str
    settled_by: str | None = None
    settled_at: str | None = None
    choice: str | None = None

    def differing_fields(self) -> list[str]:
        """The fields whose values differ between the two versions (and "deleted" when one is a tombstone)."""
        names = sorted(set(self.local.values) | set(self.incoming.values))
        differing = [name for name in names if self.local.values.get(name) != self.incoming.values.get(name)]
        if self.local.deleted != self.incoming.deleted:
            differing.append("deleted")
        return differing


_SELECT = (
    "SELECT id, audit_uuid, record_uuid, form_id, local_json, incoming_json, origin, detected_at, settled_by, "
    "settled_at, choice FROM conflict"
)


def _conflict(row: tuple[Any, ...]) -> Conflict:
    return Conflict(
        int(row[0]),
        str(row[1]),
        str(row[2]),
        str(row[3]),
        from_json(json.loads(row[4])),
        from_json(json.loads(row[5])),
        str(row[6]),
        str(row[7]),
        row[8],
        row[9],
        row[10],
    )


def open_conflicts(office: OfficeDatabase, audit_uuid: str | None = None) -> list[Conflict]:
    """Conflicts not settled yet, oldest first (of one audit, or of all)."""
    where = " WHERE settled_at IS NULL" + (" AND audit_uuid = ?" if audit_uuid else "")
    rows = office.connection.execute(f"{_SELECT}{where} ORDER BY id", [audit_uuid] if audit_uuid else [])
    return [_conflict(row) for row in rows]


def get_conflict(office: OfficeDatabase, conflict_id: int) -> Conflict:
    row = office.connection.execute(f"{_SELECT} WHERE id = ?", [conflict_id]).fetchone()
    if row is None:
        raise ConflictError(Text(f"No conflict {conflict_id}.", f"没有编号为 {conflict_id} 的冲突。"))
    return _conflict(row)


def _source_of(office: OfficeDatabase, package_id: str) -> str:
    row = office.connection.execute(
        "SELECT signer_key_id FROM package_receipt WHERE package_id = ?", [package_id]
    ).fetchone()
    return str(row[0])


def _office_version(
    office: OfficeDatabase, record: OfficeRecord, after: int, values: Mapping[str, Any]
) -> OfficeRecord:
    """A new revision written at the office: above every revision either side has seen."""
    return dataclasses.replace(
        record,
        values=dict(values),
        revision=after + 1,
        author=office.officer,
        modified_at=office.now(),
    )


def check_audit_with(office: OfficeDatabase, audit_uuid: str, record: OfficeRecord) -> None:
    """Refuse a version the app would refuse: the audit with it must import into a fresh audit."""
    from audit.document import AuditDocument
    from audit.jsonio import import_records

    data = records_json(office, audit_uuid, replacing=record)
    scratch = AuditDocument.in_memory(author=office.officer)
    try:
        import_records(scratch, data, source=record.form_id)
    finally:
        scratch.close()


def _store(office: OfficeDatabase, audit_uuid: str, record: OfficeRecord) -> None:
    office.db.table("office_record").upsert(record.row(audit_uuid), pk=("audit_uuid", "uuid"))


def settle_conflict(
    office: OfficeDatabase, conflict_id: int, choice: Choice, values: Mapping[str, Any] | None = None
) -> OfficeRecord:
    """Settle a conflict; returns the record the office now holds. `values` (field changes over the
    office's version) only with Choice.EDIT."""
    conflict = get_conflict(office, conflict_id)
    if conflict.settled_at is not None:
        raise ConflictError(
            Text(
                f"Conflict {conflict_id} was settled by {conflict.settled_by} on {conflict.settled_at}.",
                f"冲突 {conflict_id} 已由 {conflict.settled_by} 于 {conflict.settled_at} 处理。",
            )
        )
    current = stored_records(office, conflict.audit_uuid, [conflict.record_uuid])[conflict.record_uuid]
    after = max(current.revision, conflict.incoming.revision)
    if choice is Choice.PACKAGE:
        chosen = dataclasses.replace(conflict.incoming, position=current.position)
    elif choice is Choice.OFFICE:
        chosen = _office_version(office, current, after, current.values)
    else:
        if not values:
            raise ConflictError(Text("An edit needs the values to keep.", "编辑处理需要给出要保留的值。"))
        chosen = _office_version(office, current, after, {**current.values, **values})
    if choice is not Choice.PACKAGE:
        check_audit_with(office, conflict.audit_uuid, chosen)
    source = _source_of(office, conflict.origin)
    with office.transaction() as db:
        _store(office, conflict.audit_uuid, chosen)
        db.execute(
            "INSERT OR REPLACE INTO record_base (audit_uuid, record_uuid, source, base_revision) VALUES (?, ?, ?, ?)",
            [conflict.audit_uuid, conflict.record_uuid, source, conflict.incoming.revision],
        )
        db.execute(
            "UPDATE conflict SET settled_by = ?, settled_at = ?, choice = ? WHERE id = ?",
            [office.officer, office.now(), choice.value, conflict_id],
        )
    from audit.office.importing import refresh_register

    refresh_register(office, conflict.audit_uuid)
    return chosen


def edit_record(office: OfficeDatabase, audit_uuid: str, record_uuid: str, values: Mapping[str, Any]) -> OfficeRecord:
    """A correction made at the office: a new revision by the officer (a later change by the auditor
    to the same record is then a conflict, never an overwrite)."""
    held = stored_records(office, audit_uuid, [record_uuid])
    if record_uuid not in held:
        raise ConflictError(Text(f"No record {record_uuid} in this audit.", f"本诊断中没有记录 {record_uuid}。"))
    current = held[record_uuid]
    changed = _office_version(office, current, current.revision, {**current.values, **values})
    check_audit_with(office, audit_uuid, changed)
    with office.transaction():
        _store(office, audit_uuid, changed)
    from audit.office.importing import refresh_register

    refresh_register(office, audit_uuid)
    return changed
