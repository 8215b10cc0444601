"""Errors the domain raises, each with a message a user can act on, in both languages."""

from __future__ import annotations

import sqlite3

from forms.spec import Text

# What reading or writing an audit file can raise besides AuditError: the GUI catches these by name
# from here, so that no gui module imports sqlite3 (ruff's banned-api enforces it, gui/ruff.toml).
STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError, sqlite3.Error)


class AuditError(Exception):
    """Base of every error that reaches a user: carries a bilingual message."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


class AuditFileError(AuditError):
    """The file is missing, not an audit, from a newer version, or damaged; it was not modified."""


class UpgradeError(AuditFileError):
    """The file is of an older version and could not be upgraded; it was not modified (it still opens read-only)."""


class AuditInUseError(AuditError):
    """Another process has the audit open for writing."""

    def __init__(self, message: Text, holder: dict[str, object]) -> None:
        super().__init__(message)
        self.holder = holder


class ReadOnlyError(AuditError):
    """A write was attempted on an audit opened read-only."""


class RecordError(AuditError):
    """A record, field or value does not exist or cannot be stored."""

    def __init__(self, message: Text, record: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.record = record
        self.field = field


class ReadOnlyFolderError(AuditError):
    """The audit or its folder cannot be written (a write-protected stick or share): open it read-only."""


# Everything opening, creating or copying an audit can raise that a person should be told about.
AUDIT_OR_STORAGE_ERRORS: tuple[type[Exception], ...] = (AuditError, *STORAGE_ERRORS)
