"""The office's registry of auditors' public keys: register from a key file, revoke, list the trusted."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.errors import AuditError
from audit.office.database import OfficeDatabase
from audit.output_files import require_regular_file
from forms.spec import Text


@dataclass(frozen=True)
class Auditor:
    key_id: str
    public_key: bytes  # the raw 32-byte Ed25519 key
    name: str
    registered_at: str
    revoked_at: str | None


def read_key_file(path: Path) -> Auditor:
    """The auditor a public key file names, checked by the packages' own reader (format, fields, key, id)."""
    from audit.packages.keys import read_public_key_file

    require_regular_file(path)  # a FIFO would hang the read
    public = read_public_key_file(path)
    return Auditor(public.key_id, public.public_key, public.auditor, public.created_at, None)


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
        raise AuditError(Text(f"No auditor key {key_id[:40]} is registered.", f"未登记密钥 {key_id[:40]}。"))
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
