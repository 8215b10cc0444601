"""The office's registry of auditors' public keys: register from a key file, revoke, list the trusted."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.errors import AuditError
from audit.office.database import OfficeDatabase
from audit.output_files import require_regular_file
from forms.spec import Text

KEY_FILE_FORMAT = "fieldaudit-auditor-key"
# A key file is a few hundred bytes; never read more than this from a file handed in.
MAX_KEY_FILE_BYTES = 16 * 1024
KEY_FILE_FIELDS = frozenset({"format", "key_id", "public_key", "auditor", "created_at"})
MAX_NAME_CHARS = 200


class KeyFileError(AuditError):
    """The public key file cannot be registered; the registry was not changed."""


@dataclass(frozen=True)
class Auditor:
    key_id: str
    public_key: bytes  # the raw 32-byte Ed25519 key
    name: str
    registered_at: str
    revoked_at: str | None


def key_id_of(public_key: bytes) -> str:
    """The key id of a raw public key: the first 16 hex digits of its SHA-256 (the packages' contract)."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def _bad(path: Path, why: str, why_zh: str) -> KeyFileError:
    return KeyFileError(Text(f"{path}: {why}", f"{path}：{why_zh}"))


def read_key_file(path: Path) -> Auditor:
    """The auditor a public key file names, checked (format, exact fields, 32-byte key, matching id)."""
    require_regular_file(path)
    if path.stat().st_size > MAX_KEY_FILE_BYTES:
        raise _bad(path, "too large to be a public key file.", "文件过大，不是公钥文件。")
    try:
        data: Any = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad(
            path, "not a FieldAudit public key file (not JSON).", "不是 FieldAudit 公钥文件（不是 JSON）。"
        ) from None
    if not isinstance(data, dict) or data.get("format") != KEY_FILE_FORMAT or set(data) != KEY_FILE_FIELDS:
        raise _bad(
            path,
            f"not a FieldAudit public key file (expected the fields {', '.join(sorted(KEY_FILE_FIELDS))}).",
            f"不是 FieldAudit 公钥文件（应含字段 {'、'.join(sorted(KEY_FILE_FIELDS))}）。",
        )
    if not all(isinstance(data[name], str) for name in KEY_FILE_FIELDS):
        raise _bad(path, "every field must be text.", "每个字段都必须是文本。")
    try:
        public_key = base64.b64decode(data["public_key"], validate=True)
    except (binascii.Error, ValueError):
        raise _bad(path, "public_key is not base64.", "public_key 不是 base64 编码。") from None
    if len(public_key) != 32:
        raise _bad(
            path,
            f"public_key must be 32 bytes (Ed25519), not {len(public_key)}.",
            f"public_key 应为 32 字节（Ed25519），实为 {len(public_key)} 字节。",
        )
    if data["key_id"] != key_id_of(public_key):
        raise _bad(path, "key_id does not match the public key.", "key_id 与公钥不符。")
    name = data["auditor"].strip()[:MAX_NAME_CHARS]
    return Auditor(data["key_id"], public_key, name, data["created_at"][:40], None)


def register_auditor(office: OfficeDatabase, path: Path) -> tuple[Auditor, bool]:
    """Register the key in `path`; (auditor, whether it was new). Registering it again changes nothing;
    a revoked key stays revoked (register a new key instead)."""
    auditor = read_key_file(path)
    existing = auditor_by_key(office, auditor.key_id)
    if existing is not None:
        return existing, False
    with office.transaction() as db:
        db.table("auditor").insert(
            {
                "key_id": auditor.key_id,
                "public_key": base64.b64encode(auditor.public_key).decode("ascii"),
                "name": auditor.name,
                "registered_at": office.now(),
                "registered_by": office.officer,
                "revoked_at": None,
            }
        )
    registered = auditor_by_key(office, auditor.key_id)
    assert registered is not None
    return registered, True


def revoke_auditor(office: OfficeDatabase, key_id: str) -> None:
    """Packages signed by this key are refused from now on (those already merged stay, with their receipts)."""
    if auditor_by_key(office, key_id) is None:
        raise KeyFileError(Text(f"No auditor key {key_id[:40]} is registered.", f"未登记密钥 {key_id[:40]}。"))
    with office.transaction() as db:
        db.execute("UPDATE auditor SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL", [office.now(), key_id])


def _auditor(row: tuple[Any, ...]) -> Auditor:
    return Auditor(str(row[0]), base64.b64decode(row[1]), str(row[2] or ""), str(row[3]), row[4])


_COLUMNS = "key_id, public_key, name, registered_at, revoked_at"


def auditor_by_key(office: OfficeDatabase, key_id: str) -> Auditor | None:
    row = office.connection.execute(f"SELECT {_COLUMNS} FROM auditor WHERE key_id = ?", [key_id]).fetchone()
    return None if row is None else _auditor(row)


def auditors(office: OfficeDatabase) -> list[Auditor]:
    return [_auditor(row) for row in office.connection.execute(f"SELECT {_COLUMNS} FROM auditor ORDER BY name")]


def trusted_keys(office: OfficeDatabase) -> dict[str, bytes]:
    """{key id: raw public key} of every registered key not revoked: what a package may be signed with."""
    return {auditor.key_id: auditor.public_key for auditor in auditors(office) if auditor.revoked_at is None}
