"""A package the office returns: its edits and review come back; the auditor's unsent edits are never lost."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from audit.conflicts import list_conflicts
from audit.document import AuditDocument
from audit.packages.bag import PackageContents, export_package, mark_submitted, write_package
from audit.packages.keys import AuditorKey
from audit.packages.receive import office_review, receive_package
from audit.packages.verify import PackageRefused, read_package


def _office_edit(record: dict[str, Any], values: dict[str, Any]) -> None:
    """What the office's own edit of a record looks like when it travels: the next revision, by the office."""
    record["values"].update(values)
    record["revision"] += 1
    record["author"] = "县节能中心 李工"
    record["modified_at"] = "2026-12-08T10:00:00"


def _returned(sent: Path, auditor_key: AuditorKey, office_key: AuditorKey, target: Path, edits: dict[str, Any]) -> Path:
    """The office's answer to `sent`: its records with the office's edits, and its review, signed by the office."""
    package = read_package(sent, [auditor_key.public])
    records = copy.deepcopy(package.records)
    for record in records["records"]["motor"]:
        if record["values"]["tag"] in edits:
            _office_edit(record, edits[record["values"]["tag"]])
    review = {
        "format": "fieldaudit-review",
        "format_version": 1,
        "status": "has_issues",
        "answers_package": package.package_id,
        "comments": [
            {
                "status": "has_issues",
                "comment": "M-3 的额定功率与铭牌照片不符，请核对。",
                "reviewed_by": "李工",
                "reviewed_at": "2026-12-08T10:05:00",
            }
        ],
    }
    contents = PackageContents(
        records, lambda entry: (package.photos[entry["data_sha256"]], "jpg"), package.revision, review=review
    )
    write_package(target, contents, office_key)
    return target


@pytest.fixture
def sent(document: AuditDocument, auditor_key: AuditorKey, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    motors = {tag: document.records.add("motor", {"tag": tag, "rated_power_kw": 15.0}) for tag in ("M-1", "M-2", "M-3")}
    document.records.update(motors["M-1"], {"rated_power_kw": 18.5})  # edited before sending: revision 2
    path = tmp_path / "sent.zip"
    mark_submitted(document, export_package(document, path, auditor_key))
    return path, motors


Returns = Callable[[dict[str, Any]], Path]


@pytest.fixture
def office_returns(
    sent: tuple[Path, dict[str, str]], auditor_key: AuditorKey, stranger_key: AuditorKey, tmp_path: Path
) -> Returns:
    """The office's answer to the package sent, with its edits of motors by tag (signed by the office's key)."""
    return lambda edits: _returned(sent[0], auditor_key, stranger_key, tmp_path / "returned.zip", edits)


def test_office_edits_come_back_and_unsent_edits_are_never_overwritten(
    document: AuditDocument, sent: tuple[Path, dict[str, str]], office_returns: Returns, stranger_key: AuditorKey
) -> None:
    motors = sent[1]
    office_key = stranger_key  # the office signs with its own key, which the auditor trusts
    returned = office_returns({"M-1": {"rated_power_kw": 22.0}, "M-3": {"rated_power_kw": 30.0}})
    # Meanwhile, unsent edits on the laptop.
    document.records.update(motors["M-2"], {"rated_power_kw": 11.0})
    document.records.update(motors["M-3"], {"rated_power_kw": 37.0})

    received = receive_package(document, returned, [office_key.public])

    get = document.records.get
    assert get(motors["M-1"])["rated_power_kw"] == 22.0  # only the office changed it: applied
    assert get(motors["M-1"]).author == "县节能中心 李工"
    assert get(motors["M-2"])["rated_power_kw"] == 11.0  # only the auditor changed it: kept
    assert get(motors["M-3"])["rated_power_kw"] == 37.0  # both changed it: the auditor's kept ...
    conflicts = list_conflicts(document)
    assert [conflict.record_uuid for conflict in conflicts] == [motors["M-3"]]  # ... and the office's listed
    assert (received.count("apply"), received.count("conflict")) == (1, 1)
    review = office_review(document)
    assert review is not None and review["status"] == "has_issues"
    assert "额定功率" in review["comments"][0]["comment"]

    again = receive_package(document, returned, [office_key.public])
    assert again.count("apply") == again.count("insert") == 0
    assert get(motors["M-1"])["rated_power_kw"] == 22.0 and get(motors["M-2"])["rated_power_kw"] == 11.0
    assert len(list_conflicts(document)) == 1


def test_a_returned_package_of_another_audit_or_signer_is_refused_unchanged(
    document: AuditDocument,
    sent: tuple[Path, dict[str, str]],
    office_returns: Returns,
    auditor_key: AuditorKey,
    stranger_key: AuditorKey,
    tmp_path: Path,
) -> None:
    motors = sent[1]
    returned = office_returns({"M-1": {"rated_power_kw": 5.0}})
    with pytest.raises(PackageRefused) as caught:
        receive_package(document, returned, [auditor_key.public])  # the office's key is not trusted here
    assert caught.value.reason == "unknown_signer"
    with (
        AuditDocument.create(tmp_path / "other.fieldaudit", author="x") as other,
        pytest.raises(PackageRefused) as caught,
    ):
        receive_package(other, returned, [stranger_key.public])
    assert caught.value.reason == "other_audit"
    assert document.records.get(motors["M-1"])["rated_power_kw"] == 18.5
    assert office_review(document) is None


def test_receive_from_the_command_line(
    document: AuditDocument,
    sent: tuple[Path, dict[str, str]],
    office_returns: Returns,
    stranger_key: AuditorKey,
    tmp_path: Path,
) -> None:
    from tests.cli_support import run_cli

    motors = sent[1]
    returned = office_returns({"M-2": {"rated_power_kw": 7.5}})
    office_key = tmp_path / "office.json"
    office_key.write_bytes(stranger_key.public.file_bytes())
    audit = document.path
    document.close()
    result = run_cli("package", "receive", audit, returned, "--trust", office_key)
    assert result.returncode == 0, result.stderr
    assert "1 updated by the office" in result.stdout and "office review: has_issues" in result.stdout
    with AuditDocument.open(audit, read_only=True) as reopened:
        assert reopened.records.get(motors["M-2"])["rated_power_kw"] == 7.5
