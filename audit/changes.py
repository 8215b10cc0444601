"""What a write to the audit touched, so that views refresh from one place (as Anki's OpChanges).

Every store write returns a `Changes`: `RecordStore.delete/restore/set_overridden/set_state` and the
photo functions return it directly; writes that already return something return it with a
`.changes` attribute (`Added` is the new uuid, `AddedMany` the list of new uuids, `Updated` the
{field: old value} mapping), so existing callers keep working.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


def _frozen(items: Iterable[str]) -> frozenset[str]:
    return frozenset(items)


@dataclass(frozen=True)
class Changes:
    """Forms whose record lists or values changed, records touched, photos touched.

    `edited` are the records (of `record_uuids`) whose field values changed in place; records added,
    deleted or restored are in `record_uuids` only.
    """

    form_ids: frozenset[str] = field(default_factory=frozenset)
    record_uuids: frozenset[str] = field(default_factory=frozenset)
    photos: frozenset[str] = field(default_factory=frozenset)
    edited: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        form_ids: Iterable[str] = (),
        record_uuids: Iterable[str] = (),
        photos: Iterable[str] = (),
        edited: Iterable[str] = (),
    ) -> Changes:
        edited_set = _frozen(edited)
        return cls(_frozen(form_ids), _frozen(record_uuids) | edited_set, _frozen(photos), edited_set)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.form_ids | other.form_ids,
            self.record_uuids | other.record_uuids,
            self.photos | other.photos,
            self.edited | other.edited,
        )

    def __bool__(self) -> bool:
        return bool(self.form_ids or self.record_uuids or self.photos)


NO_CHANGES = Changes()


def union(all_changes: Iterable[Changes]) -> Changes:
    result = NO_CHANGES
    for changes in all_changes:
        result = result | changes
    return result


class Stored(str):
    """A text a write stored (a caption as cleaned), with what the write changed."""

    changes: Changes

    def __new__(cls, value: str, changes: Changes) -> Stored:
        stored = super().__new__(cls, value)
        stored.changes = changes
        return stored


class Added(Stored):
    """The uuid of a record or photo just added, with what the addition changed."""


class AddedMany(list[str]):
    """The uuids of records just added, with what the addition changed."""

    def __init__(self, values: Iterable[str], changes: Changes) -> None:
        super().__init__(values)
        self.changes = changes


class Updated(dict[str, Any]):
    """{field: old value} of what an update changed, with the Changes it made (empty when nothing)."""

    def __init__(self, old_values: Mapping[str, Any], changes: Changes) -> None:
        super().__init__(old_values)
        self.changes = changes
