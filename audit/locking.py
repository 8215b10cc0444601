"""One writer per audit: an OS file lock on a sidecar file that names its holder.

The operating system releases the lock when the holder dies, so a lock left by a crash is never
stale in effect; the holder's details are only kept to tell the next user who has the file open.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path
from typing import IO, Any

from audit.errors import AuditInUseError
from forms.spec import Text


def lock_path(audit_path: Path) -> Path:
    return audit_path.with_name(audit_path.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class AuditLock:
    """Held while an audit is open for writing; `recovered_stale` tells that a crashed holder left it."""

    def __init__(self, audit_path: Path, author: str) -> None:
        self.path = lock_path(audit_path)
        self.author = author
        self._handle: IO[str] | None = None
        self.recovered_stale: dict[str, Any] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open while locked
        if not _try_lock(handle):
            handle.seek(0)
            holder = _parse(handle.read())
            handle.close()
            raise AuditInUseError(
                Text(
                    "{file} is open for editing by {who} (process {pid} on {host}). You can open it read-only.".format(
                        file=self.path.name[:-5], **_describe(holder)
                    ),
                    "{file} 正由 {who} 编辑（计算机 {host} 上的进程 {pid}），可以只读方式打开。".format(
                        file=self.path.name[:-5], **_describe(holder)
                    ),
                ),
                holder,
            )
        handle.seek(0)
        previous = _parse(handle.read())
        if previous:
            self.recovered_stale = previous
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "author": self.author}))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.flush()
        self._handle.close()
        self._handle = None
        # The empty lock file stays: unlinking it would let two processes lock two different files.


def _parse(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _describe(holder: dict[str, Any]) -> dict[str, str]:
    return {
        "who": str(holder.get("author") or "another user"),
        "pid": str(holder.get("pid", "?")),
        "host": str(holder.get("host", "?")),
    }
