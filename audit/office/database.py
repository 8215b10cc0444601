"""The office database: one SQLite file (its own application id and migrations), locked to one writer."""

from __future__ import annotations

import contextlib
import importlib
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from audit import APP_VERSION
from audit.clock import SYSTEM_CLOCK, Clock, now_iso
from audit.document import configure, default_author, new_database_file, read_header
from audit.errors import AuditFileError
from audit.lean_sqlite_utils import Database, Migrations
from audit.locking import AuditLock, resolved
from forms.spec import Text

# "FAOf" in ASCII: marks a SQLite file as a FieldAudit office database (audits are "FAud").
OFFICE_APPLICATION_ID = 0x46414F66

migrations = Migrations("fieldaudit-office")

# Every migration set the office database carries, as "module:attribute", applied in this order by
# `create` and `open`; another part of the office (the register, issue 14) adds its tables by naming
# its own set here. A module that is not installed is skipped: a file that already carries its
# migrations then reads as newer than this program (user_version counts every applied migration).
MIGRATION_SETS: list[str] = [
    "audit.office.database:migrations",
    "audit.office.register:migrations",
]


@migrations()
def m001_office(db: Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("auditor").create(
        {
            "key_id": str,
            "public_key": str,  # base64 of the raw 32-byte Ed25519 key
            "name": str,
            "registered_at": str,
            "registered_by": str,
            "revoked_at": str,  # NULL while the key is trusted
        },
        pk="key_id",
        not_null={"public_key", "registered_at"},
    )
    db.table("audit").create(
        {
            "audit_uuid": str,
            "credit_code": str,
            "enterprise_name": str,
            "latest_revision": int,  # the highest package revision merged
            "review_status": str,
            "first_received_at": str,
            "updated_at": str,
        },
        pk="audit_uuid",
        not_null={"review_status"},
    )
    db.table("audit").create_index(["credit_code"])
    _record_tables(db)
    _package_tables(db)


@migrations()
def m002_receipt_hash(db: Database) -> None:
    # The SHA-256 of the whole package file as received: what the auditor's export receipt names.
    db.table("package_receipt").add_column("package_sha256", str)


@migrations()
def m003_photo_entry(db: Database) -> None:
    # The photo's entry as the package carried it (size, caption, links): what a returned package sends back.
    db.table("audit_photo").add_column("entry_json", str)


def _record_tables(db: Database) -> None:
    db.table("office_record").create(
        {
            "audit_uuid": str,
            "uuid": str,
            "form_id": str,  # "form" or "form.repeat" for a repeat-group row
            "form_version": int,
            "revision": int,
            "author": str,
            "created_at": str,
            "modified_at": str,
            "state": str,
            "deleted": int,
            "values_json": str,  # {field: value} as in the records JSON
            "overridden_json": str,  # [field, ...] calculated fields an expert overrode
            "parent_uuid": str,
            "position": int,
        },
        pk=("audit_uuid", "uuid"),
        foreign_keys=[("audit_uuid", "audit", "audit_uuid")],
        not_null={"form_id", "revision", "values_json"},
    )
    db.table("office_record").create_index(["audit_uuid", "form_id"])
    db.table("office_record").create_index(["audit_uuid", "parent_uuid"])
    # The revision of each record last received from each source (a signer's key id): what "changed
    # at the office since" and "changed in the package since" are measured from.
    db.table("record_base").create(
        {"audit_uuid": str, "record_uuid": str, "source": str, "base_revision": int},
        pk=("audit_uuid", "record_uuid", "source"),
        foreign_keys=[("audit_uuid", "audit", "audit_uuid")],
        not_null={"base_revision"},
    )
    db.table("conflict").create(
        {
            "id": int,
            "audit_uuid": str,
            "record_uuid": str,
            "form_id": str,
            "local_json": str,  # the office's version (envelope and values) when the package came
            "incoming_json": str,  # the package's version
            "origin": str,  # the package id
            "detected_at": str,
            "settled_by": str,
            "settled_at": str,
            "choice": str,  # office / package / edit
        },
        pk="id",
        foreign_keys=[("audit_uuid", "audit", "audit_uuid")],
        not_null={"audit_uuid", "record_uuid", "local_json", "incoming_json", "origin"},
    )
    db.table("conflict").create_index(["audit_uuid", "record_uuid"])


def _package_tables(db: Database) -> None:
    db.table("photo").create({"sha256": str, "data": bytes, "byte_count": int, "received_at": str}, pk="sha256")
    db.table("audit_photo").create(
        {
            "audit_uuid": str,
            "photo_uuid": str,
            "sha256": str,
            "original_name": str,
            "caption": str,
            "captured_at": str,
            "deleted": int,
            "linked_records_json": str,
        },
        pk=("audit_uuid", "photo_uuid"),
        foreign_keys=[("audit_uuid", "audit", "audit_uuid")],
    )
    db.table("package_receipt").create(
        {
            "package_id": str,
            "audit_uuid": str,
            "revision": int,
            "signer_key_id": str,
            "trusted": int,  # 1: signed by a registered key; 0: accepted by an officer
            "accepted_by": str,
            "received_at": str,
            "received_by": str,
            "outcome": str,
            "reason": str,
            "source_name": str,
            "counts_json": str,
            "bag_info_json": str,
        },
        pk="package_id",
        foreign_keys=[("audit_uuid", "audit", "audit_uuid")],
        not_null={"audit_uuid", "signer_key_id", "received_at", "outcome"},
    )
    db.table("package_receipt").create_index(["audit_uuid"])
    db.table("report").create(
        {"package_id": str, "audit_uuid": str, "data": bytes},
        pk="package_id",
        foreign_keys=[("package_id", "package_receipt", "package_id"), ("audit_uuid", "audit", "audit_uuid")],
    )
    db.table("review").create(
        {"id": int, "audit_uuid": str, "status": str, "comment": str, "reviewed_by": str, "reviewed_at": str},
        pk="id",
        foreign_keys=[("audit_uuid", "audit", "audit_uuid")],
        not_null={"audit_uuid", "status", "reviewed_at"},
    )
    db.table("review").create_index(["audit_uuid"])


def migration_sets() -> list[Migrations]:
    """The migration sets of MIGRATION_SETS that are installed, in order."""
    found: list[Migrations] = []
    for entry in MIGRATION_SETS:
        module_name, _, attribute = entry.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        found.append(getattr(module, attribute))
    return found


def schema_version() -> int:
    """The user_version this program writes: the number of migrations it knows, over every set."""
    return sum(len(each._migrations) for each in migration_sets())


class OfficeFileError(AuditFileError):
    """The file is missing, not an office database, newer than this program, or locked; nothing was changed."""


def _not_office(path: Path) -> OfficeFileError:
    return OfficeFileError(
        Text(
            f"{path}: an SQLite database, but not a FieldAudit office database.",
            f"{path}：是 SQLite 数据库，但不是 FieldAudit 办公室数据库。",
        )
    )


def _check_identity(path: Path, application_id: int, user_version: int) -> None:
    if application_id != OFFICE_APPLICATION_ID:
        raise _not_office(path)
    known = schema_version()
    if user_version > known:
        raise OfficeFileError(
            Text(
                f"{path}: made by a newer FieldAudit (office schema {user_version}, this version reads up to "
                f"{known}). Update FieldAudit to open it.",
                f"{path}：由较新版本的 FieldAudit 创建（办公室数据库结构版本 {user_version}，本版本最高支持 {known}），"
                "请升级后打开。",
            )
        )


class OfficeDatabase:
    """An open office database. Use `OfficeDatabase.create` or `.open`; `close` when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection, officer: str, lock: AuditLock | None) -> None:
        self.path = path
        self.connection = connection
        self.db = Database(connection)
        self.officer = officer
        self.lock = lock
        # Every time the office stores comes from here; tests inject a FixedClock.
        self.clock: Clock = SYSTEM_CLOCK

    @classmethod
    def create(cls, path: Path | str, officer: str | None = None) -> OfficeDatabase:
        path = Path(path)
        officer = officer or default_author()
        with new_database_file(path, officer, OFFICE_APPLICATION_ID) as (connection, lock):
            office = cls(path, connection, officer, lock)
            office._upgrade()
            with office.transaction() as db:
                db.table("meta").insert_all(
                    [
                        {"key": "office_uuid", "value": str(uuid.uuid4())},
                        {"key": "created_at", "value": now_iso()},
                        {"key": "created_by", "value": officer},
                        {"key": "created_with", "value": APP_VERSION},
                    ]
                )
        return office

    @classmethod
    def open(cls, path: Path | str, officer: str | None = None) -> OfficeDatabase:
        path = Path(path)
        officer = officer or default_author()
        # The header is read without SQLite, so a file that is not ours is never written (WAL mode would).
        _check_identity(path, *read_header(path))
        lock = AuditLock(path, officer)
        try:
            lock.acquire()
        except PermissionError:
            raise OfficeFileError(Text(f"{path}: the folder cannot be written.", f"{path}：该文件夹不可写。")) from None
        connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(resolved(path), isolation_level=None, check_same_thread=False)
            # Checked again once SQLite has applied a -wal left beside the file, before any write.
            application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
            user_version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            _check_identity(path, application_id, user_version)
            configure(connection)
            office = cls(path, connection, officer, lock)
            if any(each.pending(office.db) for each in migration_sets()):
                office._upgrade()
        except BaseException:
            if connection is not None:
                connection.close()
            lock.release()
            raise
        return office

    def for_worker(self) -> OfficeDatabase:
        """Another connection to this office for a background job (one connection per thread); the
        lock stays with this one, and closing the worker's leaves it held."""
        connection = sqlite3.connect(resolved(self.path), isolation_level=None, check_same_thread=False)
        configure(connection)
        worker = OfficeDatabase(self.path, connection, self.officer, None)
        worker.clock = self.clock
        return worker

    def _upgrade(self) -> None:
        # As for audits: migrations run with foreign keys off, then references are checked.
        self.connection.execute("PRAGMA foreign_keys = OFF")
        try:
            for each in migration_sets():
                each.apply(self.db)
            problems = self.connection.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise OfficeFileError(
                    Text(
                        f"{self.path}: upgrading left {len(problems)} broken references.",
                        f"{self.path}：升级后有 {len(problems)} 处引用失效。",
                    )
                )
            self.connection.execute(f"PRAGMA user_version = {schema_version()}")
        finally:
            self.connection.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic, durable step. The write lock is taken at the start (BEGIN IMMEDIATE), so a
        long import never fails half-way on a lock upgrade; nested blocks are savepoints."""
        if self.connection.in_transaction:
            with self.db.atomic() as db:
                yield db
            return
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise
        try:
            self.connection.execute("COMMIT")
        except BaseException:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def now(self) -> str:
        return now_iso(self.clock)

    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        try:
            # Fold the WAL back so the office database is one file again (for a backup or a copy).
            # Every change is already committed in the WAL: if folding fails, the next open folds it.
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.connection.close()
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def __enter__(self) -> OfficeDatabase:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
