"""The page shown when no audit is open: new, open, the demo, and recent audits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audit import APP_VERSION

PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        outer.addLayout(column, 3)
        outer.addStretch(1)
        column.addStretch(1)
        title = QLabel("FieldAudit")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        column.addWidget(title)
        subtitle = QLabel(
            self.tr(
                "Energy audits, energy-conservation diagnosis and water-balance tests, offline. Version %1"
            ).replace("%1", APP_VERSION)
        )
        subtitle.setWordWrap(True)
        column.addWidget(subtitle)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New audit…"))
        self.open_button = QPushButton(self.tr("&Open audit…"))
        self.demo_button = QPushButton(self.tr("Open the &demo audit"))
        for button, signal in (
            (self.new_button, self.new_requested),
            (self.open_button, self.open_requested),
            (self.demo_button, self.demo_requested),
        ):
            button.clicked.connect(signal.emit)
            button.setMinimumHeight(36)
            buttons.addWidget(button)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(QLabel(self.tr("Recent audits")))
        self.recent = QListWidget()
        self.recent.setObjectName("recentAudits")
        self.recent.itemActivated.connect(self._activated)
        column.addWidget(self.recent, 3)
        column.addStretch(1)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}    {path.parent}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            if not path.exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self.tr("%1 (not found: on a removed stick or moved?)").replace("%1", str(path)))
            self.recent.addItem(item)
        if not paths:
            placeholder = QListWidgetItem(self.tr("No audit opened yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.recent_chosen.emit(str(path))
