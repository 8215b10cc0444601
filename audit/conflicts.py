"""Records changed on both sides: listed with both versions, settled by a person (take mine / take theirs)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from audit.changes import Changes
from audit.clock import now_iso
from audit.errors import RecordError
from audit.merge import RemoteEnvelope
from audit.remote import envelope_of, set_base, write_version
from forms.spec import Text

if TYPE_CHECKING:
    from audit.document import AuditDocument
    from audit.records import Record


class Choice(Enum):
    MINE = "mine"  # keep the local version; it becomes a new revision above both
    THEIRS = "theirs"  # take the other side's version


@dataclass(frozen=True)
class Conflict:
    """A record changed here and at `source` since the revision both last held."""

    record_uuid: str
    source: str
    form_id: str
    local: Record
    theirs: RemoteEnvelope
    their_values: dict[str, Any]
    their_overridden: frozenset[str]
    detected_at: str

    def differing_fields(self) -> list[str]:
        """The fields whose values differ between the two versions, in form order."""
        return [name for name, value in self.their_values.items() if value != self.local.values.get(name)]


_COLUMNS = (
    "record_uuid, source, form_id, form_version, revision, author, created_at, modified_at, state, deleted, "
    "values_json, overridden_json, detected_at"
)


def _has_table(document: AuditDocument) -> bool:
    # A file of an older schema opened read-only has no conflict table yet, and so no conflicts.
    row = document.connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'merge_conflict'")
    return row.fetchone() is not None


def _conflict(document: AuditDocument, row: tuple[Any, ...]) -> Conflict:
    names = [name.strip() for name in _COLUMNS.split(",")]
    data = dict(zip(names, row, strict=True))
    return Conflict(
        record_uuid=str(data["record_uuid"]),
        source=str(data["source"]),
        form_id=str(data["form_id"]),
        local=document.records.get(str(data["record_uuid"]), with_children=False),
        theirs=RemoteEnvelope.from_mapping({**data, "uuid": data["record_uuid"]}),
        their_values=dict(json.loads(data["values_json"])),
        their_overridden=frozenset(json.loads(data["overridden_json"] or "[]")),
        detected_at=str(data["detected_at"]),
    )


def list_conflicts(document: AuditDocument, record_uuid: str | None = None) -> list[Conflict]:
    """Every open conflict (or those of one record), oldest first."""
    if not _has_table(document):
        return []
    where = " WHERE record_uuid = ?" if record_uuid is not None else ""
    rows = document.connection.execute(
        f"SELECT {_COLUMNS} FROM merge_conflict{where} ORDER BY detected_at, rowid",
        [record_uuid] if record_uuid is not None else [],
    ).fetchall()
    return [_conflict(document, row) for row in rows]


def count_conflicts(document: AuditDocument) -> int:
    if not _has_table(document):
        return 0
    return int(document.connection.execute("SELECT count(*) FROM merge_conflict").fetchone()[0])


def _find(document: AuditDocument, record_uuid: str, source: str) -> Conflict:
    for conflict in list_conflicts(document, record_uuid):
        if conflict.source == source:
            return conflict
    raise RecordError(
        Text(
            f"No open conflict for record {record_uuid} from {source}.",
            f"记录 {record_uuid} 没有来自 {source} 的未解决冲突。",
        ),
        record_uuid,
    )


def settle(document: AuditDocument, record_uuid: str, source: str, choice: Choice) -> Changes:
    """Settle one conflict: keep the local version, or take the other side's. Logged as a "settle".

    Either way the result is a revision above both versions (theirs keeps its own revision, author
    and time when it is already the higher one), and the base shared with `source` becomes their
    revision, so their version is not raised as a conflict again.
    """
    document.require_writable()
    conflict = _find(document, record_uuid, source)
    records = document.records
    local = conflict.local
    revision = max(local.revision, conflict.theirs.revision) + 1
    now = now_iso(document.clock)
    if choice is Choice.THEIRS and conflict.theirs.revision > local.revision:
        version = conflict.theirs
    else:
        kept = conflict.theirs if choice is Choice.THEIRS else envelope_of(local)
        version = RemoteEnvelope(
            **{**kept.__dict__, "revision": revision, "author": document.author, "modified_at": now}
        )
    if choice is Choice.THEIRS:
        values, flags = conflict.their_values, set(conflict.their_overridden)
    else:
        values, flags = dict(local.values), set(local.overridden)
    with document.transaction():
        write_version(records, local, version, values, flags, source, operation="settle")
        set_base(records, record_uuid, source, conflict.theirs.revision)
        document.connection.execute(
            "DELETE FROM merge_conflict WHERE record_uuid = ? AND source = ?", [record_uuid, source]
        )
    return Changes.of([local.form_id], edited=[record_uuid])
