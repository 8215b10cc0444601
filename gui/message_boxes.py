"""Message boxes whose text wraps in Chinese as well as English."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

# Between these widths (in average characters) a message box's text wraps.
MIN_CHARS = 60
MAX_CHARS = 90


def fit_text(box: QMessageBox) -> None:
    """Let the text and informative text wrap at a readable width.

    Chinese has no spaces to break at; without an explicit width Qt sized the box to a guess and
    cut a long Chinese sentence off at the edge.
    """
    for name in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
        label = box.findChild(QLabel, name)
        if label is None:
            continue
        metrics = label.fontMetrics()
        widest = max((metrics.horizontalAdvance(line) for line in label.text().splitlines()), default=0)
        character = metrics.averageCharWidth()
        label.setWordWrap(True)
        label.setMinimumWidth(min(max(widest, character * MIN_CHARS), character * MAX_CHARS))


def show_warning(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A modal warning with an OK button (what QMessageBox.warning does, with text that wraps)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    fit_text(box)
    box.exec()
    return box
