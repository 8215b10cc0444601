"""The water-balance diagram rendered once per content and reused: a small cache of PNG/SVG files on disk.

Drawing the diagram with matplotlib costs about a second in a fresh process (most of it importing
matplotlib), yet it changes only when the water-balance test does. `diagram_bytes` keys each image
by a SHA-256 of everything the drawing reads (the units, sources, enterprise totals and test of the
`WaterResult`, the language, format and resolution) and of the drawing code itself, so an edit to
the audit, another language or a new version of the drawing never finds a stale image; the key is
the content, not a file name or a time. Cached files are plain images in the user's cache folder
(`FIELDAUDIT_CACHE_DIR` overrides it); when the folder cannot be used the diagram is drawn as before.

Beside each image, `<image>.fonts` lists the font files it was drawn with (size and modification time)
and matplotlib's list of installed fonts: a picture drawn before a Chinese font was installed (its
labels boxes) or with a font since removed or replaced is drawn again. Checking that is a few `stat`
calls; finding the fonts anew would mean loading matplotlib, the second the cache saves.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.water.model import WaterResult

if TYPE_CHECKING:
    from forms.registry import FormRegistry

CACHE_ENV = "FIELDAUDIT_CACHE_DIR"
KEEP_FILES = 64  # about 250 kB each: the newest few dozen diagrams (two languages of each audit revision)
# How a whole file of each format starts and ends (a truncated or replaced file is drawn again).
_SIGNATURES = {"png": (b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"), "svg": (b"<?xml", b"</svg>")}
_DRAWING_CODE = ("diagram.py", "../chart_fonts.py")


def cache_folder() -> Path:
    """Where FieldAudit keeps files it can always make again (the platform's user cache folder)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "FieldAudit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "FieldAudit"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fieldaudit"


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """The drawing code's own digest: a new version of the diagram never reuses an old picture."""
    from audit import APP_VERSION

    digest = hashlib.sha256(APP_VERSION.encode())
    here = Path(__file__).parent
    for name in _DRAWING_CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            continue  # installed without sources: the app version still tells versions apart
    return digest.digest()


def diagram_key(result: WaterResult, language: str, image_format: str, dpi: int) -> str:
    """SHA-256 of what the diagram shows and how it is drawn (the same in every process: dataclass reprs)."""
    shown = (result.enterprise_name, result.test, result.units, result.sources, result.enterprise)
    digest = hashlib.sha256(_code_digest())
    digest.update(f"{language}|{image_format}|{dpi}|".encode())
    digest.update(repr(shown).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _read(path: Path, image_format: str) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, tail = _SIGNATURES[image_format]
    if not (data.startswith(head) and data.rstrip().endswith(tail)):
        return None  # not a whole picture (truncated, or replaced by something else): draw it again
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when older diagrams are pruned
    return data


def _fonts_of(paths: Iterable[Path | str]) -> list[list[Any]]:
    """Each file as [path, size, modification time in ns] ([path, None, None] when it is not there)."""
    listed: list[list[Any]] = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            listed.append([str(path), None, None])
        else:
            listed.append([str(path), status.st_size, status.st_mtime_ns])
    return listed


def _same_fonts(image: Path) -> bool:
    """The fonts the image was drawn with are there, unchanged (an image without that list is drawn again)."""
    try:
        recorded = json.loads(image.with_name(image.name + ".fonts").read_text(encoding="utf-8"))
        paths = [entry[0] for entry in recorded]
    except (OSError, ValueError, TypeError, IndexError, KeyError):
        return False
    return bool(paths) and recorded == _fonts_of(paths)


def _write(folder: Path, name: str, data: bytes, fonts: list[list[Any]]) -> None:
    """Store an image and its fonts atomically (temporary files renamed into place; the image first,
    so an image is never paired with another one's fonts), then prune the oldest images."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.fonts").unlink(missing_ok=True)
        _replace(folder, name, data)
        _replace(folder, f"{name}.fonts", json.dumps(fonts, ensure_ascii=False).encode("utf-8"))
        images = [path for path in folder.glob("water-diagram-*") if path.suffix != ".fonts"]
        images.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in images[KEEP_FILES:]:
            old.unlink(missing_ok=True)
            old.with_name(old.name + ".fonts").unlink(missing_ok=True)
    except OSError:
        return  # a read-only or full cache folder only costs the next export a redraw


def _replace(folder: Path, name: str, data: bytes) -> None:
    descriptor, temp = tempfile.mkstemp(dir=folder, prefix=".diagram-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temp, folder / name)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# How the report shows the diagram (audit/report/sheets/water.py): what the app draws ahead of an export.
REPORT_FORMAT = "png"
REPORT_DPI = 110


def _name(result: WaterResult, language: str, image_format: str, dpi: int) -> str:
    return f"water-diagram-{diagram_key(result, language, image_format, dpi)}.{image_format}"


def _cached(folder: Path, name: str, image_format: str) -> bytes | None:
    """The cached picture when it is whole and drawn with the fonts installed now."""
    return _read(folder / name, image_format) if _same_fonts(folder / name) else None


def _draw(result: WaterResult, language: str, image_format: str, dpi: int, folder: Path, name: str) -> bytes:
    from audit.chart_fonts import font_files
    from audit.water.diagram import render_diagram

    data = render_diagram(result, language, image_format, dpi)
    _write(folder, name, data, _fonts_of(font_files()))
    return data


def diagram_bytes(result: WaterResult, language: str = "zh", image_format: str = "png", dpi: int = 150) -> bytes:
    """`render_diagram(result, language, image_format, dpi)`, drawn only when this content was never drawn."""
    if image_format not in _SIGNATURES:
        from audit.water.diagram import render_diagram

        return render_diagram(result, language, image_format, dpi)
    folder = cache_folder()
    name = _name(result, language, image_format, dpi)
    cached = _cached(folder, name, image_format)
    if cached is not None:
        return cached
    return _draw(result, language, image_format, dpi, folder, name)


def predraw_result(
    result: WaterResult,
    languages: Iterable[str],
    dpi: int = REPORT_DPI,
    image_format: str = REPORT_FORMAT,
    folder: Path | None = None,
) -> list[Path]:
    """Draw into the cache (`folder`, else `cache_folder()`) each language's diagram of `result` that is
    not there yet; the files drawn. Nothing is drawn for a test the report leaves out (not ready, no test).
    """
    if not result.ready or result.test is None or image_format not in _SIGNATURES:
        return []
    folder = folder or cache_folder()
    drawn: list[Path] = []
    for language in dict.fromkeys(languages):
        name = _name(result, language, image_format, dpi)
        if _cached(folder, name, image_format) is None:
            _draw(result, language, image_format, dpi, folder, name)
            drawn.append(folder / name)
    return drawn


def predraw(
    path: Path,
    languages: Iterable[str],
    dpi: int = REPORT_DPI,
    registry: FormRegistry | None = None,
    folder: Path | None = None,
) -> list[Path]:
    """Open the audit at `path` read-only, compute its water balance as the report does, and draw the
    report's diagrams that are missing from the cache (the app runs this ahead of an export; it names
    the app's cache `folder`, so a worker started with another environment draws where the app reads)."""
    from audit.document import AuditDocument
    from audit.water import compute_water

    with AuditDocument.open(path, read_only=True, registry=registry) as document:
        result = compute_water(document)
    return predraw_result(result, languages, dpi, folder=folder)
