"""The audit document: one SQLite file, opened safely (checked first, locked, WAL, FULL sync)."""

from __future__ import annotations

import functools
import getpass
import logging
import os
import shutil
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit import APP_VERSION
from audit.cancel import Cancelled, interrupt_on_stop, stop_requested, watch
from audit.clock import SYSTEM_CLOCK, Clock, now_iso
from audit.errors import AuditFileError, ReadOnlyError, ReadOnlyFolderError, UpgradeError
from audit.lean_sqlite_utils import pending_names
from audit.locking import AuditLock, resolved
from audit.output_files import write_atomically
from audit.records import RecordStore, new_uuid
from audit.schema import (
    APPLICATION_ID,
    ENVELOPE_COLUMNS,
    FORMER_SYSTEM_TABLES,
    RECORD_INDEX_VIEW,
    SCHEMA_VERSION,
    SYSTEM_TABLES,
    child_table,
    field_columns,
    migrations,
    sync_form_tables,
    tables_added_after,
)
from forms.registry import FormRegistry, default_registry
from forms.spec import IDENTIFIER, Text

if TYPE_CHECKING:
    from audit.lean_sqlite_utils import Database

SQLITE_HEADER = b"SQLite format 3\x00"
# Messages are one line: a damaged file's report can run to a hundred lines.
MESSAGE_CHARS = 200
# After an upgrade, the file is rebuilt smaller (VACUUM) when at least this much of it is free pages
# (m005 frees 20 MB, 13 %, of a large schema-4 audit; VACUUM took 1.0 s there).
SHRINK_MIN_FREE_BYTES = 4 * 1024 * 1024
SHRINK_MIN_FREE_SHARE = 0.1
# ... and the disk has room for what VACUUM writes besides the file: the rebuilt copy (a temporary
# file) and the same again in the -wal, with a margin, so that shrinking never fills the disk.
SHRINK_ROOM_FACTOR = 2.5
LOG = logging.getLogger(__name__)
# Checking a file (quick_check, the schema) never takes longer than this, whatever the file holds.
VALIDATE_DEADLINE_S = 120.0


def default_author() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _unreadable(path: Path, why: str, why_zh: str) -> AuditFileError:
    return AuditFileError(Text(f"{path}: {why}", f"{path}：{why_zh}"))


def read_header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) read from the main file's header without opening SQLite.

    Reading the raw header means a file that is not ours is never touched by SQLite at all
    (opening a foreign file in WAL mode would rewrite it). A -wal beside the file can still change
    both values: `validate` checks them again once SQLite has applied it.
    """
    try:
        # Non-blocking: a FIFO planted under the audit's name must not hang the open.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise AuditFileError(Text(f"{path}: file not found.", f"{path}：文件不存在。")) from None
    except PermissionError:
        raise _unreadable(path, "cannot be read (permission denied).", "无法读取（没有权限）。") from None
    except IsADirectoryError:
        raise _unreadable(path, "is a folder, not an audit file.", "是文件夹，不是诊断文件。") from None
    except OSError as error:
        raise _unreadable(path, f"cannot be read ({error.strerror}).", f"无法读取（{error.strerror}）。") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _unreadable(path, "is a folder, not an audit file.", "是文件夹，不是诊断文件。")
        if not stat.S_ISREG(mode):
            raise _unreadable(path, "is not a regular file, not an audit.", "不是普通文件，不是诊断文件。")
        header = os.read(fd, 100)
    except OSError as error:
        raise _unreadable(path, f"cannot be read ({error.strerror}).", f"无法读取（{error.strerror}）。") from None
    finally:
        os.close(fd)
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


def _check_identity(path: Path, application_id: int, user_version: int) -> None:
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


def _first_line(text: str) -> str:
    """One line of at most MESSAGE_CHARS: SQLite and quick_check can say a hundred lines."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= MESSAGE_CHARS else line[: MESSAGE_CHARS - 1] + "…"


def _damaged(path: Path, why: str) -> AuditFileError:
    why = _first_line(why)
    return AuditFileError(Text(f"{path}: the file is damaged ({why}).", f"{path}：文件已损坏（{why}）。"))


class BrokenReferences(Exception):
    """Raised inside the upgrade's transaction (which it rolls back): the migrated file fails foreign_key_check."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} broken references")
        self.count = count


def _not_upgraded(path: Path, version: int, why: str, why_zh: str) -> UpgradeError:
    return UpgradeError(
        Text(
            f"{path}: this audit could not be upgraded to this version of FieldAudit (file schema {version}, "
            f"this version {SCHEMA_VERSION}): {why}. The file was not changed. You can still open it read-only "
            "to look at it or export it; keep the file and send a copy to your FieldAudit support.",
            f"{path}：此诊断文件无法升级到本版本 FieldAudit（文件结构版本 {version}，本版本 {SCHEMA_VERSION}）："
            f"{why_zh}。文件未做任何修改。仍可以只读方式打开查看或导出；请保留该文件，并将副本发给 FieldAudit 技术支持。",
        )
    )


def folder_is_read_only(path: Path) -> bool:
    """Whether the audit's folder refuses new files (a write-protected stick, a read-only share or mount)."""
    return not os.access(resolved(path).parent, os.W_OK)


def _read_only_folder_error(path: Path) -> ReadOnlyFolderError:
    return ReadOnlyFolderError(
        Text(
            f"{path}: the file or its folder is read-only; it can only be opened read-only.",
            f"{path}：文件或其所在文件夹是只读的，只能以只读方式打开。",
        )
    )


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never write the audit, even in a read-only folder.

    A WAL reader needs the -shm index beside the file; SQLite creates it when the folder allows.
    In a read-only folder with no -wal left (a closed audit is one file), the file is opened as
    immutable, which needs no -shm; a read-only folder that still holds a -wal is refused, since
    reading without it would show an older state.
    """
    uri = resolved(path).as_uri()
    connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        connection.close()
        if not folder_is_read_only(path):
            raise
    wal = Path(f"{resolved(path)}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise AuditFileError(
            Text(
                f"{path}: in a read-only folder with edits not yet folded into the file (-wal). Copy the folder "
                "to this computer and open the copy.",
                f"{path}：位于只读文件夹中，且有尚未写入主文件的修改（-wal）。请将文件夹复制到本机后打开副本。",
            )
        )
    connection = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA trusted_schema = OFF")
    return connection


@contextmanager
def _bounded_check(connection: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Checking a file: every query bounded by a deadline, SQLite's complaints turned into one-line
    "damaged" errors; a background job that is cancelled stops checking, too (Cancelled)."""
    deadline = time.monotonic() + VALIDATE_DEADLINE_S
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline or stop_requested()), 10_000)
    try:
        yield
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error) and stop_requested():
            raise Cancelled from None
        if "interrupted" in str(error):
            raise AuditFileError(
                Text(
                    f"{path}: checking the file took longer than {VALIDATE_DEADLINE_S:.0f} s; refused.",
                    f"{path}：检查文件超过 {VALIDATE_DEADLINE_S:.0f} 秒，已拒绝打开。",
                )
            ) from None
        raise _damaged(path, str(error)) from None
    except sqlite3.DatabaseError as error:
        raise _damaged(path, str(error)) from None
    finally:
        connection.set_progress_handler(None, 0)


def _quick_check(connection: sqlite3.Connection, path: Path) -> None:
    # One step for SQLite: only an interrupt stops it when a background job is cancelled.
    with interrupt_on_stop(connection):
        result = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if result != ["ok"]:
        raise _damaged(path, f"quick_check: {result[0]}")


# The files this process has seen pass quick_check as the audit it has open for writing, each with
# its identity then (device, inode, size, modification time): a background reader started later on
# the same, unchanged file need not run it again (0.09 s of each read-only open of a large audit,
# issue 15). The desktop app sends its table with every job to its worker processes
# (gui/worker_pool.py), which take it as theirs (`trust_verified`). Only the main file's identity:
# edits after the check go to the -wal, through SQLite and our lock; a checkpoint that rewrites the
# file changes its modification time, and readers check again.
_verified: dict[str, tuple[int, int, int, int]] = {}


def file_identity(path: Path) -> tuple[int, int, int, int]:
    status = os.stat(resolved(path))
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def verified_files() -> dict[str, tuple[int, int, int, int]]:
    """The files this process verified, as sent to a worker with a job."""
    return dict(_verified)


def trust_verified(files: dict[str, tuple[int, int, int, int]]) -> None:
    """Take the app's table of verified files (a worker process, before each job)."""
    _verified.clear()
    _verified.update(files)


def _remember_verified(path: Path) -> None:
    _verified[str(resolved(path))] = file_identity(path)


def _forget_verified(path: Path) -> None:
    _verified.pop(str(resolved(path)), None)


def _still_verified(path: Path) -> bool:
    """Whether `path` passed quick_check in the app as the file it is now."""
    known = _verified.get(str(resolved(path)))
    try:
        return known is not None and known == file_identity(path)
    except OSError:
        return False


def check_integrity(path: Path) -> None:
    """SQLite's quick_check of the file on a connection of its own that cannot write (any thread)."""
    try:
        connection = connect_read_only(path)
    except sqlite3.DatabaseError as error:
        raise _damaged(path, str(error)) from None
    try:
        with _bounded_check(connection, path):
            _quick_check(connection, path)
    finally:
        connection.close()


def validate(
    connection: sqlite3.Connection, path: Path, registry: FormRegistry, for_writing: bool, quick_check: bool = True
) -> None:
    """Refuse, before any write, a file that is not ours, is newer, is damaged or carries foreign schema.

    Runs on the connection that will read the file, so a -wal left beside it has been applied: its
    application id and version are the ones checked. Every query is bounded by a deadline.
    `quick_check=False` leaves out the integrity check of every page (AuditDocument.open's
    check_later runs it after the audit is shown, before its first write).
    """
    with _bounded_check(connection, path):
        application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        user_version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        _check_identity(path, application_id, user_version)
        foreign = foreign_objects(connection)
        if foreign:
            raise AuditFileError(
                Text(
                    f"{path}: holds {foreign[0]} that FieldAudit did not create ({len(foreign)} such object(s)); "
                    "refused, since it could run when the audit is read or changed.",
                    f"{path}：含有 FieldAudit 未创建的 {foreign[0]}（共 {len(foreign)} 个），"
                    "因其可能在读取或修改诊断时执行，已拒绝打开。",
                )
            )
        if quick_check:
            _quick_check(connection, path)
        # A reader needs every table and column it will query; a writer adds what forms lack, but
        # cannot rebuild missing system tables of a file that says it is already migrated.
        if for_writing:
            missing = schema_gaps(connection, registry, system_only=True) if user_version > 0 else []
        else:
            missing = schema_gaps(connection, registry)
        if missing:
            hint = (
                Text("", "")
                if for_writing
                else Text(" Open it once for editing to bring it up to date.", "请先以编辑方式打开一次以更新。")
            )
            raise AuditFileError(
                Text(
                    f"{path}: incomplete ({missing[0]} missing).{hint.en}",
                    f"{path}：文件不完整（缺少 {missing[0]}）。{hint.zh}",
                )
            )


@functools.cache
def _tables_the_migrations_create() -> frozenset[str]:
    """The system tables read from a scratch database the migrations ran on: only asked when a file
    holds a table SYSTEM_TABLES does not list (a migration that forgot to add its table there), so
    that such a table makes an open slower, never refused."""
    from audit.lean_sqlite_utils import Database

    db = Database(memory=True, execute_plugins=False)
    migrations.apply(db)
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    db.close()
    return frozenset(str(row[0]) for row in rows)


def form_tables(registry: FormRegistry) -> dict[str, dict[str, type]]:
    """Every typed table the forms need, with its columns (as sync_form_tables makes them)."""
    tables: dict[str, dict[str, type]] = {}
    for form in registry:
        tables[form.id] = {**ENVELOPE_COLUMNS, **field_columns(form.fields)}
        for repeat in form.repeats:
            tables[child_table(form, repeat)] = {
                **ENVELOPE_COLUMNS,
                "parent_uuid": str,
                "position": int,
                **field_columns(repeat.fields),
            }
    return tables


def foreign_objects(connection: sqlite3.Connection) -> list[str]:
    """Schema objects FieldAudit never makes and that would run code: triggers, views, expression and
    partial indexes, generated columns; and tables that are neither ours nor a known form's."""
    found: list[str] = []
    system_tables = SYSTEM_TABLES
    rows = connection.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master").fetchall()
    try:
        declared_forms = {str(row[0]) for row in connection.execute("SELECT DISTINCT form_id FROM form_definition")}
    except sqlite3.OperationalError:
        declared_forms = set()
    # Asked of every index and table in one statement each (issue 15: two statements instead of one
    # per table and index, ~2.5 ms of every open): an index on an expression (a column -2), a table
    # with a generated column (hidden 2 or 3).
    on_expressions = _names(
        connection,
        "SELECT m.name FROM sqlite_master AS m, pragma_index_xinfo(m.name) AS x WHERE m.type = 'index' AND x.cid = -2",
    )
    generated = _names(
        connection,
        "SELECT m.name FROM sqlite_master AS m, pragma_table_xinfo(m.name) AS x "
        "WHERE m.type = 'table' AND x.hidden IN (2, 3)",
    )
    for kind, name, sql in rows:
        label = f"a {kind} «{_first_line(str(name))[:60]}»"
        if kind == "view" and name == "record_index" and " ".join(str(sql).split()) == RECORD_INDEX_VIEW:
            continue  # ours (schema 5): the record index read over its compact storage
        if kind in ("trigger", "view"):
            found.append(label)
        elif kind == "index":
            partial = " WHERE " in " ".join(str(sql).upper().split())
            if partial or name in on_expressions:
                found.append(label)
        elif kind == "table" and not str(name).startswith("sqlite_"):
            known = (
                name in system_tables
                or name in FORMER_SYSTEM_TABLES
                or (IDENTIFIER.match(str(name)) is not None and str(name).split("__")[0] in declared_forms)
                or name in _tables_the_migrations_create()
            )
            if not known or name in generated:
                found.append(label)
    return found


def _names(connection: sqlite3.Connection, query: str) -> set[object]:
    return {row[0] for row in connection.execute(query)}


def schema_gaps(connection: sqlite3.Connection, registry: FormRegistry, system_only: bool = False) -> list[str]:
    """What this version needs and the file lacks: tables, columns, stored form definitions."""
    gaps: list[str] = []
    present = {str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    user_version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    for table in sorted(SYSTEM_TABLES - tables_added_after(user_version)):
        if table not in present:
            gaps.append(f"table {table}")
    if gaps or system_only:
        return gaps
    # Every table's columns in one statement (issue 15: not one per form table, ~1 ms of every open).
    existing: dict[str, set[str]] = {}
    for table, column in connection.execute(
        "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p WHERE m.type = 'table'"
    ):
        existing.setdefault(str(table), set()).add(str(column))
    for table, columns in form_tables(registry).items():
        if table not in present:
            gaps.append(f"table {table}")
            continue
        gaps.extend(f"column {table}.{column}" for column in columns if column not in existing.get(table, set()))
    stored = {(str(a), int(b)) for a, b in connection.execute("SELECT form_id, version FROM form_definition")}
    gaps.extend(
        f"form definition {form.id} v{form.version}" for form in registry if (form.id, form.version) not in stored
    )
    return gaps


def check_file(path: Path, registry: FormRegistry | None = None) -> None:
    """Refuse a file that is not ours, is newer, is damaged or carries foreign schema; never writes."""
    application_id, user_version = read_header(path)
    _check_identity(path, application_id, user_version)
    try:
        connection = connect_read_only(path)
    except sqlite3.DatabaseError as error:
        raise _damaged(path, str(error)) from None
    try:
        validate(connection, path, registry or default_registry(), for_writing=True)
    finally:
        connection.close()


def configure(connection: sqlite3.Connection, read_only: bool = False) -> None:
    """The settings every connection to an audit gets (see DESIGN.md, "The audit document")."""
    # Schema code (views, triggers, defaults) may only call side-effect-free functions.
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 5000")
    if not read_only:
        connection.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed edit survives power loss, not only an application crash.
    connection.execute("PRAGMA synchronous = FULL")


@contextmanager
def new_database_file(path: Path, author: str, application_id: int) -> Iterator[tuple[sqlite3.Connection, AuditLock]]:
    """A new SQLite file at `path`, locked by `author`, marked with `application_id` and configured.

    If the block fails (a full disk, a kill), nothing is left under the name asked for.
    """
    lock = AuditLock(path, author)
    try:
        lock.acquire(create=True)
    except PermissionError:
        raise AuditFileError(Text(f"{path}: the folder cannot be written.", f"{path}：该文件夹不可写。")) from None
    connection: sqlite3.Connection | None = None
    try:
        connection = sqlite3.connect(resolved(path), isolation_level=None, check_same_thread=False)
        connection.execute(f"PRAGMA application_id = {application_id}")
        configure(connection)
        yield connection, lock
    except BaseException:
        if connection is not None:
            connection.close()
        real = resolved(path)
        for leftover in (real, Path(f"{real}-wal"), Path(f"{real}-shm"), Path(f"{real}-journal")):
            leftover.unlink(missing_ok=True)
        lock.release()
        raise


def _lock_for_writing(path: Path, author: str) -> AuditLock:
    if folder_is_read_only(path) or not os.access(resolved(path), os.W_OK):
        raise _read_only_folder_error(path)
    lock = AuditLock(path, author)
    try:
        lock.acquire()
    except PermissionError:
        raise _read_only_folder_error(path) from None
    return lock


def _checked_connection(
    path: Path, registry: FormRegistry, read_only: bool, check_later: bool
) -> tuple[sqlite3.Connection, bool]:
    """The connection an opened audit reads through, once `validate` passed on it; and whether its
    quick_check was left for later (then the connection is the read-only one it was checked on).

    Checked on a connection that cannot write, after SQLite applied any -wal, before any write.
    Only a file already in WAL mode is checked later: switching a file to WAL writes its header.
    """
    try:
        checker = connect_read_only(path)
    except sqlite3.DatabaseError as error:
        raise _damaged(path, str(error)) from None
    try:
        later = check_later and _in_wal_mode(checker, path)
        # A background reader of the audit the app verified (and still holds) skips the check.
        trusted = read_only and _still_verified(path)
        validate(checker, path, registry, for_writing=not read_only, quick_check=not (later or trusted))
    except BaseException:
        checker.close()
        raise
    if read_only:
        # A background job's reader stops mid-statement when the job is cancelled (issue 15).
        watch(checker)
        return checker, False
    if later:
        return checker, True
    checker.close()
    return sqlite3.connect(resolved(path), isolation_level=None, check_same_thread=False), False


def _in_wal_mode(connection: sqlite3.Connection, path: Path) -> bool:
    with _bounded_check(connection, path):
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"


class DeferredCheck:
    """The quick_check of an audit opened with check_later, run once by whichever thread asks first
    (a background job, or the first write, which then waits for it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self.passed = False
        self.error: AuditFileError | None = None

    def run(self) -> None:
        with self._lock:
            if not self.passed and self.error is None:
                try:
                    check_integrity(self.path)
                except AuditFileError as error:
                    self.error = error
                else:
                    self.passed = True
                    _remember_verified(self.path)
        if self.error is not None:
            raise AuditFileError(self.error.message)


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
        self.registry = registry
        self.author = author
        self.read_only = read_only
        self.lock = lock
        # Set when closing could not fold the WAL back (the edits are safe in it).
        self.close_problem: str | None = None
        # Every time the audit stores (edits, change log, attachments) comes from here; tests inject a FixedClock.
        self.clock: Clock = SYSTEM_CLOCK
        self.records = RecordStore(self)
        # open(check_later=True): the integrity check still to pass before the first write, and the
        # read-only connection the audit was shown through until then (kept open: a reader may be mid-way).
        self._deferred_check: DeferredCheck | None = None
        self._shown_connection: sqlite3.Connection | None = None

    @functools.cached_property
    def db(self) -> Database:
        """sqlite-utils over the audit's connection, made on first use: a command that only reads
        never loads sqlite-utils (issue 15). Third-party sqlite-utils plugins never run on it."""
        from audit.lean_sqlite_utils import Database

        return Database(self.connection, execute_plugins=False)

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, author: str | None = None, registry: FormRegistry | None = None) -> AuditDocument:
        path = Path(path)
        author = author or default_author()
        with new_database_file(path, author, APPLICATION_ID) as (connection, lock):
            document = cls(path, connection, registry or default_registry(), author, False, lock)
            document._upgrade()
            with document.db.atomic():
                document.db.table("meta").insert_all(
                    [
                        {"key": "audit_uuid", "value": new_uuid()},
                        {"key": "created_at", "value": now_iso()},
                        {"key": "created_by", "value": author},
                        {"key": "created_with", "value": APP_VERSION},
                    ],
                    replace=True,
                )
        return document

    @classmethod
    def in_memory(cls, author: str, registry: FormRegistry | None = None) -> AuditDocument:
        """A scratch audit held in memory (no file, no lock): the office materialises merged records
        into one to analyse them with the same `load_inputs` an auditor's audit goes through."""
        connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA foreign_keys = ON")
        document = cls(Path(":memory:"), connection, registry or default_registry(), author, False, None)
        document._upgrade()
        return document

    @classmethod
    def open(
        cls,
        path: Path | str,
        author: str | None = None,
        read_only: bool = False,
        registry: FormRegistry | None = None,
        check_later: bool = False,
        before_upgrade: Callable[[], None] | None = None,
    ) -> AuditDocument:
        """Open an audit after checking it (see `validate`).

        before_upgrade: called when the file turns out to need an upgrade, before it starts (the
        desktop app says so: it takes a few seconds on a large audit).

        check_later (the desktop app, issue 15): an audit opened for writing that needs no upgrade
        is opened without SQLite's quick_check of every page (0.3 s on a large audit), through a
        connection that cannot write. `verify()` runs the check (a background job) and
        `finish_check()` then switches to the writable connection; the first write waits for the
        check, and a damaged file stays read-only. Nothing is written before the check has passed.
        """
        path = Path(path)
        author = author or default_author()
        registry = registry or default_registry()
        application_id, user_version = read_header(path)
        _check_identity(path, application_id, user_version)
        lock: AuditLock | None = None
        connection: sqlite3.Connection | None = None
        try:
            if not read_only:
                lock = _lock_for_writing(path, author)
            connection, later = _checked_connection(path, registry, read_only, check_later and not read_only)
            configure(connection, read_only or later)
            document = cls(path, connection, registry, author, read_only, lock)
            if later:
                document._deferred_check = DeferredCheck(path)
            if not read_only and document._needs_upgrade():
                if before_upgrade is not None:
                    before_upgrade()
                # An upgrade writes: the whole check first.
                document.finish_check()
                migrated = document.schema_version() < SCHEMA_VERSION
                document._upgrade_opened()
                if migrated:
                    document.shrink_after_upgrade()
        except BaseException:
            if connection is not None:
                connection.close()
            if lock is not None:
                lock.release()
            raise
        return document

    # -- the integrity check after the audit is shown (check_later) -------------------------------
    @property
    def check_pending(self) -> bool:
        """Whether the deferred integrity check has yet to pass (the audit cannot be written until then)."""
        return self._deferred_check is not None

    def verify(self) -> None:
        """Run the deferred integrity check, in any thread (a background job); raises AuditFileError
        for a damaged file. The switch to writing happens in `finish_check`, on the document's thread."""
        if self._deferred_check is not None:
            self._deferred_check.run()

    def finish_check(self) -> None:
        """Finish the deferred check (waiting for a job that runs it, or running it) and make the
        audit writable; a damaged file raises AuditFileError and the audit stays read-only."""
        check = self._deferred_check
        if check is None:
            return
        try:
            check.run()
        except AuditFileError:
            self.read_only = True
            raise
        writable = sqlite3.connect(resolved(self.path), isolation_level=None, check_same_thread=False)
        configure(writable)
        self._shown_connection = self.connection
        self.connection = self.records.connection = writable
        self.__dict__.pop("db", None)  # sqlite-utils, if made, wraps the connection it was made over
        self._deferred_check = None

    def _needs_upgrade(self) -> bool:
        """Whether opening must write: an older schema or forms this file has no tables for yet.

        A file that needs nothing is not written at all (not even its header) until the first edit.
        """
        if self.schema_version() != SCHEMA_VERSION or pending_names(migrations, self.connection):
            return True
        return bool(schema_gaps(self.connection, self.registry))

    def _upgrade(self) -> None:
        # Migrations run with foreign keys off (sqlite-utils' transform() rebuilds tables), then
        # the result is checked, as SQLite's own documentation prescribes for schema changes. All of
        # it is one transaction (each migration a savepoint in it): a failure anywhere, even in the
        # last of several migrations, leaves the file exactly as it was.
        self.connection.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.db.atomic():
                schema_before = self.connection.execute("PRAGMA schema_version").fetchone()[0]
                migrations.apply(self.db)
                sync_form_tables(self.db, self.registry)
                # Only a schema change can break references this way; checking a large audit on every
                # open cost 0.64 s of 0.92 s (issue 15). `check` still runs it on demand.
                changed = self.connection.execute("PRAGMA schema_version").fetchone()[0] != schema_before
                problems = self.connection.execute("PRAGMA foreign_key_check").fetchall() if changed else []
                if problems:
                    raise BrokenReferences(len(problems))
                if self.schema_version() != SCHEMA_VERSION:
                    self.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        finally:
            self.connection.execute("PRAGMA foreign_keys = ON")

    def _upgrade_opened(self) -> None:
        """Upgrade a file opened for writing; a failure raises UpgradeError saying what to do."""
        version = self.schema_version()
        try:
            self._upgrade()
        except BrokenReferences as error:
            raise _not_upgraded(
                self.path, version, f"{error.count} broken references", f"{error.count} 处引用失效"
            ) from None
        except sqlite3.Error as error:
            why = _first_line(str(error))
            raise _not_upgraded(self.path, version, why, why) from None

    def shrink_after_upgrade(self) -> bool:
        """Give back the space an upgrade freed, once, right after the upgrade committed; whether it did.

        VACUUM rebuilds the file in one transaction: a kill or a full disk meanwhile leaves the
        upgraded file as it was (tests/reliability/test_kill_upgrade.py). In WAL mode it writes the
        new pages through the -wal, which the checkpoint then copies back and truncates; a reader in
        another process (the write lock is ours, so no writer) keeps its snapshot and only delays the
        truncation to a later checkpoint. Too little free space in the file, too little room on the
        disk, or anything SQLite refuses leaves the file upgraded and as large as it was (logged).
        """
        page_size, pages, free = (
            int(self.connection.execute(f"PRAGMA {name}").fetchone()[0])
            for name in ("page_size", "page_count", "freelist_count")
        )
        if free * page_size < SHRINK_MIN_FREE_BYTES or free < pages * SHRINK_MIN_FREE_SHARE:
            return False
        needed_bytes = SHRINK_ROOM_FACTOR * (pages - free) * page_size
        if shutil.disk_usage(resolved(self.path).parent).free < needed_bytes:
            LOG.info("%s: upgraded; not made smaller (%.0f MB of room needed)", self.path, needed_bytes / 1e6)
            return False
        try:
            self.connection.execute("VACUUM")
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            LOG.warning("%s: upgraded, but not made smaller: %s", self.path, error)
            return False
        return True

    # -- use -----------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic, durable step: every edit is committed when the block ends."""
        self.require_writable()
        with self.db.atomic() as db:
            yield db

    def require_writable(self) -> None:
        if self._deferred_check is not None:
            self.finish_check()
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
        """A consistent copy through SQLite's backup API (never a file copy of a live database).

        Written beside the target and renamed into place, so a failed copy leaves nothing under its
        name; never onto this audit itself.
        """

        def backup(temporary: Path) -> None:
            destination = sqlite3.connect(temporary)
            try:
                self.connection.backup(destination)
                # The copy is one self-contained file, whatever mode the backup left it in.
                destination.execute("PRAGMA journal_mode = DELETE")
            finally:
                destination.close()

        write_atomically(target, backup, protected=[self.path])

    def close(self) -> None:
        if self.lock is not None:
            _forget_verified(self.path)  # the next opener checks again
        try:
            if self._shown_connection is not None:
                self._shown_connection.close()
            if not self.read_only and self._deferred_check is not None:
                self._close_before_the_check()
            elif not self.read_only:
                self._fold_wal()
            self.connection.close()
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def _fold_wal(self) -> None:
        # Fold the WAL back so the audit is one file again when it is copied or mailed. Every edit is
        # already committed in the WAL: if folding fails (a full disk), nothing is lost and the next
        # open folds it, so it is not an error of the command that edited.
        try:
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            self.close_problem = str(error)

    def _close_before_the_check(self) -> None:
        """Closed before the deferred check passed, so nothing was written: the audit is left one file
        again as after any close, and no page of a file that was not checked is written."""
        wal = Path(f"{resolved(self.path)}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            # An earlier session's edits not folded back yet: folded only into a file that passed.
            try:
                self.finish_check()
            except AuditFileError:
                return
            self._fold_wal()
            return
        # An empty -wal: the last connection to close removes it (and the -shm), writing nothing.
        self.connection.close()
        closing = sqlite3.connect(resolved(self.path), isolation_level=None)
        try:
            closing.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            closing.close()

    def __enter__(self) -> AuditDocument:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
