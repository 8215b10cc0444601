"""A package the office returns to the auditor: its version of the audit's records and its review, signed.

Written with the packages' one writer (`audit.packages.bag.write_package`) and the office's own key
(made and exported like an auditor's): the auditor's `package receive` merges the records through the
store's `apply_remote` (unsent edits are never overwritten) and keeps the review (docs/packages.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit import APP_VERSION
from audit.errors import AuditError
from audit.office.database import OfficeDatabase
from audit.office.records import records_json
from audit.office.review import review_history
from forms.registry import default_registry
from forms.spec import Text

if TYPE_CHECKING:
    from audit.packages.bag import WrittenPackage
    from audit.packages.keys import AuditorKey

REVIEW_FORMAT = "fieldaudit-review"


class ReturnError(AuditError):
    """The package cannot be returned; nothing was written."""


@dataclass(frozen=True)
class _Latest:
    package_id: str
    revision: int
    schema_version: int


def _latest(office: OfficeDatabase, audit_uuid: str) -> _Latest:
    row = office.connection.execute(
        "SELECT package_id, revision, bag_info_json FROM package_receipt WHERE audit_uuid = ? "
        "ORDER BY revision DESC, received_at DESC LIMIT 1",
        [audit_uuid],
    ).fetchone()
    if row is None:
        raise ReturnError(Text(f"The office holds no audit {audit_uuid[:60]}.", f"办公室没有诊断 {audit_uuid[:60]}。"))
    info = json.loads(row[2] or "{}")
    return _Latest(str(row[0]), int(row[1]), int(info.get("Schema-Version", 1)))


def photo_extension(data: bytes) -> str:
    """The file extension a photo's bytes call for (the package names photos <sha256>.<ext>)."""
    if data.startswith(b"\x89PNG"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return "jpg"


def _photos(office: OfficeDatabase, audit_uuid: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """(photo entries as the package carries them, {photo uuid: sha256 of its stored bytes})."""
    entries: list[dict[str, Any]] = []
    files: dict[str, str] = {}
    for photo_uuid, sha256, entry_json in office.connection.execute(
        "SELECT photo_uuid, sha256, entry_json FROM audit_photo WHERE audit_uuid = ? AND entry_json IS NOT NULL "
        "ORDER BY rowid",
        [audit_uuid],
    ):
        entry = {key: value for key, value in json.loads(entry_json).items() if key != "data_sha256"}
        entries.append(entry)
        files[str(photo_uuid)] = str(sha256)
    return entries, files


def review_json(office: OfficeDatabase, audit_uuid: str, answers_package: str) -> dict[str, Any]:
    """data/review.json: the audit's review status and every review step with its comment."""
    status = office.connection.execute("SELECT review_status FROM audit WHERE audit_uuid = ?", [audit_uuid]).fetchone()
    return {
        "format": REVIEW_FORMAT,
        "format_version": 1,
        "status": str(status[0]),
        "answers_package": answers_package,
        "comments": [
            {
                "status": entry.status.value,
                "comment": entry.comment,
                "reviewed_by": entry.reviewed_by[:200],
                "reviewed_at": entry.reviewed_at,
            }
            for entry in review_history(office, audit_uuid)
        ],
    }


def return_package(office: OfficeDatabase, audit_uuid: str, target: Path, key: AuditorKey) -> WrittenPackage:
    """Write the office's version of an audit, with its review, as a package signed by the office's key."""
    from audit.jsonio import FORMAT_NAME, FORMAT_VERSION
    from audit.packages.bag import PackageContents, write_package

    latest = _latest(office, audit_uuid)
    entries, files = _photos(office, audit_uuid)
    records = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "audit_uuid": audit_uuid,
        "schema_version": latest.schema_version,
        "exported_at": office.now(),
        "exported_with": APP_VERSION,
        "forms": {form.id: form.version for form in default_registry()},
        "records": records_json(office, audit_uuid),
        "photos": entries,
    }

    def photo(entry: dict[str, Any]) -> tuple[bytes, str]:
        row = office.connection.execute("SELECT data FROM photo WHERE sha256 = ?", [files[entry["uuid"]]]).fetchone()
        data = bytes(row[0])
        return data, photo_extension(data)

    contents = PackageContents(
        records, photo, latest.revision, None, review_json(office, audit_uuid, latest.package_id)
    )
    return write_package(target, contents, key, protected=[office.path])
