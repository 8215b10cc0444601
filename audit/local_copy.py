"""Audits on a USB stick or a network folder are copied to the local disk before they are opened.

SQLite's locking and durability rely on the file system: an unplugged stick or a network share whose
locks lie can corrupt a live database (sqlite.org/howtocorrupt.html, sections 2.1 and 3.1), so the
live audit always sits on the laptop's own disk.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePath

from audit.document import check_file, connect_read_only
from audit.errors import AuditError
from audit.output_files import write_atomically
from forms.spec import Text


class StorageKind(StrEnum):
    LOCAL = "local"
    REMOVABLE = "removable"
    NETWORK = "network"


# File systems that live on another machine (Linux /proc/mounts type names).
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.gvfsd-fuse",
        "fuse.davfs2",
        "fuse.s3fs",
        "lustre",
        "gpfs",
    }
)
# File systems sticks and cards are formatted with; on their own they do not prove removability.
STICK_FS = frozenset({"vfat", "exfat", "msdos", "fuseblk", "ntfs", "ntfs3", "udf", "iso9660"})
# Where desktops mount removable media (udisks: /media/USER, /run/media/USER; by hand: /mnt).
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


@dataclass(frozen=True)
class Mount:
    point: str
    fstype: str
    device: str


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash in mount points as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def parse_mounts(text: str) -> list[Mount]:
    """Mounts from the text of /proc/mounts (device, mount point, type, options, ...)."""
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append(Mount(_unescape(parts[1]), parts[2], parts[0]))
    return mounts


def _read_mounts() -> list[Mount]:
    try:
        return parse_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def mount_of(path: PurePath, mounts: list[Mount]) -> Mount | None:
    """The mount that holds path: the longest mount point that is a prefix of it."""
    best: Mount | None = None
    text = str(path)
    for mount in mounts:
        point = mount.point.rstrip("/") or "/"
        if (text == point or text.startswith(point.rstrip("/") + "/")) and (
            best is None or len(point) > len(best.point.rstrip("/") or "/")
        ):
            best = mount
    return best


def _device_removable(device: str) -> bool:
    # /sys/block/sdb/removable is 1 for sticks and card readers; partitions (sdb1) belong to sdb.
    name = Path(device).name
    for candidate in (name, name.rstrip("0123456789"), name.split("p")[0] if name.startswith("mmcblk") else name):
        flag = Path("/sys/block") / candidate / "removable"
        try:
            if flag.read_text().strip() == "1":
                return True
        except OSError:
            continue
    return False


def _windows_drive_kind(path: Path) -> StorageKind:  # pragma: no cover - Windows only
    import ctypes

    text = str(path)
    if text.startswith("\\\\"):
        return StorageKind.NETWORK
    root = path.anchor or text[:3]
    # GetDriveTypeW: 2 DRIVE_REMOVABLE, 4 DRIVE_REMOTE (winbase.h).
    drive_type = ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))  # type: ignore[attr-defined]
    if drive_type == 2:
        return StorageKind.REMOVABLE
    if drive_type == 4:
        return StorageKind.NETWORK
    return StorageKind.LOCAL


def storage_kind(path: Path | str, mounts: list[Mount] | None = None, platform: str | None = None) -> StorageKind:
    """Whether a file is on the local disk, on removable media or in a network folder."""
    platform = platform or sys.platform
    if platform == "win32":  # pragma: no cover - Windows only
        return _windows_drive_kind(Path(os.path.abspath(path)))
    resolved = PurePath(os.path.realpath(path)) if mounts is None else PurePath(path)
    text = str(resolved)
    if platform == "darwin":
        # /Volumes holds every disk but the start-up one (which is also linked there, resolved away above).
        return StorageKind.REMOVABLE if text.startswith("/Volumes/") else StorageKind.LOCAL
    mount = mount_of(resolved, _read_mounts() if mounts is None else mounts)
    if mount is not None and (mount.fstype in NETWORK_FS or mount.device.startswith("//")):
        return StorageKind.NETWORK
    if mount is not None and mount.point not in ("/", "") and text.startswith(REMOVABLE_ROOTS[:2]):
        return StorageKind.REMOVABLE
    if mount is not None and mount.fstype in STICK_FS and text.startswith(REMOVABLE_ROOTS):
        return StorageKind.REMOVABLE
    if mount is not None and mounts is None and mount.device.startswith("/dev/") and _device_removable(mount.device):
        return StorageKind.REMOVABLE
    return StorageKind.LOCAL


@dataclass(frozen=True)
class LocalCopy:
    source: Path
    target: Path
    kind: StorageKind
    message: Text


def local_target(source: Path, folder: Path) -> Path:
    """A name in the local folder that does not overwrite anything: audit.fieldaudit, audit (2).fieldaudit, ..."""
    target = folder / source.name
    number = 2
    while target.exists():
        target = folder / f"{source.stem} ({number}){source.suffix}"
        number += 1
    return target


def copy_to_local(source: Path | str, folder: Path | str, kind: StorageKind | None = None) -> LocalCopy:
    """Copy an audit into the local audits folder with SQLite's backup API; the original is only read."""
    source = Path(source)
    folder = Path(folder)
    check_file(source)
    kind = kind or storage_kind(source)
    folder.mkdir(parents=True, exist_ok=True)
    target = local_target(source, folder)
    reader = connect_read_only(source)

    def backup(temporary: Path) -> None:
        writer = sqlite3.connect(temporary)
        try:
            reader.backup(writer)
            # The copy is one self-contained file, whatever journal mode the original was in.
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()

    try:
        # Built beside the target and renamed into place: a pulled stick leaves no half copy behind.
        write_atomically(target, backup, protected=[source])
    finally:
        reader.close()
    where = (
        Text("a network folder", "网络文件夹")
        if kind is StorageKind.NETWORK
        else Text("removable media", "移动存储设备")
    )
    message = Text(
        f"{source.name} is on {where.en}, where an unplugged stick or a dropped connection can damage a live "
        f"audit. It was copied to {target} and the copy is open; the original was not changed.",
        f"{source.name} 位于{where.zh}上，拔出设备或断开连接可能损坏正在编辑的诊断文件。"
        f"已复制到 {target} 并打开该副本，原文件未作修改。",
    )
    return LocalCopy(source, target, kind, message)


def audit_id(path: Path | str) -> str | None:
    """The audit's own id (meta audit_uuid), read without writing; None if the file is not an audit."""
    path = Path(path)
    try:
        check_file(path)
    except AuditError:
        return None
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'audit_uuid'").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def existing_copies(source: Path | str, folder: Path | str) -> list[Path]:
    """Audits in the local folder that are copies of the same audit as `source`, newest first.

    Copying the stick's file again each morning would fork one audit into several; the caller offers
    the copy already made instead.
    """
    wanted = audit_id(source)
    folder = Path(folder)
    if wanted is None or not folder.is_dir():
        return []
    found = [path for path in folder.glob("*.fieldaudit") if path.resolve() != Path(source).resolve()]
    same = [path for path in found if audit_id(path) == wanted]
    return sorted(same, key=lambda path: path.stat().st_mtime, reverse=True)
