"""Detecting removable and network storage, and copying an audit to the local disk with SQLite's backup API."""

from __future__ import annotations

from pathlib import Path, PurePath

import pytest

from audit.document import AuditDocument
from audit.errors import AuditFileError
from audit.local_copy import StorageKind, copy_to_local, local_target, mount_of, parse_mounts, storage_kind

PROC_MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/sdb1 /media/li/KINGSTON vfat rw,nosuid,nodev 0 0
/dev/sdc1 /run/media/wang/U\\040DISK exfat rw 0 0
//nas/audits /mnt/nas cifs rw,vers=3.0 0 0
nas:/export /home/li/shared nfs4 rw 0 0
/dev/sdd1 /mnt/card vfat rw 0 0
/dev/nvme0n1p3 /mnt/data ext4 rw 0 0
"""


def test_parse_mounts_unescapes_spaces() -> None:
    mounts = parse_mounts(PROC_MOUNTS)
    assert mounts[2].point == "/run/media/wang/U DISK"
    assert mount_of(PurePath("/run/media/wang/U DISK/a.fieldaudit"), mounts) == mounts[2]
    assert mount_of(PurePath("/home/li/a.fieldaudit"), mounts) == mounts[0]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/li/audits/a.fieldaudit", StorageKind.LOCAL),
        ("/media/li/KINGSTON/a.fieldaudit", StorageKind.REMOVABLE),
        ("/run/media/wang/U DISK/x/a.fieldaudit", StorageKind.REMOVABLE),
        ("/mnt/nas/2025/a.fieldaudit", StorageKind.NETWORK),
        ("/home/li/shared/a.fieldaudit", StorageKind.NETWORK),
        ("/mnt/card/a.fieldaudit", StorageKind.REMOVABLE),
        ("/mnt/data/a.fieldaudit", StorageKind.LOCAL),
    ],
)
def test_storage_kind_linux(path: str, kind: StorageKind) -> None:
    assert storage_kind(path, parse_mounts(PROC_MOUNTS), platform="linux") is kind


def test_storage_kind_macos() -> None:
    assert storage_kind("/Volumes/STICK/a.fieldaudit", [], platform="darwin") is StorageKind.REMOVABLE
    assert storage_kind("/Users/li/a.fieldaudit", [], platform="darwin") is StorageKind.LOCAL


def test_copy_to_local_uses_a_consistent_copy_and_never_overwrites(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    source = stick / "plant.fieldaudit"
    with AuditDocument.create(source, author="tester") as document:
        uuid = document.records.add("enterprise", {"name": "Hengsheng Dyeing"})
        # The copy is taken while the audit is open and its last edit still sits in the WAL file.
        document.records.update(uuid, {"county": "Keqiao"})
        local = tmp_path / "local"
        first = copy_to_local(source, local, StorageKind.REMOVABLE)
        second = copy_to_local(source, local, StorageKind.REMOVABLE)
    assert first.target == local / "plant.fieldaudit"
    assert second.target == local / "plant (2).fieldaudit"
    assert "removable media" in first.message.en and "移动存储设备" in first.message.zh
    assert str(first.target) in first.message.en
    with AuditDocument.open(first.target, read_only=True) as copy:
        enterprise = copy.records.singleton("enterprise")
        assert enterprise is not None
        assert enterprise.values["county"] == "Keqiao"
    assert local_target(source, local) == local / "plant (3).fieldaudit"


def test_copy_refuses_a_file_that_is_not_an_audit(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.fieldaudit"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(AuditFileError):
        copy_to_local(bogus, tmp_path / "local", StorageKind.NETWORK)
    assert not (tmp_path / "local" / "notes.fieldaudit").exists()


def test_an_earlier_copy_of_the_same_audit_is_found(tmp_path: Path) -> None:
    from audit.local_copy import audit_id, existing_copies

    stick = tmp_path / "stick"
    stick.mkdir()
    source = stick / "plant.fieldaudit"
    AuditDocument.create(source, author="tester").close()
    other = tmp_path / "local" / "other.fieldaudit"
    other.parent.mkdir()
    AuditDocument.create(other, author="tester").close()  # a different audit in the same folder
    (tmp_path / "local" / "notes.fieldaudit").write_text("not an audit", encoding="utf-8")
    assert existing_copies(source, tmp_path / "local") == []
    first = copy_to_local(source, tmp_path / "local", StorageKind.REMOVABLE).target
    assert existing_copies(source, tmp_path / "local") == [first]
    assert audit_id(first) == audit_id(source) != audit_id(other)
    assert audit_id(tmp_path / "local" / "notes.fieldaudit") is None
