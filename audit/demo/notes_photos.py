"""Demo part: site notes and nameplate/meter photos (drawn here, so the demo needs no image files)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from audit.attachments import add_photo
from audit.demo import DemoContext
from audit.document import AuditDocument

ORDER = 90

NOTES = [
    (
        "空压站管网泄漏明显",
        "issue",
        "空压站至定型车间主管有多处法兰、快速接头漏气，停机时压力 30 分钟内由 0.70 MPa 降至 0.45 MPa。",
    ),
    ("染色车间冷凝水直排", "issue", "3# 染缸间接加热冷凝水未回收，直接排入地沟，水温约 85 °C。"),
    ("与设备能源部访谈", "interview", "企业计划 2026 年对定型机废气余热回收改造，已有供应商方案，投资约 180 万元。"),
    ("照明已部分改造", "observation", "成品仓库已改 LED，前处理车间仍为 T8 荧光灯。"),
]


def _nameplate(path: Path, lines: list[str], size: tuple[int, int]) -> None:
    """A brushed-metal plate with engraved text, legible in a 256 px thumbnail."""
    width, height = size
    image = Image.new("RGB", size, (176, 182, 190))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 6):  # brushing
        shade = 170 + (y * 7919 % 23)
        draw.line((0, y, width, y), fill=(shade, shade + 5, shade + 12), width=3)
    margin = width // 30
    draw.rounded_rectangle(
        (margin, margin, width - margin, height - margin), radius=margin, outline=(45, 45, 50), width=margin // 3
    )
    for corner_x in (2 * margin, width - 2 * margin):
        for corner_y in (2 * margin, height - 2 * margin):
            draw.ellipse(
                (corner_x - margin // 2, corner_y - margin // 2, corner_x + margin // 2, corner_y + margin // 2),
                fill=(90, 90, 95),
            )
    longest = max(len(line) for line in lines)
    # The default font's glyphs are about 0.6 em wide: the longest line fits inside the frame.
    font_px = min(height // (len(lines) + 3), int((width - 6 * margin) / (0.62 * longest)))
    font = ImageFont.load_default(size=font_px)
    for row, text in enumerate(lines):
        draw.text(
            (3 * margin, 2 * margin + font_px // 2 + row * int(font_px * 1.3)), text, fill=(25, 25, 30), font=font
        )
    image.save(path, format="JPEG", quality=88)


def populate(document: AuditDocument, context: DemoContext) -> None:
    # One nameplate of each of a few kinds of equipment (handles look like "motor:M-01").
    first_of_kind: dict[str, str] = {}
    for key in sorted(key for key in context.handles if ":" in key):
        first_of_kind.setdefault(key.split(":", 1)[0], key)
    first_equipment = [
        first_of_kind[k] for k in ("motor", "air_compressor", "transformer", "pump") if k in first_of_kind
    ]
    for title, category, body in NOTES:
        document.records.add(
            "note",
            {
                "title": title,
                "category": category,
                "body": body,
                "observed_at": f"{context.audit_year + 1}-03-1{context.rng.randint(0, 3)} {context.rng.randint(9, 16)}:00",
                "linked_record": context.handles.get("enterprise"),
            },
        )
    with tempfile.TemporaryDirectory() as folder:
        for index, key in enumerate(first_equipment[:4]):
            kind, tag = key.split(":", 1)
            path = Path(folder) / f"nameplate_{index}.jpg"
            _nameplate(
                path,
                [
                    tag,
                    kind.replace("_", " ").upper(),
                    f"No. {2019 + index}-{context.rng.randint(1000, 9999)}",
                ],
                (2600, 1800),
            )
            add_photo(document, path, link_to=context.handles[key])
        meter = Path(folder) / "meter.jpg"
        _nameplate(meter, ["WATER METER DN100", "045217.3 m3"], (1600, 1200))
        add_photo(document, meter, link_to=context.handles.get("enterprise"))
