"""Shows the water-balance diagram image, fitted to the width of the view or at full size for reading details."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QScrollArea, QVBoxLayout, QWidget


class DiagramView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = QPixmap()
        self.fit_box = QCheckBox(self.tr("Fit to window"))
        self.fit_box.setChecked(True)
        self.fit_box.toggled.connect(self._show)
        self.label = QLabel(self.tr("No diagram yet."))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.label)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fit_box)
        layout.addWidget(self.scroll_area, 1)

    def set_png(self, data: bytes) -> None:
        self.original = QPixmap()
        if data:
            self.original.loadFromData(data, "PNG")
        self._show()

    def pixmap(self) -> QPixmap:
        """The diagram at full resolution (null when there is none)."""
        return self.original

    def _show(self) -> None:
        if self.original.isNull():
            self.label.clear()
            self.label.setText(self.tr("No diagram yet."))
            return
        if self.fit_box.isChecked():
            # Leave room for a vertical scroll bar so fitting never makes a horizontal one appear.
            width = max(self.scroll_area.viewport().width() - 4, 200)
            self.scroll_area.setWidgetResizable(True)
            self.label.setPixmap(self.original.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
        else:
            self.scroll_area.setWidgetResizable(False)
            self.label.setPixmap(self.original)
            self.label.resize(self.original.size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_box.isChecked() and not self.original.isNull():
            self._show()
