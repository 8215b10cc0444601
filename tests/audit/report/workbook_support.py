"""Reading a report back: openpyxl for cells and settings, LibreOffice headless to recalculate formulas."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

# A LibreOffice profile that recalculates every formula on load: by default it keeps the values
# stored in an .xlsx, which would make "recalculated equals stored" true without calculating anything.
RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.fail("LibreOffice (soffice) is needed to recalculate the report: apt-get install libreoffice-calc-nogui")
    return program


def convert(source: Path, folder: Path, target_format: str) -> Path:
    """Convert with LibreOffice headless in its own profile (recalculating on load); returns the new file."""
    profile = folder / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD, encoding="utf-8")
    out = folder / "converted"
    command = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    subprocess.run(
        [*command, "--convert-to", target_format, "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    extension = target_format.split(":")[0]
    return out / f"{source.stem}.{extension}"


def cells(path: Path, data_only: bool) -> dict[tuple[str, str], Any]:
    """Every non-empty cell by (sheet title, coordinate): formulas as text, or their stored values."""
    workbook = openpyxl.load_workbook(path, data_only=data_only)
    try:
        return {
            (sheet.title, cell.coordinate): cell.value
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        }
    finally:
        workbook.close()


def formulas(path: Path) -> dict[tuple[str, str], str]:
    return {
        key: value
        for key, value in cells(path, data_only=False).items()
        if isinstance(value, str) and value.startswith("=")
    }
