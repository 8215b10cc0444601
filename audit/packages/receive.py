"""A package the office returns to the auditor: its records merged in, its review kept; unsent edits never lost.

The office returns the same kind of package it receives (docs/packages.md), signed by the office's
key, with its review in data/review.json. Every record comes in through the store's `apply_remote`
with the origin "office": a record the auditor changed since the package was sent, and the office
too, is kept in both versions as a conflict; one only the office changed is applied; one only the
auditor changed keeps the auditor's version (RELIABILITY.md §2.2, DESIGN.md packages).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.packages.keys import PublicKey
from audit.packages.layout import OFFICE_ORIGIN
from audit.packages.verify import PackageRefused, read_package
from forms.spec import Text

if TYPE_CHECKING:
    from audit.document import AuditDocument

# The audit's meta entry holding the office's last review (JSON: status, comments, package id).
REVIEW_META = "office_review"


@dataclass
class ReceivedPackage:
    """What receiving changed: counts per merge decision, and the office's review."""

    package_id: str
    counts: dict[str, int] = field(default_factory=dict)
    review: dict[str, Any] | None = None

    def count(self, action: str) -> int:
        return self.counts.get(action, 0)


def _rows(records: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any], str | None]]:
    """(form id, record, parent uuid) of every record and repeat row, parents first."""
    for form_id, rows in records["records"].items():
        for row in rows:
            yield form_id, row, None
            for repeat_name, children in row.get("children", {}).items():
                for child in children:
                    yield f"{form_id}.{repeat_name}", child, row["uuid"]


def office_review(document: AuditDocument) -> dict[str, Any] | None:
    """The office's last review of this audit (status, comments), or None before any came back."""
    text = document.meta(REVIEW_META)
    value = json.loads(text) if text else None
    return value if isinstance(value, dict) else None


def receive_package(
    document: AuditDocument, path: Path | str, trusted_keys: Iterable[PublicKey] | Mapping[str, PublicKey | bytes]
) -> ReceivedPackage:
    """Verify a returned package (signed by a trusted key: the office's), then merge it in one transaction."""
    from audit.merge import RemoteEnvelope

    package = read_package(path, trusted_keys)
    if package.audit_uuid != document.meta("audit_uuid"):
        raise PackageRefused(
            Text(
                f"{Path(path).name}: a package of another audit ({package.audit_uuid}); nothing was changed.",
                f"{Path(path).name}：这是另一份诊断（{package.audit_uuid}）的数据包，未做任何修改。",
            ),
            "other_audit",
        )
    received = ReceivedPackage(package.package_id, review=package.review)
    with document.transaction():
        for form_id, row, parent in _rows(package.records):
            envelope = RemoteEnvelope.from_mapping({**row, "form_id": form_id})
            merged = document.records.apply_remote(
                envelope, row["values"], OFFICE_ORIGIN, parent=parent, overridden=row.get("overridden", ())
            )
            action = merged.action.value
            received.counts[action] = received.counts.get(action, 0) + 1
        if package.review is not None:
            document.db.table("meta").insert(
                {"key": REVIEW_META, "value": json.dumps({**package.review, "package_id": package.package_id})},
                replace=True,
            )
    return received
