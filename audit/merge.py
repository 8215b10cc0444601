"""Merging someone else's revision of a record: a pure decision on envelopes, shared by the audit and the office.

Every copy of an audit (the auditor's laptop, the office database) raises a record's revision by one
on each change and keeps, per record and per source it has merged from, the *base revision*: the
last revision of that record both sides are known to hold. A revision that arrives is then:

- not here yet: INSERT it as it came;
- the very version held here (same revision, author, time, tombstone, state): UNCHANGED;
- no newer than the base (already seen, or an older revision arriving late): KEEP_LOCAL, so a
  tombstone is never undone by an older revision;
- newer than the base while the local record is not: APPLY it as it came (a newer delete too);
- newer than the base while the local record changed too: CONFLICT (edit against edit, or delete
  against edit): both versions are kept for a person to settle, never an overwrite or a drop.

Without a base (never merged from that source) the shared history is unknown: an older revision is
taken as one already superseded here (KEEP_LOCAL) and anything else that differs is a CONFLICT. A
caller that knows more (the audit store knows the revision it first held a record at) passes it as
the base. Nothing here reads a database or a clock (ODK Central's entity `baseVersion` and
Anki's "append-only facts" are the models: ../shared/domain/FIELDWORK.md, RELIABILITY.md §2.2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class MergeAction(Enum):
    INSERT = "insert"
    APPLY = "apply"
    UNCHANGED = "unchanged"
    KEEP_LOCAL = "keep_local"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class RemoteEnvelope:
    """Who made which revision of which record, and when: what travels with every record."""

    uuid: str
    form_id: str
    form_version: int
    revision: int
    author: str
    created_at: str
    modified_at: str
    state: str
    deleted: bool

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RemoteEnvelope:
        """An envelope from a stored row or an exported record (extra keys are ignored)."""
        return cls(
            uuid=str(data["uuid"]),
            form_id=str(data["form_id"]),
            form_version=int(data["form_version"]),
            revision=int(data["revision"]),
            author=str(data["author"]),
            created_at=str(data["created_at"]),
            modified_at=str(data["modified_at"]),
            state=str(data["state"]),
            deleted=bool(data["deleted"]),
        )

    def same_version(self, other: RemoteEnvelope) -> bool:
        """Whether both name the same revision made by the same person at the same time."""
        return (self.uuid, self.revision, self.author, self.modified_at, self.deleted, self.state) == (
            other.uuid,
            other.revision,
            other.author,
            other.modified_at,
            other.deleted,
            other.state,
        )


def decide(local: RemoteEnvelope | None, base_revision: int | None, incoming: RemoteEnvelope) -> MergeAction:
    """What to do with `incoming`, given the version held here and the base revision shared with its source."""
    if local is None:
        return MergeAction.INSERT
    if local.uuid != incoming.uuid:
        raise ValueError(f"cannot merge record {incoming.uuid} into record {local.uuid}")
    if local.same_version(incoming):
        return MergeAction.UNCHANGED
    if base_revision is None:
        # Unknown shared history: an older revision is one this copy has gone past; anything else
        # may carry changes made on both sides.
        return MergeAction.KEEP_LOCAL if incoming.revision < local.revision else MergeAction.CONFLICT
    if incoming.revision <= base_revision:
        return MergeAction.KEEP_LOCAL
    if local.revision <= base_revision:
        return MergeAction.APPLY
    return MergeAction.CONFLICT
