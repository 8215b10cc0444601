"""Every file FieldAudit writes goes through here: never onto an audit, always a temporary file + rename.

A reader (or a crash, or a full disk) sees the old file or the whole new one, never half of one,
and no temporary file is left behind (RELIABILITY.md §2.4, the safe-save recipe).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from audit.errors import AuditError
from forms.spec import Text

# What SQLite says when a write finds the disk full (SQLITE_FULL).
SQLITE_FULL_TEXT = "database or disk is full"


class OutputError(AuditError):
    """An output file cannot be written there; nothing was written."""


class DiskFullError(AuditError):
    """The disk filled up: whatever was being written was not kept, and nothing else changed."""


def disk_full(where: Path | str) -> DiskFullError:
    return DiskFullError(
        Text(
            f"{where}: disk full; nothing was written by this step. Free some space and try again.",
            f"{where}：磁盘已满，此步骤未写入任何内容。请释放空间后重试。",
        )
    )


def is_disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return True
    return isinstance(error, sqlite3.Error) and SQLITE_FULL_TEXT in str(error)


def _audit_names(audit: Path) -> list[Path]:
    real = Path(os.path.realpath(audit))
    return [real, *(Path(f"{real}{suffix}") for suffix in ("-wal", "-shm", "-journal", ".lock"))]


def refuse_overwriting(target: Path, protected: Iterable[Path]) -> None:
    """Refuse a target that is (a name of) an audit or one of its companion files."""
    real_target = Path(os.path.realpath(target))
    for audit in protected:
        same = real_target in _audit_names(audit)
        if not same and target.exists() and audit.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(target, audit)
        if same:
            raise OutputError(
                Text(
                    f"{target}: that is the audit itself; choose another output file.",
                    f"{target}：这是诊断文件本身，请选择其他输出文件。",
                )
            )


def require_regular_file(path: Path) -> None:
    """An input must be a regular file we can read: a FIFO would hang the command, a device never end."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise OutputError(Text(f"{path}: file not found.", f"{path}：文件不存在。")) from None
    except OSError as error:
        raise OutputError(
            Text(f"{path}: cannot be read ({error.strerror}).", f"{path}：无法读取（{error.strerror}）。")
        ) from None
    if not stat.S_ISREG(mode):
        raise OutputError(Text(f"{path}: not a regular file.", f"{path}：不是普通文件。"))


def write_atomically(target: Path | str, write: Callable[[Path], None], protected: Iterable[Path] = ()) -> None:
    """Have `write` fill a temporary file beside `target`, make it durable, then rename it over `target`.

    On any failure the temporary file is removed and `target` is as it was; a full disk becomes
    DiskFullError, other OS errors an OutputError with one line.
    """
    target = Path(target)
    refuse_overwriting(target, protected)
    if target.exists() and not target.is_file():
        raise OutputError(
            Text(
                f"{target}: exists and is not a regular file; not replaced.",
                f"{target}：已存在且不是普通文件，未替换。",
            )
        )
    folder = target.resolve().parent
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise _output_error(target, error) from None
    os.close(fd)
    temporary = Path(name)
    try:
        write(temporary)
        fd = os.open(temporary, os.O_RDONLY)
        try:
            # An fsync error means the file is bad: it is deleted below, never retried (fsyncgate).
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, (OSError, sqlite3.Error)):
            raise _output_error(target, error) from None
        raise
    _sync_folder(folder)


def write_bytes_atomically(target: Path | str, data: bytes, protected: Iterable[Path] = ()) -> None:
    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    write_atomically(target, write, protected)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder to fsync it
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _output_error(target: Path, error: BaseException) -> AuditError:
    if is_disk_full(error):
        return disk_full(target)
    why = error.strerror if isinstance(error, OSError) and error.strerror else str(error).splitlines()[0][:200]
    return OutputError(Text(f"{target}: cannot be written ({why}).", f"{target}：无法写入（{why}）。"))
