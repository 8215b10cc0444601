"""The registry of auditors' keys: registered from a key file, checked, revoked; from the command line too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.office.auditors import register_auditor, revoke_auditor, trusted_keys
from audit.office.database import OfficeDatabase
from audit.packages.keys import KeyFileError, load_or_create_key
from tests.cli_support import run_cli


def write_key_file(folder: Path, auditor: str) -> Path:
    """The public key file an auditor's laptop writes (`python main.py package key`)."""
    path = folder / f"{auditor}.pub.json"
    path.write_bytes(load_or_create_key(auditor, folder / auditor).public.file_bytes())
    return path


def test_register_twice_then_revoke(tmp_path: Path) -> None:
    key_file = write_key_file(tmp_path, "wang")
    with OfficeDatabase.create(tmp_path / "county.office") as office:
        auditor, new = register_auditor(office, key_file)
        assert new and auditor.name == "wang"
        _, again = register_auditor(office, key_file)
        assert not again
        assert list(trusted_keys(office)) == [auditor.key_id]
        assert len(trusted_keys(office)[auditor.key_id]) == 32
        revoke_auditor(office, auditor.key_id)
        assert trusted_keys(office) == {}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"key_id": "0" * 16}, "key_id is not"),
        ({"public_key": "AAAA"}, "32 bytes in base64"),
        ({"public_key": "not base64!"}, "32 bytes in base64"),
        ({"extra": "x"}, "not a FieldAudit public key"),
        ({"format": "other"}, "is not fieldaudit-auditor-key"),
    ],
)
def test_a_bad_key_file_is_refused_and_nothing_registered(tmp_path: Path, change: dict[str, str], reason: str) -> None:
    key_file = write_key_file(tmp_path, "wang")
    data = json.loads(key_file.read_text(encoding="utf-8"))
    key_file.write_text(json.dumps({**data, **change}), encoding="utf-8")
    with OfficeDatabase.create(tmp_path / "county.office") as office:
        with pytest.raises(KeyFileError, match=reason):
            register_auditor(office, key_file)
        assert trusted_keys(office) == {}


def test_init_and_register_from_the_command_line(tmp_path: Path) -> None:
    key_file = write_key_file(tmp_path, "wang")
    office = tmp_path / "county.office"
    assert run_cli("office", "init", office).returncode == 0
    registered = run_cli("office", "register-auditor", office, key_file, language="zh")
    assert registered.returncode == 0, registered.stderr
    assert "已登记 wang" in registered.stdout
    listed = run_cli("office", "auditors", office)
    assert "wang" in listed.stdout
    again = run_cli("office", "init", office)
    assert again.returncode == 1 and "already exists" in again.stderr
