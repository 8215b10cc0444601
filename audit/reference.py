"""Reference data from resources/: coefficient and grade tables, each value traced to its source and status."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from audit.errors import AuditError
from forms.spec import Text

RESOURCES = Path(__file__).resolve().parents[1] / "resources"

# V: quoted by a public source; C: corroborated by secondary material only; D: derived by arithmetic;
# U: unverified (see STANDARDS.md). Ordered from most to least trustworthy.
STATUSES = ("V", "D", "C", "U")


class ReferenceDataError(AuditError):
    """A resource file is missing, is not JSON, or lacks a source or status for a value."""


@dataclass(frozen=True)
class Source:
    """Where a number comes from: the standard, its edition, the table or clause, and how far it is checked."""

    standard: str
    edition: str
    clause: str
    status: str
    via: str = ""
    note: str = ""
    # The standard and clause in each language, where the resource gives them (its source's `cited` and
    # `clauses`): the monolingual fields above may mix a Chinese title with English words.
    citation: Text | None = None

    @property
    def unverified(self) -> bool:
        return self.status == "U"

    def cite_in(self, language: str) -> str:
        """`cite()` in one language: the resource's bilingual citation when it has one."""
        if self.citation is None:
            return self.cite()
        return f"{self.citation.get(language)} [{self.status}]"

    def cite(self) -> str:
        edition = (
            f"-{self.edition}"
            if self.edition and self.edition != "-" and self.edition[0].isdigit()
            else (f" ({self.edition})" if self.edition and self.edition != "-" else "")
        )
        return f"{self.standard}{edition}, {self.clause} [{self.status}]"

    def as_dict(self) -> dict[str, str]:
        return {
            "standard": self.standard,
            "edition": self.edition,
            "clause": self.clause,
            "status": self.status,
            "via": self.via,
            "note": self.note,
        }


def worst_status(statuses: Iterator[str] | list[str] | tuple[str, ...]) -> str:
    """The least trustworthy of several statuses ("V" when there are none)."""
    ranked = [STATUSES.index(s) for s in statuses if s in STATUSES]
    return STATUSES[max(ranked)] if ranked else "V"


def _error(path: str, en: str, zh: str) -> ReferenceDataError:
    return ReferenceDataError(Text(f"Reference data {path}: {en}", f"参考数据 {path}：{zh}"))


def _check_sources(name: str, document: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    sources = document.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise _error(name, "has no 'sources' table.", "缺少 sources（来源）表。")
    for key, source in sources.items():
        for field in ("standard", "edition", "clause"):
            if not isinstance(source, dict) or not isinstance(source.get(field), str) or not source[field]:
                raise _error(name, f"source {key!r} has no {field}.", f"来源 {key} 缺少 {field}。")
    return sources


def _walk(name: str, node: Any, sources: Mapping[str, Any], where: str) -> None:
    """Every status is one of V/C/U/D, every source reference exists, every value is a number."""
    if isinstance(node, dict):
        if "status" in node and node["status"] not in STATUSES:
            raise _error(
                name,
                f"{where}: status {node['status']!r} is not one of {'/'.join(STATUSES)}.",
                f"{where}：状态 {node['status']} 不是 {'/'.join(STATUSES)} 之一。",
            )
        if "source" in node and where != "$" and node["source"] not in sources:
            raise _error(name, f"{where}: unknown source {node['source']!r}.", f"{where}：未知来源 {node['source']}。")
        if (
            "value" in node
            and node["value"] is not None
            and (isinstance(node["value"], bool) or not isinstance(node["value"], (int, float)))
        ):
            raise _error(name, f"{where}: value is not a number.", f"{where}：数值不是数字。")
        if "value" in node and "status" not in node:
            raise _error(name, f"{where}: a value without a status.", f"{where}：数值缺少核实状态。")
        for key, child in node.items():
            if key != "sources":
                _walk(name, child, sources, f"{where}.{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            _walk(name, child, sources, f"{where}[{index}]")


def load_resource(relative: str, root: Path | None = None) -> dict[str, Any]:
    """Read and check one resource file; a malformed file raises ReferenceDataError naming the problem."""
    path = (root or RESOURCES) / relative
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise _error(relative, f"cannot be read ({error}).", f"无法读取（{error}）。") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _error(
            relative,
            f"is not valid JSON (line {error.lineno}: {error.msg}).",
            f"不是有效的 JSON（第 {error.lineno} 行：{error.msg}）。",
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("schema"), str):
        raise _error(relative, "has no 'schema' name.", "缺少 schema 名称。")
    sources = _check_sources(relative, document)
    _walk(relative, document, sources, "$")
    return document


def make_source(document: Mapping[str, Any], key: str, status: str, note: str = "") -> Source:
    raw = document["sources"][key]
    return Source(raw["standard"], raw["edition"], raw["clause"], status, raw.get("via", ""), note)


@dataclass(frozen=True)
class Sourced:
    """A number with its unit and source."""

    value: float
    unit: str
    source: Source


@dataclass(frozen=True)
class EnergyCoefficient:
    code: str
    value: float
    unit: str
    per: str
    category: str  # fuel, electricity, heat, medium
    source: Source
    density_t_per_m3: float | None = None
    ncv_kj_per_unit: float | None = None


@dataclass(frozen=True)
class UnitDefinition:
    code: str
    dimension: str
    factor: float
    base: str


class ReferenceData:
    """Every table the indicators use, loaded and checked once."""

    FILES = (
        "energy/coefficients.json",
        "energy/units.json",
        "energy/electricity_equal_value.json",
        "energy/steam.json",
        "energy/conventions.json",
        "carbon/grid_factors.json",
        "carbon/fuel_factors.json",
        "carbon/heat_factor.json",
        "carbon_efficiency/db33_1347_2023.json",
        "equipment/motors_gb18613_2020.json",
        "equipment/motor_part_load.json",
        "equipment/compressors_gb19153_2019.json",
        "equipment/transformers_gb20052.json",
        "equipment/fans_gb19761_2020.json",
        "equipment/pumps_gb19762.json",
        "equipment/boilers_gb24500_2020.json",
        "equipment/outdated_catalogue.json",
        # Read by audit.water; listed here so they are checked at load and in the verification checklist.
        "water/gbt7119_thresholds.json",
        "water/gbt24789_metering.json",
        "water/tolerances.json",
        # Read by audit.findings and audit.measures (thresholds of the rules, default inputs of the methods).
        "findings/thresholds.json",
        "measures/defaults.json",
        # Read by the unit-product quota rule (audit/findings/quotas.py).
        "quotas/product_quotas.json",
    )

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or RESOURCES
        self.raw: dict[str, dict[str, Any]] = {name: load_resource(name, self.root) for name in self.FILES}
        self.coefficients = self._coefficients()
        self.units = self._units()

    def _coefficients(self) -> dict[str, EnergyCoefficient]:
        name = "energy/coefficients.json"
        document = self.raw[name]
        result: dict[str, EnergyCoefficient] = {}
        for code, entry in document.get("coefficients", {}).items():
            for field in ("value", "unit", "per", "category", "source", "status"):
                if field not in entry:
                    raise _error(name, f"coefficient {code!r} has no {field}.", f"折标系数 {code} 缺少 {field}。")
            result[code] = EnergyCoefficient(
                code=code,
                value=float(entry["value"]),
                unit=entry["unit"],
                per=entry["per"],
                category=entry["category"],
                source=make_source(document, entry["source"], entry["status"], entry.get("note", "")),
                density_t_per_m3=entry.get("density_t_per_m3"),
                ncv_kj_per_unit=entry.get("ncv_kj_per_unit"),
            )
        return result

    def _units(self) -> dict[str, UnitDefinition]:
        document = self.raw["energy/units.json"]
        return {
            code: UnitDefinition(code, entry["dimension"], float(entry["factor"]), entry["base"])
            for code, entry in document["units"].items()
        }

    def sourced(self, name: str, entry: Mapping[str, Any], status: str | None = None) -> Sourced:
        """A {value, unit, source, status} entry of resource `name` as a Sourced number."""
        document = self.raw[name]
        key = entry.get("source") or document.get("source")
        if key is None:
            raise _error(name, "an entry has no source.", "有条目缺少来源。")
        return Sourced(
            float(entry["value"]),
            str(entry.get("unit", "")),
            make_source(
                document, key, status or entry.get("status") or document.get("status", "U"), entry.get("note", "")
            ),
        )

    def source_of(self, name: str, key: str | None = None, status: str | None = None, note: str = "") -> Source:
        document = self.raw[name]
        key = key or document["source"]
        return make_source(document, key, status or document.get("status", "U"), note)

    def every_source(self) -> list[tuple[str, str, Source]]:
        """(file, key, source) of every source of every table, for the coefficient appendix."""
        rows: list[tuple[str, str, Source]] = []
        for name, document in self.raw.items():
            for key in document["sources"]:
                rows.append((name, key, make_source(document, key, "V")))
        return rows


@lru_cache(maxsize=4)
def _cached(root: str) -> ReferenceData:
    return ReferenceData(Path(root))


def reference_data(root: Path | None = None) -> ReferenceData:
    """The checked reference tables (read once per process)."""
    return _cached(str(root or RESOURCES))
