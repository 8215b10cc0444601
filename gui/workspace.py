"""The open audit: navigator on the left, the chosen view on the right (forms, tables, photos, panels)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from audit.completeness import Counts
from gui.context import AppContext
from gui.first_paint import after_first_paint, holding
from gui.navigator.model import Node, describe
from gui.navigator.view import NavigatorView
from gui.panels import Panel

if TYPE_CHECKING:
    from gui.form.view import FormView
    from gui.review.pane import ReviewPane


class RecordsPage(QSplitter):
    """A form with many records: the table above, the record the user activated as a form below."""

    def __init__(self, context: AppContext, form_id: str, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(Qt.Orientation.Vertical, parent)
        from gui.form.view import FormView
        from gui.records.view import RecordsView

        self.table = RecordsView(context, form_id, parent=self)
        self.detail = FormView(context, form_id, parent=self)
        self.addWidget(self.table)
        self.addWidget(self.detail)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.table.record_activated.connect(self.detail.set_record)
        # The form follows the table's cursor (arrow keys, a new row), as in a master-detail view.
        self.table.table.selectionModel().currentRowChanged.connect(self._cursor_moved)

    def _cursor_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record_uuid = self.table.model.uuid_at(current.row()) if current.isValid() else None
        if record_uuid is not None and record_uuid != self.detail.record_uuid:
            self.detail.set_record(record_uuid)

    def show_record(self, record_uuid: str | None) -> None:
        """Show a record below and select its row above; None shows the first row, if any."""
        model = self.table.model
        if record_uuid is None:
            if self.detail.record is not None or model.rowCount() == 0:
                return
            record_uuid = model.uuid_at(0)
        if record_uuid is None:
            return
        self.detail.set_record(record_uuid)
        row = model.row_of_uuid(record_uuid)
        if row >= 0:
            self.table.select_cell(row)


class OverviewPage(QWidget):
    """What a group holds and how complete each part is (shown for group nodes)."""

    def __init__(self, workspace: Workspace, key: str, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.workspace = workspace
        self.key = key
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.label)
        layout.addStretch(1)

    def refresh(self) -> None:
        model = self.workspace.navigator.navigator_model
        node = model.node_for_key(self.key)
        if node is None:
            return
        lines = [f"<h2>{node.title}</h2>", "<table cellpadding='4'>"]
        for child in node.children:
            counts = child.counts or Counts()
            lines.append(f"<tr><td>{child.title}</td><td>{describe(counts).replace(chr(10), '; ')}</td></tr>")
        lines.append("</table>")
        self.label.setText("".join(lines))


class Workspace(QWidget):
    """Composes the views; remembers which node and record are shown so a restart can return there."""

    position_changed = Signal(str, str)  # node key, record uuid ("" for none)

    def __init__(self, context: AppContext, panels: list[Panel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.panels = {panel.key: panel for panel in panels}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter()  # horizontal
        layout.addWidget(self.splitter)
        self.navigator = NavigatorView(context, panels)
        self.navigator.setMinimumWidth(220)
        self.stack = QStackedWidget()
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 760])
        # To do, Find, History and Conflicts beside the view, hidden until asked for (View menu, status
        # bar): built after the window's first paint, or when first asked for (`review`).
        self._review: ReviewPane | None = None
        self.views: dict[str, QWidget] = {}
        self.current_key = ""
        # Where the user was, while its view waits for the window's first paint (restore_after_first_paint).
        self._restoring: tuple[str, str | None] | None = None
        self._placeholder: QWidget | None = None
        self.navigator.node_selected.connect(self.show_node)
        context.signals.open_record_requested.connect(self.show_record)
        context.signals.open_field_requested.connect(self.show_field)

    @property
    def review(self) -> ReviewPane:
        if self._review is None:
            from gui.review.pane import ReviewPane

            self._review = ReviewPane(self.context)
            self._review.setVisible(False)
            self.splitter.addWidget(self._review)
            self.splitter.setSizes([*self.splitter.sizes()[:2], 520])
        return self._review

    # -- which view a node shows ---------------------------------------------------------------------
    def _view_key(self, key: str) -> str:
        if key.startswith("record:"):
            return "form:" + self.context.document.records.form_id_of(key.split(":", 1)[1])
        return key

    def _create(self, key: str) -> QWidget:
        context = self.context
        kind, _, name = key.partition(":")
        if kind == "form":
            from gui.form.view import FormView

            form = context.document.registry[name]
            if form.singleton:
                return FormView(context, name, parent=self.stack)
            return RecordsPage(context, name, parent=self.stack)
        if kind == "panel":
            try:
                return self.panels[name].create(context, self.stack)
            except Exception as error:  # a broken panel must not take the audit down with it
                import traceback

                from PySide6.QtCore import Qt

                traceback.print_exc()
                failed = QLabel(self.tr("This view could not be opened: %1").replace("%1", str(error)))
                failed.setWordWrap(True)
                failed.setAlignment(Qt.AlignmentFlag.AlignCenter)
                return failed
        if key == "photos":
            from gui.photos.view import PhotosView

            return PhotosView(context, None, parent=self.stack)
        return OverviewPage(self, key, parent=self.stack)

    def view(self, key: str) -> QWidget:
        """The view for a node, created the first time it is opened (panels may be slow to build)."""
        view_key = self._view_key(key)
        if view_key not in self.views:
            widget = self._create(view_key)
            widget.setObjectName(f"view:{view_key}")
            self.views[view_key] = widget
            self.stack.addWidget(widget)
            detail = self.detail_form(widget)
            if detail is not None:
                detail.record_shown.connect(lambda _uuid: self._emit_position())
        return self.views[view_key]

    @staticmethod
    def detail_form(widget: QWidget) -> FormView | None:
        from gui.form.view import FormView

        if isinstance(widget, FormView):
            return widget
        if isinstance(widget, RecordsPage):
            return widget.detail
        return None

    def show_node(self, key: str, record_uuid: str | None = None) -> None:
        if not key:
            return
        self._restoring = None  # a node chosen before the held restore ran wins over it
        widget = self.view(key)
        if key.startswith("record:"):
            record_uuid = key.split(":", 1)[1]
        if isinstance(widget, RecordsPage):
            widget.show_record(record_uuid)
        if isinstance(widget, OverviewPage):
            widget.refresh()
        self.stack.setCurrentWidget(widget)
        self._drop_placeholder()
        self.current_key = key
        if self.navigator.current_key() != key:
            self.navigator.select_key(key)
        self._emit_position()

    def show_record(self, record_uuid: str) -> None:
        """Show any record: its own navigator node if it has one, else its form with the record below."""
        records = self.context.document.records
        if not records.exists(record_uuid):
            return
        form_id = records.form_id_of(record_uuid)
        if "." in form_id:  # a repeat row: show the record it belongs to
            parent = records.get(record_uuid, with_children=False).parent_uuid
            if parent:
                self.show_record(parent)
            return
        if self.navigator.navigator_model.node_for_key(f"record:{record_uuid}") is not None:
            self.show_node(f"record:{record_uuid}")
        else:
            self.show_node(f"form:{form_id}", record_uuid)

    def show_field(self, form_id: str, record_uuid: str, field: str) -> None:
        """Show a record (or its form, when the record does not exist yet) with the cursor in one field."""
        records = self.context.document.records
        if record_uuid and records.exists(record_uuid):
            self.show_record(record_uuid)
        elif form_id.split(".")[0] in self.context.document.registry:
            self.show_node(f"form:{form_id.split('.')[0]}")
        else:
            return
        widget = self.stack.currentWidget()
        form = self.detail_form(widget) if widget is not None else None
        if form is not None and field:
            form.focus_field(field)

    def switch_focus(self) -> None:
        """F6: from the navigator into the view (its table, or the first field of its form) and back."""
        from PySide6.QtCore import Qt

        if self.navigator.hasFocus():
            widget = self.stack.currentWidget()
            if isinstance(widget, RecordsPage):
                widget.table.table.setFocus(Qt.FocusReason.OtherFocusReason)
            elif widget is not None and (form := self.detail_form(widget)) is not None:
                form.focus_first_field()
            elif widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.navigator.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_record(self) -> bool:
        """Ctrl+N outside a table: add a row to the table of the view shown (the form below it included)."""
        widget = self.stack.currentWidget()
        if not isinstance(widget, RecordsPage) or not widget.table.add_action.isEnabled():
            return False
        from PySide6.QtCore import Qt

        widget.table.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        widget.table.add_row()
        return True

    def next_problem(self) -> bool:
        """Go to the next form or record, after the current one, that misses required values or has errors."""
        model = self.navigator.navigator_model
        nodes: list[Node] = []
        stack = list(reversed(model.root.children))
        while stack:
            node = stack.pop()
            nodes.append(node)
            stack.extend(reversed(node.children))
        keys = [node.key for node in nodes]
        start = keys.index(self.current_key) + 1 if self.current_key in keys else 0
        for node in nodes[start:] + nodes[:start]:
            counts = node.counts
            if counts is None or counts.status not in ("error", "missing"):
                continue
            if node.key.startswith("record:"):
                self.show_node(node.key)
                return True
            if node.key.startswith("form:") and not any(c.key.startswith("record:") for c in node.children):
                completeness = model.folded_summary().get(node.key[5:])
                bad = [
                    uuid
                    for uuid, record_counts in (completeness.by_record.items() if completeness else ())
                    if record_counts.status in ("error", "missing")
                ]
                self.show_node(node.key, bad[0] if bad else None)
                return True
        return False

    def current_position(self) -> tuple[str, str | None]:
        if self._restoring is not None:
            return self._restoring
        widget = self.stack.currentWidget()
        detail = self.detail_form(widget) if widget is not None else None
        return self.current_key, detail.record_uuid if detail is not None else None

    def _emit_position(self) -> None:
        key, record = self.current_position()
        self.review.history.show_record(record)
        self.position_changed.emit(key, record or "")

    def restore_after_first_paint(self, key: str, record_uuid: str | None) -> None:
        """`restore` once the window has been painted at start-up (at once otherwise): the navigator
        is painted with the node selected, the view the user was on (a form, its photos) is built
        right after (issue 15)."""
        self._restoring = self._restorable(key, record_uuid)
        self.navigator.select_key(self._restoring[0])
        node = self.navigator.navigator_model.node_for_key(self._restoring[0])
        if holding() and node is not None:
            # What the first paint shows beside the navigator, for the few ms until the view is built;
            # centred by stretches, as Qt.AlignmentFlag would build the Qt namespace (gui/first_paint.py).
            self._placeholder = QWidget()
            row = QHBoxLayout(self._placeholder)
            label = QLabel(self.tr("Opening %1…").replace("%1", node.title))
            label.setEnabled(False)
            row.addStretch(1)
            row.addWidget(label)
            row.addStretch(1)
            self.stack.addWidget(self._placeholder)
        after_first_paint(self, self._restore_held)

    def _restore_held(self) -> None:
        if self._restoring is not None:
            self.show_node(*self._restoring)

    def _drop_placeholder(self) -> None:
        if self._placeholder is not None:
            self.stack.removeWidget(self._placeholder)
            self._placeholder.deleteLater()
            self._placeholder = None

    def restore(self, key: str, record_uuid: str | None) -> None:
        """Go back where the user was; a node or record that no longer exists falls back to the first node."""
        self.show_node(*self._restorable(key, record_uuid))

    def _restorable(self, key: str, record_uuid: str | None) -> tuple[str, str | None]:
        model = self.navigator.navigator_model
        if key and model.node_for_key(key) is None and not key.startswith("form:"):
            key = ""
        if key.startswith("form:") and key[5:] not in self.context.document.registry:
            key = ""
        if record_uuid and not self.context.document.records.exists(record_uuid):
            record_uuid = None
        first = model.root.children[0].key if model.root.children else ""
        return key or first, record_uuid
