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
from audit.remote import base_revision, envelope_of, set_base, store_conflict, write_version
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


def record_name(document: AuditDocument, conflict: Conflict, language: str) -> str:
    """ "Motors M-07": the form (or repeat group) and the record's title in the local version."""
    records = document.records
    form, repeat = records.spec_for(conflict.form_id)
    title = records.title(conflict.local, language)
    if repeat is not None:
        # A repeat row has no title field: its first text value names it ("Main products 印染布").
        text = next((v for v in conflict.local.values.values() if isinstance(v, str) and v.strip()), None)
        title = text or title
    return f"{(repeat or form).label.get(language)} {title}"


def versions_text(conflict: Conflict) -> Text:
    """Who made each version, and when: "here revision 3 by wang at …; audit:… revision 2 by li at …"."""
    local, theirs = conflict.local, conflict.theirs
    return Text(
        f"here revision {local.revision} by {local.author} at {local.modified_at}; "
        f"{conflict.source} revision {theirs.revision} by {theirs.author} at {theirs.modified_at}",
        f"本方第{local.revision}版（{local.author}，{local.modified_at}）；"
        f"{conflict.source} 第{theirs.revision}版（{theirs.author}，{theirs.modified_at}）",
    )


def difference_lines(document: AuditDocument, conflict: Conflict, language: str) -> list[str]:
    """One line per difference, "Rated power (kW): 37 | 45" (here | theirs), the tombstone first."""
    from audit.history import value_text

    form, repeat = document.records.spec_for(conflict.form_id)
    fields = {spec.name: spec for spec in (repeat or form).fields}
    lines: list[str] = []
    colon = "：" if language == "zh" else ": "
    if conflict.local.deleted != conflict.theirs.deleted:
        states = [
            Text("deleted", "已删除") if gone else Text("not deleted", "未删除")
            for gone in (conflict.local.deleted, conflict.theirs.deleted)
        ]
        lines.append(
            f"{Text('Deleted', '删除').get(language)}{colon}{states[0].get(language)} | {states[1].get(language)}"
        )
    for name in conflict.differing_fields():
        spec = fields.get(name)
        label = spec.label.get(language) if spec is not None else name
        if spec is not None and spec.unit:
            label = f"{label} ({spec.unit})"
        mine = value_text(document, spec, conflict.local.values.get(name), language)
        theirs = value_text(document, spec, conflict.their_values.get(name), language)
        lines.append(f"{label}{colon}{mine} | {theirs}")
    return lines


def base_before_settling(document: AuditDocument, conflict: Conflict) -> int | None:
    """The base shared with the conflict's source, as `unsettle` needs it back."""
    return base_revision(document.records, conflict.record_uuid, conflict.source)


def unsettle(document: AuditDocument, conflict: Conflict, base_before: int | None) -> Changes:
    """Undo `settle`: the local version of the conflict back (as a new revision), and the conflict open again."""
    document.require_writable()
    records = document.records
    current = records.get(conflict.record_uuid, with_children=False)
    local = conflict.local
    version = RemoteEnvelope(
        **{
            **envelope_of(local).__dict__,
            "revision": current.revision + 1,
            "author": document.author,
            "modified_at": now_iso(document.clock),
        }
    )
    with document.transaction():
        write_version(records, current, version, dict(local.values), set(local.overridden), None, operation="update")
        connection = document.connection
        if base_before is None:
            connection.execute(
                "DELETE FROM merge_base WHERE record_uuid = ? AND source = ?", [conflict.record_uuid, conflict.source]
            )
        else:
            connection.execute(
                "UPDATE merge_base SET revision = ? WHERE record_uuid = ? AND source = ?",
                [base_before, conflict.record_uuid, conflict.source],
            )
        their_values = {**conflict.their_values}
        store_conflict(
            records, conflict.theirs, their_values, set(conflict.their_overridden), conflict.source, version.revision
        )
    return Changes.of([local.form_id], edited=[conflict.record_uuid])
