"""Making packages for the tests: the demo's real package, and hostile copies of it (rebuilt, re-signed)."""

from __future__ import annotations

import base64
import hashlib
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

from audit.packages import layout
from audit.packages.keys import AuditorKey


def members_of(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path: Path, members: dict[str, bytes] | list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    """A zip of these members, in this order, stored, as regular files (unless a ZipInfo says otherwise)."""
    items = list(members.items()) if isinstance(members, dict) else members
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in items:
            if isinstance(name, str):
                info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
                info.external_attr = (stat.S_IFREG | 0o644) << 16
            else:
                info = name
            archive.writestr(info, data)
    return path


def _manifest(members: dict[str, bytes], names: list[str]) -> bytes:
    return layout.manifest_text({name: hashlib.sha256(members[name]).hexdigest() for name in names})


def resign(members: dict[str, bytes], key: AuditorKey, bag_info: dict[str, str] | None = None) -> dict[str, bytes]:
    """The members with manifests, Payload-Oxum and signature made anew by `key`: a package whose only
    fault is whatever the test put in its content."""
    result = dict(members)
    payload = sorted(name for name in result if name.startswith("data/"))
    info = parse_bag_info(result[layout.BAG_INFO])
    info[layout.KEY_ID] = key.public.key_id
    info[layout.PAYLOAD_OXUM] = f"{sum(len(result[name]) for name in payload)}.{len(payload)}"
    info.update(bag_info or {})
    result[layout.BAG_INFO] = "".join(f"{label}: {value}\n" for label, value in info.items()).encode("utf-8")
    result[layout.SIGNER_KEY] = key.public.file_bytes()
    result[layout.MANIFEST] = _manifest(result, payload)
    tags = [name for name in layout.LISTED_TAG_FILES if name in result]
    result[layout.TAG_MANIFEST] = _manifest(result, tags)
    signature = key.sign(layout.SIGNING_CONTEXT + result[layout.TAG_MANIFEST])
    result[layout.SIGNATURE] = base64.b64encode(signature) + b"\n"
    return result


def parse_bag_info(data: bytes) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in data.decode("utf-8").splitlines())


def with_records(members: dict[str, bytes], records: Any, key: AuditorKey) -> dict[str, bytes]:
    """A validly signed package whose data/records.json is `records` (a JSON value, or raw text)."""
    text = records if isinstance(records, str) else json.dumps(records, ensure_ascii=False)
    return resign({**members, layout.RECORDS: text.encode("utf-8")}, key)


def records_of(members: dict[str, bytes]) -> dict[str, Any]:
    value = json.loads(members[layout.RECORDS])
    assert isinstance(value, dict)
    return value
