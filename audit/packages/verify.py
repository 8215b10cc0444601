"""Read a package and check it before trusting a byte of it: limits, names, hashes, signature, versions, schema.

`read_package` returns the package's contents or raises PackageRefused naming the reason. It reads the
zip into memory and nothing else: no SQLite file, no extraction to disk, no path built from a member
name (RELIABILITY.md §3.1-§3.3). The office imports only what it returns.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.errors import AuditError
from audit.packages import layout
from audit.packages.keys import KeyFileError, PublicKey, parse_json_bytes, public_key_from_json
from audit.schema import SCHEMA_VERSION
from forms.registry import FormRegistry, default_registry
from forms.spec import Text

RECORDS_FORMAT_VERSION = 1


class PackageRefused(AuditError):
    """The package is not imported; `reason` is a short code (damaged, name, size, hash, signature, ...)."""

    def __init__(self, message: Text, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """What a package may weigh; anything beyond is refused before it is read."""

    package_bytes: int = 4 * 1024**3
    members: int = 50_000
    total_bytes: int = 4 * 1024**3
    records_bytes: int = 512 * 1024**2
    report_bytes: int = 256 * 1024**2
    photo_bytes: int = 64 * 1024**2
    tag_file_bytes: int = 16 * 1024**2
    # A stored member has ratio 1; JSON deflates about 10:1. 200 MB of zeros deflate 1029:1 (§3.2).
    compression_ratio: int = 100
    ratio_checked_above_bytes: int = 1024**2


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class VerifiedPackage:
    """A package that passed every check. `photos` maps the SHA-256 of each photo file to its bytes
    (the records' photo entries name it as data_sha256)."""

    bag_info: dict[str, str]
    records: dict[str, Any]
    photos: dict[str, bytes]
    report: bytes | None
    signer: PublicKey
    signer_trusted: bool
    package_sha256: str
    package_bytes: int
    review: dict[str, Any] | None = None  # the office's review, in a package it returns

    @property
    def signer_key_id(self) -> str:
        return self.signer.key_id

    @property
    def package_id(self) -> str:
        return self.bag_info[layout.PACKAGE_ID]

    @property
    def audit_uuid(self) -> str:
        return self.bag_info[layout.AUDIT_ID]

    @property
    def revision(self) -> int:
        return int(self.bag_info[layout.REVISION])


def shown_text(text: str, limit: int) -> str:
    """Text from the package as a message may quote it: at most `limit` characters, on one line."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in cut)


def refused(reason: str, en: str, zh: str) -> PackageRefused:
    return PackageRefused(Text(en, zh), reason)


def read_package(
    path: Path | str,
    trusted_keys: Iterable[PublicKey] | Mapping[str, PublicKey | bytes],
    accept_unknown_signer: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    registry: FormRegistry | None = None,
) -> VerifiedPackage:
    """Every check, in the order that trusts nothing unchecked; PackageRefused(reason) on the first failure.

    An unknown signer is refused unless `accept_unknown_signer` (an officer's explicit choice); then
    the signature must still be valid, and the result says the signer was not trusted.
    """
    path = Path(path)
    trusted = _trusted(trusted_keys)
    try:
        size, digest = _hash_file(path, limits)
        _check_declared_members(path, limits)
        with zipfile.ZipFile(path) as archive:
            members = _check_members(archive, limits)
            reader = _Reader(archive, members)
            info = _read_bag_info(reader)
            signer, signer_trusted = _check_signature(reader, info, trusted, accept_unknown_signer)
            contents = _check_manifests(reader, members)
        _check_oxum(info, contents)
        records = _read_records(contents[layout.RECORDS], info, registry or default_registry())
        photos = _photos(records, contents)
        review = _read_review(contents.get(layout.REVIEW))
    except PackageRefused as error:
        raise PackageRefused(
            Text(f"{path.name}: {error.message.en}", f"{path.name}：{error.message.zh}"), error.reason
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as error:
        why = (str(error).splitlines() or [type(error).__name__])[0][:200]
        raise refused(
            "damaged",
            f"{path.name}: damaged or not a package ({why}); refused.",
            f"{path.name}：数据包已损坏或不是数据包（{why}），拒绝导入。",
        ) from None
    return VerifiedPackage(
        info, records, photos, contents.get(layout.REPORT), signer, signer_trusted, digest, size, review
    )


def _trusted(keys: Iterable[PublicKey] | Mapping[str, PublicKey | bytes]) -> dict[str, PublicKey]:
    """{key id: key} from public keys, or from {key id: raw 32-byte key} as an office registry keeps them."""
    if not isinstance(keys, Mapping):
        return {key.key_id: key for key in keys}
    return {
        key_id: key if isinstance(key, PublicKey) else PublicKey(key_id, bytes(key), "", "")
        for key_id, key in keys.items()
    }


def _hash_file(path: Path, limits: Limits) -> tuple[int, str]:
    """The size and SHA-256 of the whole file (for the office's receipt), refusing a file too large first."""
    try:
        stat_result = path.stat()
    except FileNotFoundError:
        raise refused("missing", "file not found.", "文件不存在。") from None
    if not stat.S_ISREG(stat_result.st_mode):
        raise refused("damaged", "not a regular file.", "不是普通文件。")
    if stat_result.st_size > limits.package_bytes:
        raise _too_large("package", stat_result.st_size, limits.package_bytes)
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return stat_result.st_size, digest.hexdigest()


def _check_declared_members(path: Path, limits: Limits) -> None:
    """The member count the end of the zip declares, read before zipfile builds its list of them all."""
    with open(path, "rb") as file:
        end = zipfile._EndRecData(file)  # type: ignore[attr-defined]  # stable since Python 2; no public twin
    if end and int(end[zipfile._ECD_ENTRIES_TOTAL]) > limits.members:  # type: ignore[attr-defined]
        raise _too_many(int(end[zipfile._ECD_ENTRIES_TOTAL]), limits)  # type: ignore[attr-defined]


def _too_many(count: int, limits: Limits) -> PackageRefused:
    return refused(
        "size",
        f"holds {count:,} members, more than the {limits.members:,} allowed; refused.",
        f"包含 {count:,} 个成员，超过允许的 {limits.members:,} 个，拒绝导入。",
    )


def _too_large(what: str, size: int, limit: int) -> PackageRefused:
    return refused(
        "size",
        f"{what} is {size:,} bytes, more than the {limit:,} a package may hold; refused.",
        f"{what} 为 {size:,} 字节，超过数据包允许的 {limit:,} 字节，拒绝导入。",
    )


_DRIVE = re.compile(r"^[A-Za-z]:")


def _name_problem(name: str) -> tuple[str, str] | None:
    """Why a member name is dangerous (en, zh), or None."""
    if name.startswith(("/", "\\")):
        return "is an absolute path", "是绝对路径"
    if _DRIVE.match(name):
        return "starts with a drive letter", "以盘符开头"
    if "\\" in name:
        return "contains a backslash", "包含反斜杠"
    if ".." in name.split("/"):
        return 'climbs out of the package with ".."', "用“..”跳出数据包"
    if name.endswith("/"):
        return "is a folder entry", "是文件夹条目"
    if not name.isprintable() or name.startswith("~"):
        return "contains characters a file name never needs", "包含文件名不应有的字符"
    return None


def _allowed(name: str) -> bool:
    return (
        name in layout.REQUIRED_MEMBERS or name in (layout.REPORT, layout.REVIEW) or bool(layout.PHOTO_NAME.match(name))
    )


def _limit_for(name: str, limits: Limits) -> int:
    if name == layout.RECORDS:
        return limits.records_bytes
    if name == layout.REPORT:
        return limits.report_bytes
    if name.startswith(layout.PHOTOS_FOLDER):
        return limits.photo_bytes
    return limits.tag_file_bytes


def _check_members(archive: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Names, kinds, sizes and compression of every member, from the central directory, before reading one."""
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise _too_many(len(infos), limits)
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        shown = shown_text(name, 120)
        problem = _name_problem(name)
        if problem is not None:
            raise refused("name", f"member {shown} {problem[0]}; refused.", f"成员 {shown} {problem[1]}，拒绝导入。")
        if name in members:
            raise refused("name", f"member {shown} appears twice; refused.", f"成员 {shown} 出现两次，拒绝导入。")
        _check_kind(info, shown)
        if not _allowed(name):
            raise refused(
                "unlisted",
                f"member {shown} is not part of a FieldAudit package; refused.",
                f"成员 {shown} 不属于 FieldAudit 数据包，拒绝导入。",
            )
        if info.file_size > _limit_for(name, limits):
            raise _too_large(f"member {shown}", info.file_size, _limit_for(name, limits))
        _check_ratio(info, shown, limits)
        total += info.file_size
        members[name] = info
    if total > limits.total_bytes:
        raise _too_large("the unpacked content", total, limits.total_bytes)
    missing = sorted(layout.REQUIRED_MEMBERS - set(members))
    if missing:
        raise refused("missing", f"member {missing[0]} is missing; refused.", f"缺少成员 {missing[0]}，拒绝导入。")
    return members


def _check_kind(info: zipfile.ZipInfo, shown: str) -> None:
    """Regular, unencrypted, stored or deflated files only: a symlink, a device or a folder is refused."""
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise refused("name", f"member {shown} is a symbolic link; refused.", f"成员 {shown} 是符号链接，拒绝导入。")
    if (mode and not stat.S_ISREG(mode)) or info.external_attr & 0x10:
        raise refused(
            "name", f"member {shown} is not a regular file; refused.", f"成员 {shown} 不是普通文件，拒绝导入。"
        )
    if info.flag_bits & 0x1:
        raise refused("damaged", f"member {shown} is encrypted; refused.", f"成员 {shown} 已加密，拒绝导入。")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refused(
            "damaged",
            f"member {shown} uses an unsupported compression; refused.",
            f"成员 {shown} 使用了不支持的压缩方式，拒绝导入。",
        )


def _check_ratio(info: zipfile.ZipInfo, shown: str, limits: Limits) -> None:
    if info.file_size > limits.ratio_checked_above_bytes and info.file_size > limits.compression_ratio * max(
        info.compress_size, 1
    ):
        raise refused(
            "size",
            f"member {shown} expands {info.file_size // max(info.compress_size, 1):,} times "
            f"(a zip bomb; at most {limits.compression_ratio} allowed); refused.",
            f"成员 {shown} 解压后膨胀 {info.file_size // max(info.compress_size, 1):,} 倍（压缩炸弹，最多允许 "
            f"{limits.compression_ratio} 倍），拒绝导入。",
        )


@dataclass
class _Reader:
    """Reads members whose names and sizes were checked, never more than their declared size."""

    archive: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]
    cache: dict[str, bytes] = field(default_factory=dict)

    def read(self, name: str) -> bytes:
        if name not in self.cache:
            info = self.members[name]
            with self.archive.open(info) as member:
                data = member.read(info.file_size + 1)
            if len(data) != info.file_size:
                raise zipfile.BadZipFile(f"{name}: size differs from the directory")
            self.cache[name] = data
        return self.cache[name]


_BAG_INFO_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*): (\S.*)$")


def _read_bag_info(reader: _Reader) -> dict[str, str]:
    """bagit.txt and bag-info.txt, with the versions checked first: a newer package is refused as newer."""
    if reader.read(layout.BAGIT_TXT) != layout.BAGIT_TXT_BYTES:
        raise refused(
            "version",
            "bagit.txt is not BagIt 1.0 in UTF-8; refused.",
            "bagit.txt 不是 UTF-8 编码的 BagIt 1.0，拒绝导入。",
        )
    try:
        lines = reader.read(layout.BAG_INFO).decode("utf-8").split("\n")
    except UnicodeDecodeError:
        raise refused("damaged", "bag-info.txt is not UTF-8; refused.", "bag-info.txt 不是 UTF-8，拒绝导入。") from None
    info: dict[str, str] = {}
    for line in lines[:-1] if lines[-1] == "" else lines:
        match = _BAG_INFO_LINE.match(line)
        if match is None or match[1] not in layout.BAG_INFO_LABELS or match[1] in info or not line.isprintable():
            raise refused(
                "damaged",
                f"bag-info.txt: unexpected line {shown_text(line, 80)!r}; refused.",
                f"bag-info.txt：意外的行 {shown_text(line, 80)!r}，拒绝导入。",
            )
        info[match[1]] = match[2]
    missing = [label for label in layout.BAG_INFO_LABELS if label not in info]
    if missing:
        raise refused(
            "damaged", f"bag-info.txt lacks {missing[0]}; refused.", f"bag-info.txt 缺少 {missing[0]}，拒绝导入。"
        )
    _check_newer(info[layout.PACKAGE_FORMAT_LABEL], layout.PACKAGE_FORMAT_VERSION, "package format")
    _check_newer(info[layout.SCHEMA_VERSION_LABEL], SCHEMA_VERSION, "audit schema")
    if not re.fullmatch(r"[1-9][0-9]{0,17}", info[layout.REVISION]):
        raise refused(
            "damaged",
            "bag-info.txt: Revision is not a whole number; refused.",
            "bag-info.txt：Revision 不是整数，拒绝导入。",
        )
    return info


def _check_newer(text: str, supported: int, what: str) -> None:
    if not re.fullmatch(r"[1-9][0-9]{0,5}", text):
        raise refused(
            "damaged",
            f"bag-info.txt: {what} version {shown_text(text, 20)!r} is not a number; refused.",
            f"bag-info.txt：{what} 版本 {shown_text(text, 20)!r} 不是数字，拒绝导入。",
        )
    if int(text) > supported:
        raise refused(
            "version",
            f"made by a newer FieldAudit ({what} version {text}; this one reads up to {supported}). "
            "Update FieldAudit to import it.",
            f"由更新版本的 FieldAudit 生成（{what} 版本 {text}，本程序最高支持 {supported}）。请升级后再导入。",
        )


def _check_signature(
    reader: _Reader, info: dict[str, str], trusted: dict[str, PublicKey], accept_unknown: bool
) -> tuple[PublicKey, bool]:
    """The Ed25519 signature over the tag manifest, by the key the package names, checked against the registry."""
    try:
        signer = public_key_from_json(
            parse_json_bytes(reader.read(layout.SIGNER_KEY), layout.SIGNER_KEY), layout.SIGNER_KEY
        )
    except KeyFileError as error:
        raise PackageRefused(error.message, "signature") from None
    if info[layout.KEY_ID] != signer.key_id:
        raise refused(
            "signature",
            "bag-info.txt names another key than the one that signed; refused.",
            "bag-info.txt 所列密钥与签名密钥不一致，拒绝导入。",
        )
    text = reader.read(layout.SIGNATURE)
    signature = b""
    if re.fullmatch(rb"[A-Za-z0-9+/]{86}==\n", text):
        try:
            signature = base64.b64decode(text.strip(), validate=True)
        except binascii.Error:
            signature = b""
    if len(signature) != 64 or not signer.verifies(
        signature, layout.SIGNING_CONTEXT + reader.read(layout.TAG_MANIFEST)
    ):
        raise refused(
            "signature",
            "the signature does not match the package (altered, or not signed by its key); refused.",
            "签名与数据包不符（已被改动，或并非由该密钥签名），拒绝导入。",
        )
    registered = trusted.get(signer.key_id)
    if registered is not None and registered.public_key != signer.public_key:
        raise refused(
            "signature",
            "the signer's key differs from the registered one; refused.",
            "签名密钥与登记的不同，拒绝导入。",
        )
    if registered is None and not accept_unknown:
        raise refused(
            "unknown_signer",
            f"signed by key {signer.key_id} ({signer.auditor[:60]}), which is not registered here; "
            "refused unless an officer accepts it.",
            f"由未登记的密钥 {signer.key_id}（{signer.auditor[:60]}）签名，除非工作人员明确接受，否则拒绝导入。",
        )
    return signer, registered is not None


_MANIFEST_LINE = re.compile(r"^([0-9a-f]{64}) +(\S+)$")


def _parse_manifest(data: bytes, name: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    try:
        lines = data.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        lines = ["\ufffd"]
    for line in lines[:-1] if lines and lines[-1] == "" else lines:
        match = _MANIFEST_LINE.match(line)
        if match is None or match[2] in entries:
            raise refused(
                "damaged",
                f"{name}: unexpected line {shown_text(line, 80)!r}; refused.",
                f"{name}：意外的行 {shown_text(line, 80)!r}，拒绝导入。",
            )
        entries[match[2]] = match[1]
    return entries


def _check_listed(listed: dict[str, str], present: set[str], manifest: str, reader: _Reader) -> dict[str, bytes]:
    """Exactly the files present are listed, and each one's SHA-256 is the listed one."""
    for name in sorted(set(listed) - present):
        raise refused(
            "missing",
            f"{shown_text(name, 120)}, listed in {manifest}, is missing; refused.",
            f"{manifest} 中列出的 {shown_text(name, 120)} 缺失，拒绝导入。",
        )
    for name in sorted(present - set(listed)):
        raise refused(
            "unlisted", f"{name} is not listed in {manifest}; refused.", f"{name} 未列入 {manifest}，拒绝导入。"
        )
    contents: dict[str, bytes] = {}
    for name in sorted(listed):
        data = reader.read(name)
        if hashlib.sha256(data).hexdigest() != listed[name]:
            raise refused(
                "hash",
                f"{name}: its SHA-256 differs from {manifest} (altered or damaged); refused.",
                f"{name}：SHA-256 与 {manifest} 不符（已被改动或损坏），拒绝导入。",
            )
        contents[name] = data
    return contents


def _check_manifests(reader: _Reader, members: dict[str, zipfile.ZipInfo]) -> dict[str, bytes]:
    """The (signed) tag manifest covers the tag files, the payload manifest every file under data/."""
    tags = _parse_manifest(reader.read(layout.TAG_MANIFEST), layout.TAG_MANIFEST)
    _check_listed(tags, {name for name in members if name in layout.LISTED_TAG_FILES}, layout.TAG_MANIFEST, reader)
    payload = _parse_manifest(reader.read(layout.MANIFEST), layout.MANIFEST)
    for name in payload:
        if not name.startswith("data/") or not _allowed(name):
            raise refused(
                "name",
                f"{layout.MANIFEST} names {shown_text(name, 120)!r}, outside the payload; refused.",
                f"{layout.MANIFEST} 列出了数据目录之外的 {shown_text(name, 120)!r}，拒绝导入。",
            )
    return _check_listed(payload, {name for name in members if name.startswith("data/")}, layout.MANIFEST, reader)


def _check_oxum(info: dict[str, str], contents: dict[str, bytes]) -> None:
    expected = f"{sum(len(data) for data in contents.values())}.{len(contents)}"
    if info[layout.PAYLOAD_OXUM] != expected:
        raise refused(
            "damaged",
            f"Payload-Oxum says {shown_text(info[layout.PAYLOAD_OXUM], 40)!r}, the payload is {expected}; refused.",
            f"Payload-Oxum 为 {shown_text(info[layout.PAYLOAD_OXUM], 40)!r}，实际为 {expected}，拒绝导入。",
        )


def parse_records(data: bytes) -> Any:
    try:
        return parse_json_bytes(data, layout.RECORDS)
    except KeyFileError as error:
        raise PackageRefused(error.message, "schema") from None


def _read_records(data: bytes, info: dict[str, str], registry: FormRegistry) -> dict[str, Any]:
    """data/records.json: strict JSON, versions, the JSON Schema, then what a schema cannot say."""
    records = parse_records(data)
    if isinstance(records, dict):
        version = records.get("format_version")
        if isinstance(version, int) and not isinstance(version, bool) and version > RECORDS_FORMAT_VERSION:
            _check_newer(str(version), RECORDS_FORMAT_VERSION, "records format")
    check_schema(records)
    if (
        records["audit_uuid"] != info[layout.AUDIT_ID]
        or str(records["schema_version"]) != info[layout.SCHEMA_VERSION_LABEL]
    ):
        raise refused(
            "damaged",
            "data/records.json belongs to another audit or schema than bag-info.txt says; refused.",
            "data/records.json 与 bag-info.txt 所述的诊断或结构版本不一致，拒绝导入。",
        )
    _check_forms(records, registry)
    return dict(records)


def check_schema(records: Any) -> None:
    """Validate against resources/schema/package-records.schema.json; the first error, located, if any."""
    _validate(records, layout.records_validator(), layout.RECORDS)


def check_review(review: Any) -> None:
    """Validate the office's review against resources/schema/package-review.schema.json."""
    _validate(review, layout.review_validator(), layout.REVIEW)


def _validate(value: Any, validator: Any, member: str) -> None:
    from jsonschema.exceptions import best_match

    error = best_match(validator.iter_errors(value))
    if error is None:
        return
    where = "/".join(str(part) for part in error.absolute_path) or "(top)"
    what = shown_text(error.message, 200)
    raise refused(
        "schema",
        f"{member} at {where[:120]} breaks the package schema: {what}; refused.",
        f"{member} 的 {where[:120]} 不符合数据包结构：{what}，拒绝导入。",
    )


def _read_review(data: bytes | None) -> dict[str, Any] | None:
    if data is None:
        return None
    try:
        review = parse_json_bytes(data, layout.REVIEW)
    except KeyFileError as error:
        raise PackageRefused(error.message, "schema") from None
    check_review(review)
    return dict(review)


def _unknown(what_en: str, what_zh: str) -> PackageRefused:
    return refused("schema", f"data/records.json: {what_en}; refused.", f"data/records.json：{what_zh}，拒绝导入。")


def _check_forms(records: dict[str, Any], registry: FormRegistry) -> None:
    """Forms, fields and repeat groups this FieldAudit knows, at versions it knows (newer: update first)."""
    for form_id, version in records["forms"].items():
        if form_id not in registry:
            raise _unknown(f"unknown form {form_id}", f"未知表单 {form_id}")
        if version > registry[form_id].version:
            _check_newer(str(version), registry[form_id].version, f"form {form_id}")
    for form_id, rows in records["records"].items():
        if form_id not in records["forms"]:
            raise _unknown(
                f"records of form {form_id}, which the file does not list", f"含有未列出的表单 {form_id} 的记录"
            )
        form = registry[form_id]
        for index, row in enumerate(rows):
            where = f"{form_id}[{index + 1}]"
            if row["form_version"] > form.version:
                _check_newer(str(row["form_version"]), form.version, f"form {form_id}")
            _check_fields(set(row["values"]), {spec.name for spec in form.fields}, where)
            for repeat_name, children in row.get("children", {}).items():
                try:
                    repeat = form.repeat(repeat_name)
                except KeyError:
                    raise _unknown(
                        f"{where}: unknown repeat group {repeat_name}", f"{where}：未知重复组 {repeat_name}"
                    ) from None
                names = {spec.name for spec in repeat.fields}
                for child_index, child in enumerate(children):
                    _check_fields(set(child["values"]), names, f"{where}.{repeat_name}[{child_index + 1}]")


def _check_fields(given: set[str], known: set[str], where: str) -> None:
    extra = sorted(given - known)
    if extra:
        raise _unknown(f"{where}: unknown field {extra[0]}", f"{where}：未知字段 {extra[0]}")


def _photos(records: dict[str, Any], contents: dict[str, bytes]) -> dict[str, bytes]:
    """Every photo entry has its file (named by the file's SHA-256), and every photo file an entry."""
    files: dict[str, bytes] = {}
    for name, data in contents.items():
        match = layout.PHOTO_NAME.match(name)
        if match is not None:
            if hashlib.sha256(data).hexdigest() != match[1]:
                raise refused(
                    "hash",
                    f"{name} is not named by its SHA-256; refused.",
                    f"{name} 的文件名不是其 SHA-256，拒绝导入。",
                )
            files[match[1]] = data
    named = {photo["data_sha256"] for photo in records["photos"]}
    for digest in sorted(named - set(files)):
        raise refused(
            "missing", f"the photo file {digest[:16]}… is missing; refused.", f"缺少照片文件 {digest[:16]}…，拒绝导入。"
        )
    for digest in sorted(set(files) - named):
        raise refused(
            "unlisted",
            f"the photo file {digest[:16]}… belongs to no photo of the records; refused.",
            f"照片文件 {digest[:16]}… 不属于记录中的任何照片，拒绝导入。",
        )
    return files
