"""The photos sheet: one thumbnail per photo, with its file name and the records it shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from audit.attachments import all_photos, photos_for
from audit.document import AuditDocument
from audit.report.export import export_report


def test_every_photo_has_a_thumbnail_and_names_its_records(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    export_report(demo_path, target, "en", today=dt.date(2026, 4, 1))
    with AuditDocument.open(demo_path, read_only=True) as document:
        photos = all_photos(document)
        motor = document.records.list("motor")[0]
        motor_photos = {p.original_name for p in photos_for(document, motor.uuid)}
        motor_title = document.records.title(motor, "en")
        motor_form = document.registry["motor"].label.en
    sheet = openpyxl.load_workbook(target)["Photos"]
    assert len(sheet._images) == len(photos) > 0
    rows = {row[2]: row for row in sheet.iter_rows(min_row=5, values_only=True) if row[2]}
    assert set(rows) == {p.original_name for p in photos}
    for name in motor_photos:
        assert f"{motor_form} {motor_title}" in rows[name][4]
    # Each thumbnail sits in its photo's row.
    anchors = sorted(image.anchor._from.row for image in sheet._images)
    assert anchors == list(range(4, 4 + len(photos)))  # zero-based: rows 5, 6, …


def test_a_photos_caption_is_its_caption_in_the_sheet_as_text(demo_path: Path, tmp_path: Path) -> None:
    import shutil

    from audit.photo_captions import set_caption

    path = tmp_path / "demo.fieldaudit"
    shutil.copy(demo_path, path)
    with AuditDocument.open(path, author="tester") as document:
        first, second = all_photos(document)[:2]
        set_caption(document, first.uuid, "1# 空压机铭牌")
        set_caption(document, second.uuid, "=1+1 is not a formula")
    target = tmp_path / "r.xlsx"
    export_report(path, target, "zh", today=dt.date(2026, 4, 1))
    sheet = openpyxl.load_workbook(target)["照片"]
    assert [cell.value for cell in sheet[4]][5] == "照片说明"
    rows = {row[2]: row for row in sheet.iter_rows(min_row=5, values_only=True) if row[2]}
    assert rows[first.original_name][5] == "1# 空压机铭牌"
    assert rows[second.original_name][5] == "=1+1 is not a formula"
    assert (
        sheet.cell(
            row=next(r for r in range(5, 5 + len(rows)) if sheet.cell(r, 3).value == second.original_name), column=6
        ).data_type
        == "s"
    )
