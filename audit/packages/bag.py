"""Export an audit package: one uncompressed zip holding a signed BagIt bag (layout in docs/packages.md).

Written beside the target, made durable, renamed into place, then read back and verified with the
office's own checks before it is reported written (RELIABILITY.md §2.4-§2.5). Exporting marks the
audit submitted; edits after it make the next export a later revision.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import stat
import uuid as uuid_module
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit import APP_NAME, APP_VERSION
from audit.clock import now_iso
from audit.errors import AuditError
from audit.output_files import require_regular_file, write_atomically
from audit.packages import layout
from audit.packages.keys import AuditorKey
from audit.packages.verify import DEFAULT_LIMITS, PackageRefused, check_review, check_schema, read_package
from forms.spec import Text

if TYPE_CHECKING:
    from audit.document import AuditDocument

Progress = Callable[[int, int, str], None]
# The audit's meta entry for the last package exported (JSON of ExportedPackage's receipt fields).
SUBMISSION_META = "package_submission"
ZIP_MAGIC = b"PK\x03\x04"


class PackageExportError(AuditError):
    """The package could not be written or did not verify; nothing is left under its name."""


@dataclass(frozen=True)
class ExportedPackage:
    """What was written: the receipt kept in the audit and shown to the auditor."""

    path: str
    package_id: str
    audit_uuid: str
    revision: int
    sha256: str
    size_bytes: int
    records: int
    photos: int
    report: bool
    key_id: str
    change_seq: int
    submitted_at: str
    # {uuid: revision} of what was sent: the revisions the office holds from now on (not kept in the receipt).
    revisions: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def receipt(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if key != "revisions"}


@dataclass
class PackageContents:
    """What a package carries: the records JSON (docs/json-format.md), each photo entry's bytes and file
    extension (`photo(entry)`), the revision it is of, and optionally the report and the office's review."""

    records: dict[str, Any]
    photo: Callable[[dict[str, Any]], tuple[bytes, str]]
    revision: int
    report: bytes | None = None
    review: dict[str, Any] | None = None


@dataclass(frozen=True)
class WrittenPackage:
    """A package written, read back and verified."""

    package_id: str
    sha256: str
    size_bytes: int
    submitted_at: str


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def submission(document: AuditDocument) -> dict[str, Any] | None:
    """The receipt of the last package exported from this audit, or None if it was never submitted."""
    text = document.meta(SUBMISSION_META)
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def change_seq(document: AuditDocument) -> int:
    """A number that grows with every edit: the newest change-log entry plus the records held.

    Records are added without a change-log entry (the log holds changes; issue 15) and never leave
    the audit (a deletion is a tombstone), so an addition raises the count and a change the log.
    """
    row = document.connection.execute(
        "SELECT (SELECT coalesce(max(id), 0) FROM change_log) + (SELECT count(*) FROM record_index)"
    ).fetchone()
    return int(row[0])


def next_revision(document: AuditDocument, seq: int) -> int:
    """1 for the first package; the same revision while nothing changed since the last one; else one more."""
    last = submission(document)
    if last is None:
        return 1
    revision = int(last.get("revision", 0))
    return revision + 1 if seq > int(last.get("change_seq", -1)) else max(revision, 1)


def mark_submitted(document: AuditDocument, exported: ExportedPackage) -> None:
    """Record in the audit that this package was sent (package id, revision, hash, where), and that the
    office holds the revisions it carried: the merge base a package the office returns is merged against."""
    from audit.remote import set_base

    with document.transaction() as db:
        db.table("meta").insert(
            {"key": SUBMISSION_META, "value": json.dumps(exported.receipt(), ensure_ascii=False)}, replace=True
        )
        for record_uuid, revision in exported.revisions.items():
            set_base(document.records, record_uuid, layout.OFFICE_ORIGIN, revision)


def _read_report(report: Path) -> bytes:
    require_regular_file(report)
    limit = DEFAULT_LIMITS.report_bytes
    with open(report, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit or not data.startswith(ZIP_MAGIC):
        raise PackageExportError(
            Text(
                f"{report}: not an Excel workbook a package can carry (.xlsx, at most {limit // 1024**2} MB).",
                f"{report}：不是数据包可携带的 Excel 工作簿（.xlsx，最大 {limit // 1024**2} MB）。",
            )
        )
    return data


def _contents(document: AuditDocument, report: bytes | None) -> tuple[PackageContents, int]:
    """The audit's records and photos as one package's contents, and the change-log position they are of."""
    from audit.attachments import all_photos, photo_bytes
    from audit.jsonio import export_records

    records = export_records(document)
    media_types = {photo.uuid: photo.media_type for photo in all_photos(document, include_deleted=True)}

    def photo(entry: dict[str, Any]) -> tuple[bytes, str]:
        extension = layout.PHOTO_EXTENSIONS.get(media_types.get(entry["uuid"], ""), "jpg")
        return photo_bytes(document, entry["uuid"]), extension

    seq = change_seq(document)
    return PackageContents(records, photo, next_revision(document, seq), report), seq


def _member(name: str, when: str) -> zipfile.ZipInfo:
    moment = dt.datetime.fromisoformat(when)
    info = zipfile.ZipInfo(
        name, (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    )
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


class _BagWriter:
    """Adds members to the zip and keeps the SHA-256 of each for the manifests."""

    def __init__(self, archive: zipfile.ZipFile, when: str) -> None:
        self.archive = archive
        self.when = when
        self.payload: dict[str, str] = {}
        self.payload_bytes = 0
        self.tags: dict[str, str] = {}

    def add(self, name: str, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        if name.startswith("data/"):
            if name in self.payload:
                return digest  # the same photo file twice: stored once
            self.payload[name] = digest
            self.payload_bytes += len(data)
        elif name in layout.LISTED_TAG_FILES:
            self.tags[name] = digest
        self.archive.writestr(_member(name, self.when), data)
        return digest


def _write_photos(contents: PackageContents, writer: _BagWriter, progress: Progress) -> None:
    photos = contents.records["photos"]
    for index, entry in enumerate(photos):
        progress(index, len(photos) + 2, "photos")
        data, extension = contents.photo(entry)
        digest = hashlib.sha256(data).hexdigest()
        writer.add(f"{layout.PHOTOS_FOLDER}{digest}.{extension}", data)
        entry["data_sha256"] = digest


def _bag_info(
    contents: PackageContents, written: WrittenPackage, writer: _BagWriter, key: AuditorKey
) -> dict[str, str]:
    return {
        layout.PACKAGE_ID: written.package_id,
        layout.AUDIT_ID: str(contents.records["audit_uuid"]),
        layout.REVISION: str(contents.revision),
        layout.AUDITOR: " ".join(key.public.auditor.split()),
        layout.KEY_ID: key.public.key_id,
        layout.APP_VERSION_LABEL: APP_VERSION,
        layout.SCHEMA_VERSION_LABEL: str(contents.records["schema_version"]),
        layout.PACKAGE_FORMAT_LABEL: str(layout.PACKAGE_FORMAT_VERSION),
        layout.SUBMITTED_AT: written.submitted_at,
        layout.BAGGING_DATE: written.submitted_at[:10],
        layout.PAYLOAD_OXUM: f"{writer.payload_bytes}.{len(writer.payload)}",
        layout.SOFTWARE_AGENT: f"{APP_NAME} {APP_VERSION}",
    }


def _checked_json(value: Any, check: Callable[[Any], None]) -> bytes:
    try:
        check(value)
    except PackageRefused as error:
        raise PackageExportError(
            Text(f"The audit cannot be packaged: {error.message.en}", f"无法打包该诊断：{error.message.zh}")
        ) from None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write_bag(
    contents: PackageContents, written: WrittenPackage, key: AuditorKey, path: Path, progress: Progress
) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        writer = _BagWriter(archive, written.submitted_at)
        _write_photos(contents, writer, progress)
        writer.add(layout.RECORDS, _checked_json(contents.records, check_schema))
        if contents.review is not None:
            writer.add(layout.REVIEW, _checked_json(contents.review, check_review))
        if contents.report is not None:
            writer.add(layout.REPORT, contents.report)
        progress(len(contents.records["photos"]) + 1, len(contents.records["photos"]) + 2, "signing")
        writer.add(layout.BAGIT_TXT, layout.BAGIT_TXT_BYTES)
        writer.add(layout.BAG_INFO, layout.bag_info_text(_bag_info(contents, written, writer, key)))
        writer.add(layout.SIGNER_KEY, key.public.file_bytes())
        writer.add(layout.MANIFEST, layout.manifest_text(writer.payload))
        tag_manifest = layout.manifest_text(writer.tags)
        writer.add(layout.TAG_MANIFEST, tag_manifest)
        signature = key.sign(layout.SIGNING_CONTEXT + tag_manifest)
        writer.add(layout.SIGNATURE, base64.b64encode(signature) + b"\n")


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def write_package(
    target: Path | str,
    contents: PackageContents,
    key: AuditorKey,
    progress: Progress = _no_progress,
    protected: Iterable[Path] = (),
    submitted_at: str | None = None,
) -> WrittenPackage:
    """Write a package of `contents` signed with `key`, safely, then read it back and verify it.

    The one writer of packages: the auditor's export and a package the office returns. `contents.records`
    gets each photo's data_sha256 as its file is written.
    """
    target = Path(target)
    planned = WrittenPackage(str(uuid_module.uuid4()), "", 0, submitted_at or now_iso())
    hashes: list[str] = []

    def write(temporary: Path) -> None:
        _write_bag(contents, planned, key, temporary, progress)
        hashes.append(_file_sha256(temporary))

    write_atomically(target, write, protected)
    progress(1, 1, "verifying")
    _read_back(target, key, planned.package_id, hashes[0])
    return WrittenPackage(planned.package_id, hashes[0], target.stat().st_size, planned.submitted_at)


def export_package(
    document: AuditDocument,
    target: Path | str,
    key: AuditorKey,
    report: Path | None = None,
    progress: Progress = _no_progress,
) -> ExportedPackage:
    """Write the package of `document` to `target`, signed with `key`; read it back and verify it.

    Does not mark the audit submitted (the caller does, with `mark_submitted`), so a worker can export
    from its own read-only connection while the app has the audit open.
    """
    report_bytes = _read_report(report) if report is not None else None
    # One read transaction: the records, the photos and the change sequence are of one moment.
    with document.db.atomic():
        contents, seq = _contents(document, report_bytes)
        written = write_package(target, contents, key, progress, [document.path], now_iso(document.clock))
    records = contents.records
    return ExportedPackage(
        str(target),
        written.package_id,
        str(records["audit_uuid"]),
        contents.revision,
        written.sha256,
        written.size_bytes,
        sum(len(rows) for rows in records["records"].values()),
        len(records["photos"]),
        report_bytes is not None,
        key.public.key_id,
        seq,
        written.submitted_at,
        revisions=_revisions(records),
    )


def _revisions(records: dict[str, Any]) -> dict[str, int]:
    """{uuid: revision} of every record and repeat row the package carries."""
    revisions: dict[str, int] = {}
    for rows in records["records"].values():
        for row in rows:
            revisions[row["uuid"]] = row["revision"]
            for children in row.get("children", {}).values():
                revisions.update((child["uuid"], child["revision"]) for child in children)
    return revisions


def _read_back(target: Path, key: AuditorKey, package_id: str, sha256: str) -> None:
    """The package under its final name verifies as the office will verify it, and is the file written."""
    try:
        verified = read_package(target, [key.public])
        same = verified.package_id == package_id and verified.package_sha256 == sha256
        why = Text("it differs from what was written", "与写入的内容不同")
    except PackageRefused as error:
        same, why = False, error.message
    if not same:
        target.unlink(missing_ok=True)
        raise PackageExportError(
            Text(
                f"{target}: the package read back from the disk is not the one written ({why.en}); it was "
                "removed. The drive may be failing or was removed: export again.",
                f"{target}：从磁盘读回的数据包与写入的不一致（{why.zh}），已删除。磁盘可能有故障或已被拔出，请重新导出。",
            )
        )
