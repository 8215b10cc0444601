"""Every write to the audit returns the Changes that names what it touched (forms, records, photos)."""

from __future__ import annotations

from pathlib import Path

from audit import attachments
from audit.changes import Changes
from audit.document import AuditDocument
from audit.photo_captions import set_caption
from tests.audit.test_attachments import make_jpeg


def test_record_writes_name_their_form_and_records(document: AuditDocument) -> None:
    records = document.records
    motor = records.add("motor", {"tag": "M-1", "rated_power_kw": 30})
    assert motor.changes == Changes.of(["motor"], [motor])
    many = records.add_many("motor", [{"tag": "M-2"}, {"tag": "M-3"}])
    assert many.changes == Changes.of(["motor"], many) and len(many) == 2

    updated = records.update(motor, {"rated_power_kw": 45})
    assert dict(updated) == {"rated_power_kw": 30}
    assert updated.changes == Changes.of(["motor"], edited=[motor])
    assert updated.changes.edited == {motor} and updated.changes.record_uuids == {motor}
    unchanged = records.update(motor, {"rated_power_kw": 45})
    assert dict(unchanged) == {} and not unchanged.changes

    assert records.delete(many[0]) == Changes.of(["motor"], [many[0]])
    assert not records.delete(many[0])  # already deleted: nothing changed, nothing to refresh
    assert records.restore(many[0]) == Changes.of(["motor"], [many[0]])
    assert records.set_state(motor, "reviewed") == Changes.of(["motor"], edited=[motor])


def test_a_repeat_row_names_the_repeat_form(document: AuditDocument) -> None:
    records = document.records
    system = records.add("compressed_air_system", {"name": "Main"})
    row = records.add(
        "compressed_air_system.end_uses", {"end_use": "Looms", "required_pressure_mpa": 0.6}, parent=system
    )
    assert row.changes == Changes.of(["compressed_air_system.end_uses"], [row])


def test_photo_writes_name_the_photos_and_records(document: AuditDocument, tmp_path: Path) -> None:
    motor = document.records.add("motor", {"tag": "M-7"})
    photo = attachments.add_photo(document, make_jpeg(tmp_path / "plate.jpg", (400, 300)), link_to=motor)
    assert photo.changes == Changes.of(record_uuids=[motor], photos=[photo])
    assert not photo.changes.form_ids  # a photo changes no field of the record
    assert attachments.unlink_photo(document, photo, motor) == Changes.of(record_uuids=[motor], photos=[photo])
    assert attachments.link_photo(document, photo, motor) == Changes.of(record_uuids=[motor], photos=[photo])
    assert attachments.delete_photo(document, photo) == Changes.of(photos=[photo])
    assert attachments.restore_photo(document, photo) == Changes.of(photos=[photo])
    assert [info.uuid for info in attachments.photos_for(document, motor)] == [photo]


def test_a_caption_names_its_photo_and_an_unchanged_one_nothing(document: AuditDocument, tmp_path: Path) -> None:
    photo = attachments.add_photo(document, make_jpeg(tmp_path / "plate.jpg", (400, 300)))
    stored = set_caption(document, photo, "  Motor   M-07 nameplate ")
    assert stored == "Motor M-07 nameplate" and stored.changes == Changes.of(photos=[photo])
    assert not set_caption(document, photo, "Motor M-07 nameplate").changes
