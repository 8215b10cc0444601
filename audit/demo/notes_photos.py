"""Demo part: site notes and nameplate/meter photos (drawn here, so the demo needs no image files)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

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
    image = Image.new("RGB", size, (182, 188, 196))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, size[0] - 20, size[1] - 20), outline=(40, 40, 40), width=6)
    for row, text in enumerate(lines):
        draw.text((60, 60 + row * 48), text, fill=(20, 20, 20))
    image.save(path, format="JPEG", quality=90)


def populate(document: AuditDocument, context: DemoContext) -> None:
    first_equipment = sorted(key for key in context.handles if ":" in key)
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
                    f"{kind.upper()}  {tag}",
                    "NAMEPLATE / MINGPAI",
                    f"No. {2019 + index}-{context.rng.randint(1000, 9999)}",
                ],
                (2600, 1800),
            )
            add_photo(document, path, link_to=context.handles[key])
        meter = Path(folder) / "meter.jpg"
        _nameplate(meter, ["WATER METER DN100", "READING 0 4 5 2 1 7 . 3 m3"], (1600, 1200))
        add_photo(document, meter, link_to=context.handles.get("enterprise"))
