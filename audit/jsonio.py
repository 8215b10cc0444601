"""Records in and out as JSON keyed by form id and field name (format in docs/json-format.md)."""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit import APP_VERSION
from audit.clock import now_iso
from audit.errors import AuditError, RecordError
from audit.records import Record
from forms.spec import FieldType, Text

if TYPE_CHECKING:
    from audit.document import AuditDocument

FORMAT_NAME = "fieldaudit-records"
FORMAT_VERSION = 1
RECORD_STATES = ("draft", "final")
ENVELOPE_KEYS = ("uuid", "form_version", "created_at", "modified_at", "author", "revision", "state", "deleted")
# Refuse absurd inputs before parsing them into memory.
MAX_IMPORT_BYTES = 200 * 1024 * 1024


class ImportFileError(AuditError):
    """The JSON file cannot be imported; nothing was changed."""


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _record_json(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = {key: getattr(record, key) for key in ENVELOPE_KEYS}
    data["values"] = {name: value for name, value in record.values.items() if value is not None}
    if record.overridden:
        data["overridden"] = sorted(record.overridden)
    if record.children:
        data["children"] = {name: [_record_json(row) for row in rows] for name, rows in record.children.items() if rows}
    return data


def export_records(document: AuditDocument, include_deleted: bool = True) -> dict[str, Any]:
    from audit.attachments import all_photos

    records: dict[str, list[dict[str, Any]]] = {}
    for form in document.registry:
        rows = document.records.list(form.id, include_deleted=include_deleted, with_children=True)
        if rows:
            records[form.id] = [_record_json(row) for row in rows]
    links: dict[str, list[str]] = {}
    for attachment_uuid, record_uuid in document.connection.execute(
        "SELECT attachment_uuid, record_uuid FROM attachment_link WHERE deleted = 0 ORDER BY linked_at"
    ):
        links.setdefault(attachment_uuid, []).append(record_uuid)
    photos = [
        {
            "uuid": photo.uuid,
            "sha256": photo.sha256,
            "original_name": photo.original_name,
            "captured_at": photo.captured_at,
            "width": photo.width,
            "height": photo.height,
            "deleted": photo.deleted,
            "linked_records": links.get(photo.uuid, []),
        }
        for photo in all_photos(document, include_deleted=include_deleted)
    ]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "audit_uuid": document.meta("audit_uuid"),
        "schema_version": document.schema_version(),
        "exported_at": now_iso(document.clock),
        "exported_with": APP_VERSION,
        "forms": {form.id: form.version for form in document.registry},
        "records": records,
        "photos": photos,
    }


def read_import_file(path: Path) -> dict[str, list[Any]]:
    """Parse an import file into {form id: [record, ...]} or raise ImportFileError naming the problem."""
    if not path.exists():
        raise ImportFileError(Text(f"{path}: file not found.", f"{path}：文件不存在。"))
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ImportFileError(Text(f"{path}: larger than 200 MB; refused.", f"{path}：大于200 MB，拒绝导入。"))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ImportFileError(Text(f"{path}: not UTF-8 text.", f"{path}：不是 UTF-8 文本。")) from None
    except RecursionError:
        raise ImportFileError(
            Text(
                f"{path}: nested too deeply to be a records file; refused.",
                f"{path}：嵌套层数过多，不是记录文件，拒绝导入。",
            )
        ) from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            Text(
                f"{path}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}.",
                f"{path}：JSON 格式错误（第{error.lineno}行第{error.colno}列）：{error.msg}。",
            )
        ) from None
    records = data.get("records", data) if isinstance(data, dict) else None
    if not isinstance(records, dict) or not all(isinstance(v, list) for v in records.values()):
        raise ImportFileError(
            Text(
                f"{path}: expected an object of form ids, each with a list of records.",
                f"{path}：应为以表单编号为键、记录列表为值的 JSON 对象。",
            )
        )
    return records


def _split(entry: Any, where: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, list[Any]]]:
    """(values, envelope, children) of one imported record, plain or with an envelope."""
    if not isinstance(entry, dict):
        raise RecordError(Text(f"{where}: a record must be a JSON object.", f"{where}：记录必须是 JSON 对象。"), where)
    if "values" in entry:
        values = entry["values"]
        if not isinstance(values, dict):
            raise RecordError(Text(f'{where}: "values" must be an object.', f"{where}：values 必须是对象。"), where)
        envelope = {key: entry[key] for key in (*ENVELOPE_KEYS, "overridden") if key in entry}
        children = entry.get("children") or {}
    else:
        children = entry.get("children") or {}
        envelope = {"uuid": entry["uuid"]} if "uuid" in entry else {}
        values = {k: v for k, v in entry.items() if k not in ("uuid", "children")}
    if not isinstance(children, dict):
        raise RecordError(Text(f'{where}: "children" must be an object.', f"{where}：children 必须是对象。"), where)
    _check_envelope(envelope, where)
    return values, envelope, children


def _envelope_error(where: str, key: str, expected: Text) -> RecordError:
    return RecordError(
        Text(f"{where}: envelope field {key!r} must be {expected.en}.", f"{where}：信封字段 {key} 应为{expected.zh}。"),
        where,
    )


def _check_envelope(envelope: Mapping[str, Any], where: str) -> None:
    """The record envelope (id, version, times, author, revision, state, tombstone) must be well-typed."""
    if "uuid" in envelope:
        try:
            uuid_module.UUID(str(envelope["uuid"]))
        except ValueError:
            raise _envelope_error(where, "uuid", Text("a UUID", "UUID")) from None
        if not isinstance(envelope["uuid"], str):
            raise _envelope_error(where, "uuid", Text("a UUID string", "UUID 字符串"))
    for key in ("form_version", "revision"):
        value = envelope.get(key)
        if key in envelope and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise _envelope_error(where, key, Text("a whole number of at least 1", "不小于1的整数"))
    for key in ("created_at", "modified_at"):
        if key in envelope:
            try:
                dt.datetime.fromisoformat(str(envelope[key]))
            except ValueError:
                raise _envelope_error(where, key, Text("a date and time (ISO 8601)", "ISO 8601 日期时间")) from None
            if not isinstance(envelope[key], str):
                raise _envelope_error(where, key, Text("a date and time (ISO 8601)", "ISO 8601 日期时间"))
    if "author" in envelope and not isinstance(envelope["author"], str):
        raise _envelope_error(where, "author", Text("text", "文本"))
    if "state" in envelope and envelope["state"] not in RECORD_STATES:
        raise _envelope_error(where, "state", Text(" or ".join(RECORD_STATES), "、".join(RECORD_STATES)))
    if "deleted" in envelope and not isinstance(envelope["deleted"], bool):
        raise _envelope_error(where, "deleted", Text("true or false", "true 或 false"))
    overridden = envelope.get("overridden", [])
    if not isinstance(overridden, list) or not all(isinstance(name, str) for name in overridden):
        raise _envelope_error(where, "overridden", Text("a list of field names", "字段名列表"))


def import_records(document: AuditDocument, data: Mapping[str, list[Any]], source: str = "") -> ImportResult:
    """Import every record in one transaction: all of them, or (on the first problem) none."""
    result = ImportResult()
    unknown = [form_id for form_id in data if form_id not in document.registry]
    if unknown:
        raise ImportFileError(
            Text(
                f"{source}: unknown form id(s): {', '.join(unknown)}; known: {', '.join(document.registry.ids())}.",
                f"{source}：未知表单编号：{'、'.join(unknown)}。",
            )
        )
    try:
        with document.transaction():
            for form in document.registry:
                pending = [(index, entry) for index, entry in enumerate(data.get(form.id, []))]
                # Records may refer to records of the same form (a water unit's parent): insert in
                # passes until nothing more resolves, then report the first that never did.
                while pending:
                    deferred: list[tuple[int, Any]] = []
                    first_error: RecordError | None = None
                    for index, entry in pending:
                        where = f"{source}: {form.id}[{index + 1}]"
                        try:
                            with document.db.atomic():
                                _import_one(document, form.id, entry, where, result)
                        except RecordError as error:
                            if _is_unresolved_reference(document, form.id, error):
                                deferred.append((index, entry))
                                first_error = first_error or _located(error, where)
                                continue
                            raise _located(error, where) from None
                    if len(deferred) == len(pending):
                        assert first_error is not None
                        raise first_error
                    pending = deferred
    except RecordError as error:
        raise error from None
    return result


def _is_unresolved_reference(document: AuditDocument, form_id: str, error: RecordError) -> bool:
    if error.field is None:
        return False
    form = document.registry[form_id]
    if not form.has_field(error.field):
        return False
    spec = form.field(error.field)
    return spec.type is FieldType.REFERENCE and form_id in spec.references


def _located(error: RecordError, where: str) -> RecordError:
    if error.field and not error.message.en.startswith(where):
        message = Text(f"{where}.{error.field}: {error.message.en}", f"{where}.{error.field}：{error.message.zh}")
    elif not error.message.en.startswith(where):
        message = Text(f"{where}: {error.message.en}", f"{where}：{error.message.zh}")
    else:
        message = error.message
    return RecordError(message, where, error.field)


def _import_one(document: AuditDocument, form_id: str, entry: Any, where: str, result: ImportResult) -> None:
    values, envelope, children = _split(entry, where)
    records = document.records
    form = document.registry[form_id]
    if int(envelope.get("form_version", 1)) > form.version:
        raise RecordError(
            Text(
                f"{where}: captured with version {envelope['form_version']} of form {form_id}; this FieldAudit "
                f"knows up to version {form.version}. Update FieldAudit to import it.",
                f"{where}：该记录使用表单 {form_id} 的第{envelope['form_version']}版录入，本程序最高支持第{form.version}版，请升级后导入。",
            ),
            where,
        )
    overridden = set(envelope.get("overridden", ()))
    # Calculated values are recomputed on import unless the expert had overridden them.
    values = {
        name: value
        for name, value in values.items()
        if not (form.has_field(name) and form.field(name).is_calculated and name not in overridden)
    }
    record_uuid = envelope.get("uuid")
    if record_uuid is not None and records.exists(str(record_uuid)):
        existing = records.get(str(record_uuid), with_children=False)
        incoming_revision = int(envelope.get("revision", existing.revision + 1))
        if incoming_revision <= existing.revision:
            result.unchanged += 1
            return
        changed = records.update(existing.uuid, values)
        if bool(envelope.get("deleted", False)) != existing.deleted:
            (records.delete if envelope.get("deleted") else records.restore)(existing.uuid)
        result.updated += 1 if changed or envelope.get("deleted") is not None else 0
        parent_uuid = existing.uuid
    else:
        parent_uuid = records.add(form_id, values, envelope=envelope)
        result.added += 1
    for repeat_name, rows in children.items():
        try:
            form.repeat(repeat_name)
        except KeyError:
            raise RecordError(
                Text(
                    f"{where}: form {form_id} has no repeat group {repeat_name!r}.",
                    f"{where}：表单 {form_id} 没有重复组“{repeat_name}”。",
                ),
                where,
            ) from None
        if not isinstance(rows, list):
            raise RecordError(
                Text(f"{where}.{repeat_name}: must be a list.", f"{where}.{repeat_name}：必须是列表。"), where
            )
        for row_index, row in enumerate(rows):
            row_values, row_envelope, _ = _split(row, f"{where}.{repeat_name}[{row_index + 1}]")
            row_uuid = row_envelope.get("uuid")
            if row_uuid is not None and records.exists(str(row_uuid)):
                result.unchanged += 1
                continue
            try:
                records.add(f"{form_id}.{repeat_name}", row_values, parent=parent_uuid, envelope=row_envelope)
            except RecordError as error:
                raise _located(error, f"{where}.{repeat_name}[{row_index + 1}]") from None
            result.added += 1
