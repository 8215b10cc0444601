"""The office's records of each audit: flattened from the records JSON, stored, and read back for analysis."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audit.errors import AuditError
from audit.merge import RemoteEnvelope
from forms.spec import Text

if TYPE_CHECKING:
    from audit.analysis import AnalysisInputs
    from audit.office.database import OfficeDatabase

# The envelope every record of a package carries (docs/json-format.md).
ENVELOPE_KEYS = ("uuid", "form_version", "created_at", "modified_at", "author", "revision", "state", "deleted")
COLUMNS = (
    "uuid",
    "form_id",
    "form_version",
    "revision",
    "author",
    "created_at",
    "modified_at",
    "state",
    "deleted",
    "values_json",
    "overridden_json",
    "parent_uuid",
    "position",
)


class RecordsRefused(AuditError):
    """The records of a package do not have the shape the office stores; nothing was changed."""


@dataclass(frozen=True)
class OfficeRecord:
    """One record (or repeat-group row, form id "form.repeat") as the office keeps it."""

    uuid: str
    form_id: str
    form_version: int
    revision: int
    author: str
    created_at: str
    modified_at: str
    state: str
    deleted: bool
    values: Mapping[str, Any] = field(default_factory=dict)
    overridden: tuple[str, ...] = ()
    parent_uuid: str | None = None
    position: int | None = None

    def row(self, audit_uuid: str) -> dict[str, Any]:
        """The office_record row."""
        return {
            "audit_uuid": audit_uuid,
            "uuid": self.uuid,
            "form_id": self.form_id,
            "form_version": self.form_version,
            "revision": self.revision,
            "author": self.author,
            "created_at": self.created_at,
            "modified_at": self.modified_at,
            "state": self.state,
            "deleted": int(self.deleted),
            "values_json": json.dumps(dict(self.values), ensure_ascii=False, sort_keys=True),
            "overridden_json": json.dumps(list(self.overridden)),
            "parent_uuid": self.parent_uuid,
            "position": self.position,
        }

    def to_json(self) -> dict[str, Any]:
        """The record in the records-JSON format (without children): what conflicts keep and show."""
        data: dict[str, Any] = {key: getattr(self, key) for key in ENVELOPE_KEYS}
        data["form_id"] = self.form_id
        data["values"] = dict(self.values)
        if self.overridden:
            data["overridden"] = list(self.overridden)
        if self.parent_uuid is not None:
            data["parent_uuid"] = self.parent_uuid
        return data

    def same_content(self, other: OfficeRecord) -> bool:
        """Whether two versions hold the same data (who wrote it and when aside)."""
        return (
            dict(self.values) == dict(other.values)
            and set(self.overridden) == set(other.overridden)
            and self.deleted == other.deleted
            and self.state == other.state
        )


def from_row(row: tuple[Any, ...]) -> OfficeRecord:
    """An OfficeRecord from the COLUMNS of an office_record row."""
    return OfficeRecord(
        uuid=str(row[0]),
        form_id=str(row[1]),
        form_version=int(row[2]),
        revision=int(row[3]),
        author=str(row[4] or ""),
        created_at=str(row[5] or ""),
        modified_at=str(row[6] or ""),
        state=str(row[7] or "draft"),
        deleted=bool(row[8]),
        values=json.loads(row[9]),
        overridden=tuple(json.loads(row[10] or "[]")),
        parent_uuid=row[11],
        position=row[12],
    )


def from_json(data: Mapping[str, Any], position: int | None = None) -> OfficeRecord:
    """A record from the records-JSON format (a package's, or a conflict's stored version: `to_json`)."""
    envelope = RemoteEnvelope.from_mapping(data)
    return OfficeRecord(
        **dataclasses.asdict(envelope),
        values=dict(data["values"]),
        overridden=tuple(str(name) for name in data.get("overridden", ())),
        parent_uuid=data.get("parent_uuid"),
        position=position,
    )


def _refused(where: str, why: str, why_zh: str) -> RecordsRefused:
    return RecordsRefused(Text(f"{where}: {why}", f"{where}：{why_zh}"))


def _one(form_id: str, raw: Any, where: str, parent_uuid: str | None, position: int | None) -> OfficeRecord:
    if not isinstance(raw, dict) or not isinstance(raw.get("values"), dict):
        raise _refused(where, "a record must be an object with its values.", "记录必须是含 values 的对象。")
    missing = [key for key in ENVELOPE_KEYS if key not in raw]
    if missing:
        raise _refused(where, f"envelope field {missing[0]} missing.", f"缺少信封字段 {missing[0]}。")
    try:
        return from_json({**raw, "form_id": form_id, "parent_uuid": parent_uuid}, position)
    except (TypeError, ValueError):
        raise _refused(where, "an envelope field has the wrong type.", "信封字段类型错误。") from None


def flatten(records: Mapping[str, Any]) -> list[OfficeRecord]:
    """Every record and repeat-group row of a records JSON ({form id: [record, ...]}), parents first.

    One id names one record: an id given twice is refused (a package is one state of one audit).
    """
    flat: list[OfficeRecord] = []
    for form_id, entries in records.items():
        if not isinstance(entries, list):
            raise _refused(str(form_id), "must be a list of records.", "必须是记录列表。")
        for index, raw in enumerate(entries):
            where = f"{form_id}[{index + 1}]"
            record = _one(form_id, raw, where, None, None)
            flat.append(record)
            children = raw.get("children") or {}
            if not isinstance(children, dict):
                raise _refused(where, '"children" must be an object.', "children 必须是对象。")
            for repeat, rows in children.items():
                if not isinstance(rows, list):
                    raise _refused(f"{where}.{repeat}", "must be a list.", "必须是列表。")
                for position, row in enumerate(rows):
                    row_where = f"{where}.{repeat}[{position + 1}]"
                    flat.append(_one(f"{form_id}.{repeat}", row, row_where, record.uuid, position))
    seen: set[str] = set()
    for record in flat:
        if record.uuid in seen:
            raise _refused(record.uuid, "the same id is given twice.", "同一编号出现两次。")
        seen.add(record.uuid)
    return flat


def stored_records(
    office: OfficeDatabase, audit_uuid: str, uuids: Iterable[str] | None = None
) -> dict[str, OfficeRecord]:
    """{uuid: record} of an audit as the office holds them (all, or those of `uuids`, 500 per query)."""
    select = f"SELECT {', '.join(COLUMNS)} FROM office_record WHERE audit_uuid = ?"
    if uuids is None:
        return {str(row[0]): from_row(row) for row in office.connection.execute(select, [audit_uuid])}
    wanted = list(uuids)
    found: dict[str, OfficeRecord] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in office.connection.execute(f"{select} AND uuid IN ({marks})", [audit_uuid, *chunk]):
            found[str(row[0])] = from_row(row)
    return found


def _ordered(office: OfficeDatabase, audit_uuid: str) -> Iterator[OfficeRecord]:
    # The auditor's own order: by creation time, then as they arrived (rowid follows the package's list).
    rows = office.connection.execute(
        f"SELECT {', '.join(COLUMNS)} FROM office_record WHERE audit_uuid = ? "
        "ORDER BY parent_uuid IS NOT NULL, position, created_at, rowid",
        [audit_uuid],
    )
    for row in rows:
        yield from_row(row)


def records_json(
    office: OfficeDatabase, audit_uuid: str, replacing: OfficeRecord | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The office's current version of every record of an audit, in the records-JSON format
    (with `replacing` in place of the stored version of that record: a change checked before it is made)."""
    by_form: dict[str, list[dict[str, Any]]] = {}
    by_uuid: dict[str, dict[str, Any]] = {}
    for stored in _ordered(office, audit_uuid):
        record = replacing if replacing is not None and replacing.uuid == stored.uuid else stored
        data = {key: getattr(record, key) for key in ENVELOPE_KEYS}
        data["values"] = dict(record.values)
        if record.overridden:
            data["overridden"] = list(record.overridden)
        if record.parent_uuid is None:
            by_form.setdefault(record.form_id, []).append(data)
            by_uuid[record.uuid] = data
        else:
            parent = by_uuid.get(record.parent_uuid)
            if parent is not None:
                repeat = record.form_id.split(".", 1)[1]
                parent.setdefault("children", {}).setdefault(repeat, []).append(data)
    return by_form


def analysis_inputs(office: OfficeDatabase, audit_uuid: str) -> AnalysisInputs:
    """What `analyse()` reads, from the office's merged records of one audit.

    The records are put into a scratch audit held in memory through the same import an auditor's
    JSON goes through, and read with the same `load_inputs`: the numbers are the auditor's own.
    """
    from audit.analysis import load_inputs
    from audit.document import AuditDocument
    from audit.jsonio import import_records

    document = AuditDocument.in_memory(author=office.officer)
    try:
        import_records(document, records_json(office, audit_uuid), source=audit_uuid)
        return load_inputs(document)
    finally:
        document.close()
