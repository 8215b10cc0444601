"""Message boxes wrap long Chinese text instead of cutting it off."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from gui.message_boxes import MAX_CHARS, fit_text

LONG_CHINESE = "演示诊断.fieldaudit 正由 李敏 编辑（计算机 audit-laptop-07 上的进程 6771），可以只读方式打开；" * 2


def test_long_chinese_text_wraps_inside_the_box(qtbot: QtBot) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "FieldAudit", LONG_CHINESE)
    qtbot.addWidget(box)
    fit_text(box)
    box.show()
    qtbot.waitExposed(box)
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label is not None and label.wordWrap()
    metrics = label.fontMetrics()
    assert label.width() <= metrics.averageCharWidth() * MAX_CHARS + 1
    # The whole sentence is laid out on several lines within the label, none beyond the box's edge.
    assert label.heightForWidth(label.width()) >= 2 * metrics.lineSpacing()
    assert label.geometry().right() <= box.width()
