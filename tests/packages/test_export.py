"""Export a package and read it back: what the office gets is the audit, signed; exporting marks it submitted."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from audit.attachments import all_photos, photo_bytes
from audit.document import AuditDocument
from audit.jsonio import export_records, import_records
from audit.packages import layout
from audit.packages.bag import (
    ExportedPackage,
    PackageContents,
    PackageExportError,
    export_package,
    mark_submitted,
    submission,
    write_package,
)
from audit.packages.keys import AuditorKey
from audit.packages.verify import read_package
from audit.schema import SCHEMA_VERSION


def test_round_trip_gives_the_office_the_audit_as_exported(
    demo_path: Path, demo_package: tuple[Path, ExportedPackage], auditor_key: AuditorKey
) -> None:
    path, exported = demo_package
    package = read_package(path, [auditor_key.public])
    with AuditDocument.open(demo_path, read_only=True) as document:
        expected = export_records(document)
        stored = {photo.uuid: photo_bytes(document, photo.uuid) for photo in all_photos(document, include_deleted=True)}
    received = package.records
    assert {key: value for key, value in received.items() if key not in ("exported_at", "photos")} == {
        key: value for key, value in expected.items() if key not in ("exported_at", "photos")
    }
    # Every photo entry as exported, plus the name of its file; the file holds the stored bytes.
    for sent, got in zip(expected["photos"], received["photos"], strict=True):
        assert {key: value for key, value in got.items() if key != "data_sha256"} == sent
        assert package.photos[got["data_sha256"]] == stored[sent["uuid"]]
    assert len(package.photos) == len(stored) > 0
    assert package.signer_trusted and package.signer.public_key == auditor_key.public.public_key
    assert package.package_sha256 == hashlib.sha256(path.read_bytes()).hexdigest() == exported.sha256
    assert package.package_id == exported.package_id and package.revision == exported.revision == 1
    assert package.audit_uuid == expected["audit_uuid"]
    assert package.bag_info[layout.SCHEMA_VERSION_LABEL] == str(SCHEMA_VERSION)
    assert package.bag_info[layout.AUDITOR] == "王建国"
    assert package.report is None


def test_the_zip_is_an_uncompressed_bagit_bag(demo_package: tuple[Path, ExportedPackage]) -> None:
    path, _ = demo_package
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert archive.read(layout.BAGIT_TXT) == b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
        manifest = archive.read(layout.MANIFEST).decode()
        payload = {line.split("  ")[1]: line.split("  ")[0] for line in manifest.splitlines()}
        for name, digest in payload.items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
        bag_info = dict(line.split(": ", 1) for line in archive.read(layout.BAG_INFO).decode().splitlines())
        payload_bytes = sum(archive.getinfo(name).file_size for name in payload)
    assert all(info.compress_type == zipfile.ZIP_STORED for info in infos)
    assert set(payload) == {name for name in names if name.startswith("data/")}
    assert bag_info[layout.PAYLOAD_OXUM] == f"{payload_bytes}.{len(payload)}"
    photo_names = [name for name in names if name.startswith("data/photos/")]
    assert photo_names and all(layout.PHOTO_NAME.match(name) for name in photo_names)


def test_a_report_travels_in_the_package(demo_path: Path, auditor_key: AuditorKey, tmp_path: Path) -> None:
    from audit.report.export import export_report

    report = tmp_path / "report.xlsx"
    export_report(demo_path, report, "en")
    target = tmp_path / "with-report.zip"
    with AuditDocument.open(demo_path, read_only=True) as document:
        exported = export_package(document, target, auditor_key, report=report)
    package = read_package(target, [auditor_key.public])
    assert exported.report
    assert package.report == report.read_bytes()


def test_something_else_is_not_carried_as_the_report(demo_path: Path, auditor_key: AuditorKey, tmp_path: Path) -> None:
    fake = tmp_path / "report.xlsx"
    fake.write_text("not a workbook")
    with AuditDocument.open(demo_path, read_only=True) as document, pytest.raises(PackageExportError, match="Excel"):
        export_package(document, tmp_path / "p.zip", auditor_key, report=fake)
    assert not (tmp_path / "p.zip").exists()


def test_exporting_marks_the_audit_submitted_and_later_edits_make_a_later_revision(
    document: AuditDocument, auditor_key: AuditorKey, tmp_path: Path
) -> None:
    motor = document.records.add("motor", {"tag": "M-1", "rated_power_kw": 15.0})
    assert submission(document) is None
    first = export_package(document, tmp_path / "1.zip", auditor_key)
    mark_submitted(document, first)
    again = export_package(document, tmp_path / "2.zip", auditor_key)
    mark_submitted(document, again)
    document.records.update(motor, {"rated_power_kw": 18.5})
    later = export_package(document, tmp_path / "3.zip", auditor_key)
    mark_submitted(document, later)
    assert (first.revision, again.revision, later.revision) == (1, 1, 2)
    assert len({first.package_id, again.package_id, later.package_id}) == 3
    assert submission(document) == later.receipt()
    received = read_package(tmp_path / "3.zip", [auditor_key.public])
    assert received.revision == 2
    assert received.records["records"]["motor"][0]["values"]["rated_power_kw"] == 18.5


def test_a_cancelled_export_leaves_nothing_behind(
    document: AuditDocument, auditor_key: AuditorKey, tmp_path: Path
) -> None:
    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int, message: str) -> None:
        raise Cancelled

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        export_package(document, out / "p.zip", auditor_key, progress=cancel)
    assert list(out.iterdir()) == []
    assert submission(document) is None


def test_an_export_never_replaces_the_audit(document: AuditDocument, auditor_key: AuditorKey) -> None:
    before = document.path.read_bytes()
    with pytest.raises(Exception, match="audit itself"):
        export_package(document, document.path, auditor_key)
    assert document.path.read_bytes() == before


def test_the_office_returns_a_package_with_its_review_through_the_same_writer(
    demo_package: tuple[Path, ExportedPackage], auditor_key: AuditorKey, stranger_key: AuditorKey, tmp_path: Path
) -> None:
    sent = read_package(demo_package[0], [auditor_key.public])
    review = {"format": "fieldaudit-review", "format_version": 1, "status": "accepted", "comments": []}
    contents = PackageContents(
        sent.records, lambda entry: (sent.photos[entry["data_sha256"]], "jpg"), sent.revision, review=review
    )
    written = write_package(tmp_path / "returned.zip", contents, stranger_key)
    returned = read_package(tmp_path / "returned.zip", [stranger_key.public])
    assert returned.review == review and returned.package_id == written.package_id
    assert returned.records == sent.records and returned.photos == sent.photos
    bad = PackageContents(sent.records, contents.photo, 1, review={**review, "status": "approved"})
    with pytest.raises(PackageExportError, match=r"review\.json"):
        write_package(tmp_path / "bad.zip", bad, stranger_key)
    assert not (tmp_path / "bad.zip").exists()


def test_records_imported_after_a_submission_make_a_later_revision(
    document: AuditDocument, auditor_key: AuditorKey, tmp_path: Path
) -> None:
    # An import logs no change per record (issue 15): the package still sees the audit changed.
    document.records.add("motor", {"tag": "M-1", "rated_power_kw": 15.0})
    first = export_package(document, tmp_path / "1.zip", auditor_key)
    mark_submitted(document, first)
    import_records(document, {"motor": [{"tag": "M-2", "rated_power_kw": 22.0}]}, source="more.json")
    later = export_package(document, tmp_path / "2.zip", auditor_key)
    assert (first.revision, later.revision) == (1, 2)
    tags = {
        m["values"]["tag"] for m in read_package(tmp_path / "2.zip", [auditor_key.public]).records["records"]["motor"]
    }
    assert tags == {"M-1", "M-2"}
