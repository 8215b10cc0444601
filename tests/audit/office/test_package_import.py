"""Real signed packages into the office: the round trip, and every hostile package refused byte for byte."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from audit.analysis import analyse, load_inputs
from audit.document import AuditDocument
from audit.office.auditors import register_auditor, revoke_auditor
from audit.office.database import OfficeDatabase
from audit.office.importing import import_package, import_packages
from audit.office.records import analysis_inputs
from audit.packages import layout
from audit.packages.bag import export_package, mark_submitted
from audit.packages.keys import AuditorKey, load_or_create_key
from audit.results import to_json
from audit.schema import SCHEMA_VERSION
from tests.cli_support import run_cli
from tests.packages.package_support import members_of, records_of, resign, with_records, write_zip


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[AuditorKey, AuditorKey]:
    """(the registered auditor's key, a stranger's key)."""
    return (
        load_or_create_key("王建国", tmp_path_factory.mktemp("auditor")),
        load_or_create_key("Mallory", tmp_path_factory.mktemp("stranger")),
    )


@pytest.fixture(scope="module")
def demo_package(
    demo_path: Path, keys: tuple[AuditorKey, AuditorKey], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    target = tmp_path_factory.mktemp("package") / "demo.zip"
    with AuditDocument.open(demo_path, read_only=True) as document:
        export_package(document, target, keys[0])
    return target


def _key_file(folder: Path, key: AuditorKey) -> Path:
    path = folder / f"{key.public.key_id}.pub.json"
    path.write_bytes(key.public.file_bytes())
    return path


@pytest.fixture
def registered(office: OfficeDatabase, keys: tuple[AuditorKey, AuditorKey], tmp_path: Path) -> OfficeDatabase:
    register_auditor(office, _key_file(tmp_path, keys[0]))
    return office


def _digest(path: Path) -> str:
    parts = [path, Path(f"{path}-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


def test_demo_package_round_trip_gives_the_audits_own_numbers(
    registered: OfficeDatabase, demo_package: Path, demo_path: Path
) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        expected = to_json(analyse(load_inputs(document)))
    outcome = import_package(registered, demo_package)
    assert outcome.merged, outcome.refused
    assert outcome.audit_uuid is not None and outcome.counts is not None and outcome.counts.inserted > 100
    assert to_json(analyse(analysis_inputs(registered, outcome.audit_uuid))) == expected
    trusted, accepted_by, sha256 = registered.connection.execute(
        "SELECT trusted, accepted_by, package_sha256 FROM package_receipt"
    ).fetchone()
    assert (trusted, accepted_by) == (1, None)
    assert sha256 == hashlib.sha256(demo_package.read_bytes()).hexdigest()
    photos = registered.connection.execute("SELECT count(*) FROM photo").fetchone()[0]
    assert photos == len([n for n in members_of(demo_package) if n.startswith(layout.PHOTOS_FOLDER)]) > 0


def _photo(members: dict[str, bytes]) -> str:
    return next(name for name in members if name.startswith(layout.PHOTOS_FOLDER))


def _info(name: str, mode: int = stat.S_IFREG | 0o644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
    info.external_attr = mode << 16
    return info


def _flipped(member: str) -> Callable[[dict[str, bytes], AuditorKey, AuditorKey], Any]:
    def build(members: dict[str, bytes], key: AuditorKey, stranger: AuditorKey) -> Any:
        name = _photo(members) if member == "photo" else member
        data = bytearray(members[name])
        data[len(data) // 2] ^= 0x04
        return {**members, name: bytes(data)}

    return build


def _records(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, bytes], AuditorKey, AuditorKey], Any]:
    def build(members: dict[str, bytes], key: AuditorKey, stranger: AuditorKey) -> Any:
        records = records_of(members)
        change(records)
        return with_records(members, records, key)

    return build


def _motor(records: dict[str, Any]) -> dict[str, Any]:
    motor: dict[str, Any] = records["records"]["motor"][0]
    return motor


def _bomb(members: dict[str, bytes], key: AuditorKey, stranger: AuditorKey) -> Any:
    items: list[tuple[zipfile.ZipInfo | str, bytes]] = [(n, d) for n, d in members.items() if n != layout.RECORDS]
    bomb = _info(layout.RECORDS)
    bomb.compress_type = zipfile.ZIP_DEFLATED
    return [*items, (bomb, b"\0" * (64 * 1024**2))]


def _newer_schema(members: dict[str, bytes], key: AuditorKey, stranger: AuditorKey) -> Any:
    records = records_of(members)
    records["schema_version"] = SCHEMA_VERSION + 1
    data = json.dumps(records).encode()
    return resign({**members, layout.RECORDS: data}, key, {layout.SCHEMA_VERSION_LABEL: str(SCHEMA_VERSION + 1)})


def _link(members: dict[str, bytes], key: AuditorKey, stranger: AuditorKey) -> Any:
    photo = _photo(members)
    return [
        (_info(n, stat.S_IFLNK | 0o777) if n == photo else n, b"/etc/passwd" if n == photo else d)
        for n, d in members.items()
    ]


# Each builds, from the demo package's members, a hostile or broken package (the members to zip).
HOSTILE: dict[str, Callable[[dict[str, bytes], AuditorKey, AuditorKey], Any]] = {
    "a flipped byte in the records": _flipped(layout.RECORDS),
    "a flipped byte in a photo": _flipped("photo"),
    "a flipped byte in the manifest": _flipped(layout.MANIFEST),
    "a flipped byte in bag-info": _flipped(layout.BAG_INFO),
    "a flipped byte in the signature": _flipped(layout.SIGNATURE),
    "a member missing": lambda m, k, s: {n: d for n, d in m.items() if n != _photo(m)},
    "a member added": lambda m, k, s: {**m, "data/readme.txt": b"hello"},
    "a signature by another key": lambda m, k, s: {
        **m,
        layout.SIGNATURE: base64.b64encode(s.sign(layout.SIGNING_CONTEXT + m[layout.TAG_MANIFEST])) + b"\n",
    },
    "no signature": lambda m, k, s: {n: d for n, d in m.items() if n != layout.SIGNATURE},
    "an unknown signer": lambda m, k, s: resign(m, s),
    "a ../ name": lambda m, k, s: [*m.items(), (_info("../escape.txt"), b"x")],
    "an absolute name": lambda m, k, s: [*m.items(), (_info("/etc/passwd"), b"x")],
    "a symbolic link": _link,
    "a zip bomb": _bomb,
    "a huge member": lambda m, k, s: {**m, _photo(m): random.Random(1).randbytes(65 * 1024**2)},
    "an extra field": _records(lambda r: _motor(r).update(owner="me")),
    "NaN": lambda m, k, s: resign(
        {**m, layout.RECORDS: m[layout.RECORDS].replace(b'"rated_power_kw":', b'"rated_power_kw":NaN,"x":', 1)}, k
    ),
    "a wrong type": _records(lambda r: _motor(r).update(revision="3")),
    "an oversize string": _records(lambda r: _motor(r)["values"].update(tag="x" * 100_001)),
    "a newer schema version": _newer_schema,
    "a value the app refuses": _records(lambda r: _motor(r)["values"].update(rated_power_kw=-5)),
}

REASONS = {
    "a flipped byte in the records": "hash",
    "a flipped byte in a photo": "hash",
    "a flipped byte in the manifest": "hash",
    "a flipped byte in bag-info": "hash",
    "a flipped byte in the signature": "signature",
    "a member missing": "missing",
    "a member added": "unlisted",
    "a signature by another key": "signature",
    "no signature": "missing",
    "an unknown signer": "unknown_signer",
    "a ../ name": "name",
    "an absolute name": "name",
    "a symbolic link": "name",
    "a zip bomb": "size",
    "a huge member": "size",
    "an extra field": "schema",
    "NaN": "schema",
    "a wrong type": "schema",
    "an oversize string": "schema",
    "a newer schema version": "version",
    "a value the app refuses": "records",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_package_is_refused_and_the_office_is_unchanged(
    registered: OfficeDatabase,
    demo_package: Path,
    keys: tuple[AuditorKey, AuditorKey],
    tmp_path: Path,
    case: str,
) -> None:
    members = members_of(demo_package)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name; that is the point
        path = write_zip(tmp_path / "hostile.zip", HOSTILE[case](members, *keys))
    before = _digest(registered.path)
    outcome = import_package(registered, path)
    assert not outcome.merged and outcome.refused is not None and outcome.reason == REASONS[case]
    for text in (outcome.refused.en, outcome.refused.zh):
        assert text and "\n" not in text
    assert _digest(registered.path) == before


def test_a_replayed_and_a_revoked_package_are_refused_unchanged(
    registered: OfficeDatabase, demo_package: Path, keys: tuple[AuditorKey, AuditorKey]
) -> None:
    assert import_package(registered, demo_package).merged
    before = _digest(registered.path)
    replay = import_package(registered, demo_package)
    assert replay.reason == "replay" and "already imported" in replay.refused.en  # type: ignore[union-attr]
    assert _digest(registered.path) == before
    revoke_auditor(registered, keys[0].public.key_id)
    before = _digest(registered.path)
    for accept in (False, True):
        refused = import_package(registered, demo_package, accept_unknown_signer=accept)
        assert not refused.merged
    assert _digest(registered.path) == before


def test_an_unknown_signer_accepted_by_the_officer_is_recorded(
    office: OfficeDatabase, demo_package: Path, keys: tuple[AuditorKey, AuditorKey], tmp_path: Path
) -> None:
    refused = import_package(office, demo_package)
    assert refused.reason == "unknown_signer"
    accepted = import_package(office, demo_package, accept_unknown_signer=True)
    assert accepted.merged
    trusted, accepted_by, signer = office.connection.execute(
        "SELECT trusted, accepted_by, signer_key_id FROM package_receipt"
    ).fetchone()
    assert (trusted, accepted_by, signer) == (0, "officer", keys[0].public.key_id)


def test_a_folder_of_packages_in_any_order_and_twice_from_the_command_line(
    tmp_path: Path, keys: tuple[AuditorKey, AuditorKey]
) -> None:
    """Three revisions of an audit sent as packages: imported newest first, then all again."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with AuditDocument.create(tmp_path / "plant.fieldaudit", author="wang") as document:
        motor = document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
        for number, change in enumerate(({}, {"rated_power_kw": 18.5}, None)):
            if change is None:
                document.records.delete(motor)
            elif change:
                document.records.update(motor, change)
            mark_submitted(document, export_package(document, inbox / f"{2 - number}.zip", keys[0]))
    office = tmp_path / "county.office"
    assert run_cli("office", "init", office).returncode == 0
    assert run_cli("office", "register-auditor", office, _key_file(tmp_path, keys[0])).returncode == 0
    first = run_cli("office", "import", office, inbox)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("merged audit") == 3
    before = _digest(office)
    again = run_cli("office", "import", office, inbox, language="zh")
    assert again.returncode == 1 and again.stderr.count("拒绝重复导入") == 3
    assert _digest(office) == before
    with OfficeDatabase.open(office) as opened:
        deleted, revision = opened.connection.execute(
            "SELECT deleted, revision FROM office_record WHERE uuid = ?", [motor]
        ).fetchone()
        assert deleted == 1 and revision == 3
        assert opened.connection.execute("SELECT latest_revision FROM audit").fetchone()[0] == 3
        outcomes = import_packages(opened, [inbox])
        assert [outcome.reason for outcome in outcomes] == ["replay"] * 3
