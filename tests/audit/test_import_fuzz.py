"""Whatever JSON arrives, import either takes it whole or refuses it with a message, leaving the audit unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.document import AuditDocument
from audit.errors import AuditError
from audit.jsonio import import_records

FORM_IDS = ["note", "motor", "energy_use", "enterprise", "water_unit", "spot_measurement", "nonsense"]
FIELD_NAMES = [
    "title",
    "tag",
    "location",
    "rated_power_kw",
    "month",
    "energy_type",
    "quantity",
    "unit",
    "name",
    "level",
    "parent_unit",
    "equipment",
    "uuid",
    "values",
    "children",
    "deleted",
    "revision",
    "x",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["electricity", "kWh", "2025-01", "1", "production", "M-1"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=3)
    ),
    max_leaves=8,
)
RECORDS = st.dictionaries(
    st.sampled_from(FORM_IDS),
    st.lists(st.one_of(VALUES, st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=5)), max_size=3),
    max_size=3,
)


def snapshot(document: AuditDocument) -> tuple[int, int]:
    records = document.connection.execute("SELECT count(*) FROM record_index").fetchone()[0]
    changes = document.connection.execute("SELECT count(*) FROM change_log").fetchone()[0]
    return int(records), int(changes)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=RECORDS)
def test_import_is_all_or_nothing_for_any_input(data: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "fuzz.fieldaudit"
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with AuditDocument.create(path) as document:
        before = snapshot(document)
        try:
            import_records(document, data, source="fuzz.json")  # type: ignore[arg-type]
        except AuditError as error:
            assert error.message.en and error.message.zh
            assert snapshot(document) == before
        else:
            assert document.connection.execute("PRAGMA foreign_key_check").fetchall() == []
