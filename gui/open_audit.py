"""Opening an audit the safe way: copy it off a stick or share, offer read-only when in use, say what happened."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from audit.document import AuditDocument
from audit.errors import (
    AUDIT_OR_STORAGE_ERRORS,
    STORAGE_ERRORS,
    AuditError,
    AuditInUseError,
    ReadOnlyFolderError,
    UpgradeError,
)
from audit.local_copy import LocalCopy, StorageKind, copy_to_local, existing_copies, storage_kind
from gui.jobs import start_job
from gui.message_boxes import fit_text
from gui.preferences import Preferences


@dataclass
class OpenedAudit:
    document: AuditDocument
    # Messages for the status bar (a recovered lock, a local copy).
    notices: list[str] = field(default_factory=list)


class ReadOnlyOffer(QMessageBox):
    """A warning about opening an audit that offers to open it read-only instead (or to cancel)."""

    def __init__(self, title: str, text: str, details: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(title)
        self.setText(text)
        if details:
            self.setInformativeText(details)
        button = QCoreApplication.translate("InUseDialog", "Open &read-only")
        self.read_only_button = self.addButton(button, QMessageBox.ButtonRole.AcceptRole)
        self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.read_only_button)
        fit_text(self)

    def wants_read_only(self) -> bool:
        return self.clickedButton() is self.read_only_button

    def ask(self) -> bool:
        """Shown modal; whether the user chose to open the audit read-only."""
        self.exec()
        return self.wants_read_only()


class InUseDialog(ReadOnlyOffer):
    """Says who has the audit open (process, machine, author) and offers to open it read-only."""

    def __init__(self, error: AuditInUseError, language: str, parent: QWidget | None = None) -> None:
        holder = error.holder
        details = QCoreApplication.translate("InUseDialog", "Opened by %1 in process %2 on computer %3.")
        details = details.replace("%1", str(holder.get("author") or "?")).replace("%2", str(holder.get("pid", "?")))
        details = details.replace("%3", str(holder.get("host", "?")))
        advice = QCoreApplication.translate(
            "InUseDialog", "Open it read-only to look at it, or ask them to close it first."
        )
        title = QCoreApplication.translate("InUseDialog", "Audit in use")
        super().__init__(title, error.message.get(language), details + "\n" + advice, parent)


def _ask_read_only(parent: QWidget | None, error: AuditInUseError, language: str) -> bool:
    return InUseDialog(error, language, parent).ask()


class UpgradeFailedDialog(ReadOnlyOffer):
    """The audit is of an older version that could not be upgraded (the file is unchanged): says why
    and offers to open it read-only, as this version still reads it."""

    def __init__(self, error: UpgradeError, language: str, parent: QWidget | None = None) -> None:
        title = QCoreApplication.translate("UpgradeFailedDialog", "Cannot upgrade audit")
        super().__init__(title, error.message.get(language), "", parent)
        self.setObjectName("upgradeFailed")


class ExistingCopyDialog(QMessageBox):
    """The stick's audit was copied here before: open that copy (the usual case) or copy it again."""

    def __init__(self, source: Path, copy: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Audit already on this computer"))
        changed = time.strftime("%Y-%m-%d %H:%M", time.localtime(copy.stat().st_mtime))
        self.setText(
            self.tr("%1 was copied to this computer before, as %2 (last changed %3).")
            .replace("%1", source.name)
            .replace("%2", str(copy))
            .replace("%3", changed)
        )
        self.setInformativeText(
            self.tr(
                "Open that copy to carry on where you left off. A new copy would start a second, separate audit file."
            )
        )
        self.open_button = self.addButton(self.tr("&Open the copy"), QMessageBox.ButtonRole.AcceptRole)
        self.copy_button = self.addButton(self.tr("Copy &again"), QMessageBox.ButtonRole.ActionRole)
        self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.open_button)
        fit_text(self)

    def choice(self) -> str | None:
        clicked = self.clickedButton()
        return "open" if clicked is self.open_button else "copy" if clicked is self.copy_button else None


def _ask_existing(parent: QWidget | None, source: Path, copy: Path) -> str | None:
    dialog = ExistingCopyDialog(source, copy, parent)
    dialog.exec()
    return dialog.choice()


def _show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("openError")
    fit_text(box)
    box.open()


def show_open_error(parent: QWidget | None, message: str) -> None:
    """The message shown when an audit cannot be opened (also when its deferred check finds damage)."""
    _show_error(parent, QCoreApplication.translate("OpenAudit", "Cannot open audit"), message)


def _read_only(parent: QWidget | None, path: Path, preferences: Preferences) -> AuditDocument | None:
    try:
        return AuditDocument.open(path, author=preferences.author(), read_only=True)
    except AuditError as error:
        show_open_error(parent, error.message.get(preferences.language))
        return None


def open_local(
    parent: QWidget | None,
    path: Path,
    preferences: Preferences,
    ask_read_only: Callable[[QWidget | None, AuditInUseError, str], bool] = _ask_read_only,
) -> OpenedAudit | None:
    """Open an audit on the local disk; None if the user gave up or the file cannot be opened."""
    language = preferences.language
    notices: list[str] = []
    try:
        # The integrity check of every page runs after the audit is shown (MainWindow.adopt starts
        # it); the audit can be written only once it passed.
        document = AuditDocument.open(path, author=preferences.author(), check_later=True)
    except AuditInUseError as error:
        if not ask_read_only(parent, error, language) or (fallback := _read_only(parent, path, preferences)) is None:
            return None
        document = fallback
        notices.append(
            QCoreApplication.translate("OpenAudit", "Opened read-only: another FieldAudit is editing this audit.")
        )
    except UpgradeError as error:
        if not UpgradeFailedDialog(error, language, parent).ask():
            return None
        if (fallback := _read_only(parent, path, preferences)) is None:
            return None
        document = fallback
        notices.append(
            QCoreApplication.translate(
                "OpenAudit", "Opened read-only: this audit could not be upgraded to this version of FieldAudit."
            )
        )
    except AuditError as error:
        if not isinstance(error, ReadOnlyFolderError):
            show_open_error(parent, error.message.get(language))
            return None
        fallback = _read_only(parent, path, preferences)
        if fallback is None:
            return None
        document = fallback
        notices.append(
            QCoreApplication.translate("OpenAudit", "Opened read-only: the file or its folder cannot be written.")
        )
    except PermissionError:
        # A write-protected folder or file (a locked stick, a shared folder without write access): the
        # lock file or the journal cannot be written, but the audit can still be read.
        try:
            document = AuditDocument.open(path, author=preferences.author(), read_only=True)
        except AUDIT_OR_STORAGE_ERRORS as again:
            message = again.message.get(language) if isinstance(again, AuditError) else str(again)
            show_open_error(parent, message)
            return None
        notices.append(
            QCoreApplication.translate("OpenAudit", "Opened read-only: the file or its folder cannot be written.")
        )
    except STORAGE_ERRORS as error:
        show_open_error(parent, str(error))
        return None
    stale = document.lock.recovered_stale if document.lock is not None else None
    if stale:
        text = QCoreApplication.translate(
            "OpenAudit", "Recovered the lock left by process %1 on %2, which ended without closing the audit."
        )
        notices.append(text.replace("%1", str(stale.get("pid", "?"))).replace("%2", str(stale.get("host", "?"))))
    return OpenedAudit(document, notices)


def open_audit(
    parent: QWidget | None,
    path: Path,
    preferences: Preferences,
    on_opened: Callable[[OpenedAudit], None],
    storage: Callable[[Path], StorageKind] = storage_kind,
    ask_read_only: Callable[[QWidget | None, AuditInUseError, str], bool] = _ask_read_only,
    ask_existing: Callable[[QWidget | None, Path, Path], str | None] | None = None,
) -> None:
    """Open `path`, first copying it to the audits folder (in the background) if it is on a stick or a share."""
    ask_existing = ask_existing or _ask_existing
    path = Path(path)
    kind = storage(path) if path.exists() else StorageKind.LOCAL
    if kind is StorageKind.LOCAL:
        opened = open_local(parent, path, preferences, ask_read_only)
        if opened is not None:
            on_opened(opened)
        return
    language = preferences.language
    earlier = existing_copies(path, preferences.audits_folder)
    if earlier:
        choice = ask_existing(parent, path, earlier[0])
        if choice is None:
            return
        if choice == "open":
            opened = open_local(parent, earlier[0], preferences, ask_read_only)
            if opened is not None:
                on_opened(opened)
            return

    def copied(result: Any) -> None:
        assert isinstance(result, LocalCopy)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("OpenAudit", "Audit copied to this computer"),
            result.message.get(language),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("localCopyNotice")
        fit_text(box)
        box.open()
        opened = open_local(parent, result.target, preferences, ask_read_only)
        if opened is not None:
            opened.notices.append(result.message.get(language))
            on_opened(opened)

    def failed(message: str) -> None:
        show_open_error(parent, message)

    start_job(
        lambda _progress: copy_to_local(path, preferences.audits_folder, kind),
        parent,
        QCoreApplication.translate("OpenAudit", "Copying the audit to this computer…"),
        on_finished=copied,
        on_failed=failed,
    )
