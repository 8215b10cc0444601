"""The navigator's model: the audit's table of contents as a tree of forms, water units, photos and panels, each with a completeness mark."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QWidget

from audit.completeness import (
    Counts,
    FormCompleteness,
    form_completeness,
    group_counts,
    record_counts,
    record_tree,
    subtree_counts,
    with_record,
)
from forms.navigation import RECORD_TREES, group_title
from gui.context import AppContext
from gui.first_paint import after_first_paint
from gui.jobs import ProcessJob, start_process_job
from gui.panels import Panel
from gui.theme import LIGHT

# Qt.ItemDataRole's values (DisplayRole, DecorationRole, ToolTipRole, UserRole), as the plain ints
# data() is asked with: the navigator is painted before PySide6 builds its Qt namespace (gui/first_paint.py).
DISPLAY_ROLE = 0
DECORATION_ROLE = 1
TOOLTIP_ROLE = 3
KEY_ROLE = 0x0100
STATUS_ROLE = KEY_ROLE + 1

STATUS_COLOURS = {
    "error": LIGHT.error,
    "missing": LIGHT.missing,
    "warning": LIGHT.warning,
    "complete": LIGHT.good,
    "empty": LIGHT.empty,
}


def describe(counts: Counts) -> str:
    """The tooltip of a completeness mark."""
    if counts.status == "empty":
        return QCoreApplication.translate("Navigator", "Nothing entered yet")
    parts = []
    if counts.missing:
        parts.append(
            QCoreApplication.translate("Navigator", "Required values missing: %1").replace("%1", str(counts.missing))
        )
    if counts.errors:
        parts.append(QCoreApplication.translate("Navigator", "Errors: %1").replace("%1", str(counts.errors)))
    if counts.warnings:
        parts.append(QCoreApplication.translate("Navigator", "Warnings: %1").replace("%1", str(counts.warnings)))
    return "\n".join(parts) if parts else QCoreApplication.translate("Navigator", "Complete")


def status_icon(status: str) -> QIcon:
    """A filled dot for errors, warnings and complete; a ring for missing values or nothing yet; blank otherwise.

    Nodes without a mark get a transparent icon so that every title starts at the same place.
    """
    pixmap = QPixmap(QSize(32, 32))
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    if status not in STATUS_COLOURS:
        return QIcon(pixmap)
    # The marks are drawn once the first counts are in, after the first paint (gui/first_paint.py).
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter

    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(STATUS_COLOURS[status])
    if status in ("missing", "empty"):
        pen = painter.pen()
        pen.setColor(colour)
        pen.setWidth(5)
        painter.setPen(pen)
        painter.drawEllipse(6, 6, 20, 20)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(4, 4, 24, 24)
    painter.end()
    return QIcon(pixmap)


@dataclass(eq=False)
class Node:
    key: str
    title: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    forms: tuple[str, ...] = ()  # the forms whose counts this node sums
    record_uuids: tuple[str, ...] = ()  # for record nodes: the record and every record below it
    tree_form: str = ""  # for record nodes: the form of the records
    counts: Counts | None = None
    count_in_title: bool = False
    number: int | None = None  # a count shown in the title of a node without marks (photos)

    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child


def _shape(node: Node) -> tuple[object, ...]:
    return (node.key, tuple(_shape(child) for child in node.children))


def _copy_titles(source: Node, target: Node) -> None:
    target.title = source.title
    target.record_uuids = source.record_uuids
    for new, old in zip(source.children, target.children, strict=True):
        _copy_titles(new, old)


class NavigatorModel(QAbstractItemModel):
    """Nodes are built from the form registry and the panel registry; counts come from audit.completeness."""

    # Around a rebuild of a record tree (a unit added, moved or deleted): key of the node rebuilt.
    structure_changing = Signal(str)
    structure_changed = Signal(str)

    # Counting 100,000 readings takes about 4.5 s here: forms above this many records are counted off the GUI thread.
    BACKGROUND_ABOVE = 5000

    def __init__(self, context: AppContext, panels: list[Panel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.panels = panels
        self.language = context.language
        self.summary: dict[str, FormCompleteness] = {}
        # Problems found by computations and checks across records (water balance, duplicate tags),
        # by form and record: added to the marks so that F8 and the marks see every problem.
        self.computed: dict[str, dict[str, Counts]] = {}
        self.root = Node("", "")
        self._icons: dict[str, QIcon] = {}  # by status, drawn when first shown
        self._blank = status_icon("")
        self._pending: set[str] = set()
        self._waiting: set[str] = set()
        self._counted_one: set[str] = set()  # forms whose edited records were recounted one by one
        self._job: ProcessJob | None = None
        self._problems_job: ProcessJob | None = None
        self._problems_again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.refresh_pending)
        # The first counts start once the event loop runs: after the window is painted, and not
        # competing for the interpreter with the rest of the start-up (issue 15).
        self._first_count = QTimer(self)
        self._first_count.setSingleShot(True)
        self._first_count.setInterval(0)
        self._first_count.timeout.connect(self._start_counting)
        self._build()
        context.signals.record_changed.connect(self._record_changed)
        context.signals.records_changed.connect(self.schedule_refresh)
        context.signals.photos_changed.connect(self.count_photos)
        application = QCoreApplication.instance()
        if application is not None:
            # Quitting never waits for a count of a big form: it is cancelled at its next chunk.
            application.aboutToQuit.connect(self.cancel_counting)

    def _start_counting(self) -> None:
        self._start_background()
        self._compute_problems()

    def cancel_counting(self) -> None:
        if self._job is not None:
            self._job.cancel()

    # -- structure ---------------------------------------------------------------------------------
    def _build(self) -> None:
        registry = self.context.document.registry
        # Counted after the window is painted, in the background (issue 15: start-up does no
        # analysis before the first paint); the marks show "Counting…" until then.
        self._waiting.update(form.id for form in registry)
        after_first_paint(self, self._first_count.start)
        groups: dict[str, list[str]] = {}
        for form in registry:
            groups.setdefault(form.group, []).append(form.id)
        panel_groups: dict[str, list[Panel]] = {}
        for panel in self.panels:
            panel_groups.setdefault(panel.group if panel.group in groups else "analysis", []).append(panel)
        photos_placed = False
        for group, form_ids in groups.items():
            if group == "audit":
                for form_id in form_ids:
                    self.root.add(self._form_node(form_id))
                continue
            if group == "notes" and not photos_placed:
                self.root.add(Node("photos", QCoreApplication.translate("Navigator", "Photos")))
                photos_placed = True
            extra = panel_groups.pop(group, [])
            if len(form_ids) == 1 and not extra:
                self.root.add(self._form_node(form_ids[0]))
                continue
            node = self.root.add(
                Node(f"group:{group}", group_title(group).get(self.context.language), forms=tuple(form_ids))
            )
            for form_id in form_ids:
                node.add(self._form_node(form_id))
            for panel in extra:
                node.add(Node(f"panel:{panel.key}", panel.display_title()))
        if not photos_placed:
            self.root.add(Node("photos", QCoreApplication.translate("Navigator", "Photos")))
        for group, panels in panel_groups.items():
            node = self.root.add(Node(f"group:{group}", group_title(group).get(self.context.language)))
            for panel in panels:
                node.add(Node(f"panel:{panel.key}", panel.display_title()))
        self._update_counts(self.root)
        after_first_paint(self, self.count_photos)

    def _icon(self, status: str) -> QIcon:
        if status not in STATUS_COLOURS:
            return self._blank
        icon = self._icons.get(status)
        if icon is None:
            icon = self._icons[status] = status_icon(status)
        return icon

    def count_photos(self) -> None:
        # The domain modules of photos and problems are imported when first used, not before the
        # window's first paint (issue 15).
        from audit.attachments import all_photos

        node = self.node_for_key("photos")
        if node is not None:
            node.number = len(all_photos(self.context.document))
            index = self.index_of(node)
            self.dataChanged.emit(index, index)

    def _form_node(self, form_id: str) -> Node:
        form = self.context.document.registry[form_id]
        node = Node(
            f"form:{form_id}", form.label.get(self.language), forms=(form_id,), count_in_title=not form.singleton
        )
        if form_id in RECORD_TREES:
            self._add_record_nodes(node, form_id)
        return node

    def _add_record_nodes(self, node: Node, form_id: str) -> None:
        records = self.context.document.records
        tree = record_tree(records.list(form_id), RECORD_TREES[form_id])

        def branch(parent: Node, parent_uuid: str | None) -> list[str]:
            below: list[str] = []
            for record in tree.get(parent_uuid, []):
                child = parent.add(
                    Node(f"record:{record.uuid}", records.title(record, self.language), tree_form=form_id)
                )
                uuids = [record.uuid, *branch(child, record.uuid)]
                child.record_uuids = tuple(uuids)
                below.extend(uuids)
            return below

        branch(node, None)

    def _compute_problems(self) -> None:
        """Problems found across records (the water balance over every reading: ~9 s for 222,000), in
        the background: after an edit and at start-up alike, nothing waits for them."""
        from audit.background import problem_counts

        document = self.context.document
        if self._problems_job is not None:
            self._problems_again = True
            return
        # In a worker process: the water balance over 222,000 readings is seconds of Python, which a
        # thread would run in stretches that stall the event loop (issue 15).
        self._problems_job = start_process_job(
            problem_counts,
            (document.path, document.registry),
            None,
            "",
            on_finished=self._problems_found,
            on_failed=self._problems_failed,
            show_progress=False,
            reads=document.path,
        )

    def _problems_found(self, result: object) -> None:
        self._problems_job = None
        if isinstance(result, dict):
            self.computed = result
        self._refresh_marks()
        if self._problems_again:
            self._problems_again = False
            self._compute_problems()

    def _problems_failed(self, _message: str) -> None:
        self._problems_job = None  # the marks keep the last computed problems; the next edit tries again

    def folded_summary(self) -> dict[str, FormCompleteness]:
        """Per-form counts including the computed problems: what the marks and F8 go by."""
        if not self.computed:
            return dict(self.summary)
        from audit.problems import with_computed

        return with_computed(self.summary, self.computed)

    def _update_counts(
        self, node: Node, summary: dict[str, FormCompleteness] | None = None, changed: list[Node] | None = None
    ) -> None:
        summary = self.folded_summary() if summary is None else summary
        before = node.counts
        if node.record_uuids:
            tree = summary.get(node.tree_form)
            node.counts = subtree_counts(tree, node.record_uuids) if tree is not None else None
        elif node.forms:
            known = all(form_id in summary for form_id in node.forms)
            node.counts = group_counts(summary, node.forms) if known else None
        if changed is not None and node.counts != before:
            changed.append(node)
        for child in node.children:
            self._update_counts(child, summary, changed)

    # -- refreshing after edits ---------------------------------------------------------------------
    def _record_changed(self, record_uuid: str) -> None:
        """A record's values changed: recount that record only and adjust its form's totals (issue 15).

        Record trees (water units) are left to records_changed: their titles and shape may change.
        """
        records = self.context.document.records
        if not records.exists(record_uuid):
            return
        form_id = records.form_id_of(record_uuid)
        summary = self.summary.get(form_id)
        if summary is None or form_id in RECORD_TREES:
            return
        record = records.get(record_uuid)
        counts = None if record.deleted else record_counts(self.context.document, record)
        self.summary[form_id] = with_record(summary, record_uuid, counts)
        self._counted_one.add(form_id)
        if self._job is not None:
            # A count already running read the form before this edit: count it again after.
            self._waiting.add(form_id)

    def schedule_refresh(self, form_id: str) -> None:
        """Coalesce the many signals of one paste or undo into one recount."""
        top = form_id.split(".")[0]
        if not (self.context.signals.edits_only and top in self._counted_one):
            self._pending.add(top)
        self._timer.start()

    def refresh_pending(self) -> None:
        pending, self._pending = self._pending, set()
        self._counted_one.clear()
        registry = self.context.document.registry
        form_ids = [f.id for f in registry] if "" in pending else [f for f in pending if f in registry]
        self._recount(form_ids)
        self._compute_problems()
        rebuilt = False
        for form_id in form_ids:
            node = self.node_for_key(f"form:{form_id}")
            if form_id in RECORD_TREES and node is not None:
                self._rebuild_records(node, form_id)
                rebuilt = True
        self._refresh_marks(everything=rebuilt)

    def _refresh_marks(self, everything: bool = False) -> None:
        """Update every node's counts; tell the view about the nodes whose counts changed (or all)."""
        changed: list[Node] = []
        self._update_counts(self.root, changed=changed)
        if everything:
            self._emit_changed(self.root)
            return
        for node in changed:
            index = self.index_of(node)
            self.dataChanged.emit(index, index)

    def _record_count(self, form_id: str) -> int:
        """Live records of a form, from the last count when there is one (COUNT(*) of 222,000 rows: ~13 ms)."""
        summary = self.summary.get(form_id)
        return summary.total.records if summary is not None else self.context.document.records.count(form_id)

    def _recount(self, form_ids: list[str]) -> None:
        """Count small forms now; forms with many records (100,000 readings take seconds) in the background."""
        big = []
        for form_id in form_ids:
            if self._record_count(form_id) > self.BACKGROUND_ABOVE:
                big.append(form_id)
            else:
                self.summary[form_id] = form_completeness(self.context.document, form_id)
        if big:
            self._waiting.update(big)
            self._start_background()

    def _start_background(self) -> None:
        if self._job is not None or not self._waiting:
            return
        from audit.background import form_counts

        form_ids, self._waiting = sorted(self._waiting), set()
        document = self.context.document
        # In a worker process (222,000 readings are seconds of Python); each form is handed over as
        # soon as it is counted, smallest first, so small forms' marks do not wait for the readings.
        self._job = start_process_job(
            form_counts,
            (document.path, document.registry, form_ids),
            None,
            "",
            on_finished=self._counted,
            on_failed=self._count_failed,
            show_progress=False,
            reads=document.path,
        )
        self._job.signals.handed.connect(self._one_counted)

    def _one_counted(self, form_id: str, summary: object) -> None:
        if isinstance(summary, FormCompleteness):
            self.summary[form_id] = summary
            self._refresh_marks()

    def _counted(self, result: object) -> None:
        self._job = None
        if isinstance(result, dict):
            self.summary.update(result)
        self._refresh_marks()
        self._start_background()

    def _count_failed(self, _message: str) -> None:
        # The marks stay as they were; the next edit of the form tries again.
        self._job = None
        self._start_background()

    def is_counting(self) -> bool:
        return (
            self._job is not None
            or bool(self._waiting)
            or self._problems_job is not None
            or self._first_count.isActive()
        )

    def _rebuild_records(self, node: Node, form_id: str) -> None:
        fresh = Node(node.key, node.title)
        self._add_record_nodes(fresh, form_id)
        if _shape(fresh) == _shape(node):
            # Same units in the same places (a rename, an edit): new titles, no rows removed, so the
            # tree keeps what is expanded and selected.
            _copy_titles(fresh, node)
            return
        self.structure_changing.emit(node.key)
        parent = self.index_of(node)
        if node.children:
            self.beginRemoveRows(parent, 0, len(node.children) - 1)
            node.children = []
            self.endRemoveRows()
        if fresh.children:
            self.beginInsertRows(parent, 0, len(fresh.children) - 1)
            for child in fresh.children:
                node.add(child)
            self.endInsertRows()
        self.structure_changed.emit(node.key)

    def _emit_changed(self, node: Node) -> None:
        if node.children:
            first = self.index(0, 0, self.index_of(node))
            last = self.index(len(node.children) - 1, 0, self.index_of(node))
            self.dataChanged.emit(first, last)
            for child in node.children:
                self._emit_changed(child)

    # -- lookup ----------------------------------------------------------------------------------------
    def node_for_key(self, key: str) -> Node | None:
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.key == key:
                return node
            stack.extend(node.children)
        return None

    def index_of(self, node: Node) -> QModelIndex:
        if node is self.root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def index_for_key(self, key: str) -> QModelIndex:
        node = self.node_for_key(key)
        return self.index_of(node) if node is not None else QModelIndex()

    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.root  # type: ignore[no-any-return]

    # -- QAbstractItemModel -------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        node = self.node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        return self.index_of(self.node(index).parent or self.root)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        counts = node.counts
        if role == DISPLAY_ROLE:
            if node.count_in_title:
                return f"{node.title} ({counts.records if counts is not None else '…'})"
            return node.title if node.number is None else f"{node.title} ({node.number})"
        if role == DECORATION_ROLE:
            return self._icon(counts.status if counts is not None else "")
        if role == TOOLTIP_ROLE:
            if counts is None:
                return QCoreApplication.translate("Navigator", "Counting…") if node.forms or node.record_uuids else None
            return describe(counts)
        if role == KEY_ROLE:
            return node.key
        if role == STATUS_ROLE:
            return counts.status if counts is not None else ""
        return None

    # flags(): QAbstractItemModel's own (enabled and selectable), with no call into Python per row.
