"""The pure merge decision: older, same, newer, changed on both sides, tombstones."""

from __future__ import annotations

from dataclasses import replace

import pytest

from audit.merge import MergeAction, RemoteEnvelope, decide

RECORD = "2f0c4c2e-5a4b-4f7e-9d0f-3c1d2b7a9e10"


def version(revision: int, author: str = "li.auditor", minute: int = 0, deleted: bool = False) -> RemoteEnvelope:
    return RemoteEnvelope(
        uuid=RECORD,
        form_id="motor",
        form_version=1,
        revision=revision,
        author=author,
        created_at="2026-11-02T09:00:00",
        modified_at=f"2026-11-02T10:{minute:02d}:00",
        state="draft",
        deleted=deleted,
    )


def test_a_record_not_held_here_is_inserted() -> None:
    assert decide(None, None, version(5)) is MergeAction.INSERT


def test_the_version_held_here_is_unchanged_whatever_the_base() -> None:
    for base in (None, 1, 5):
        assert decide(version(5), base, version(5)) is MergeAction.UNCHANGED


def test_a_newer_revision_applies_when_only_the_other_side_changed() -> None:
    assert decide(version(2), 2, version(5, minute=9)) is MergeAction.APPLY


def test_an_older_or_already_seen_revision_keeps_the_local_one() -> None:
    # Packages 1 and 2 arrive out of order: revision 3 after revision 5 was applied.
    assert decide(version(5, minute=9), 5, version(3, minute=3)) is MergeAction.KEEP_LOCAL
    # The local record moved on since the base; the source sends the base again.
    assert decide(version(6, author="office"), 5, version(5, minute=9)) is MergeAction.KEEP_LOCAL


def test_changes_on_both_sides_since_the_base_are_a_conflict() -> None:
    local = version(3, author="office", minute=30)
    assert decide(local, 2, version(3, minute=31)) is MergeAction.CONFLICT
    assert decide(local, 2, version(7, minute=40)) is MergeAction.CONFLICT
    assert decide(version(9, author="office"), 2, version(4)) is MergeAction.CONFLICT


def test_a_newer_delete_applies_and_an_older_revision_never_resurrects_it() -> None:
    deleted = version(6, minute=20, deleted=True)
    assert decide(version(5), 5, deleted) is MergeAction.APPLY
    # Once the delete is held (base 6), the edit it superseded cannot bring the record back.
    assert decide(deleted, 6, version(5)) is MergeAction.KEEP_LOCAL
    assert decide(deleted, None, version(5)) is MergeAction.KEEP_LOCAL


def test_delete_against_edit_on_both_sides_is_a_conflict_either_way() -> None:
    local_delete = version(4, author="office", deleted=True)
    remote_edit = version(4, minute=12)
    assert decide(local_delete, 3, remote_edit) is MergeAction.CONFLICT
    assert decide(version(4, author="office"), 3, version(4, minute=12, deleted=True)) is MergeAction.CONFLICT


def test_without_a_base_only_an_older_revision_is_settled_without_a_person() -> None:
    local = version(3, author="office")
    assert decide(local, None, version(2)) is MergeAction.KEEP_LOCAL
    assert decide(local, None, version(3)) is MergeAction.CONFLICT
    assert decide(local, None, version(4)) is MergeAction.CONFLICT
    # With the revision this copy first held the record at as the base, an untouched copy takes newer ones.
    assert decide(version(1), 1, version(4)) is MergeAction.APPLY


def test_the_same_revision_by_another_author_or_time_is_another_version() -> None:
    assert not version(3).same_version(version(3, author="office"))
    assert not version(3).same_version(version(3, minute=1))
    assert not version(3).same_version(version(3, deleted=True))
    assert version(3).same_version(replace(version(3), form_version=2))


def test_an_envelope_reads_from_a_stored_row_or_exported_record() -> None:
    row = {**version(4).__dict__, "deleted": 1, "values": {"tag": "M-1"}}
    assert RemoteEnvelope.from_mapping(row) == version(4, deleted=True)


def test_two_different_records_cannot_be_merged() -> None:
    with pytest.raises(ValueError, match="cannot merge"):
        decide(replace(version(1), uuid="another"), 1, version(2))
