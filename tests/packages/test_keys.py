"""The auditor key: made once on first use, private to its owner, its public half a small file to register."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from audit.packages.keys import (
    PRIVATE_KEY_FILE,
    KeyFileError,
    config_dir,
    existing_public_key,
    key_id_of,
    load_or_create_key,
    public_key_from_json,
    read_public_key_file,
)


def test_the_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    folder = tmp_path / "config"
    assert existing_public_key(folder) is None
    first = load_or_create_key("王建国", folder)
    again = load_or_create_key("someone else", folder)
    assert again.public == first.public and again.public.auditor == "王建国"
    path = folder / PRIVATE_KEY_FILE
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == [PRIVATE_KEY_FILE]  # no temporary file left
    signature = first.sign(b"tag manifest")
    assert again.public.verifies(signature, b"tag manifest")
    assert not again.public.verifies(signature, b"tag manifesT")


def test_the_public_key_file_is_the_agreed_small_json(tmp_path: Path) -> None:
    key = load_or_create_key("王建国", tmp_path)
    data = json.loads(key.public.file_bytes())
    assert set(data) == {"format", "key_id", "public_key", "auditor", "created_at"}
    assert data["format"] == "fieldaudit-auditor-key"
    assert data["key_id"] == key_id_of(key.public.public_key) and len(data["key_id"]) == 16
    assert "private" not in key.public.file_bytes().decode()
    exported = tmp_path / "me.pub.json"
    exported.write_bytes(key.public.file_bytes())
    assert read_public_key_file(exported) == key.public


def test_loose_permissions_are_tightened(tmp_path: Path) -> None:
    load_or_create_key("a", tmp_path)
    path = tmp_path / PRIVATE_KEY_FILE
    path.chmod(0o644)
    load_or_create_key("a", tmp_path)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_damaged_key_is_reported_and_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / PRIVATE_KEY_FILE
    path.write_text('{"format": "fieldaudit-auditor-private-key", "private_key": "AAAA"}')
    with pytest.raises(KeyFileError, match="private key is damaged"):
        load_or_create_key("a", tmp_path)
    assert path.read_text().endswith('"AAAA"}')


@pytest.mark.parametrize(
    "change",
    [
        {"key_id": "0000000000000000"},
        {"public_key": "AAAA"},
        {"format": "minisign"},
        {"auditor": "a\nb"},
        {"extra": 1},
    ],
)
def test_a_public_key_file_that_is_not_right_is_refused(tmp_path: Path, change: dict[str, object]) -> None:
    data = json.loads(load_or_create_key("a", tmp_path).public.file_bytes()) | change
    with pytest.raises(KeyFileError):
        public_key_from_json(data)


def test_the_config_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FIELDAUDIT_CONFIG_DIR", str(tmp_path / "x"))
    assert config_dir() == tmp_path / "x"
    monkeypatch.delenv("FIELDAUDIT_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    if os.name == "posix" and not str(config_dir()).startswith(str(Path.home() / "Library")):
        assert config_dir() == tmp_path / "xdg" / "FieldAudit"
