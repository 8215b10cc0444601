"""`python -m gui.screenshots OUTDIR` renders the documented views in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from gui.screenshots import SIZE, render


@pytest.mark.slow
def test_screenshots_of_both_languages(qtbot: QtBot, tmp_path: Path) -> None:
    written = render(tmp_path)
    names = {path.name for path in written}
    for language in ("en", "zh"):
        for view in ("start", "enterprise", "motors", "energy", "photos", "enterprise-validation", "todo", "history"):
            assert f"{language}-{view}.png" in names
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == SIZE, path.name
    # The two languages really differ (menus, labels), and light and dark really differ.
    same_view = [(tmp_path / f"{lang}-enterprise.png").read_bytes() for lang in ("en", "zh")]
    assert same_view[0] != same_view[1]
    light = QImage(str(tmp_path / "en-enterprise-validation.png"))
    dark = QImage(str(tmp_path / "en-enterprise-validation-dark.png"))
    assert light.pixelColor(5, SIZE[1] // 2).lightness() > 128 > dark.pixelColor(5, SIZE[1] // 2).lightness()
