"""One editor widget per field type; each reports edits as you type and a committed value."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from forms.spec import FieldSpec, FieldType
from forms.units import unit_label as forms_unit_label

# (stored value, label) pairs for reference and photo fields, read from the audit when the form opens.
OptionsSource = Callable[[FieldSpec], list[tuple[str, str]]]


def unit_label(unit: str | None) -> str:
    """A field's unit as shown beside its value, in the interface language (the app sets QLocale's default)."""
    language = "zh" if QLocale().language() == QLocale.Language.Chinese else "en"
    return forms_unit_label(unit, language)


def display_text(spec: FieldSpec, value: Any) -> str:
    """How a stored value is written back into a text box (numbers without float noise)."""
    if value is None:
        return ""
    if spec.type is FieldType.DECIMAL and isinstance(value, float):
        return f"{value:.12g}"
    if spec.type is FieldType.DATETIME:
        return str(value).replace("T", " ", 1)  # as the placeholder shows it and as people write it
    return str(value)


class WheelGuard(QObject):
    """Lets a list or spin box take the wheel only once the user is in it; otherwise the form scrolls.

    Without it, scrolling down a form over a closed list changes and stores its value (Qt's default for
    QComboBox): "driven load: compressor -> other" with nothing to show for it.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # QApplication passes an ignored wheel event on to the parent (the scroll area)
            return True
        return False


def guard_wheel(widget: QWidget) -> None:
    """Wheel only when focused, and no focus from the wheel either (Qt::StrongFocus)."""
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    guard = WheelGuard(widget)
    widget.installEventFilter(guard)


class FieldLineEdit(QLineEdit):
    """A line edit that lets Ctrl+Z reach the audit's undo stack once its own text has nothing to undo."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo)
            if (undo and not self.isUndoAvailable()) or (redo and not self.isRedoAvailable()):
                event.ignore()
                return False
        return super().event(event)


class FieldEditor(QObject):
    """The editor of one field: `edited` while typing, `committed` when the user is done with a value."""

    edited = Signal()
    committed = Signal()

    def __init__(self, spec: FieldSpec, language: str) -> None:
        super().__init__()
        self.spec = spec
        self.language = language
        self.widget: QWidget = QWidget()

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def raw_value(self) -> Any:
        """What the user entered, as forms.validation.parse_value accepts it."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)

    def focus_widget(self) -> QWidget:
        return self.widget


class LineFieldEditor(FieldEditor):
    """Numbers, text, dates and times typed as text; parse_value says what is wrong with it."""

    PLACEHOLDERS: ClassVar[dict[FieldType, str]] = {
        FieldType.DATE: "YYYY-MM-DD",
        FieldType.DATETIME: "YYYY-MM-DD HH:MM",
    }

    def __init__(self, spec: FieldSpec, language: str) -> None:
        super().__init__(spec, language)
        self.line = FieldLineEdit()
        self.widget = self.line
        self.line.setPlaceholderText(self.PLACEHOLDERS.get(spec.type, ""))
        if spec.type in (FieldType.INTEGER, FieldType.DECIMAL):
            self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.line.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.line.textEdited.connect(lambda _text: self.edited.emit())
        self.line.editingFinished.connect(self._finished)

    def _finished(self) -> None:
        # editingFinished fires on Enter and on leaving the box; only a changed text is an edit.
        if self.line.isModified():
            self.line.setModified(False)
            self.committed.emit()

    def set_value(self, value: Any) -> None:
        self.line.setText(display_text(self.spec, value))
        self.line.setModified(False)

    def raw_value(self) -> Any:
        return self.line.text()

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)


class TextAreaFieldEditor(FieldEditor):
    """Long text (notes, descriptions): Enter starts a new line, Tab moves on, leaving the box stores it."""

    VISIBLE_LINES = 4

    def __init__(self, spec: FieldSpec, language: str) -> None:
        super().__init__(spec, language)
        self.text = QPlainTextEdit()
        self.widget = self.text
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * self.VISIBLE_LINES + 12)
        self._modified = False
        self._loading = False
        self.text.textChanged.connect(self._changed)
        self.text.installEventFilter(self)

    def _changed(self) -> None:
        if not self._loading:
            self._modified = True
            self.edited.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.FocusOut and self._modified:
            self._modified = False
            self.committed.emit()
        return False

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.text.setPlainText(display_text(self.spec, value))
        finally:
            self._loading = False
        self._modified = False

    def raw_value(self) -> Any:
        return self.text.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)


class DateFieldEditor(LineFieldEditor):
    """A date typed as YYYY-MM-DD, or picked from a calendar (the button beside the box)."""

    def __init__(self, spec: FieldSpec, language: str) -> None:
        super().__init__(spec, language)
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        self.button = QToolButton()
        self.button.setText("…")
        self.button.setToolTip(self.tr("Pick the date from a calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from box to box, not to the button
        self.button.clicked.connect(self.show_calendar)
        row.addWidget(self.button)
        self._calendar: tuple[QMenu, QCalendarWidget] | None = None

    def _popup(self) -> tuple[QMenu, QCalendarWidget]:
        # Made on the first click: a form has several dates, and a calendar costs ~10 ms to build,
        # which opening the audit (first paint) must not pay for (issue 15).
        if self._calendar is None:
            menu = QMenu(self.widget)
            calendar = QCalendarWidget()
            calendar.setGridVisible(True)
            calendar.clicked.connect(self.pick)
            calendar.activated.connect(self.pick)
            action = QWidgetAction(menu)
            action.setDefaultWidget(calendar)
            menu.addAction(action)
            self._calendar = (menu, calendar)
        return self._calendar

    @property
    def menu(self) -> QMenu:
        return self._popup()[0]

    @property
    def calendar(self) -> QCalendarWidget:
        return self._popup()[1]

    def show_calendar(self) -> None:
        shown = QDate.fromString(self.line.text().strip(), "yyyy-MM-dd")
        self.calendar.setSelectedDate(shown if shown.isValid() else QDate.currentDate())
        self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    def pick(self, date: QDate) -> None:
        if self._calendar is not None:
            self._calendar[0].close()
        self.line.setText(date.toString("yyyy-MM-dd"))
        self.edited.emit()
        self.line.setModified(False)
        self.committed.emit()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.button.setEnabled(not read_only)

    def focus_widget(self) -> QWidget:
        return self.line


class ComboFieldEditor(FieldEditor):
    """A choice (or a reference, a photo, yes/no): a blank entry first, since drafts may leave it open."""

    def __init__(self, spec: FieldSpec, language: str, options: list[tuple[Any, str]]) -> None:
        super().__init__(spec, language)
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        guard_wheel(self.combo)
        self.widget = self.combo
        # How to show a stored value the list does not offer (the form view names records).
        self.describe_unknown: Callable[[Any], str] = str
        self.set_options(options)
        # A pick from the open list is committed at once; arrowing or typing through a closed box is
        # committed when the user leaves it (Enter, Tab, a click elsewhere): one revision, not one per key.
        self._keyboard = False
        self._pending = False
        self.combo.installEventFilter(self)
        self.combo.activated.connect(self._activated)

    def _activated(self, _index: int) -> None:
        if self._keyboard and not self.combo.view().isVisible():
            self._pending = True
        else:
            self._pending = False
            self.committed.emit()
        self._keyboard = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.combo:
            if event.type() == QEvent.Type.KeyPress:
                self._keyboard = True
            elif event.type() == QEvent.Type.FocusOut and self._pending:
                self._pending = False
                self.committed.emit()
        return False

    def commit_pending(self) -> None:
        if self._pending:
            self._pending = False
            self.committed.emit()

    def set_options(self, options: list[tuple[Any, str]]) -> None:
        current = self.combo.currentData() if self.combo.count() else None
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        for value, label in options:
            self.combo.addItem(label, value)
        self.combo.blockSignals(False)
        self.set_value(current)

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        if index < 0:
            # A value no longer offered (a retired choice, a deleted record) is shown, never dropped.
            self.combo.addItem(self.describe_unknown(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def raw_value(self) -> Any:
        return self.combo.currentData()


def choice_options(spec: FieldSpec, language: str, value: Any = None) -> list[tuple[Any, str]]:
    return [(c.code, c.label.get(language)) for c in spec.choices if not c.retired or c.code == value]


class ChoiceFieldEditor(ComboFieldEditor):
    def __init__(self, spec: FieldSpec, language: str) -> None:
        super().__init__(spec, language, choice_options(spec, language))

    def set_value(self, value: Any) -> None:
        choice = self.spec.choice(str(value)) if value is not None else None
        if choice is not None and choice.retired and self.combo.findData(value) < 0:
            self.combo.addItem(choice.label.get(self.language), value)
        super().set_value(value)

    def limit_to(self, codes: tuple[str, ...]) -> None:
        """Offer only these codes (units an energy type may be entered in); empty offers every choice."""
        allowed = set(codes)
        options = [
            (code, label) for code, label in choice_options(self.spec, self.language) if not codes or code in allowed
        ]
        self.set_options(options)


class BooleanFieldEditor(ComboFieldEditor):
    def __init__(self, spec: FieldSpec, language: str) -> None:
        super().__init__(spec, language, [(True, self.tr("Yes")), (False, self.tr("No"))])


class MultiChoiceFieldEditor(FieldEditor):
    """A check box per active choice, in two columns; each toggle is committed."""

    def __init__(self, spec: FieldSpec, language: str) -> None:
        super().__init__(spec, language)
        self.widget = QWidget()
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for index, choice in enumerate(spec.choices):
            box = QCheckBox(choice.label.get(language))
            box.setVisible(not choice.retired)
            box.toggled.connect(lambda _on: self.committed.emit())
            grid.addWidget(box, index // 2, index % 2)
            self.boxes[choice.code] = box

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for code, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(code in chosen)
            choice = self.spec.choice(code)
            box.setVisible(code in chosen or (choice is not None and not choice.retired))
            box.blockSignals(False)

    def raw_value(self) -> Any:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()), self.widget)


def make_editor(spec: FieldSpec, language: str, options: OptionsSource) -> FieldEditor:
    """The right editor for a field type."""
    if spec.type is FieldType.CHOICE:
        return ChoiceFieldEditor(spec, language)
    if spec.type is FieldType.MULTI_CHOICE:
        return MultiChoiceFieldEditor(spec, language)
    if spec.type is FieldType.BOOLEAN:
        return BooleanFieldEditor(spec, language)
    if spec.type in (FieldType.REFERENCE, FieldType.PHOTO):
        return ComboFieldEditor(spec, language, list(options(spec)))
    if spec.type is FieldType.DATE:
        return DateFieldEditor(spec, language)
    if spec.type is FieldType.TEXT and spec.multiline:
        return TextAreaFieldEditor(spec, language)
    return LineFieldEditor(spec, language)
