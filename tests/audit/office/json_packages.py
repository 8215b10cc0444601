"""What a verified package gives the office, built from `export_records` (the package's records JSON)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from audit.document import AuditDocument
from audit.jsonio import export_records


@dataclass(frozen=True)
class JsonPackage:
    records: dict[str, Any]
    revision: int
    signer_key_id: str = "0123456789abcdef"
    signer_trusted: bool = True
    package_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    photos: dict[str, bytes] = field(default_factory=dict)
    report: bytes | None = None
    package_sha256: str = "0" * 64

    @property
    def audit_uuid(self) -> str:
        return str(self.records["audit_uuid"])

    @property
    def bag_info(self) -> dict[str, str]:
        return {"Package-Id": self.package_id, "Audit-Id": self.audit_uuid, "Revision": str(self.revision)}


def package_of(document: AuditDocument, revision: int, signer: str = "0123456789abcdef") -> JsonPackage:
    return JsonPackage(export_records(document), revision, signer_key_id=signer)
