"""Hostile and broken packages: each refused with a clear reason, before any of its content is trusted."""

from __future__ import annotations

import json
import random
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from audit.packages import layout
from audit.packages.bag import ExportedPackage
from audit.packages.keys import AuditorKey
from audit.packages.verify import Limits, PackageRefused, read_package
from audit.schema import SCHEMA_VERSION
from tests.packages.package_support import members_of, records_of, resign, with_records, write_zip


@pytest.fixture(scope="module")
def members(demo_package: tuple[Path, ExportedPackage]) -> dict[str, bytes]:
    return members_of(demo_package[0])


def refusal(path: Path, key: AuditorKey, **options: Any) -> PackageRefused:
    options.setdefault("trusted_keys", [key.public])
    with pytest.raises(PackageRefused) as caught:
        read_package(path, **options)
    error = caught.value
    # One readable line in each language, naming the package.
    for text in (error.message.en, error.message.zh):
        assert text.startswith(path.name) and "\n" not in text and len(text) < 600
    return error


def _photo(members: dict[str, bytes]) -> str:
    return next(name for name in members if name.startswith(layout.PHOTOS_FOLDER))


def test_the_untouched_rebuild_is_accepted(members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path) -> None:
    """The rebuilding the other tests use changes nothing by itself: their refusals come from their change."""
    package = read_package(write_zip(tmp_path / "same.zip", members), [auditor_key.public])
    assert package.records == records_of(members)


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        ("data/records.json", "hash"),
        ("photo", "hash"),
        (layout.MANIFEST, "hash"),
        (layout.BAG_INFO, "hash"),
        (layout.SIGNER_KEY, "signature"),
        (layout.TAG_MANIFEST, "signature"),
        (layout.SIGNATURE, "signature"),
        (layout.BAGIT_TXT, "version"),
    ],
)
def test_a_flipped_byte_in_any_member_is_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path, member: str, reason: str
) -> None:
    """The zip is rebuilt with valid CRCs, as someone editing it would: the hashes and signature catch it."""
    name = _photo(members) if member == "photo" else member
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0x04  # a letter's case, a digit, or a byte of a photo
    path = write_zip(tmp_path / "flipped.zip", {**members, name: bytes(data)})
    assert refusal(path, auditor_key).reason == reason


def test_random_bit_flips_of_the_file_are_refused_or_change_nothing(
    members: dict[str, bytes], demo_package: tuple[Path, ExportedPackage], auditor_key: AuditorKey, tmp_path: Path
) -> None:
    """Flips in the zip's own bytes: refused (CRC, structure, hash), or in metadata the signature does not
    cover (a timestamp), in which case what is read is exactly what was signed."""
    original = demo_package[0].read_bytes()
    expected = records_of(members)
    generator = random.Random(13)
    refused = 0
    for attempt in range(60):
        data = bytearray(original)
        position = generator.randrange(len(data))
        data[position] ^= 1 << generator.randrange(8)
        path = tmp_path / f"flip{attempt}.zip"
        path.write_bytes(bytes(data))
        try:
            package = read_package(path, [auditor_key.public])
        except PackageRefused:
            refused += 1
            continue
        assert package.records == expected
        assert all(members[name] == package.photos[name[12:76]] for name in members if name.startswith("data/photos/"))
    assert refused >= 50


@pytest.mark.parametrize("member", ["photo", layout.RECORDS, layout.MANIFEST, layout.SIGNATURE, layout.SIGNER_KEY])
def test_a_missing_member_is_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path, member: str
) -> None:
    name = _photo(members) if member == "photo" else member
    path = write_zip(tmp_path / "missing.zip", {key: value for key, value in members.items() if key != name})
    error = refusal(path, auditor_key)
    assert error.reason == "missing"
    assert (name if member != "photo" else "photo") in error.message.en or name in error.message.en


def test_an_added_member_is_refused(members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path) -> None:
    stray = write_zip(tmp_path / "stray.zip", {**members, "data/readme.txt": b"hello"})
    assert refusal(stray, auditor_key).reason == "unlisted"
    import hashlib

    extra = b"\xff\xd8 another photo"
    unlisted_photo = {**members, f"data/photos/{hashlib.sha256(extra).hexdigest()}.jpg": extra}
    assert refusal(write_zip(tmp_path / "unlisted.zip", unlisted_photo), auditor_key).reason == "unlisted"
    # Listed in the manifest and signed, yet no photo of the records names it.
    signed = write_zip(tmp_path / "signed-extra.zip", resign(unlisted_photo, auditor_key))
    error = refusal(signed, auditor_key)
    assert error.reason == "unlisted" and "belongs to no photo" in error.message.en


def test_a_wrong_signature_is_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, stranger_key: AuditorKey, tmp_path: Path
) -> None:
    import base64

    # A signature by another key over the same tag manifest.
    forged = base64.b64encode(stranger_key.sign(layout.SIGNING_CONTEXT + members[layout.TAG_MANIFEST])) + b"\n"
    path = write_zip(tmp_path / "forged.zip", {**members, layout.SIGNATURE: forged})
    assert refusal(path, auditor_key).reason == "signature"
    # The stranger's key put in as the signer, with the auditor's signature left: the key id no longer fits.
    swapped = {**members, layout.SIGNER_KEY: stranger_key.public.file_bytes()}
    assert refusal(write_zip(tmp_path / "swapped.zip", swapped), auditor_key).reason == "signature"
    for text in (b"", b"not base64\n", base64.b64encode(b"\0" * 64) + b"\n"):
        path = write_zip(tmp_path / "bad.zip", {**members, layout.SIGNATURE: text})
        assert refusal(path, auditor_key).reason == "signature"


def test_an_unknown_signer_is_refused_unless_accepted(
    members: dict[str, bytes], auditor_key: AuditorKey, stranger_key: AuditorKey, tmp_path: Path
) -> None:
    path = write_zip(tmp_path / "stranger.zip", resign(members, stranger_key))
    error = refusal(path, auditor_key)
    assert error.reason == "unknown_signer"
    assert stranger_key.public.key_id in error.message.en and "Mallory" in error.message.en
    accepted = read_package(path, [auditor_key.public], accept_unknown_signer=True)
    assert not accepted.signer_trusted and accepted.signer_key_id == stranger_key.public.key_id
    assert read_package(path, [stranger_key.public]).signer_trusted
    # An office registry's {key id: raw public key} is a list of trusted keys too.
    assert read_package(path, {stranger_key.public.key_id: stranger_key.public.public_key}).signer_trusted
    forged = {stranger_key.public.key_id: auditor_key.public.public_key}
    assert refusal(path, auditor_key, trusted_keys=forged).reason == "signature"


def _info(name: str, mode: int = stat.S_IFREG | 0o644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
    info.external_attr = mode << 16
    return info


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../escape.txt", ".."),
        ("data/../../up.txt", ".."),
        ("/etc/passwd", "absolute"),
        ("C:/Windows/win.ini", "drive letter"),
        ("data\\photos\\x.jpg", "backslash"),
        ("data/photos/", "folder"),
    ],
)
def test_dangerous_names_are_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path, name: str, words: str
) -> None:
    path = write_zip(tmp_path / "names.zip", [*members.items(), (_info(name), b"x")])
    error = refusal(path, auditor_key)
    assert error.reason == "name" and words in error.message.en


@pytest.mark.parametrize(
    "name",
    [
        "CON",
        "aux.jpg",
        "data/records.json ",
        "data/photos/" + "a" * 64 + ".JPG",
        "data/" + "x" * 300,
        "~/x",
        "\\\\?\\C:\\x",
    ],
)
def test_names_outside_the_layout_are_refused_before_anything_is_read(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path, name: str
) -> None:
    """Only the layout's own names exist: reserved Windows names, trailing spaces, other cases, long names."""
    path = write_zip(tmp_path / "names.zip", [*members.items(), (_info(name), b"x")])
    assert refusal(path, auditor_key).reason in ("name", "unlisted")


def test_symlinks_and_duplicates_are_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path
) -> None:
    photo = _photo(members)
    link = [
        (_info(n, stat.S_IFLNK | 0o777) if n == photo else n, b"/etc/passwd" if n == photo else d)
        for n, d in members.items()
    ]
    error = refusal(write_zip(tmp_path / "link.zip", link), auditor_key)
    assert error.reason == "name" and "symbolic link" in error.message.en
    with pytest.warns(UserWarning, match="Duplicate name"):
        twice = write_zip(tmp_path / "twice.zip", [*members.items(), (photo, b"other bytes")])
    error = refusal(twice, auditor_key)
    assert error.reason == "name" and "twice" in error.message.en


def test_a_zip_bomb_is_refused_before_it_is_inflated(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path
) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            if name != layout.RECORDS:
                archive.writestr(_info(name), data)
        bomb = _info(layout.RECORDS)
        bomb.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(bomb, b"\0" * (64 * 1024**2))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(layout.RECORDS).compress_size * 500 < 64 * 1024**2
    error = refusal(path, auditor_key)
    assert error.reason == "size" and "zip bomb" in error.message.en


def test_a_huge_member_is_refused_by_its_declared_size(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path
) -> None:
    photo = _photo(members)
    huge = {**members, photo: random.Random(1).randbytes(65 * 1024**2)}
    error = refusal(write_zip(tmp_path / "huge.zip", huge), auditor_key)
    assert error.reason == "size" and photo in error.message.en


def test_too_many_members_and_too_large_a_file_are_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, demo_package: tuple[Path, ExportedPackage]
) -> None:
    path = demo_package[0]
    error = refusal(path, auditor_key, limits=Limits(members=len(members) - 1))
    assert error.reason == "size" and "members" in error.message.en
    error = refusal(path, auditor_key, limits=Limits(package_bytes=path.stat().st_size - 1))
    assert error.reason == "size"


def test_a_lying_size_header_is_a_damaged_package(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path
) -> None:
    """The central directory says a member is smaller than it is: the read stops and the CRC fails."""
    path = write_zip(tmp_path / "lying.zip", members)
    data = bytearray(path.read_bytes())
    name = layout.RECORDS.encode()
    # Central directory entry: signature, then at offset 24 the uncompressed size; the name at 46.
    at = data.index(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.index(b"PK\x01\x02", at + 4)
    data[at + 20 : at + 28] = (10).to_bytes(4, "little") * 2
    path.write_bytes(bytes(data))
    assert refusal(path, auditor_key).reason == "damaged"


def test_not_a_zip_and_a_truncated_file_are_refused(
    demo_package: tuple[Path, ExportedPackage], auditor_key: AuditorKey, tmp_path: Path
) -> None:
    text = tmp_path / "text.zip"
    text.write_text("hello")
    assert refusal(text, auditor_key).reason == "damaged"
    pulled = tmp_path / "pulled.zip"  # a stick pulled mid-write
    pulled.write_bytes(demo_package[0].read_bytes()[: demo_package[0].stat().st_size // 2])
    assert refusal(pulled, auditor_key).reason == "damaged"


def _first_record(records: dict[str, Any]) -> dict[str, Any]:
    record = records["records"]["motor"][0]
    assert isinstance(record, dict)
    return record


def _edit(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def edited(records: dict[str, Any]) -> dict[str, Any]:
        change(records)
        return records

    return edited


SCHEMA_BREAKS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "an extra envelope field": _edit(lambda r: _first_record(r).update(owner="me")),
    "an extra top-level field": _edit(lambda r: r.update(comment="x")),
    "an extra photo field": _edit(lambda r: r["photos"][0].update(path="../../x")),
    "a revision as text": _edit(lambda r: _first_record(r).update(revision="3")),
    "a revision of 0": _edit(lambda r: _first_record(r).update(revision=0)),
    "a deleted flag as 1": _edit(lambda r: _first_record(r).update(deleted=1)),
    "a state not known": _edit(lambda r: _first_record(r).update(state="approved")),
    "a uuid not a uuid": _edit(lambda r: _first_record(r).update(uuid="M-7")),
    "a value that is an object": _edit(lambda r: _first_record(r)["values"].update(tag={"a": 1})),
    "an oversize text value": _edit(lambda r: _first_record(r)["values"].update(tag="x" * 100_001)),
    "an oversize author": _edit(lambda r: _first_record(r).update(author="王" * 201)),
    "a number beyond 1e18": _edit(lambda r: _first_record(r)["values"].update(rated_power_kw=1e19)),
    "records not a list": _edit(lambda r: r["records"].update(motor={"a": 1})),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_BREAKS))
def test_records_breaking_the_schema_are_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path, case: str
) -> None:
    """Signed by the registered key and every hash right: only the JSON is wrong."""
    records = SCHEMA_BREAKS[case](records_of(members))
    error = refusal(write_zip(tmp_path / "schema.zip", with_records(members, records, auditor_key)), auditor_key)
    assert error.reason == "schema" and "schema" in error.message.en


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("nan", "NaN"),
        ("infinity", "Infinity"),
        ("duplicate", "duplicate key"),
        ("digits", "digits"),
        ("deep", "JSON"),
        ("latin1", "JSON"),
    ],
)
def test_json_a_strict_parser_refuses(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path, case: str, words: str
) -> None:
    text = members[layout.RECORDS].decode("utf-8")
    replacements = {
        "nan": text.replace('"rated_power_kw":', '"rated_power_kw":NaN,"x":', 1),
        "infinity": text.replace('"rated_power_kw":', '"rated_power_kw":-Infinity,"x":', 1),
        "duplicate": text.replace('"format":', '"format":"x","format":', 1),
        "digits": text.replace('"rated_power_kw":', '"rated_power_kw":' + "9" * 5000 + ',"x":', 1),
        "deep": "[" * 100_000 + "]" * 100_000,
    }
    data = text.encode("latin-1", "replace") if case == "latin1" else replacements[case].encode("utf-8")
    if case == "latin1":
        data = data.replace(b'"format"', b'"form\xe9t"', 1)
    signed = resign({**members, layout.RECORDS: data}, auditor_key)
    error = refusal(write_zip(tmp_path / "json.zip", signed), auditor_key)
    assert error.reason == "schema" and words in error.message.en


def test_fields_and_forms_this_fieldaudit_does_not_know_are_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path
) -> None:
    records = records_of(members)
    _first_record(records)["values"]["colour"] = "red"
    error = refusal(write_zip(tmp_path / "field.zip", with_records(members, records, auditor_key)), auditor_key)
    assert error.reason == "schema" and "unknown field colour" in error.message.en
    records = records_of(members)
    records["forms"]["spaceship"] = 1
    error = refusal(write_zip(tmp_path / "form.zip", with_records(members, records, auditor_key)), auditor_key)
    assert error.reason == "schema" and "unknown form spaceship" in error.message.en


@pytest.mark.parametrize("label", [layout.SCHEMA_VERSION_LABEL, layout.PACKAGE_FORMAT_LABEL])
def test_a_newer_version_is_refused_saying_so(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path, label: str
) -> None:
    newer = str(SCHEMA_VERSION + 1 if label == layout.SCHEMA_VERSION_LABEL else layout.PACKAGE_FORMAT_VERSION + 1)
    records = records_of(members)
    records["schema_version"] = int(newer) if label == layout.SCHEMA_VERSION_LABEL else records["schema_version"]
    signed = resign({**members, layout.RECORDS: json.dumps(records).encode()}, auditor_key, {label: newer})
    error = refusal(write_zip(tmp_path / "newer.zip", signed), auditor_key)
    assert error.reason == "version"
    assert "newer FieldAudit" in error.message.en and "Update FieldAudit" in error.message.en
    assert "升级" in error.message.zh


def test_newer_records_and_form_versions_are_refused_saying_so(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path
) -> None:
    for change in (
        lambda r: r.update(format_version=2),
        lambda r: r["forms"].update(motor=r["forms"]["motor"] + 1),
        lambda r: _first_record(r).update(form_version=_first_record(r)["form_version"] + 1),
    ):
        records = records_of(members)
        change(records)
        error = refusal(write_zip(tmp_path / "v.zip", with_records(members, records, auditor_key)), auditor_key)
        assert error.reason == "version" and "newer FieldAudit" in error.message.en


def test_bag_info_that_disagrees_with_the_records_is_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path
) -> None:
    signed = resign(members, auditor_key, {layout.AUDIT_ID: "00000000-0000-4000-8000-000000000000"})
    assert refusal(write_zip(tmp_path / "other.zip", signed), auditor_key).reason == "damaged"
    signed = resign(members, auditor_key, {layout.PAYLOAD_OXUM: "1.1"})
    assert refusal(write_zip(tmp_path / "oxum.zip", signed), auditor_key).reason == "damaged"


@pytest.mark.parametrize(
    "review",
    [
        '{"format": "fieldaudit-review", "format_version": 1, "status": "approved", "comments": []}',
        '{"format": "fieldaudit-review", "format_version": 1, "status": "accepted", "comments": [], "x": 1}',
        '{"format": "fieldaudit-review", "format_version": 1, "status": "accepted", "comments": [NaN]}',
    ],
)
def test_a_review_breaking_its_schema_is_refused(
    members: dict[str, bytes], auditor_key: AuditorKey, tmp_path: Path, review: str
) -> None:
    signed = resign({**members, layout.REVIEW: review.encode()}, auditor_key)
    error = refusal(write_zip(tmp_path / "review.zip", signed), auditor_key)
    assert error.reason == "schema" and "review" in error.message.en
