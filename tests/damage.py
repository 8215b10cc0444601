"""Damage done to an audit file in tests, as a bad sector or a half-written copy would."""

from __future__ import annotations

from pathlib import Path


def scribble_over_a_middle_page(path: Path) -> None:
    """Overwrite a b-tree page in the middle of the file: its header and schema still read fine."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + page_size] = b"\x0d" + b"\xff" * (page_size - 1)
    path.write_bytes(bytes(data))
