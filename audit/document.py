"""The audit document: one SQLite file, opened safely (checked first, locked, WAL, FULL sync)."""

from __future__ import annotations

import datetime as dt
import getpass
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from audit import APP_VERSION
from audit.errors import AuditFileError, ReadOnlyError
from audit.lean_sqlite_utils import Database
from audit.locking import AuditLock
from audit.schema import APPLICATION_ID, SCHEMA_VERSION, migrations, sync_form_tables
from forms.registry import FormRegistry, default_registry
from forms.spec import Text

SQLITE_HEADER = b"SQLite format 3\x00"


def now_iso() -> str:
    """Local wall-clock time, to the second: what an auditor reads off a watch."""
    return dt.datetime.now().replace(microsecond=0).isoformat()


def default_author() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def read_header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) read from the file header without opening SQLite.

    Reading the raw header means a file that is not ours is never touched by SQLite at all
    (opening a foreign file in WAL mode would rewrite it).
    """
    if not path.exists():
        raise AuditFileError(Text(f"{path}: file not found.", f"{path}：文件不存在。"))
    if path.is_dir():
        raise AuditFileError(Text(f"{path}: is a folder, not an audit file.", f"{path}：是文件夹，不是诊断文件。"))
    with open(path, "rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise AuditFileError(
            Text(
                f"{path}: not a FieldAudit audit (not an SQLite database).",
                f"{path}：不是 FieldAudit 诊断文件（不是 SQLite 数据库）。",
            )
        )
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    return application_id, user_version


def check_file(path: Path) -> None:
    """Refuse a file that is not ours, is from a newer version, or fails quick_check; never writes."""
    application_id, user_version = read_header(path)
    if application_id != APPLICATION_ID:
        raise AuditFileError(
            Text(
                f"{path}: an SQLite database, but not a FieldAudit audit.",
                f"{path}：是 SQLite 数据库，但不是 FieldAudit 诊断文件。",
            )
        )
    if user_version > SCHEMA_VERSION:
        raise AuditFileError(
            Text(
                f"{path}: made by a newer FieldAudit (schema {user_version}, this version reads up to "
                f"{SCHEMA_VERSION}). Update FieldAudit to open it.",
                f"{path}：由较新版本的 FieldAudit 创建（结构版本 {user_version}，本版本最高支持 {SCHEMA_VERSION}），请升级后打开。",
            )
        )
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = [row[0] for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise AuditFileError(
            Text(f"{path}: the file is damaged ({error}).", f"{path}：文件已损坏（{error}）。")
        ) from error
    if result != ["ok"]:
        raise AuditFileError(
            Text(
                f"{path}: the file is damaged (quick_check: {result[0]}).",
                f"{path}：文件已损坏（完整性检查：{result[0]}）。",
            )
        )


def configure(connection: sqlite3.Connection, read_only: bool = False) -> None:
    """The settings every connection to an audit gets (see DESIGN.md, "The audit document")."""
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 5000")
    if not read_only:
        connection.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed edit survives power loss, not only an application crash.
    connection.execute("PRAGMA synchronous = FULL")


class AuditDocument:
    """An open audit. Use `AuditDocument.create` or `AuditDocument.open`; close when done."""

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        registry: FormRegistry,
        author: str,
        read_only: bool,
        lock: AuditLock | None,
    ) -> None:
        self.path = path
        self.connection = connection
        self.db = Database(connection)
        self.registry = registry
        self.author = author
        self.read_only = read_only
        self.lock = lock
        from audit.records import RecordStore

        self.records = RecordStore(self)

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, author: str | None = None, registry: FormRegistry | None = None) -> AuditDocument:
        path = Path(path)
        if path.exists():
            raise AuditFileError(
                Text(f"{path}: already exists; choose another name.", f"{path}：文件已存在，请换一个名称。")
            )
        author = author or default_author()
        lock = AuditLock(path, author)
        lock.acquire()
        try:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            configure(connection)
            document = cls(path, connection, registry or default_registry(), author, False, lock)
            document._upgrade()
            with document.db.atomic():
                document.db.table("meta").insert_all(
                    [
                        {"key": "audit_uuid", "value": str(uuid.uuid4())},
                        {"key": "created_at", "value": now_iso()},
                        {"key": "created_by", "value": author},
                        {"key": "created_with", "value": APP_VERSION},
                    ],
                    replace=True,
                )
        except BaseException:
            lock.release()
            raise
        return document

    @classmethod
    def open(
        cls,
        path: Path | str,
        author: str | None = None,
        read_only: bool = False,
        registry: FormRegistry | None = None,
    ) -> AuditDocument:
        path = Path(path)
        author = author or default_author()
        lock: AuditLock | None = None
        if not read_only:
            read_header(path)  # a clear "not found" before a lock file is created beside nothing
            lock = AuditLock(path, author)
            lock.acquire()
        try:
            check_file(path)
            if read_only:
                connection = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
                )
            else:
                connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            configure(connection, read_only)
            document = cls(path, connection, registry or default_registry(), author, read_only, lock)
            if not read_only:
                document._upgrade()
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return document

    def _upgrade(self) -> None:
        # Migrations run with foreign keys off (sqlite-utils' transform() rebuilds tables), then
        # the result is checked, as SQLite's own documentation prescribes for schema changes.
        self.connection.execute("PRAGMA foreign_keys = OFF")
        try:
            schema_before = self.connection.execute("PRAGMA schema_version").fetchone()[0]
            migrations.apply(self.db)
            with self.db.atomic():
                sync_form_tables(self.db, self.registry)
            # Only a schema change can break references this way; checking a large audit on every
            # open cost 0.64 s of 0.92 s (issue 15). `check` still runs it on demand.
            changed = self.connection.execute("PRAGMA schema_version").fetchone()[0] != schema_before
            problems = self.connection.execute("PRAGMA foreign_key_check").fetchall() if changed else []
            if problems:
                raise AuditFileError(
                    Text(
                        f"{self.path}: upgrading left {len(problems)} broken references.",
                        f"{self.path}：升级后有 {len(problems)} 处引用失效。",
                    )
                )
            self.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        finally:
            self.connection.execute("PRAGMA foreign_keys = ON")

    # -- use -----------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic, durable step: every edit is committed when the block ends."""
        self.require_writable()
        with self.db.atomic() as db:
            yield db

    def require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(
                Text(
                    f"{self.path.name} is open read-only; changes cannot be saved.",
                    f"{self.path.name} 以只读方式打开，无法保存修改。",
                )
            )

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.table("meta").insert({"key": key, "value": value}, replace=True)

    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def save_copy(self, target: Path | str) -> None:
        """A consistent copy through SQLite's backup API (never a file copy of a live database)."""
        target = Path(target)
        destination = sqlite3.connect(target)
        try:
            self.connection.backup(destination)
        finally:
            destination.close()

    def close(self) -> None:
        try:
            if not self.read_only:
                # Fold the WAL back so the audit is one file again when it is copied or mailed.
                self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.connection.close()
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def __enter__(self) -> AuditDocument:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
