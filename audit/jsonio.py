"""Records in and out as JSON keyed by form id and field name (format in docs/json-format.md)."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import re
import uuid as uuid_module
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from audit import APP_VERSION
from audit.clock import now_iso
from audit.errors import AuditError, RecordError
from audit.merge import MergeAction, RemoteEnvelope
from audit.records import Record
from audit.row_plan import ABSENT
from forms.spec import FieldType, FormSpec, Text

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
    unchanged: int = 0  # the same version, or one older than (or already seen before) the one held here
    conflicts: int = 0  # changed here and in the file since both last held it: both versions kept


@dataclass
class ImportFile:
    """An import file's records and the name of where they came from (the exporting audit)."""

    records: dict[str, list[Any]]
    origin: str


def _record_json(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = {key: getattr(record, key) for key in ENVELOPE_KEYS}
    data["values"] = {name: value for name, value in record.values.items() if value is not None}
    if record.overridden:
        data["overridden"] = sorted(record.overridden)
    if record.children:
        data["children"] = {name: [_record_json(row) for row in rows] for name, rows in record.children.items() if rows}
    return data


def _export_header(document: AuditDocument) -> dict[str, Any]:

    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "audit_uuid": document.meta("audit_uuid"),
        "schema_version": document.schema_version(),
        "exported_at": now_iso(document.clock),
        "exported_with": APP_VERSION,
        "forms": {form.id: form.version for form in document.registry},
    }


def _export_photos(document: AuditDocument, include_deleted: bool) -> list[dict[str, Any]]:
    from audit.attachments import all_photos
    from audit.photo_captions import captions

    written = captions(document)
    links: dict[str, list[str]] = {}
    for attachment_uuid, record_uuid in document.connection.execute(
        "SELECT attachment_uuid, record_uuid FROM attachment_link WHERE deleted = 0 ORDER BY linked_at"
    ):
        links.setdefault(attachment_uuid, []).append(record_uuid)
    return [
        {
            "uuid": photo.uuid,
            "sha256": photo.sha256,
            "original_name": photo.original_name,
            "caption": written.get(photo.uuid, ""),
            "captured_at": photo.captured_at,
            "width": photo.width,
            "height": photo.height,
            "deleted": photo.deleted,
            "linked_records": links.get(photo.uuid, []),
        }
        for photo in all_photos(document, include_deleted=include_deleted)
    ]


def export_records(document: AuditDocument, include_deleted: bool = True) -> dict[str, Any]:
    records: dict[str, list[dict[str, Any]]] = {}
    for form in document.registry:
        rows = document.records.list(form.id, include_deleted=include_deleted, with_children=True)
        if rows:
            records[form.id] = [_record_json(row) for row in rows]
    return {**_export_header(document), "records": records, "photos": _export_photos(document, include_deleted)}


def write_export(document: AuditDocument, out: TextIO, include_deleted: bool = True) -> None:
    """The same JSON as `export_records`, written record by record: memory stays flat however large the audit."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    header = _export_header(document)
    out.write("{\n")
    for key, value in header.items():
        out.write(f" {dumps(key)}: {dumps(value)},\n")
    out.write(' "records": {')
    first_form = True
    for form in document.registry:
        first_record = True
        for record in document.records.iter_records(form.id, include_deleted=include_deleted, with_children=True):
            if first_record:
                out.write(("\n" if first_form else ",\n") + f"  {dumps(form.id)}: [\n   ")
                first_form = first_record = False
            else:
                out.write(",\n   ")
            out.write(dumps(_record_json(record)))
        if not first_record:
            out.write("\n  ]")
    out.write("\n },\n" if not first_form else "},\n")
    out.write(f' "photos": {dumps(_export_photos(document, include_deleted))}\n}}\n')


def _cut(text: str, limit: int = 200) -> str:
    """Input echoed in a refusal: printable (lone surrogates escaped) and at most `limit` characters."""
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text)} characters)"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def read_import_file(path: Path) -> dict[str, list[Any]]:
    """Parse an import file into {form id: [record, ...]} or raise ImportFileError naming the problem."""
    return read_import(path).records


def import_origin(data: Any, path: Path) -> str:
    """Where an import file's revisions come from: the exporting audit (its id), else the file's name.

    The merge keeps a base revision per record and origin, so the same sender must get the same name
    every time: an export names its audit; a hand-written list of records only has its file name.
    """
    audit_uuid = data.get("audit_uuid") if isinstance(data, dict) else None
    if isinstance(audit_uuid, str) and _is_text(audit_uuid) and 0 < len(audit_uuid) <= 100:
        return f"audit:{audit_uuid}"
    return f"file:{_cut(path.name, 100)}"


def read_import(path: Path) -> ImportFile:
    """Parse an import file into its records and origin, or raise ImportFileError naming the problem."""
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
    except ValueError:
        # Python refuses to read integers of more than 4,300 digits (int_max_str_digits).
        raise ImportFileError(
            Text(
                f"{path}: holds a number with thousands of digits; refused.",
                f"{path}：含有位数过多（数千位）的数字，拒绝导入。",
            )
        ) from None
    if isinstance(data, dict) and "records" in data:
        _check_format(data, path)
    records = data.get("records", data) if isinstance(data, dict) else None
    if not isinstance(records, dict) or not all(isinstance(v, list) for v in records.values()):
        raise ImportFileError(
            Text(
                f"{path}: expected an object of form ids, each with a list of records.",
                f"{path}：应为以表单编号为键、记录列表为值的 JSON 对象。",
            )
        )
    return ImportFile(records, import_origin(data, path))


def _check_format(data: Mapping[str, Any], path: Path) -> None:
    """An export names its format and version: another format, or a newer version, is refused."""
    name = data.get("format", FORMAT_NAME)
    if name != FORMAT_NAME:
        raise ImportFileError(
            Text(
                f"{path}: format {_cut(repr(name), 60)} is not {FORMAT_NAME!r}; refused.",
                f"{path}：格式 {_cut(repr(name), 60)} 不是 {FORMAT_NAME}，拒绝导入。",
            )
        )
    version = data.get("format_version", FORMAT_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportFileError(
            Text(
                f"{path}: format_version must be a whole number of at least 1, not {_cut(repr(version), 60)}.",
                f"{path}：format_version 应为不小于1的整数，而不是 {_cut(repr(version), 60)}。",
            )
        )
    if version > FORMAT_VERSION:
        raise ImportFileError(
            Text(
                f"{path}: written in format version {version}; this FieldAudit reads up to version "
                f"{FORMAT_VERSION}. Update FieldAudit to import it.",
                f"{path}：文件格式版本为 {version}，本程序最高支持 {FORMAT_VERSION}，请升级后导入。",
            )
        )


# An id already in its one spelling (lower-case hex with hyphens) is kept as it is, unparsed.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _canonical_uuid(value: Any, where: str) -> str:
    """One spelling per id: "{…}", "urn:uuid:…" and upper case all name the same record."""
    if not isinstance(value, str):
        raise _envelope_error(where, "uuid", Text("a UUID string", "UUID 字符串"))
    if _CANONICAL_UUID.fullmatch(value):
        return value
    try:
        return str(uuid_module.UUID(value))
    except ValueError:
        raise _envelope_error(where, "uuid", Text("a UUID", "UUID")) from None


def _split(entry: Any, where: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, list[Any]]]:
    """(values, envelope, children) of one imported record, plain or with an envelope."""
    if not isinstance(entry, dict):
        raise RecordError(Text(f"{where}: a record must be a JSON object.", f"{where}：记录必须是 JSON 对象。"), where)
    if "values" in entry:
        values = entry["values"]
        if not isinstance(values, dict):
            raise RecordError(Text(f'{where}: "values" must be an object.', f"{where}：values 必须是对象。"), where)
        values = dict(values)  # a copy: `_prepare` drops and respells values in it
        envelope = {key: entry[key] for key in (*ENVELOPE_KEYS, "overridden") if key in entry}
        children = entry.get("children") or {}
    else:
        children = entry.get("children") or {}
        values = dict(entry)
        values.pop("uuid", None)
        values.pop("children", None)
        if not isinstance(children, dict):
            raise RecordError(Text(f'{where}: "children" must be an object.', f"{where}：children 必须是对象。"), where)
        # A plain record's envelope is its id alone: the only envelope field there is to check.
        return values, ({"uuid": _canonical_uuid(entry["uuid"], where)} if "uuid" in entry else {}), children
    if not isinstance(children, dict):
        raise RecordError(Text(f'{where}: "children" must be an object.', f"{where}：children 必须是对象。"), where)
    _check_envelope(envelope, where)
    if "uuid" in envelope:
        envelope["uuid"] = _canonical_uuid(envelope["uuid"], where)
    return values, envelope, children


def _envelope_error(where: str, key: str, expected: Text) -> RecordError:
    return RecordError(
        Text(f"{where}: envelope field {key!r} must be {expected.en}.", f"{where}：信封字段 {key} 应为{expected.zh}。"),
        where,
    )


# SQLite stores integers in 64 bits; a larger revision or version cannot be kept.
_MAX_STORED_INTEGER = 2**63 - 1


def _check_envelope(envelope: Mapping[str, Any], where: str) -> None:
    """The record envelope (id, version, times, author, revision, state, tombstone) must be well-typed."""
    if "uuid" in envelope:
        _canonical_uuid(envelope["uuid"], where)
    for key in ("form_version", "revision"):
        value = envelope.get(key)
        if key in envelope and (
            isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_STORED_INTEGER
        ):
            raise _envelope_error(where, key, Text("a whole number from 1 to 2^63-1", "1 至 2^63-1 之间的整数"))
    for key in ("created_at", "modified_at"):
        if key in envelope:
            try:
                dt.datetime.fromisoformat(str(envelope[key]))
            except ValueError:
                raise _envelope_error(where, key, Text("a date and time (ISO 8601)", "ISO 8601 日期时间")) from None
            if not isinstance(envelope[key], str):
                raise _envelope_error(where, key, Text("a date and time (ISO 8601)", "ISO 8601 日期时间"))
    if "author" in envelope and not _is_text(envelope["author"]):
        raise _envelope_error(where, "author", Text("text", "文本"))
    if "state" in envelope and envelope["state"] not in RECORD_STATES:
        raise _envelope_error(where, "state", Text(" or ".join(RECORD_STATES), "、".join(RECORD_STATES)))
    if "deleted" in envelope and not isinstance(envelope["deleted"], bool):
        raise _envelope_error(where, "deleted", Text("true or false", "true 或 false"))
    overridden = envelope.get("overridden", [])
    if not isinstance(overridden, list) or not all(isinstance(name, str) for name in overridden):
        raise _envelope_error(where, "overridden", Text("a list of field names", "字段名列表"))


def _is_text(value: Any) -> bool:
    """A string that can be stored: JSON may carry lone surrogates ("\ud800"), which UTF-8 cannot."""
    if not isinstance(value, str):
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(slots=True)
class _Entry:
    """One imported record, split and checked, with where it is in the file (and its id, if it has one)."""

    where: str
    values: dict[str, Any]
    envelope: dict[str, Any]
    children: dict[str, list[Any]]
    uuid: str | None


class _Claims:
    """Which form each id of the file (and of the audit) belongs to: one id is never two forms' record.

    Also carries the import's origin (every revision in the file is merged as coming from it) and
    whether each chunk of records is a savepoint of its own (`careful`: see `import_records`).
    """

    def __init__(self, document: AuditDocument, origin: str, careful: bool = False) -> None:
        self.document = document
        self.origin = origin
        self.careful = careful
        self.in_file: dict[str, tuple[str, str]] = {}
        # The ids the audit held before the import added any, when they are few (`remember_held`).
        self.held: frozenset[str] | None = None

    def claim(self, record_uuid: str, form_id: str, where: str) -> None:
        earlier = self.in_file.setdefault(record_uuid, (form_id, where))
        if earlier[0] != form_id:
            raise RecordError(
                Text(
                    f"{where}: id {record_uuid} is a {form_id} record here and a {earlier[0]} record at "
                    f"{earlier[1]}; one id cannot name records of two forms.",
                    f"{where}：编号 {record_uuid} 在此为 {form_id} 记录，在 {earlier[1]} 为 {earlier[0]} 记录；"
                    "一个编号不能同时属于两种表单。",
                ),
                where,
            )

    def claim_all(self, record_uuids: list[str], form_id: str, where: str) -> None:
        """Claim ids that no other form has claimed (the caller made sure): all at once, at `where`.

        Only a first run (not careful) claims in bulk, naming the form alone: its refusals are never
        shown (the careful run names the record).
        """
        self.in_file.update(dict.fromkeys(record_uuids, (form_id, where)))

    def remember_held(self) -> None:
        """Read the ids the audit holds, before the import adds any, when there are at most _HELD_IN_MEMORY."""
        rows = self.document.connection.execute("SELECT uuid FROM record_key LIMIT ?", [_HELD_IN_MEMORY + 1])
        held = rows.fetchall()
        self.held = frozenset(row[0] for row in held) if len(held) <= _HELD_IN_MEMORY else None

    def any_stored(self, record_uuids: list[str]) -> bool:
        """Whether the audit holds a record with one of these ids, which no record of the file has claimed.

        The audit's ids are those it held before the import, those the import claimed (every record
        it adds with an id is claimed first) and those it made up: unclaimed ids are looked up among
        the ids held before, when they were few enough to be read (`remember_held`), else in the audit.
        """
        if self.held is not None:
            return not self.held.isdisjoint(record_uuids)
        return bool(self.stored_forms(record_uuids))

    def stored_forms(self, record_uuids: list[str]) -> dict[str, str]:
        """{id: form id} of those ids already in the audit (one query per 500 ids)."""
        found: dict[str, str] = {}
        for start in range(0, len(record_uuids), 500):
            chunk = record_uuids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for record_uuid, form_id in self.document.connection.execute(
                f"SELECT uuid, form_id FROM record_index WHERE uuid IN ({marks})", chunk
            ):
                found[str(record_uuid)] = str(form_id)
        return found


def _other_form_error(where: str, record_uuid: str, form_id: str, stored_form: str) -> RecordError:
    return RecordError(
        Text(
            f"{where}: id {record_uuid} is a {stored_form} record in this audit; it cannot be imported as a "
            f"{form_id} record.",
            f"{where}：编号 {record_uuid} 在本诊断中是 {stored_form} 记录，不能作为 {form_id} 记录导入。",
        ),
        where,
    )


@contextmanager
def _import_cache(document: AuditDocument) -> Iterator[None]:
    """A larger page cache while importing (64 MB): the indexes of a big import stay in memory."""
    connection = document.connection
    before = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size = {int(before)}")


def import_records(
    document: AuditDocument, data: Mapping[str, list[Any]], source: str = "", origin: str | None = None
) -> ImportResult:
    """Import every record in one transaction: all of them, or (on the first problem) none.

    New records of a form are validated one by one and inserted in chunks (when all of them are
    plain records, new, of a form checked field by field: column by column, see `_import_plain`);
    records that refer to records of the same form (water units to their parent) are put parents
    first with one map.
    A record the audit already holds (and every repeat row with an id) is merged as a revision made
    elsewhere (`RecordStore.apply_remote`, from `origin`: see `import_origin`): importing the same
    file twice changes nothing, and a record changed on both sides becomes a conflict.

    The import first runs without a savepoint per chunk (SQLite copies every page a savepoint changes:
    a sixth of the import's database work); if it fails, nothing was kept and it runs again with them,
    so that a failed chunk can be added again record by record to name the first bad one.
    """
    unknown = [_cut(form_id, 60) for form_id in data if form_id not in document.registry]
    if unknown:
        known = ", ".join(document.registry.ids())
        raise ImportFileError(
            Text(
                _cut(f"{source}: unknown form id(s): {', '.join(unknown)}", 400) + f"; known: {known}.",
                _cut(f"{source}：未知表单编号：{'、'.join(unknown)}", 400) + "。",
            )
        )
    origin = origin or f"file:{_cut(source, 100)}"
    try:
        return _import_all(document, data, source, _Claims(document, origin))
    except RecordError:
        pass
    # Nothing was kept. Import again with a savepoint per chunk of records (a chunk that fails is added
    # again one record at a time): the refusal names the first bad record, as it always did.
    try:
        return _import_all(document, data, source, _Claims(document, origin, careful=True))
    except RecordError as error:
        raise error from None


def _import_all(document: AuditDocument, data: Mapping[str, list[Any]], source: str, claims: _Claims) -> ImportResult:
    """Every form's records in one transaction; without `claims.careful`, chunks have no savepoints of their own."""
    result = ImportResult()
    with document.transaction(), _import_cache(document):
        if not claims.careful:
            claims.remember_held()
        for form in document.registry:
            entries = data.get(form.id, [])
            if entries:
                _import_form(document, form, entries, source, result, claims)
    return result


def _import_form(
    document: AuditDocument,
    form: FormSpec,
    raw_entries: list[Any],
    source: str,
    result: ImportResult,
    claims: _Claims,
) -> None:
    if not claims.careful and _import_plain(document, form, raw_entries, claims, f"{source}: {form.id}"):
        result.added += len(raw_entries)
        return
    entries: list[_Entry] = []
    respelled = _respelled(form)
    for index, raw in enumerate(raw_entries):
        where = f"{source}: {form.id}[{index + 1}]"
        try:
            entry = _prepare(form, raw, where, respelled)
        except RecordError as error:
            raise _located(error, where) from None
        entries.append(entry)
        if entry.uuid is not None:
            claims.claim(entry.uuid, form.id, where)
    stored = claims.stored_forms([uuid for entry in entries if (uuid := entry.uuid) is not None])
    new: list[_Entry] = []
    later: list[_Entry] = []  # updates of stored records, and ids repeated in the file
    seen: set[str] = set()
    for entry in entries:
        record_uuid = entry.uuid
        if record_uuid is not None and record_uuid in stored:
            if stored[record_uuid] != form.id:
                raise _other_form_error(entry.where, record_uuid, form.id, stored[record_uuid])
            later.append(entry)
        elif record_uuid is not None and record_uuid in seen:
            later.append(entry)
        else:
            if record_uuid is not None:
                seen.add(record_uuid)
            new.append(entry)
    new = _parents_first(form, new)
    if form.repeats:
        for entry in new:
            _add_one(document, form, entry, result, claims)
    else:
        for start in range(0, len(new), _IMPORT_CHUNK):
            _add_chunk(document, form, new[start : start + _IMPORT_CHUNK], result, claims)
    for entry in later:
        _update_one(document, form, entry, result, claims)


# Records validated and handed to the store at a time (the store inserts them with executemany).
_IMPORT_CHUNK = 5000
# An audit holding at most this many ids when an import starts has them read (a few ms): its plain new
# records are then told apart from those it holds without a query per 500 ids (`_Claims.any_stored`).
_HELD_IN_MEMORY = 10_000


def _import_plain(document: AuditDocument, form: FormSpec, raw_entries: list[Any], claims: _Claims, where: str) -> bool:
    """A form's records added column by column (`RecordStore.add_columns`) when they are all plain and new.

    That is: every entry an object of the form's fields (with or without an id: no envelope, no
    children), every id in its canonical spelling, in the file once, and not in the audit, for a form
    the store `takes_columns` of. Then nothing is checked record by record: the same checks are made
    once per distinct value of each field. Else (False) nothing was done: record by record it is.
    `where` (the file and form) is where their ids are claimed.
    """
    records = document.records
    if not raw_entries or not records.takes_columns(form.id):
        return False
    columns = _plain_columns(form, raw_entries)
    if columns is None:
        return False
    uuids = columns.pop("uuid", [ABSENT] * len(raw_entries))
    # Ids as given (None: the store makes one up), and those given.
    ids: list[str | None] = [None if value is ABSENT else value for value in uuids] if ABSENT in uuids else uuids
    given = [record_uuid for record_uuid in ids if record_uuid is not None] if ABSENT in uuids else uuids
    if (
        not set(map(type, given)) <= {str}
        or not all(map(_CANONICAL_UUID.fullmatch, given))
        or len(set(given)) < len(given)
        or not claims.in_file.keys().isdisjoint(given)
        or claims.any_stored(given)
    ):
        return False  # respelled ids, ids repeated or already held: record by record
    claims.claim_all(given, form.id, where)
    prepare = {name: _respelled_value for name, (_, reference) in _respelled(form).items() if reference}
    records.add_columns(form.id, ids, columns, prepare)
    return True


def _plain_columns(form: FormSpec, raw_entries: list[Any]) -> dict[str, list[Any]] | None:
    """{key: its value in each entry, ABSENT where left out} when every entry is a plain record; else None."""
    if set(map(type, raw_entries)) != {dict}:
        return None
    keys = set(itertools.chain.from_iterable(raw_entries))
    if not keys <= {"uuid", *(spec.name for spec in form.fields)}:
        return None  # values in an envelope, children, unknown fields: record by record (which names them)
    return {key: [entry.get(key, ABSENT) for entry in raw_entries] for key in keys}


def _respelled(form: FormSpec) -> dict[str, tuple[bool, bool]]:
    """{name: (calculated?, reference?)} of the fields `_prepare` looks at: calculated ones and references."""
    return {
        spec.name: (spec.is_calculated, spec.type is FieldType.REFERENCE)
        for spec in form.fields
        if spec.is_calculated or spec.type is FieldType.REFERENCE
    }


def _prepare(form: FormSpec, raw: Any, where: str, respelled: Mapping[str, tuple[bool, bool]]) -> _Entry:
    values, envelope, children = _split(raw, where)
    if int(envelope.get("form_version", 1)) > form.version:
        raise RecordError(
            Text(
                f"{where}: captured with version {envelope['form_version']} of form {form.id}; this FieldAudit "
                f"knows up to version {form.version}. Update FieldAudit to import it.",
                f"{where}：该记录使用表单 {form.id} 的第{envelope['form_version']}版录入，本程序最高支持第{form.version}版，请升级后导入。",
            ),
            where,
        )
    overridden = envelope.get("overridden", ())
    # Calculated values are recomputed on import unless the expert had overridden them; references
    # are respelled in place (the other values keep their order).
    for name, (calculated, reference) in respelled.items():
        if name in values:
            value = values[name]
            if calculated and name not in overridden:
                del values[name]
            elif reference and isinstance(value, str):
                values[name] = _same_spelling(value)
    record_uuid = envelope.get("uuid")
    return _Entry(where, values, envelope, children, None if record_uuid is None else str(record_uuid))


def _respelled_value(value: Any) -> Any:
    """A reference's value as `_prepare` leaves it: a string in its canonical spelling, anything else as it is."""
    return _same_spelling(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=4096)  # the same few parents, meters and units named again and again
def _same_spelling(value: str) -> str:
    """A reference written "{…}" or in capitals names the same record as its canonical spelling."""
    if _CANONICAL_UUID.fullmatch(value):
        return value
    try:
        return str(uuid_module.UUID(value))
    except ValueError:
        return value


def _parents_first(form: FormSpec, entries: list[_Entry]) -> list[_Entry]:
    """Entries ordered so that a record referring to one of the same form comes after it (one pass, a map).

    A reference to a record that is not in the list (stored, or missing) does not constrain the order;
    a cycle keeps its order and fails on insert, naming the entry whose target is not there yet.
    """
    names = [
        spec.name
        for spec in form.fields
        if spec.type is FieldType.REFERENCE and (not spec.references or form.id in spec.references)
    ]
    if not names or len(entries) < 2:
        return entries
    by_uuid = {entry.uuid: entry for entry in entries if entry.uuid is not None}
    placed: set[int] = set()
    ordered: list[_Entry] = []
    for root in entries:
        # Iterative depth-first walk up the references (chains can be thousands long).
        stack: list[tuple[_Entry, bool]] = [(root, False)]
        visiting: set[int] = set()
        while stack:
            entry, expanded = stack.pop()
            key = id(entry)
            if key in placed:
                continue
            if expanded:
                placed.add(key)
                ordered.append(entry)
                continue
            if key in visiting:
                continue  # a cycle: leave it to the insert to refuse
            visiting.add(key)
            stack.append((entry, True))
            for name in names:
                target = entry.values.get(name)
                parent = by_uuid.get(target) if isinstance(target, str) else None
                if parent is not None and id(parent) not in placed:
                    stack.append((parent, False))
    return ordered


def _as_exported(entry: _Entry) -> bool:
    """An exported version (it carries its revision) is stored as it came: no defaults filled in."""
    return "revision" in entry.envelope


def _add_chunk(
    document: AuditDocument, form: FormSpec, entries: list[_Entry], result: ImportResult, claims: _Claims
) -> None:
    try:
        # Runs of exported and hand-written entries, in file order (parents before the units naming them).
        with document.transaction() if claims.careful else nullcontext():
            for as_exported, run in itertools.groupby(entries, key=_as_exported):
                group = list(run)
                # New records came from `origin` at their revision: the base both sides now share is
                # their first revision here, which `audit.remote` reads without a merge_base row.
                document.records.add_many(
                    form.id,
                    [entry.values for entry in group],
                    envelopes=[entry.envelope for entry in group],
                    origin=claims.origin,
                    use_defaults=not as_exported,
                    atomic=claims.careful,
                )
    except RecordError:
        if not claims.careful:
            raise  # import_records starts over carefully
        # The chunk was rolled back: add its records one by one to name the first bad one.
        for entry in entries:
            _add_one(document, form, entry, result, claims)
        raise
    result.added += len(entries)


def _add_one(document: AuditDocument, form: FormSpec, entry: _Entry, result: ImportResult, claims: _Claims) -> None:
    try:
        [parent_uuid] = document.records.add_many(
            form.id,
            [entry.values],
            envelopes=[entry.envelope],
            origin=claims.origin,
            use_defaults=not _as_exported(entry),
        )
    except RecordError as error:
        raise _located(error, entry.where) from None
    result.added += 1
    _import_children(document, form, entry, parent_uuid, result, claims)


def _remote_envelope(document: AuditDocument, form_id: str, envelope: Mapping[str, Any]) -> RemoteEnvelope:
    """The envelope of a record in the file; what a hand-written entry leaves out reads as revision 1, now."""
    now = now_iso(document.clock)
    form, _ = document.records.spec_for(form_id)
    return RemoteEnvelope(
        uuid=str(envelope["uuid"]),
        form_id=form_id,
        form_version=int(envelope.get("form_version", form.version)),
        revision=int(envelope.get("revision", 1)),
        author=str(envelope.get("author", document.author)),
        created_at=str(envelope.get("created_at", now)),
        modified_at=str(envelope.get("modified_at", now)),
        state=str(envelope.get("state", "draft")),
        deleted=bool(envelope.get("deleted", False)),
    )


def _count(result: ImportResult, action: MergeAction) -> None:
    if action is MergeAction.INSERT:
        result.added += 1
    elif action is MergeAction.APPLY:
        result.updated += 1
    elif action is MergeAction.CONFLICT:
        result.conflicts += 1
    else:
        result.unchanged += 1


def _update_one(document: AuditDocument, form: FormSpec, entry: _Entry, result: ImportResult, claims: _Claims) -> None:
    try:
        merged = document.records.apply_remote(
            _remote_envelope(document, form.id, entry.envelope),
            entry.values,
            claims.origin,
            overridden=entry.envelope.get("overridden", ()),
        )
    except RecordError as error:
        raise _located(error, entry.where) from None
    _count(result, merged.action)
    _import_children(document, form, entry, str(entry.uuid), result, claims)


def _located(error: RecordError, where: str) -> RecordError:
    if error.field and not error.message.en.startswith(where):
        message = Text(f"{where}.{error.field}: {error.message.en}", f"{where}.{error.field}：{error.message.zh}")
    elif not error.message.en.startswith(where):
        message = Text(f"{where}: {error.message.en}", f"{where}：{error.message.zh}")
    else:
        message = error.message
    # Messages echo the input: keep a refusal to one readable line, however long the bad value.
    message = Text(_cut(message.en, 400), _cut(message.zh, 400))
    return RecordError(message, where, error.field)


def _import_children(
    document: AuditDocument, form: FormSpec, entry: _Entry, parent_uuid: str, result: ImportResult, claims: _Claims
) -> None:
    records = document.records
    where = entry.where
    for repeat_name, rows in entry.children.items():
        try:
            form.repeat(repeat_name)
        except KeyError:
            raise RecordError(
                Text(
                    f"{where}: form {form.id} has no repeat group {_cut(repr(repeat_name), 60)}.",
                    f"{where}：表单 {form.id} 没有重复组“{_cut(repeat_name, 60)}”。",
                ),
                where,
            ) from None
        if not isinstance(rows, list):
            raise RecordError(
                Text(f"{where}.{repeat_name}: must be a list.", f"{where}.{repeat_name}：必须是列表。"), where
            )
        child_id = f"{form.id}.{repeat_name}"
        for row_index, row in enumerate(rows):
            row_where = f"{where}.{repeat_name}[{row_index + 1}]"
            row_values, row_envelope, _ = _split(row, row_where)
            row_uuid = row_envelope.get("uuid")
            if row_uuid is not None:
                claims.claim(str(row_uuid), child_id, row_where)
                stored = claims.stored_forms([str(row_uuid)]).get(str(row_uuid))
                if stored is not None and stored != child_id:
                    raise _other_form_error(row_where, str(row_uuid), child_id, stored)
            try:
                if row_uuid is None:
                    records.add(child_id, row_values, parent=parent_uuid, envelope=row_envelope)
                    result.added += 1
                    continue
                # Repeat rows merge by id and revision like records: their edits and tombstones travel.
                merged = records.apply_remote(
                    _remote_envelope(document, child_id, row_envelope),
                    row_values,
                    claims.origin,
                    parent=parent_uuid,
                    overridden=row_envelope.get("overridden", ()),
                )
            except RecordError as error:
                raise _located(error, row_where) from None
            _count(result, merged.action)
