"""Someone else's revision applied to this audit: stored as it came, logged with its origin, conflicts kept.

`RecordStore.apply_remote` calls `apply_remote` here. The decision is `audit.merge.decide`; this
module reads what it needs (the local version, the base shared with the source), writes the result
and keeps the bookkeeping: the base revision per record and source, and the other side's version of
a record changed on both sides (`merge_conflict`) until a person settles it (audit/conflicts.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audit.changes import Changes
from audit.clock import now_iso
from audit.errors import RecordError
from audit.merge import MergeAction, RemoteEnvelope, decide
from audit.schema import encode, override_column
from forms.spec import FieldSpec, Text

if TYPE_CHECKING:
    from audit.records import Record, RecordStore


@dataclass(frozen=True, eq=False)
class Merged(Changes):
    """What applying a remote revision changed, and the decision taken (INSERT, APPLY, CONFLICT, ...)."""

    action: MergeAction = MergeAction.UNCHANGED

    @classmethod
    def of_action(cls, action: MergeAction, form_id: str, record_uuid: str, edited: bool = False) -> Merged:
        touched = frozenset([record_uuid])
        return cls(frozenset([form_id]), touched, frozenset(), touched if edited else frozenset(), action)


def envelope_of(record: Record) -> RemoteEnvelope:
    return RemoteEnvelope(
        uuid=record.uuid,
        form_id=record.form_id,
        form_version=record.form_version,
        revision=record.revision,
        author=record.author,
        created_at=record.created_at,
        modified_at=record.modified_at,
        state=record.state,
        deleted=record.deleted,
    )


def local_envelope(store: RecordStore, record_uuid: str) -> RemoteEnvelope | None:
    """The envelope of the version held here (None: not held), read without its values."""
    connection = store.document.connection
    found = connection.execute("SELECT form_id, table_name FROM record_index WHERE uuid = ?", [record_uuid]).fetchone()
    if found is None or found[0] == "attachment":
        return None
    row = connection.execute(
        f'SELECT form_version, revision, author, created_at, modified_at, state, deleted FROM "{found[1]}" '
        "WHERE uuid = ?",
        [record_uuid],
    ).fetchone()
    return RemoteEnvelope(
        record_uuid,
        str(found[0]),
        int(row[0]),
        int(row[1]),
        str(row[2]),
        str(row[3]),
        str(row[4]),
        str(row[5]),
        bool(row[6]),
    )


def base_revision(store: RecordStore, record_uuid: str, source: str) -> int | None:
    """The last revision of the record this audit and `source` are known to share (None: never merged)."""
    row = store.document.connection.execute(
        "SELECT revision FROM merge_base WHERE record_uuid = ? AND source = ?", [record_uuid, source]
    ).fetchone()
    return None if row is None else int(row[0])


def _first_revision(store: RecordStore, record_uuid: str, held: RemoteEnvelope) -> int:
    """The revision this audit first held the record at (created here, or first merged in).

    Its "create" entry's revision (not the lowest logged: a conflict logs the other side's revision,
    a photo link revision 0); a record whose creation is not logged has not changed since
    (`RecordStore._log_creation`): it is still at that revision. This is also the base a record added from a source shares with it, so
    adding one stores no `merge_base` row (issue 15: one per imported record).
    """
    row = store.document.connection.execute(
        "SELECT revision FROM change_log WHERE record_uuid = ? AND operation = 'create' ORDER BY id LIMIT 1",
        [record_uuid],
    ).fetchone()
    return held.revision if row is None or row[0] is None else int(row[0])


def set_base(store: RecordStore, record_uuid: str, source: str, revision: int) -> None:
    """Remember that both sides hold `revision` (never lowers a base already known)."""
    store.document.connection.execute(
        "INSERT INTO merge_base (record_uuid, source, revision) VALUES (?, ?, ?) "
        "ON CONFLICT (record_uuid, source) DO UPDATE SET revision = max(revision, excluded.revision)",
        [record_uuid, source, revision],
    )


def parse_remote(
    store: RecordStore, incoming: RemoteEnvelope, values: Mapping[str, Any], overridden: Iterable[str]
) -> tuple[dict[str, Any], set[str]]:
    """Every field of the incoming version (absent = empty), parsed and calculated, and its overridden fields."""
    fields = store._fields(incoming.form_id)
    try:
        parsed = store.parse(incoming.form_id, values)
    except RecordError as error:
        raise RecordError(error.message, record=incoming.uuid, field=error.field) from None
    flags = {name for name in overridden if any(spec.name == name and spec.is_calculated for spec in fields)}
    full = {spec.name: parsed.get(spec.name) for spec in fields}
    store._apply_calculations(fields, full, flags)
    return full, flags


def apply_remote(
    store: RecordStore,
    incoming: RemoteEnvelope,
    values: Mapping[str, Any],
    origin: str,
    *,
    parent: str | None = None,
    overridden: Iterable[str] = (),
) -> Merged:
    """Apply one revision made elsewhere (see `RecordStore.apply_remote`)."""
    store.document.require_writable()
    _check_form(store, incoming)
    held = local_envelope(store, incoming.uuid)
    if held is not None and held.form_id != incoming.form_id:
        raise RecordError(
            Text(
                f"Record {incoming.uuid} is a {held.form_id} record here, not a {incoming.form_id} record.",
                f"记录 {incoming.uuid} 在此为 {held.form_id} 记录，而不是 {incoming.form_id} 记录。",
            ),
            incoming.uuid,
        )
    with store.document.transaction():
        if held is None:
            full, flags = parse_remote(store, incoming, values, overridden)
            return _insert(store, incoming, full, flags, origin, parent)
        base = base_revision(store, incoming.uuid, origin)
        if base is None:
            base = _first_revision(store, incoming.uuid, held)
        action = decide(held, base, incoming)
        if action in (MergeAction.UNCHANGED, MergeAction.KEEP_LOCAL):
            # Nothing to store (the values are not even read): a file imported again writes nothing.
            if action is MergeAction.UNCHANGED and base != incoming.revision:
                set_base(store, incoming.uuid, origin, incoming.revision)
            return Merged(action=action)
        local = store.get(incoming.uuid, with_children=False)
        full, flags = parse_remote(store, incoming, values, overridden)
        if action is MergeAction.CONFLICT and _same_content(local, full, flags, incoming):
            # Both sides made the same change: no conflict. Both keep the larger stamp, so they converge.
            if _stamp(incoming) <= _stamp(envelope_of(local)):
                set_base(store, incoming.uuid, origin, incoming.revision)
                return Merged(action=MergeAction.UNCHANGED)
            action = MergeAction.APPLY
        if action is MergeAction.APPLY:
            return _apply(store, local, incoming, full, flags, origin)
        return _keep_conflict(store, local, incoming, full, flags, origin)


def _check_form(store: RecordStore, incoming: RemoteEnvelope) -> None:
    try:
        form, _ = store.spec_for(incoming.form_id)
    except KeyError:
        raise RecordError(
            Text(f"Unknown form {incoming.form_id!r}.", f"未知表单“{incoming.form_id}”。"), incoming.uuid
        ) from None
    if incoming.form_version > form.version:
        raise RecordError(
            Text(
                f"Record {incoming.uuid} was captured with version {incoming.form_version} of form {form.id}; "
                f"this FieldAudit knows up to version {form.version}.",
                f"记录 {incoming.uuid} 使用表单 {form.id} 的第{incoming.form_version}版录入，本程序最高支持第{form.version}版。",
            ),
            incoming.uuid,
        )


def _stamp(envelope: RemoteEnvelope) -> tuple[int, str, str]:
    return (envelope.revision, envelope.modified_at, envelope.author)


def _same_content(local: Record, full: Mapping[str, Any], flags: set[str], incoming: RemoteEnvelope) -> bool:
    return (
        dict(local.values) == dict(full)
        and set(local.overridden) == flags
        and (local.deleted, local.state) == (incoming.deleted, incoming.state)
    )


def _insert(
    store: RecordStore,
    incoming: RemoteEnvelope,
    full: dict[str, Any],
    flags: set[str],
    origin: str,
    parent: str | None,
) -> Merged:
    envelope = {**incoming.__dict__, "overridden": sorted(flags)}
    values = {name: value for name, value in full.items() if value is not None}
    # Its base with `origin` is the revision it came at: its first revision here (`_first_revision`).
    store.add_many(incoming.form_id, [values], parent=parent, envelopes=[envelope], origin=origin, use_defaults=False)
    return Merged.of_action(MergeAction.INSERT, incoming.form_id, incoming.uuid)


def _apply(
    store: RecordStore,
    local: Record,
    incoming: RemoteEnvelope,
    full: dict[str, Any],
    flags: set[str],
    origin: str,
) -> Merged:
    write_version(store, local, incoming, full, flags, origin, operation="merge")
    set_base(store, incoming.uuid, origin, incoming.revision)
    return Merged.of_action(MergeAction.APPLY, incoming.form_id, incoming.uuid, edited=True)


def write_version(
    store: RecordStore,
    local: Record,
    incoming: RemoteEnvelope,
    full: Mapping[str, Any],
    flags: set[str],
    origin: str | None,
    operation: str,
) -> None:
    """Overwrite the stored record with `incoming`'s version (values, flags, envelope); log each change."""
    fields = store._fields(local.form_id)
    store._refuse_new_errors(fields, local.values, full, local.uuid)
    store._check_links(fields, {name: value for name, value in full.items() if value is not None})
    columns, parameters = _version_columns(fields, incoming, full, flags)
    store._log_creation(local.uuid, local.form_id)
    assignments = ", ".join(f'"{column}" = ?' for column in columns)
    store.document.connection.execute(
        f'UPDATE "{store._table(local.form_id)}" SET {assignments} WHERE uuid = ?', [*parameters, local.uuid]
    )
    _log_version(store, local, incoming, full, origin, operation)


def _version_columns(
    fields: tuple[FieldSpec, ...], incoming: RemoteEnvelope, full: Mapping[str, Any], flags: set[str]
) -> tuple[list[str], list[Any]]:
    columns = ["form_version", "revision", "author", "created_at", "modified_at", "state", "deleted"]
    parameters: list[Any] = [
        incoming.form_version,
        incoming.revision,
        incoming.author,
        incoming.created_at,
        incoming.modified_at,
        incoming.state,
        int(incoming.deleted),
    ]
    for spec in fields:
        columns.append(spec.name)
        parameters.append(encode(spec, full.get(spec.name)))
        if spec.is_calculated:
            columns.append(override_column(spec.name))
            parameters.append(int(spec.name in flags))
    return columns, parameters


def _log_version(
    store: RecordStore,
    local: Record,
    incoming: RemoteEnvelope,
    full: Mapping[str, Any],
    origin: str | None,
    operation: str,
) -> None:
    """One log row per changed field (by the revision's author, at its time), then tombstone and state."""

    def log(op: str, name: str | None = None, old: Any = None, new: Any = None) -> None:
        store._log(
            local.uuid,
            local.form_id,
            op,
            incoming.revision,
            name,
            old,
            new,
            at=incoming.modified_at,
            author=incoming.author,
            origin=origin,
        )

    changed = [name for name in full if full[name] != local.values.get(name)]
    for name in changed:
        log(operation, name, local.values.get(name), full[name])
    if incoming.deleted != local.deleted:
        log("delete" if incoming.deleted else "restore")
    if incoming.state != local.state:
        log("state", "state", local.state, incoming.state)
    if not changed and incoming.deleted == local.deleted and incoming.state == local.state:
        log(operation)  # the same values under another revision: still says where it came from


def store_conflict(
    store: RecordStore,
    incoming: RemoteEnvelope,
    full: Mapping[str, Any],
    flags: set[str],
    origin: str,
    local_revision: int,
) -> None:
    """Keep (or replace) the version from `origin` of a record changed on both sides."""
    store.document.connection.execute(
        "INSERT OR REPLACE INTO merge_conflict (record_uuid, source, form_id, form_version, revision, author, "
        "created_at, modified_at, state, deleted, values_json, overridden_json, local_revision, detected_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            incoming.uuid,
            origin,
            incoming.form_id,
            incoming.form_version,
            incoming.revision,
            incoming.author,
            incoming.created_at,
            incoming.modified_at,
            incoming.state,
            int(incoming.deleted),
            json.dumps(dict(full), ensure_ascii=False, sort_keys=True),
            json.dumps(sorted(flags)),
            local_revision,
            now_iso(store.document.clock),
        ],
    )


def _keep_conflict(
    store: RecordStore,
    local: Record,
    incoming: RemoteEnvelope,
    full: dict[str, Any],
    flags: set[str],
    origin: str,
) -> Merged:
    """Keep the other side's version beside the local one (the newest from that source), local untouched."""
    store._refuse_new_errors(store._fields(local.form_id), local.values, full, local.uuid)
    held = store.document.connection.execute(
        "SELECT revision FROM merge_conflict WHERE record_uuid = ? AND source = ?", [local.uuid, origin]
    ).fetchone()
    if held is not None and int(held[0]) >= incoming.revision:
        return Merged(action=MergeAction.CONFLICT)
    store_conflict(store, incoming, full, flags, origin, local.revision)
    store._log(
        local.uuid,
        local.form_id,
        "conflict",
        incoming.revision,
        at=incoming.modified_at,
        author=incoming.author,
        origin=origin,
    )
    return Merged.of_action(MergeAction.CONFLICT, incoming.form_id, incoming.uuid)
