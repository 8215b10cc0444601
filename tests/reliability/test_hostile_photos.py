"""Photos: type and size are checked before reading, only regular files are read, decoding is bounded,
and one bad file in a batch is refused alone (the rest are stored)."""

from __future__ import annotations

import io
import os
import struct
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from audit.attachments import prepare_photo
from audit.errors import RecordError


def _png_header_only(path: Path, width: int, height: int, colour_type: int = 6) -> Path:
    """A PNG that claims width x height (RGBA by default) and holds a few bytes of image data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 4096)) + chunk(b"IEND", b"")
    )
    return path


def _good(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (640, 480), colour).save(path)
    return path


def _hostile(tmp_path: Path) -> dict[str, Path]:
    cases: dict[str, Path] = {}
    cases["120-megapixel RGBA PNG"] = _png_header_only(tmp_path / "huge.png", 12_000, 10_000)
    cases["80-megapixel RGBA PNG (320 MB decoded)"] = _png_header_only(tmp_path / "big.png", 10_000, 8_000)
    sparse = tmp_path / "sparse.jpg"
    with open(sparse, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # 200 MB that take no disk
    cases["200 MB file"] = sparse
    cases["text named .jpg"] = tmp_path / "notes.jpg"
    cases["text named .jpg"].write_text("not a photo", encoding="utf-8")
    eps = tmp_path / "drawing.jpg"
    eps.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n")
    cases["EPS (Ghostscript) named .jpg"] = eps
    if sys.platform != "win32":
        os.symlink("/dev/zero", tmp_path / "zero.jpg")
        cases["link to /dev/zero"] = tmp_path / "zero.jpg"
        os.mkfifo(tmp_path / "pipe.jpg")
        cases["FIFO"] = tmp_path / "pipe.jpg"
    return cases


def test_hostile_photo_files_are_refused_before_they_are_read(tmp_path: Path, figure: Callable[[str], None]) -> None:
    cases = _hostile(tmp_path)
    slowest = 0.0
    for name, path in cases.items():
        outcome: list[BaseException | None] = []
        started = time.monotonic()
        # In a thread with a deadline: a FIFO read would block forever.
        worker = threading.Thread(target=lambda p=path, o=outcome: o.append(_refusal(p)), daemon=True)
        worker.start()
        worker.join(timeout=10)
        assert outcome, f"{name}: still reading after 10 s"
        assert isinstance(outcome[0], RecordError), f"{name}: {outcome[0]!r}"
        slowest = max(slowest, time.monotonic() - started)
    figure(f"hostile photo files refused {len(cases)}/{len(cases)}, slowest refusal {slowest:.2f} s")
    assert slowest < 5


def _refusal(path: Path) -> BaseException | None:
    try:
        prepare_photo(path)
    except BaseException as error:
        return error
    return None


def test_a_16_bit_greyscale_scan_is_stored_as_8_bit(tmp_path: Path) -> None:
    scan = tmp_path / "thermal.png"
    Image.new("I;16", (3000, 2000), 40_000).save(scan)
    prepared = prepare_photo(scan)
    assert (prepared.width, prepared.height) == (2048, 1365)
    assert (prepared.original_width, prepared.original_height) == (3000, 2000)
    with Image.open(io.BytesIO(prepared.data)) as stored:
        assert stored.mode == "L" and abs(stored.getpixel((10, 10)) - 40_000 // 256) <= 2


def test_one_bad_file_never_stops_a_batch(tmp_path: Path) -> None:
    from gui.photos.import_job import prepare_photos

    scan = tmp_path / "thermal.png"
    Image.new("I;16", (2500, 1500), 30_000).save(scan)
    paths = [
        _good(tmp_path / "a.jpg", (200, 10, 10)),
        scan,
        *_hostile(tmp_path).values(),
        _good(tmp_path / "b.jpg", (10, 10, 200)),
    ]
    batch = prepare_photos(paths, 2048, lambda done, total, name: None)
    assert len(batch.photos) == 3  # the two photos and the 16-bit scan
    assert len(batch.refused) == len(paths) - 3
    assert all("\n" not in message.en for message in batch.refused)


@pytest.mark.skipif(sys.platform != "linux", reason="reads the peak memory from /proc")
def test_a_large_jpeg_is_decoded_at_reduced_scale(tmp_path: Path, figure: Callable[[str], None]) -> None:
    import subprocess

    photo = tmp_path / "48mp.jpg"
    Image.new("RGB", (8000, 6000), (90, 120, 150)).save(photo, quality=70)
    script = (
        "import resource, sys; from audit.attachments import prepare_photo; "
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; p = prepare_photo(sys.argv[1]); "
        "print(p.width, p.height, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", script, str(photo)], cwd=root, capture_output=True, text=True, check=True
    )
    width, height, grown_mb = map(int, out.stdout.split())
    assert (width, height) == (2048, 1536)
    figure(f"48-megapixel JPEG: peak memory grew {grown_mb} MB (144 MB if decoded whole)")
    assert grown_mb < 100
