"""What a package holds and how it is spelled: member names, bag-info labels, the records schema (docs/packages.md)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from audit.reference import RESOURCES

# The layout of the zip; a newer FieldAudit that changes it writes a higher number, which this one refuses.
PACKAGE_FORMAT_VERSION = 1
BAGIT_TXT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = "signature.ed25519"
SIGNER_KEY = "signer-key.json"
RECORDS = "data/records.json"
REPORT = "data/report.xlsx"
# The office's review, in a package it returns to the auditor.
REVIEW = "data/review.json"
PHOTOS_FOLDER = "data/photos/"
PHOTO_NAME = re.compile(r"^data/photos/([0-9a-f]{64})\.(jpg|png|webp)$")
PHOTO_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
BAGIT_TXT_BYTES = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
# Tag files listed in the tag manifest; the tag manifest itself and its signature are not.
LISTED_TAG_FILES = (BAGIT_TXT, BAG_INFO, MANIFEST, SIGNER_KEY)
REQUIRED_MEMBERS = frozenset({*LISTED_TAG_FILES, TAG_MANIFEST, SIGNATURE, RECORDS})
# The source the auditor's audit merges the office's revisions from (the merge base is kept per source).
OFFICE_ORIGIN = "office"
# Signed: this line, then the tag manifest's bytes (a signature made for anything else never fits).
SIGNING_CONTEXT = b"fieldaudit-package-signature-v1\n"

# bag-info.txt labels (RFC 8493 §2.2.2 reserves Bagging-Date, Payload-Oxum, Bag-Software-Agent).
PACKAGE_ID = "Package-Id"
AUDIT_ID = "Audit-Id"
REVISION = "Revision"
AUDITOR = "Auditor"
KEY_ID = "Key-Id"
APP_VERSION_LABEL = "App-Version"
SCHEMA_VERSION_LABEL = "Schema-Version"
PACKAGE_FORMAT_LABEL = "Package-Format-Version"
SUBMITTED_AT = "Submitted-At"
BAGGING_DATE = "Bagging-Date"
PAYLOAD_OXUM = "Payload-Oxum"
SOFTWARE_AGENT = "Bag-Software-Agent"
BAG_INFO_LABELS = (
    PACKAGE_ID,
    AUDIT_ID,
    REVISION,
    AUDITOR,
    KEY_ID,
    APP_VERSION_LABEL,
    SCHEMA_VERSION_LABEL,
    PACKAGE_FORMAT_LABEL,
    SUBMITTED_AT,
    BAGGING_DATE,
    PAYLOAD_OXUM,
    SOFTWARE_AGENT,
)
SCHEMA_PATH = RESOURCES / "schema" / "package-records.schema.json"
REVIEW_SCHEMA_PATH = RESOURCES / "schema" / "package-review.schema.json"


def manifest_text(hashes: dict[str, str]) -> bytes:
    """A BagIt manifest: one `<sha256>  <path>` line per file, in name order."""
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(hashes.items())).encode("utf-8")


def bag_info_text(info: dict[str, str]) -> bytes:
    return "".join(f"{label}: {info[label]}\n" for label in BAG_INFO_LABELS if label in info).encode("utf-8")


def _inline(node: Any, root: dict[str, Any], depth: int = 0) -> Any:
    """The schema with every local $ref replaced by its target: jsonschema validates it about 4× faster."""
    if depth > 50:
        raise ValueError("the package schema refers to itself")
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = root
            for part in str(node["$ref"]).removeprefix("#/").split("/"):
                target = target[part]
            return _inline(target, root, depth + 1)
        return {key: _inline(value, root, depth + 1) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inline(item, root, depth + 1) for item in node]
    return node


@functools.cache
def _validator(path: str) -> Draft202012Validator:
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(_inline(schema, schema))


def records_validator() -> Draft202012Validator:
    """The validator of data/records.json, built once from resources/schema/package-records.schema.json."""
    return _validator(str(SCHEMA_PATH))


def review_validator() -> Draft202012Validator:
    """The validator of data/review.json (resources/schema/package-review.schema.json)."""
    return _validator(str(REVIEW_SCHEMA_PATH))
