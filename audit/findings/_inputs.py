"""The records the findings and measures read, loaded once as plain values (no database in the pure pass)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.document import AuditDocument

Values = Mapping[str, Any]

# Forms the rules read beyond what the indicators load; a test checks each field named by a rule exists.
FORMS_READ = (
    "audit",
    "motor",
    "pump",
    "fan",
    "air_compressor",
    "boiler",
    "transformer",
    "lighting",
    "furnace",
    "compressed_air_system",
    "boiler_combustion_test",
    "cooling_tower",
    "surface_survey",
    "enterprise",
    "energy_price",
    "measure",
)


@dataclass(frozen=True)
class Row:
    """One record: its uuid, values, and the rows of its repeat groups by name."""

    uuid: str
    values: Values
    children: Mapping[str, tuple[Values, ...]] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        value = self.values.get(name)
        return default if value is None else value

    def number(self, name: str) -> float | None:
        value = self.values.get(name)
        return None if value is None or isinstance(value, bool) else float(value)

    @property
    def tag(self) -> str:
        return str(self.values.get("tag") or self.values.get("name") or self.values.get("location") or self.uuid[:8])


@dataclass(frozen=True)
class FindingInputs:
    """Every record of the forms in FORMS_READ, by form id."""

    rows: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)
    # uuid → row, built once: rules look records up by uuid for every piece of equipment.
    _index: dict[str, Row] = field(init=False, repr=False, compare=False, default_factory=dict)

    # Memo of derived values (prices by energy type and unit) for one analysis.
    memo: dict[object, object] = field(init=False, repr=False, compare=False, default_factory=dict)
    # item → price record (the last entered wins).
    prices: dict[str, Row] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._index.update((row.uuid, row) for rows in self.rows.values() for row in rows)
        self.prices.update((str(row.get("item")), row) for row in self.rows.get("energy_price", ()))

    def of(self, form_id: str) -> tuple[Row, ...]:
        return self.rows.get(form_id, ())

    def running(self, form_id: str) -> Iterator[Row]:
        """Records of equipment in service (standby, idle and retired equipment saves nothing)."""
        return (row for row in self.of(form_id) if row.get("status", "running") == "running")

    def by_uuid(self, uuid: str) -> Row | None:
        return self._index.get(uuid)


def load_finding_inputs(document: AuditDocument) -> FindingInputs:
    records = document.records
    rows: dict[str, tuple[Row, ...]] = {}
    for form_id in FORMS_READ:
        if form_id not in document.registry:
            continue
        rows[form_id] = tuple(
            Row(r.uuid, dict(r.values), {name: tuple(c.values for c in kids) for name, kids in r.children.items()})
            for r in records.list(form_id, with_children=True)
        )
    return FindingInputs(rows)
