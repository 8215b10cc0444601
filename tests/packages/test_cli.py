"""`python main.py package export|verify|key`, run as a user runs them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from audit.document import AuditDocument
from audit.packages.bag import submission
from audit.packages.keys import load_or_create_key
from tests.cli_support import run_cli


def test_export_then_verify_from_the_command_line(document: AuditDocument, tmp_path: Path) -> None:
    document.records.add("motor", {"tag": "M-1", "rated_power_kw": 15.0})
    path = document.path
    document.close()
    out = tmp_path / "pkg.zip"
    exported = run_cli("package", "export", path, "-o", out)
    assert exported.returncode == 0, exported.stderr
    assert "revision 1" in exported.stdout and "read back intact" in exported.stdout
    with AuditDocument.open(path, read_only=True) as reopened:
        receipt = submission(reopened)
    assert receipt is not None and receipt["revision"] == 1 and receipt["path"] == str(out)
    verified = run_cli("package", "verify", out)
    assert verified.returncode == 0, verified.stderr
    assert "valid" in verified.stdout and "1 records" in verified.stdout


def test_verify_refuses_a_stranger_and_names_the_reason(document: AuditDocument, tmp_path: Path) -> None:
    stranger = load_or_create_key("Mallory", tmp_path / "stranger")
    from audit.packages.bag import export_package

    out = tmp_path / "stranger.zip"
    export_package(document, out, stranger)
    refused = run_cli("package", "verify", out)
    assert refused.returncode == 1
    assert "not registered" in refused.stderr and stranger.public.key_id in refused.stderr
    key_file = tmp_path / "mallory.json"
    key_file.write_bytes(stranger.public.file_bytes())
    trusted = run_cli("package", "verify", out, "--trust", key_file)
    assert trusted.returncode == 0 and "registered key" in trusted.stdout
    chinese = run_cli("package", "verify", out, "--accept-unknown", language="zh")
    assert chinese.returncode == 0 and "未登记" in chinese.stdout


def test_a_damaged_package_fails_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("../evil", b"x")
    result = run_cli("package", "verify", bad)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert '".."' in result.stderr


def test_key_prints_and_writes_the_public_key(tmp_path: Path) -> None:
    printed = run_cli("package", "key", "--auditor", "王建国")
    assert printed.returncode == 0 and '"format": "fieldaudit-auditor-key"' in printed.stdout
    out = tmp_path / "me.json"
    written = run_cli("package", "key", "-o", out)
    assert written.returncode == 0 and out.read_text() == printed.stdout
