"""The water-balance diagram rendered once per content and reused: a small cache of PNG/SVG files on disk.

Drawing the diagram with matplotlib costs about a second in a fresh process (most of it importing
matplotlib), yet it changes only when the water-balance test does. `diagram_bytes` keys each image
by a SHA-256 of everything the drawing reads (the units, sources, enterprise totals and test of the
`WaterResult`, the language, format and resolution) and of the drawing code itself, so an edit to
the audit, another language or a new version of the drawing never finds a stale image; the key is
the content, not a file name or a time. Cached files are plain images in the user's cache folder
(`FIELDAUDIT_CACHE_DIR` overrides it); when the folder cannot be used the diagram is drawn as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from audit.water.model import WaterResult

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


def _write(folder: Path, name: str, data: bytes) -> None:
    """Store an image atomically (a temporary file renamed into place), then prune the oldest files."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temp = tempfile.mkstemp(dir=folder, prefix=".diagram-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temp, folder / name)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        files = sorted(folder.glob("water-diagram-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:
        return  # a read-only or full cache folder only costs the next export a redraw


def diagram_bytes(result: WaterResult, language: str = "zh", image_format: str = "png", dpi: int = 150) -> bytes:
    """`render_diagram(result, language, image_format, dpi)`, drawn only when this content was never drawn."""
    if image_format not in _SIGNATURES:
        from audit.water.diagram import render_diagram

        return render_diagram(result, language, image_format, dpi)
    folder = cache_folder()
    name = f"water-diagram-{diagram_key(result, language, image_format, dpi)}.{image_format}"
    cached = _read(folder / name, image_format)
    if cached is not None:
        return cached
    from audit.water.diagram import render_diagram

    data = render_diagram(result, language, image_format, dpi)
    _write(folder, name, data)
    return data
