"""Write a file so that the target is either the old file or the whole new one, never half of either.

The recipe of ../shared/domain/RELIABILITY.md §2.4: a temporary file beside the target (same volume),
fsync, rename over the target, fsync the folder. Any failure or a cancel deletes the temporary file
and leaves the target as it was; errors become one message a user can act on.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from audit.errors import AuditError
from forms.spec import Text

TEMP_SUFFIX = ".part"


class ReportWriteError(AuditError):
    """The report could not be written; the file at the target (if any) is unchanged."""


def _message(error: OSError, target: Path) -> Text:
    name = str(target)
    if isinstance(error, PermissionError):
        return Text(
            f"Cannot write {name}: it is open in another program (Excel, WPS) or the folder is read-only. "
            "Close it or choose another file, then export again.",
            f"无法写入 {name}：文件可能已在其他程序（Excel、WPS）中打开，或该文件夹不可写。请关闭文件或另选位置后重新导出。",
        )
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return Text(
            f"The disk is full: {name} was not written and any earlier report there is unchanged. "
            "Free some space and export again.",
            f"磁盘已满：未写入 {name}，原有报告未被改动。请释放空间后重新导出。",
        )
    if error.errno == errno.ENOENT:
        return Text(f"The folder of {name} does not exist.", f"{name} 所在的文件夹不存在。")
    return Text(
        f"Cannot write {name}: {error.strerror or error}. Any earlier report there is unchanged.",
        f"无法写入 {name}：{error.strerror or error}。原有报告未被改动。",
    )


def _replace(temp: Path, target: Path) -> None:
    # Windows: Excel, a virus scanner or a sync client may hold the target for a moment; retry briefly.
    for attempt in range(5):
        try:
            os.replace(temp, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 4:
                raise
            time.sleep(0.2 * 2**attempt)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot fsync a folder; NTFS journals the rename
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write the whole file to; on a clean exit it replaces `target`."""
    target = Path(target).absolute()
    if target.is_dir():
        raise ReportWriteError(Text(f"{target} is a folder, not a file.", f"{target} 是文件夹，不是文件。"))
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        os.close(descriptor)
    except OSError as error:
        raise ReportWriteError(_message(error, target)) from error
    temp = Path(name)
    try:
        yield temp
        with temp.open("rb+") as stream:
            os.fsync(stream.fileno())  # an fsync error means the file is bad: never retry it (fsyncgate)
        _replace(temp, target)
    except BaseException as error:
        with suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise ReportWriteError(_message(error, target)) from error
        raise
    with suppress(OSError):
        _sync_folder(target.parent)
