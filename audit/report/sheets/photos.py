"""Photos: each photo's thumbnail with its caption and the records (equipment, meters) it shows, linked."""

from __future__ import annotations

import io

from audit.report.cells import SheetWriter
from audit.report.context import ReportContext
from audit.report.photos import ReportPhoto
from audit.report.sheets import SheetSpec
from forms.spec import Text

THUMBNAIL_PX = 150  # the longer side of a thumbnail in the sheet
MARGIN_PX = 4

COLUMNS = (
    (Text("No.", "序号"), None),
    (Text("Photo", "照片"), None),
    (Text("File", "文件名"), None),
    (Text("Taken", "拍摄时间"), None),
    (Text("Shows", "对应记录"), None),
    (Text("Caption", "照片说明"), None),
)


def photos(context: ReportContext) -> list[ReportPhoto]:
    return list(context.parts.get("photos", []))


def _linked(context: ReportContext, writer: SheetWriter, row: int, photo: ReportPhoto) -> None:
    """The records a photo shows; the first one links to its row when the report lists it."""
    names = [f"{context.tr(link.form_label)} {link.title}" for link in photo.linked]
    if not names:
        writer.text(row, 4, Text("(not linked to a record)", "（未关联记录）"), "note")
        return
    anchor = next((context.anchors[link.uuid] for link in photo.linked if link.uuid in context.anchors), None)
    if anchor is None:
        writer.text(row, 4, "\n".join(names))
    else:
        writer.link(row, 4, anchor, "\n".join(names))


def build(context: ReportContext, writer: SheetWriter) -> None:
    row = writer.title(
        Text("Photos", "照片"), Text("Nameplates, meters and findings on site", "现场铭牌、计量器具及问题照片")
    )
    writer.headers(row, COLUMNS)
    writer.repeat_header(row)
    for number, photo in enumerate(photos(context), start=1):
        row += 1
        writer.number(row, 0, number, "integer")
        writer.blank(row, 1)
        width, height = photo.thumbnail_size
        scale = THUMBNAIL_PX / max(width, height, 1)
        writer.worksheet.insert_image(
            row,
            1,
            photo.original_name or "photo.jpg",
            {
                "image_data": io.BytesIO(photo.thumbnail),
                "x_scale": scale,
                "y_scale": scale,
                "x_offset": MARGIN_PX,
                "y_offset": MARGIN_PX,
                "object_position": 1,  # moves and sizes with its cell when rows are sorted or resized
                "description": photo.original_name,
            },
        )
        writer.set_height(row, (height * scale + 2 * MARGIN_PX) * 0.75)  # 1 pt = 4/3 px
        writer.text(row, 2, photo.original_name)
        writer.text(row, 3, (photo.captured_at or "").replace("T", " ")[:19])
        _linked(context, writer, row, photo)
        writer.text(row, 5, photo.caption)  # user text: written as text, never as a formula
    writer.widths[1] = (THUMBNAIL_PX + 2 * MARGIN_PX) / 7  # Excel width units are about 7 px


SHEET = SheetSpec(
    key="photos",
    order=90,
    title=Text("Photos", "照片"),
    build=build,
    applies=lambda context: bool(context.parts.get("photos")),
)
