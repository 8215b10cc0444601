"""Hostile import files: refused in one line, the audit's bytes unchanged (issue 16 items 6 and 10)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.document import AuditDocument
from audit.errors import AuditError
from audit.jsonio import import_records
from tests.cli_support import run_cli
from tests.reliability.conftest import LONG


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("json") / "plant.fieldaudit"
    with AuditDocument.create(path, author="tester") as document:
        motor_uuid = document.records.add("motor", {"tag": "M1", "rated_power_kw": 15.0})
    return path, motor_uuid


def _wrap(records: dict[str, Any]) -> dict[str, Any]:
    return {"format": "fieldaudit-records", "format_version": 1, "records": records}


def _cases(motor_uuid: str) -> dict[str, str]:
    return {
        "a pump carrying a motor's uuid": json.dumps(_wrap({"pump": [{"uuid": motor_uuid, "values": {"tag": "P1"}}]})),
        "an integer of 2^63": json.dumps(_wrap({"motor": [{"values": {"tag": "M9", "quantity": 2**63}}]})),
        "a 5000-digit integer": '{"format": "fieldaudit-records", "format_version": 1, "records": {"motor": [{"values": {"tag": "M9", "quantity": '
        + "9" * 5000
        + "}}]}}",
        "a lone surrogate": '{"format": "fieldaudit-records", "format_version": 1, "records": {"note": [{"values": {"title": "\\ud800"}}]}}',
        "a revision of 2^63": json.dumps(_wrap({"note": [{"revision": 2**63, "values": {"title": "x"}}]})),
        "another format": json.dumps({"format": "something-else", "format_version": 99, "records": {}}),
        "20 MB of one bad value": json.dumps(_wrap({"note": [{"values": {"title": 1, "body": "z" * 20_000_000}}]})),
    }


def test_hostile_import_files_are_refused_in_one_line(
    audit: tuple[Path, str], tmp_path: Path, figure: Callable[[str], None]
) -> None:
    path, motor_uuid = audit
    before = digest(path)
    cases = _cases(motor_uuid)
    refused = 0
    for name, text in cases.items():
        data = tmp_path / "hostile.json"
        data.write_text(text, encoding="utf-8")
        result = run_cli("import", path, data)
        assert result.returncode == 1, (name, result.stdout)
        assert "Traceback" not in result.stderr and len(result.stderr) < 2000, (name, result.stderr[:300])
        assert len(result.stderr.strip().splitlines()) == 1, (name, result.stderr[:300])
        refused += 1
        assert digest(path) == before, name
    figure(f"hostile import files refused in one line {refused}/{len(cases)}; audit bytes changed 0")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
FORMS = st.sampled_from(["note", "motor", "pump", "enterprise", "water_unit", "nonsense"])
FIELDS = st.sampled_from(["title", "tag", "rated_power_kw", "quantity", "name", "uuid", "parent", "x"])


@settings(max_examples=400 if LONG else 80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    form=FORMS,
    entry=st.fixed_dictionaries(
        {},
        optional={
            "uuid": JSON_VALUES,
            "revision": JSON_VALUES,
            "values": st.dictionaries(FIELDS, JSON_VALUES, max_size=4),
        },
    ),
)
def test_any_record_is_imported_or_refused_never_a_crash(
    audit: tuple[Path, str], form: str, entry: dict[str, Any]
) -> None:
    path, _ = audit
    with AuditDocument.open(path, author="hypothesis") as document:
        changes = document.connection.total_changes
        try:
            import_records(document, {form: [entry]}, source="generated")
        except AuditError as error:
            assert "\n" not in error.message.en
            assert document.connection.total_changes == changes  # refused: nothing written
