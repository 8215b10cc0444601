"""Auditor key files as the contract describes them (until audit.packages makes them)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from audit.office.auditors import key_id_of


def write_key_file(folder: Path, auditor: str) -> tuple[Ed25519PrivateKey, Path]:
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    path = folder / f"{auditor}.pub.json"
    path.write_text(
        json.dumps(
            {
                "format": "fieldaudit-auditor-key",
                "key_id": key_id_of(raw),
                "public_key": base64.b64encode(raw).decode("ascii"),
                "auditor": auditor,
                "created_at": "2026-12-01T09:00:00",
            }
        ),
        encoding="utf-8",
    )
    return private, path
