"""The auditor's Ed25519 key pair: made on first use, kept in the user's config folder, public half exported.

The private key never leaves the laptop; the office registers the public key file (out of band) and
trusts packages signed by it (RELIABILITY.md §3.4).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from audit.clock import now_iso
from audit.errors import AuditError
from forms.spec import Text

PUBLIC_KEY_FORMAT = "fieldaudit-auditor-key"
PRIVATE_KEY_FORMAT = "fieldaudit-auditor-private-key"
PRIVATE_KEY_FILE = "auditor-key.json"
CONFIG_DIR_VARIABLE = "FIELDAUDIT_CONFIG_DIR"
# A public key file is a few hundred bytes; anything much larger is not one.
MAX_KEY_FILE_BYTES = 16 * 1024
MAX_AUDITOR_CHARS = 200
KEY_ID = re.compile(r"^[0-9a-f]{16}$")
_BASE64_32 = re.compile(r"^[A-Za-z0-9+/]{43}=$")
PUBLIC_KEY_KEYS = frozenset({"format", "key_id", "public_key", "auditor", "created_at"})


class KeyFileError(AuditError):
    """A key file cannot be read or is not a FieldAudit auditor key; nothing was changed."""


def config_dir() -> Path:
    """FIELDAUDIT_CONFIG_DIR wins (tests, portable installs); else FieldAudit in the platform's config folder.

    The same folder the GUI keeps fieldaudit.ini in (Qt's GenericConfigLocation + FieldAudit).
    """
    override = os.environ.get(CONFIG_DIR_VARIABLE)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Preferences"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "FieldAudit"


def key_id_of(raw_public_key: bytes) -> str:
    """The first 16 hex digits of the SHA-256 of the raw 32-byte public key."""
    return hashlib.sha256(raw_public_key).hexdigest()[:16]


@dataclass(frozen=True)
class PublicKey:
    """An auditor's public key as the office registers it."""

    key_id: str
    public_key: bytes  # raw, 32 bytes
    auditor: str
    created_at: str

    def to_json(self) -> dict[str, str]:
        return {
            "format": PUBLIC_KEY_FORMAT,
            "key_id": self.key_id,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "auditor": self.auditor,
            "created_at": self.created_at,
        }

    def file_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def verifies(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, data)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class AuditorKey:
    """The key pair of this laptop's auditor."""

    private: Ed25519PrivateKey
    public: PublicKey

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def _bad_key(where: str, why: Text) -> KeyFileError:
    return KeyFileError(Text(f"{where}: {why.en}", f"{where}：{why.zh}"))


def public_key_from_json(data: Any, where: str = "key") -> PublicKey:
    """A public key from its JSON object, every field checked; KeyFileError says which is wrong."""
    if not isinstance(data, Mapping) or set(data) != PUBLIC_KEY_KEYS:
        raise _bad_key(
            where,
            Text(
                f"not a FieldAudit public key (expected exactly the fields {', '.join(sorted(PUBLIC_KEY_KEYS))}).",
                f"不是 FieldAudit 公钥（应恰有字段 {'、'.join(sorted(PUBLIC_KEY_KEYS))}）。",
            ),
        )
    if data["format"] != PUBLIC_KEY_FORMAT:
        raise _bad_key(where, Text(f'"format" is not {PUBLIC_KEY_FORMAT}.', f"format 不是 {PUBLIC_KEY_FORMAT}。"))
    raw = _raw_key(data["public_key"], where)
    key_id, auditor, created_at = data["key_id"], data["auditor"], data["created_at"]
    if not isinstance(key_id, str) or key_id != key_id_of(raw):
        raise _bad_key(
            where,
            Text(
                "key_id is not the first 16 hex digits of the SHA-256 of the public key.",
                "key_id 与公钥 SHA-256 的前16位十六进制不符。",
            ),
        )
    for name, value in (("auditor", auditor), ("created_at", created_at)):
        if not isinstance(value, str) or not 0 < len(value) <= MAX_AUDITOR_CHARS or not value.isprintable():
            raise _bad_key(
                where,
                Text(
                    f"{name} must be one line of text of at most {MAX_AUDITOR_CHARS} characters.",
                    f"{name} 应为不超过{MAX_AUDITOR_CHARS}个字符的单行文本。",
                ),
            )
    return PublicKey(key_id, raw, auditor, created_at)


def _raw_key(value: Any, where: str) -> bytes:
    if not isinstance(value, str) or not _BASE64_32.match(value):
        raise _bad_key(
            where,
            Text("public_key must be 32 bytes in base64.", "public_key 应为 base64 编码的32字节。"),
        )
    try:
        raw = base64.b64decode(value, validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise _bad_key(where, Text("public_key is not an Ed25519 key.", "public_key 不是 Ed25519 公钥。")) from None
    return raw


def parse_json_bytes(data: bytes, where: str) -> Any:
    """Strict JSON: UTF-8, no NaN/Infinity, no duplicate keys; KeyFileError otherwise."""

    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"duplicate key {key[:60]!r}")
            result[key] = value
        return result

    try:
        return json.loads(data.decode("utf-8"), parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        why = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise _bad_key(where, Text(f"not valid JSON ({why}).", f"不是有效的 JSON（{why}）。")) from None


def read_public_key_file(path: Path) -> PublicKey:
    """Read a public key file (the one `python main.py package key` writes)."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as error:
        raise _bad_key(
            str(path), Text(f"cannot be read ({error.strerror}).", f"无法读取（{error.strerror}）。")
        ) from None
    if len(data) > MAX_KEY_FILE_BYTES:
        raise _bad_key(str(path), Text("too large to be a public key file.", "文件过大，不是公钥文件。"))
    return public_key_from_json(parse_json_bytes(data, str(path)), str(path))


def _read_private(path: Path) -> AuditorKey:
    where = str(path)
    with open(path, "rb") as file:
        data = parse_json_bytes(file.read(MAX_KEY_FILE_BYTES + 1), where)
    if not isinstance(data, dict) or data.get("format") != PRIVATE_KEY_FORMAT or "private_key" not in data:
        raise _bad_key(where, Text("not a FieldAudit auditor key.", "不是 FieldAudit 审计员密钥。"))
    try:
        private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(str(data["private_key"]), validate=True))
    except (binascii.Error, ValueError):
        raise _bad_key(where, Text("the private key is damaged.", "私钥已损坏。")) from None
    public = public_key_from_json(
        {k: v for k, v in data.items() if k != "private_key"} | {"format": PUBLIC_KEY_FORMAT}, where
    )
    if private.public_key().public_bytes_raw() != public.public_key:
        raise _bad_key(where, Text("the private and public halves do not match.", "私钥与公钥不匹配。"))
    if os.name == "posix" and os.stat(path).st_mode & 0o077:
        os.chmod(path, 0o600)  # copied in with looser permissions: only the owner may read a private key
    return AuditorKey(private, public)


def _write_new(path: Path, auditor: str) -> None:
    """Write a new key file beside `path` and link it into place, unless another process was first."""
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes_raw()
    public = PublicKey(key_id_of(raw), raw, auditor.strip()[:MAX_AUDITOR_CHARS] or "auditor", now_iso())
    record = public.to_json() | {
        "format": PRIVATE_KEY_FORMAT,
        "private_key": base64.b64encode(private.private_bytes_raw()).decode("ascii"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file 0600 before a byte of the key is in it.
    fd, name = tempfile.mkstemp(prefix=".auditor-key.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False, indent=1)
            file.flush()
            os.fsync(file.fileno())
        # A link, not a rename: it fails when the file exists, so a key is never replaced.
        with contextlib.suppress(FileExistsError):
            os.link(name, path)
    finally:
        os.unlink(name)


def load_or_create_key(auditor: str, folder: Path | None = None) -> AuditorKey:
    """This laptop's auditor key, made (for `auditor`) the first time it is asked for."""
    path = (folder or config_dir()) / PRIVATE_KEY_FILE
    try:
        if not path.exists():
            _write_new(path, auditor)
        return _read_private(path)
    except OSError as error:
        raise _bad_key(
            str(path),
            Text(f"the auditor key cannot be kept ({error.strerror}).", f"无法保存审计员密钥（{error.strerror}）。"),
        ) from None


def existing_public_key(folder: Path | None = None) -> PublicKey | None:
    """The public half of this laptop's key if one was made; never makes one."""
    path = (folder or config_dir()) / PRIVATE_KEY_FILE
    return _read_private(path).public if path.exists() else None
