"""Packages into the office: verify everything first, then merge record by record in one transaction.

A package is refused (with a bilingual reason, the office database unchanged byte for byte) when
bag13's verifier refuses it, when its id was imported before (a replay), when its signer's key was
revoked, or when its records do not import into a fresh audit (the same validation an auditor's app
applies). Only then is one write transaction opened: each record is merged with the one pure
`audit.merge.decide`, against the base revision the office keeps per record and per signer, so a
newer revision updates, an older or repeated one changes nothing, and a record changed at the
office and in the package since their common base is kept in both versions as a conflict.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from audit.errors import AuditError
from audit.merge import MergeAction, RemoteEnvelope, decide
from audit.office.database import OfficeDatabase
from audit.office.records import OfficeRecord, RecordsRefused, flatten, stored_records
from forms.spec import Text

RECEIVED = "received"
PACKAGE_SUFFIX = ".zip"


class PackageContents(Protocol):
    """What a verified package gives the office (audit.packages.verify.VerifiedPackage)."""

    @property
    def bag_info(self) -> dict[str, str]: ...
    @property
    def records(self) -> dict[str, Any]: ...
    @property
    def photos(self) -> dict[str, bytes]: ...
    @property
    def report(self) -> bytes | None: ...
    @property
    def signer_trusted(self) -> bool: ...
    @property
    def package_sha256(self) -> str: ...
    @property
    def signer_key_id(self) -> str: ...
    @property
    def package_id(self) -> str: ...
    @property
    def audit_uuid(self) -> str: ...
    @property
    def revision(self) -> int: ...


class OfficeRefused(AuditError):
    """The office refuses a package that passed the package checks (replay, revoked key, bad records)."""

    def __init__(self, message: Text, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class MergeCounts:
    inserted: int = 0
    applied: int = 0
    unchanged: int = 0
    kept_local: int = 0
    conflicts: int = 0


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one package: merged (with counts) or refused (with the reason)."""

    source: str
    package_id: str | None = None
    audit_uuid: str | None = None
    revision: int | None = None
    refused: Text | None = None
    # Why, as a short code: the package verifier's (damaged, hash, signature, unknown_signer, ...) or
    # the office's (replay, revoked, records).
    reason: str | None = None
    counts: MergeCounts | None = None
    refresh_problem: Text | None = None

    @property
    def merged(self) -> bool:
        return self.refused is None

    def line(self) -> Text:
        """One line for the command line and the GUI's list."""
        if self.refused is not None:
            # The package verifier's messages already start with the file's name.
            en, zh = self.refused.en, self.refused.zh
            if en.startswith(f"{self.source}: "):
                en, zh = en[len(self.source) + 2 :], zh.removeprefix(f"{self.source}：")
            return Text(f"{self.source}: refused: {en}", f"{self.source}：已拒绝：{zh}")
        counts = self.counts or MergeCounts()
        return Text(
            f"{self.source}: merged audit {self.audit_uuid} revision {self.revision}: {counts.inserted} added, "
            f"{counts.applied} updated, {counts.unchanged + counts.kept_local} unchanged, "
            f"{counts.conflicts} conflict(s).",
            f"{self.source}：已合并诊断 {self.audit_uuid} 第 {self.revision} 版：新增 {counts.inserted}，"
            f"更新 {counts.applied}，未变 {counts.unchanged + counts.kept_local}，冲突 {counts.conflicts}。",
        )


@dataclass
class _Plan:
    """Everything one merge writes, decided before the write transaction opens."""

    package: PackageContents
    writes: list[OfficeRecord] = field(default_factory=list)
    bases: list[tuple[str, int]] = field(default_factory=list)
    conflicts: list[tuple[OfficeRecord, OfficeRecord]] = field(default_factory=list)
    counts: MergeCounts = field(default_factory=MergeCounts)


def package_paths(paths: Iterable[Path]) -> list[Path]:
    """The packages named: files as given, and every *.zip directly in a folder (sorted by name)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == PACKAGE_SUFFIX and p.is_file()))
        else:
            found.append(path)
    return found


def import_packages(
    office: OfficeDatabase,
    paths: Iterable[Path],
    accept_unknown_signer: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportOutcome]:
    """Import each package on its own (a refused one does not stop the others); outcomes in order.

    `cancelled` is asked between packages: the ones merged stay merged, the rest are not read.
    """
    targets = package_paths(paths)
    outcomes: list[ImportOutcome] = []
    for index, path in enumerate(targets):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(index, len(targets), path.name)
        outcomes.append(import_package(office, path, accept_unknown_signer))
    if progress is not None:
        progress(len(outcomes), len(targets), "")
    return outcomes


def import_package(office: OfficeDatabase, path: Path, accept_unknown_signer: bool = False) -> ImportOutcome:
    """Verify one package file with the package verifier, then merge it (see the module's docstring)."""
    from audit.office.auditors import trusted_keys
    from audit.packages.verify import PackageRefused, read_package

    try:
        package = read_package(path, trusted_keys(office), accept_unknown_signer=accept_unknown_signer)
    except PackageRefused as error:
        return ImportOutcome(path.name, refused=error.message, reason=error.reason)
    accepted_by = None if package.signer_trusted else office.officer
    return merge_package(office, package, path.name, accepted_by)


def merge_package(
    office: OfficeDatabase, package: PackageContents, source: str, accepted_by: str | None = None
) -> ImportOutcome:
    """Merge a verified package: checks that read only, then one transaction, then the register refreshed."""
    try:
        plan = _plan(office, package)
    except AuditError as error:
        reason = error.reason if isinstance(error, OfficeRefused) else "records"
        return ImportOutcome(
            source, package.package_id, package.audit_uuid, package.revision, refused=error.message, reason=reason
        )
    with office.transaction():
        _write(office, plan, source, accepted_by)
    return ImportOutcome(
        source,
        package.package_id,
        package.audit_uuid,
        package.revision,
        counts=plan.counts,
        refresh_problem=refresh_register(office, package.audit_uuid),
    )


def refresh_register(office: OfficeDatabase, audit_uuid: str) -> Text | None:
    """Recompute the office register's figures of an audit (issue 14), when that part is installed.

    The merge is committed by then: a problem here is reported, and the next import or a refresh
    from the register recomputes it.
    """
    try:
        from audit.office.register import refresh_audit
    except ModuleNotFoundError as error:
        if error.name == "audit.office.register":
            return None
        raise
    try:
        refresh_audit(office, audit_uuid)
    except AuditError as error:
        return error.message
    return None


# -- checks (read only) ---------------------------------------------------------------------------


def _office_refused(reason: str, en: str, zh: str) -> OfficeRefused:
    return OfficeRefused(Text(en, zh), reason)


def _check_package(office: OfficeDatabase, package: PackageContents) -> None:
    receipt = office.connection.execute(
        "SELECT received_at, source_name FROM package_receipt WHERE package_id = ?", [package.package_id]
    ).fetchone()
    if receipt is not None:
        raise _office_refused(
            "replay",
            f"package {package.package_id} was already imported on {receipt[0]} (from {receipt[1]}); a replay "
            "is refused.",
            f"数据包 {package.package_id} 已于 {receipt[0]} 导入（来自 {receipt[1]}），拒绝重复导入。",
        )
    revoked = office.connection.execute(
        "SELECT revoked_at FROM auditor WHERE key_id = ? AND revoked_at IS NOT NULL", [package.signer_key_id]
    ).fetchone()
    if revoked is not None:
        raise _office_refused(
            "revoked",
            f"signed with key {package.signer_key_id}, revoked on {revoked[0]}; refused.",
            f"签名密钥 {package.signer_key_id} 已于 {revoked[0]} 吊销，拒绝导入。",
        )
    if package.records.get("audit_uuid") not in (None, package.audit_uuid):
        raise _office_refused(
            "records",
            "the records belong to another audit than the package says; refused.",
            "记录所属诊断与数据包声明的不一致，拒绝导入。",
        )


def _check_values(records: Mapping[str, Any], source: str) -> None:
    """The records import into a fresh audit, with every value validated as the auditor's app does."""
    from audit.document import AuditDocument
    from audit.jsonio import import_records

    scratch = AuditDocument.in_memory(author="office")
    try:
        import_records(scratch, records, source=source)
    finally:
        scratch.close()


def _envelope(record: OfficeRecord) -> RemoteEnvelope:
    return RemoteEnvelope.from_mapping(record.to_json())


def _plan(office: OfficeDatabase, package: PackageContents) -> _Plan:
    _check_package(office, package)
    records = package.records.get("records", {})
    try:
        incoming = flatten(records)
    except RecordsRefused as error:
        raise OfficeRefused(
            Text(f"data/records.json: {error.message.en}", f"data/records.json：{error.message.zh}"), "records"
        ) from None
    _check_values(records, "data/records.json")
    plan = _Plan(package)
    audit_uuid, source = package.audit_uuid, package.signer_key_id
    local = stored_records(office, audit_uuid, (record.uuid for record in incoming))
    bases = _bases(office, audit_uuid, source, list(local))
    for record in incoming:
        _plan_one(plan, local.get(record.uuid), bases.get(record.uuid), record)
    return plan


def _plan_one(plan: _Plan, local: OfficeRecord | None, base: int | None, incoming: OfficeRecord) -> None:
    if local is not None and local.form_id != incoming.form_id:
        raise OfficeRefused(
            Text(
                f"record {incoming.uuid} is a {incoming.form_id} record in the package and a {local.form_id} "
                "record at the office; refused.",
                f"记录 {incoming.uuid} 在数据包中为 {incoming.form_id}，在办公室为 {local.form_id}，拒绝导入。",
            ),
            "records",
        )
    action = decide(None if local is None else _envelope(local), base, _envelope(incoming))
    counts = plan.counts
    if action in (MergeAction.INSERT, MergeAction.APPLY):
        plan.writes.append(incoming)
        plan.bases.append((incoming.uuid, incoming.revision))
        if action is MergeAction.INSERT:
            counts.inserted += 1
        else:
            counts.applied += 1
    elif action is MergeAction.UNCHANGED:
        plan.bases.append((incoming.uuid, incoming.revision))
        counts.unchanged += 1
    elif action is MergeAction.KEEP_LOCAL:
        counts.kept_local += 1
    else:
        assert local is not None
        # The base stays where it was until a person settles it: a later package's revision of the
        # record is then a conflict again, never an overwrite of the office's version.
        plan.conflicts.append((local, incoming))
        counts.conflicts += 1


def _bases(office: OfficeDatabase, audit_uuid: str, source: str, uuids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for record_uuid, base in office.connection.execute(
            f"SELECT record_uuid, base_revision FROM record_base WHERE audit_uuid = ? AND source = ? "
            f"AND record_uuid IN ({marks})",
            [audit_uuid, source, *chunk],
        ):
            found[str(record_uuid)] = int(base)
    return found


# -- the write transaction ------------------------------------------------------------------------


def _write(office: OfficeDatabase, plan: _Plan, source_name: str, accepted_by: str | None) -> None:
    package = plan.package
    audit_uuid = package.audit_uuid
    now = office.now()
    _upsert_audit(office, package, now)
    office.db.table("package_receipt").insert(
        {
            "package_id": package.package_id,
            "audit_uuid": audit_uuid,
            "revision": package.revision,
            "signer_key_id": package.signer_key_id,
            "trusted": int(package.signer_trusted),
            "accepted_by": accepted_by,
            "received_at": now,
            "received_by": office.officer,
            "outcome": "merged with conflicts" if plan.conflicts else "merged",
            "reason": None,
            "source_name": source_name,
            "package_sha256": package.package_sha256,
            "counts_json": json.dumps(asdict(plan.counts)),
            "bag_info_json": json.dumps(package.bag_info, ensure_ascii=False, sort_keys=True),
        }
    )
    office.connection.executemany(
        "INSERT OR REPLACE INTO office_record (audit_uuid, uuid, form_id, form_version, revision, author, "
        "created_at, modified_at, state, deleted, values_json, overridden_json, parent_uuid, position) "
        "VALUES (:audit_uuid, :uuid, :form_id, :form_version, :revision, :author, :created_at, :modified_at, "
        ":state, :deleted, :values_json, :overridden_json, :parent_uuid, :position)",
        [record.row(audit_uuid) for record in plan.writes],
    )
    office.connection.executemany(
        "INSERT OR REPLACE INTO record_base (audit_uuid, record_uuid, source, base_revision) VALUES (?, ?, ?, ?)",
        [(audit_uuid, record_uuid, package.signer_key_id, base) for record_uuid, base in plan.bases],
    )
    for local, incoming in plan.conflicts:
        _keep_conflict(office, audit_uuid, local, incoming, package.package_id, now)
    _store_photos(office, package, now)
    if package.report is not None:
        office.db.table("report").insert(
            {"package_id": package.package_id, "audit_uuid": audit_uuid, "data": package.report}
        )
    _set_enterprise(office, audit_uuid)
    office.db.table("review").insert(
        {
            "audit_uuid": audit_uuid,
            "status": RECEIVED,
            "comment": f"package {package.package_id} revision {package.revision}",
            "reviewed_by": office.officer,
            "reviewed_at": now,
        }
    )


def _upsert_audit(office: OfficeDatabase, package: PackageContents, now: str) -> None:
    # A new revision needs a new look: the audit's review status goes back to "received".
    office.connection.execute(
        "INSERT INTO audit (audit_uuid, latest_revision, review_status, first_received_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (audit_uuid) DO UPDATE SET "
        "latest_revision = max(coalesce(latest_revision, 0), excluded.latest_revision), "
        "review_status = excluded.review_status, updated_at = excluded.updated_at",
        [package.audit_uuid, package.revision, RECEIVED, now, now],
    )


def _keep_conflict(
    office: OfficeDatabase, audit_uuid: str, local: OfficeRecord, incoming: OfficeRecord, origin: str, now: str
) -> None:
    """One open conflict per record: a later package's version replaces the incoming side of it."""
    incoming_json = json.dumps(incoming.to_json(), ensure_ascii=False, sort_keys=True)
    open_conflict = office.connection.execute(
        "SELECT id FROM conflict WHERE audit_uuid = ? AND record_uuid = ? AND settled_at IS NULL",
        [audit_uuid, local.uuid],
    ).fetchone()
    if open_conflict is not None:
        office.connection.execute(
            "UPDATE conflict SET incoming_json = ?, origin = ?, detected_at = ? WHERE id = ?",
            [incoming_json, origin, now, open_conflict[0]],
        )
        return
    office.db.table("conflict").insert(
        {
            "audit_uuid": audit_uuid,
            "record_uuid": local.uuid,
            "form_id": local.form_id,
            "local_json": json.dumps(local.to_json(), ensure_ascii=False, sort_keys=True),
            "incoming_json": incoming_json,
            "origin": origin,
            "detected_at": now,
        }
    )


def _photo_entries(package: PackageContents) -> Iterator[dict[str, Any]]:
    for photo in package.records.get("photos", []):
        if isinstance(photo, dict):
            yield photo


def _store_photos(office: OfficeDatabase, package: PackageContents, now: str) -> None:
    office.connection.executemany(
        "INSERT OR IGNORE INTO photo (sha256, data, byte_count, received_at) VALUES (?, ?, ?, ?)",
        [(digest, data, len(data), now) for digest, data in package.photos.items()],
    )
    office.connection.executemany(
        "INSERT OR REPLACE INTO audit_photo (audit_uuid, photo_uuid, sha256, original_name, caption, captured_at, "
        "deleted, linked_records_json, entry_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                package.audit_uuid,
                str(photo.get("uuid")),
                photo.get("data_sha256") or photo.get("sha256"),
                photo.get("original_name"),
                photo.get("caption"),
                photo.get("captured_at"),
                int(bool(photo.get("deleted"))),
                json.dumps(photo.get("linked_records", [])),
                json.dumps(photo, ensure_ascii=False, sort_keys=True),
            )
            for photo in _photo_entries(package)
        ],
    )


def _set_enterprise(office: OfficeDatabase, audit_uuid: str) -> None:
    """The audit's enterprise name and credit code, from the office's current enterprise record."""
    row = office.connection.execute(
        "SELECT values_json FROM office_record WHERE audit_uuid = ? AND form_id = 'enterprise' AND deleted = 0 "
        "ORDER BY modified_at DESC LIMIT 1",
        [audit_uuid],
    ).fetchone()
    values = json.loads(row[0]) if row is not None else {}
    office.connection.execute(
        "UPDATE audit SET credit_code = ?, enterprise_name = ? WHERE audit_uuid = ?",
        [values.get("credit_code"), values.get("name"), audit_uuid],
    )
