"""The water-balance diagram is drawn once per content of the test and reused by later exports."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from audit.analysis import analyse_document
from audit.chart_fonts import font_families
from audit.document import AuditDocument
from audit.report.export import export_report
from audit.water.diagram_cache import CACHE_ENV, diagram_key

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _pngs(report: Path) -> list[bytes]:
    with zipfile.ZipFile(report) as archive:
        return [archive.read(name) for name in archive.namelist() if name.endswith(".png")]


def _diagrams(cache: Path) -> list[Path]:
    return sorted(cache.glob("water-diagram-*.png"))


def test_second_export_reuses_the_drawn_diagram(demo_path: Path, cache: Path, tmp_path: Path) -> None:
    export_report(demo_path, tmp_path / "first.xlsx", "zh")
    [drawn] = _diagrams(cache)
    assert drawn.read_bytes() in _pngs(tmp_path / "first.xlsx")
    # Put another picture under the same key: the next export takes it as it is, so it did not draw.
    planted = _png((200, 30, 30))
    drawn.write_bytes(planted)
    export_report(demo_path, tmp_path / "again.xlsx", "zh")
    assert planted in _pngs(tmp_path / "again.xlsx")
    # Another language is another picture.
    export_report(demo_path, tmp_path / "en.xlsx", "en")
    assert len(_diagrams(cache)) == 2 and planted not in _pngs(tmp_path / "en.xlsx")


def test_an_edit_to_the_water_test_draws_it_again(demo_path: Path, cache: Path, tmp_path: Path) -> None:
    audit = tmp_path / "audit.fieldaudit"
    shutil.copy(demo_path, audit)
    export_report(audit, tmp_path / "before.xlsx", "zh")
    [drawn] = _diagrams(cache)
    planted = _png((30, 200, 30))
    drawn.write_bytes(planted)
    with AuditDocument.open(audit, author="tester") as document:
        unit = document.records.list("water_unit")[0]
        document.records.update(unit.uuid, {"name": "改名后的用水单元"})
    export_report(audit, tmp_path / "after.xlsx", "zh")
    assert len(_diagrams(cache)) == 2
    assert planted not in _pngs(tmp_path / "after.xlsx")


def test_a_damaged_cache_file_is_drawn_again(demo_path: Path, cache: Path, tmp_path: Path) -> None:
    export_report(demo_path, tmp_path / "first.xlsx", "zh")
    [drawn] = _diagrams(cache)
    good = drawn.read_bytes()
    drawn.write_bytes(good[: len(good) // 3][:8] + b"not a picture")
    export_report(demo_path, tmp_path / "again.xlsx", "zh")
    assert drawn.read_bytes() == good
    assert good in _pngs(tmp_path / "again.xlsx")


def test_an_unusable_cache_folder_still_exports_the_diagram(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("x")
    monkeypatch.setenv(CACHE_ENV, str(blocked))
    export_report(demo_path, tmp_path / "report.xlsx", "zh")
    diagrams = [png for png in _pngs(tmp_path / "report.xlsx") if Image.open(io.BytesIO(png)).size[0] > 1000]
    assert len(diagrams) == 1


def test_the_key_is_the_same_in_every_process(demo_path: Path) -> None:
    """The key is a hash of the content, so a fresh process (another string hash seed) finds the picture."""
    with AuditDocument.open(demo_path, read_only=True) as document:
        water = analyse_document(document).water
    here = diagram_key(water, "zh", "png", 110)
    assert here != diagram_key(water, "en", "png", 110) and here != diagram_key(water, "zh", "png", 150)
    program = (
        "import sys; from pathlib import Path; from audit.analysis import analyse_document; "
        "from audit.document import AuditDocument; from audit.water.diagram_cache import diagram_key\n"
        "with AuditDocument.open(Path(sys.argv[1]), read_only=True) as d: print(diagram_key(analyse_document(d).water, 'zh', 'png', 110))"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", program, str(demo_path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == here


def _fonts(image: Path) -> list[list[object]]:
    return list(json.loads(image.with_name(image.name + ".fonts").read_text(encoding="utf-8")))


def test_the_fonts_a_diagram_was_drawn_with_are_kept_beside_it(demo_path: Path, cache: Path, tmp_path: Path) -> None:
    from matplotlib import font_manager

    export_report(demo_path, tmp_path / "report.xlsx", "zh")
    [drawn] = _diagrams(cache)
    listed = _fonts(drawn)
    paths = [Path(str(path)) for path, _size, _mtime in listed]
    assert all(size == path.stat().st_size for path, (_, size, _) in zip(paths, listed, strict=True))
    # The file matplotlib draws the first fallback family from (a Chinese one when installed), and its
    # list of installed fonts, which it makes again when fonts change.
    first = font_manager.findfont(font_manager.FontProperties(family=font_families()[0]), fallback_to_default=False)
    assert paths[0] == Path(first)
    assert paths[-1].name.startswith("fontlist-") and paths[-1].suffix == ".json"


def test_a_diagram_is_drawn_again_when_a_font_it_was_drawn_with_changes(
    demo_path: Path, cache: Path, tmp_path: Path
) -> None:
    export_report(demo_path, tmp_path / "first.xlsx", "zh")
    [drawn] = _diagrams(cache)
    real = drawn.read_bytes()
    # Say the picture (a planted one) was drawn with a font file of our own, unchanged so far: it is reused.
    font = tmp_path / "font.ttc"
    font.write_bytes(b"a font")
    planted = _png((30, 30, 200))
    drawn.write_bytes(planted)
    stat = font.stat()
    drawn.with_name(drawn.name + ".fonts").write_text(json.dumps([[str(font), stat.st_size, stat.st_mtime_ns]]))
    export_report(demo_path, tmp_path / "same-fonts.xlsx", "zh")
    assert planted in _pngs(tmp_path / "same-fonts.xlsx")
    # The font is replaced (a font installed, updated or removed): the diagram is drawn again.
    font.write_bytes(b"another font, longer")
    export_report(demo_path, tmp_path / "new-font.xlsx", "zh")
    assert planted not in _pngs(tmp_path / "new-font.xlsx") and real in _pngs(tmp_path / "new-font.xlsx")
    assert str(font) not in {path for path, _size, _mtime in _fonts(drawn)}
    # A picture with no list of fonts (cached before fonts were recorded) is drawn again too.
    drawn.write_bytes(planted)
    drawn.with_name(drawn.name + ".fonts").unlink()
    export_report(demo_path, tmp_path / "unlisted.xlsx", "zh")
    assert real in _pngs(tmp_path / "unlisted.xlsx") and _fonts(drawn)


def test_predraw_draws_what_the_report_shows_and_only_what_is_missing(
    demo_path: Path, cache: Path, tmp_path: Path
) -> None:
    from audit.water.diagram_cache import predraw

    drawn = predraw(demo_path, ("en", "zh"))
    assert sorted(p.name for p in drawn) == sorted(p.name for p in cache.glob("water-diagram-*.png"))
    assert len(drawn) == 2
    assert predraw(demo_path, ("zh", "en")) == []  # both are there now
    stamps = {p.name: p.with_name(p.name + ".fonts").stat().st_mtime_ns for p in drawn}
    for language in ("zh", "en"):
        report = tmp_path / f"{language}.xlsx"
        export_report(demo_path, report, language)
        # The report's picture is the one drawn ahead of it, and the export drew nothing.
        assert set(_pngs(report)) & {p.read_bytes() for p in drawn}
    assert {p.name: p.with_name(p.name + ".fonts").stat().st_mtime_ns for p in drawn} == stamps
    assert len(list(cache.glob("water-diagram-*.png"))) == 2


def test_predraw_draws_nothing_for_an_audit_without_a_water_test(document: AuditDocument, cache: Path) -> None:
    from audit.water.diagram_cache import predraw

    assert predraw(document.path, ("zh", "en")) == []
    assert not cache.exists() or list(cache.iterdir()) == []
