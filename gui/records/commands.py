"""Undo commands: each is a tiny QUndoCommand calling one domain function (RecordStore) each way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from audit.changes import Changes, union
from gui.context import AppContext


class UpdateFieldsCommand(QUndoCommand):
    """Fields of a record changed; undo puts the old values back (the change log records both).

    Use `edit_record()`: it performs the edit first, so a refused value raises RecordError to the
    caller (exceptions must not escape a redo() called from C++), then pushes the command.
    """

    def __init__(
        self,
        context: AppContext,
        record_uuid: str,
        old_values: Mapping[str, Any],
        new_values: Mapping[str, Any],
        label: str,
        changes: Changes,
    ) -> None:
        super().__init__(QCoreApplication.translate("undo", "Edit %1").replace("%1", label))
        self.context = context
        self.record_uuid = record_uuid
        self.old_values = dict(old_values)
        self.new_values = dict(new_values)
        self._already_done: Changes | None = changes

    def redo(self) -> None:
        if self._already_done is not None:
            changes, self._already_done = self._already_done, None
        else:
            changes = self.context.document.records.update(self.record_uuid, self.new_values).changes
        self.context.signals.announce(changes)

    def undo(self) -> None:
        self.context.signals.announce(self.context.document.records.update(self.record_uuid, self.old_values).changes)


def edit_record(
    context: AppContext,
    record_uuid: str,
    values: Mapping[str, Any],
    label: str,
    group: TransactionGroupCommand | None = None,
) -> dict[str, Any]:
    """Edit a record (raises RecordError with a bilingual message if refused) and make it undoable.

    With `group` (a TransactionGroupCommand) the step joins the group instead of the stack.
    """
    records = context.document.records
    old = records.update(record_uuid, values)
    if old:
        new = {name: records.get(record_uuid, with_children=False).values.get(name) for name in old}
        command = UpdateFieldsCommand(context, record_uuid, old, new, label, old.changes)
        if group is None:
            context.undo_stack.push(command)
        else:
            group.keep(command)
    return old


class AddRecordCommand(QUndoCommand):
    """A record (or repeat row) was added; undo tombstones it, redo restores the same record."""

    def __init__(self, context: AppContext, form_id: str, record_uuid: str, label: str, changes: Changes) -> None:
        super().__init__(QCoreApplication.translate("undo", "Add %1").replace("%1", label or form_id))
        self.context = context
        self.form_id = form_id
        self.record_uuid = record_uuid
        self._already_done: Changes | None = changes

    def redo(self) -> None:
        if self._already_done is not None:
            changes, self._already_done = self._already_done, None
        else:
            changes = self.context.document.records.restore(self.record_uuid)
        self.context.signals.announce(changes)

    def undo(self) -> None:
        self.context.signals.announce(self.context.document.records.delete(self.record_uuid))


def add_record(
    context: AppContext,
    form_id: str,
    values: Mapping[str, Any] | None = None,
    parent_uuid: str | None = None,
    label: str = "",
    group: TransactionGroupCommand | None = None,
) -> str:
    """Add a record (raises RecordError if refused) and make it undoable; returns its uuid.

    With `group` (a TransactionGroupCommand) the step joins the group instead of the stack.
    """
    record_uuid = context.document.records.add(form_id, values or {}, parent=parent_uuid)
    command = AddRecordCommand(context, form_id, record_uuid, label, record_uuid.changes)
    if group is None:
        context.undo_stack.push(command)
    else:
        group.keep(command)
    return record_uuid


class TransactionGroupCommand(QUndoCommand):
    """Many steps (a paste, a duplicate) undone and redone as one, in one transaction.

    A QUndoStack macro would undo its steps one commit each: a 1,000-row paste would cost 1,000
    fsyncs. The steps are kept here as plain Python objects, not as Qt children (Qt deleting the
    C++ half of a Python-subclassed child crashed PySide 6.12); push the group once they are done.
    """

    def __init__(self, context: AppContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.steps: list[QUndoCommand] = []

    def keep(self, step: QUndoCommand) -> None:
        self.steps.append(step)

    def redo(self) -> None:
        with self.context.document.transaction():
            for step in self.steps:
                step.redo()

    def undo(self) -> None:
        with self.context.document.transaction():
            for step in reversed(self.steps):
                step.undo()


class DeleteRecordsCommand(QUndoCommand):
    """Tombstone records; undo restores them."""

    def __init__(self, context: AppContext, record_uuids: list[str], label: str = "") -> None:
        super().__init__(QCoreApplication.translate("undo", "Delete %1").replace("%1", label or str(len(record_uuids))))
        self.context = context
        self.record_uuids = list(record_uuids)

    def redo(self) -> None:
        records = self.context.document.records
        with self.context.document.transaction():
            changes = union([records.delete(record_uuid) for record_uuid in self.record_uuids])
        self.context.signals.announce(changes)

    def undo(self) -> None:
        records = self.context.document.records
        with self.context.document.transaction():
            changes = union([records.restore(record_uuid) for record_uuid in self.record_uuids])
        self.context.signals.announce(changes)


class RestoreRecordsCommand(DeleteRecordsCommand):
    """Bring tombstoned records back; undo deletes them again."""

    def __init__(self, context: AppContext, record_uuids: list[str], label: str = "") -> None:
        super().__init__(context, record_uuids, label)
        self.setText(QCoreApplication.translate("undo", "Restore %1").replace("%1", label or str(len(record_uuids))))

    def redo(self) -> None:
        super().undo()

    def undo(self) -> None:
        super().redo()
