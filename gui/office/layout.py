"""The layout the office's list-and-details tabs share (conflicts, review)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget


def master_detail(
    tab: QWidget,
    summary: QLabel,
    action: QPushButton,
    note: QLabel,
    master: QTableView,
    details: Sequence[QWidget],
    buttons: Sequence[QPushButton],
) -> None:
    """Summary and its action on top, a note under them, then the list above its details and buttons."""
    top = QHBoxLayout()
    top.addWidget(summary, 1)
    top.addWidget(action)
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    lower = QWidget(tab)
    lower_layout = QVBoxLayout(lower)
    lower_layout.setContentsMargins(0, 0, 0, 0)
    for detail in details:
        lower_layout.addWidget(detail, 0 if isinstance(detail, QLabel) else 1)
    lower_layout.addLayout(row)
    splitter = QSplitter(Qt.Orientation.Vertical, tab)
    splitter.addWidget(master)
    splitter.addWidget(lower)
    layout = QVBoxLayout(tab)
    layout.addLayout(top)
    layout.addWidget(note)
    layout.addWidget(splitter, 1)
