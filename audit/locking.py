"""One writer per audit: an OS lock on the audit file itself, and a sidecar file that names its holder.

The lock is taken on the database file (its inode), not on a name: a hard link, a symlink or a
second spelling of the path reaches the same lock, and deleting the sidecar cannot let a second
writer in. The operating system releases the lock when the holder dies, so a lock left by a crash is
never stale in effect. The sidecar `<audit>.lock` only tells the next user who has the file open: it
is written beside the resolved file through a temporary file and a rename (never through a link),
and removed when the audit is closed.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from audit.errors import AuditError, AuditFileError, AuditInUseError
from forms.spec import Text

# The holder's details are a few dozen bytes; never read more than this from a file someone planted.
MAX_HOLDER_BYTES = 4096
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
# Windows locks are mandatory: lock one byte far past any audit's end, so SQLite can still read
# every page through its own handles (its own locks sit at 1 GiB, PENDING_BYTE).
_WINDOWS_LOCK_OFFSET = 1 << 40


def resolved(audit_path: Path | str) -> Path:
    """The file an audit name stands for: symlinks and relative parts resolved."""
    return Path(os.path.realpath(audit_path))


def lock_path(audit_path: Path | str) -> Path:
    """The holder sidecar beside the resolved audit file."""
    real = resolved(audit_path)
    return real.with_name(real.name + ".lock")


def _os_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _host_name() -> str:
    """socket.gethostname(), which on POSIX is the node name uname() gives: the socket module is not
    loaded while the desktop app opens an audit (issue 15: ~2.5 ms before the first paint)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket  # pragma: no cover - Windows

    return socket.gethostname()  # pragma: no cover - Windows


def read_holder(sidecar: Path) -> dict[str, Any]:
    """The holder's details from a sidecar, or {} if it is missing, not a regular file, or not ours."""
    try:
        fd = os.open(sidecar, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError:
        return {}
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {}
        raw = os.read(fd, MAX_HOLDER_BYTES)
    except OSError:
        return {}
    finally:
        os.close(fd)
    try:
        value = json.loads(raw.decode("utf-8"))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _holder_by_identity(folder: Path, identity: os.stat_result, limit: int = 100) -> dict[str, Any]:
    """The holder named in any sidecar of this folder that was written for the same file (a hard link)."""
    try:
        sidecars = sorted(folder.glob("*.lock"))[:limit]
    except OSError:
        return {}
    for sidecar in sidecars:
        holder = read_holder(sidecar)
        if holder.get("inode") == identity.st_ino and holder.get("device") == identity.st_dev:
            return holder
    return {}


class AuditLock:
    """Held while an audit is open for writing; `recovered_stale` tells that a crashed holder left it."""

    def __init__(self, audit_path: Path | str, author: str) -> None:
        self.audit_path = Path(audit_path)
        self.path = lock_path(audit_path)
        self.author = author
        self.recovered_stale: dict[str, Any] | None = None
        self._fd: int | None = None
        self._sidecar_inode: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, create: bool = False) -> None:
        """Lock the audit file (with `create`, make it first: an empty file SQLite will fill).

        Raises AuditInUseError naming the holder, AuditFileError if there is nothing to lock, and
        PermissionError if the sidecar cannot be written (a read-only folder: open read-only instead).
        """
        if create and os.path.lexists(self.audit_path):
            # Also a dangling symlink: creating through it would write wherever it points.
            raise _exists(self.audit_path)
        real = resolved(self.audit_path)
        flags = os.O_RDONLY | _CLOEXEC | _NONBLOCK
        if create:
            flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        try:
            fd = os.open(real, flags, 0o644)
        except FileExistsError as error:
            raise _exists(self.audit_path) from error
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _not_regular(self.audit_path)
            identity = os.fstat(fd)
            if not _os_lock(fd):
                holder = read_holder(self.path) or _holder_by_identity(self.path.parent, identity)
                raise AuditInUseError(_in_use_message(self.audit_path.name, holder), holder)
            previous = read_holder(self.path)
            if previous:
                self.recovered_stale = previous
            self._write_sidecar(identity)
        except BaseException:
            os.close(fd)
            if create:
                real.unlink(missing_ok=True)
            raise
        self._fd = fd

    def _write_sidecar(self, identity: os.stat_result) -> None:
        # A temporary file renamed over the name: a symlink or FIFO planted there is replaced, never
        # followed, and a reader never sees half a record. The file's identity lets a writer that
        # came by a hard link (another name, so another sidecar) still find out who holds it.
        holder = {
            "pid": os.getpid(),
            "host": _host_name(),
            "author": self.author,
            "device": identity.st_dev,
            "inode": identity.st_ino,
        }
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.unlink(missing_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o644)
        try:
            try:
                os.write(fd, json.dumps(holder).encode("utf-8"))
                self._sidecar_inode = os.fstat(fd).st_ino
            finally:
                os.close(fd)
            os.replace(temporary, self.path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def release(self) -> None:
        if self._fd is None:
            return
        # Remove the sidecar while still holding the OS lock, and only if it is still the one written:
        # nobody else can be writing one now, so nothing is left beside the audit after it is closed.
        with contextlib.suppress(OSError):
            if self._sidecar_inode is not None and os.lstat(self.path).st_ino == self._sidecar_inode:
                self.path.unlink()
        os.close(self._fd)
        self._fd = None
        self._sidecar_inode = None


def _exists(path: Path) -> AuditError:
    return AuditFileError(Text(f"{path}: already exists; choose another name.", f"{path}：文件已存在，请换一个名称。"))


def _not_regular(path: Path) -> AuditError:
    return AuditFileError(Text(f"{path}: not a regular file, not an audit.", f"{path}：不是普通文件，不是诊断文件。"))


def _in_use_message(name: str, holder: dict[str, Any]) -> Text:
    who = _describe(holder)
    return Text(
        "{file} is open for editing by {who} (process {pid} on {host}). You can open it read-only.".format(
            file=name, **who
        ),
        "{file} 正由 {who} 编辑（计算机 {host} 上的进程 {pid}），可以只读方式打开。".format(file=name, **who),
    )


def _describe(holder: dict[str, Any]) -> dict[str, str]:
    return {
        "who": str(holder.get("author") or "another user")[:100],
        "pid": str(holder.get("pid", "?"))[:20],
        "host": str(holder.get("host", "?"))[:100],
    }
