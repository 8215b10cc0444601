"""The county office's enterprise register: one summary row per audit, taken from the same `analyse()`.

`refresh_audit(office, audit_uuid)` analyses the office's merged records of an audit and stores the
figures the register shows, each taken from the `Analysis` by its catalogue key (nothing is computed
again here), with the audit uuid and revision it came from. Audits of one enterprise are linked by the
unified social credit code; the latest (by audit period) is the enterprise's register row. Every query
is SQL over the office database (indexes on the latest rows keep 50,000 enterprises interactive).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audit.errors import AuditError
from audit.lean_sqlite_utils import Database
from audit.office.register_schema import (
    INDICATOR_COLUMNS,
    K_COLUMN,
    SEVERITIES,
    SORTS,
    SUMMARY_COLUMNS,
    VALID_TEST_KEY,
)
from audit.office.register_schema import migrations as migrations  # the set office13's MIGRATION_SETS names
from audit.results import Indicator, Outcome
from forms.spec import Text

if TYPE_CHECKING:
    from audit.analysis import Analysis, AnalysisInputs
    from audit.office.database import OfficeDatabase


@dataclass(frozen=True)
class MeasureRow:
    key: str
    title_en: str
    title_zh: str
    status: str
    tce: float | None
    tco2: float | None
    water_m3: float | None
    savings_yuan: float | None
    investment_yuan: float | None
    useful_life_years: float | None
    verification: str


@dataclass(frozen=True)
class WaterCheck:
    """One GB/T 7119 comparison as the register keeps it: the outcome and the reason, in both languages."""

    key: str
    label_en: str
    label_zh: str
    outcome: str
    value: float | None
    unit: str
    requirement: str
    reason_en: str
    reason_zh: str
    status: str


@dataclass(frozen=True)
class AuditSummary:
    """What the register keeps of one audit revision: identity, figures (by column) and their statuses."""

    audit_uuid: str
    revision: int
    identity: Mapping[str, Any]
    figures: Mapping[str, Any]
    statuses: Mapping[str, str]
    measures: tuple[MeasureRow, ...] = ()
    water_checks: tuple[WaterCheck, ...] = ()

    @property
    def credit_code(self) -> str:
        return str(self.identity["credit_code"])

    def row(self, refreshed_at: str) -> dict[str, Any]:
        return {
            "audit_uuid": self.audit_uuid,
            "revision": self.revision,
            **self.identity,
            **self.figures,
            "statuses": json.dumps(dict(self.statuses), sort_keys=True),
            "refreshed_at": refreshed_at,
        }


class RegisterError(AuditError):
    """An audit cannot enter the register (no credit code to link it by, or not in the office)."""


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def identity_of(inputs: AnalysisInputs) -> dict[str, Any]:
    """The enterprise and period of the audit, as its own enterprise and audit forms give them."""
    enterprise, audit = inputs.energy.enterprise, inputs.energy.audit
    credit_code = _text(enterprise.get("credit_code")).upper()
    if not credit_code:
        raise RegisterError(
            Text(
                "The audit has no unified social credit code on its enterprise form: it cannot enter the register.",
                "该诊断的企业概况未填写统一社会信用代码，无法列入企业登记表。",
            )
        )
    period_end = _text(audit.get("period_end"))[:10] or None
    return {
        "credit_code": credit_code,
        "name": _text(enterprise.get("name")),
        "industry_code": _text(enterprise.get("industry_code")),
        "industry_name": _text(enterprise.get("industry_name")),
        "county": _text(enterprise.get("county")),
        "town": _text(enterprise.get("town")),
        "title": _text(audit.get("title")),
        "period_start": _text(audit.get("period_start"))[:10] or None,
        "period_end": period_end,
        "year": int(period_end[:4]) if period_end else None,
    }


def _indicator_figures(analysis: Analysis) -> tuple[dict[str, Any], dict[str, str]]:
    figures: dict[str, Any] = {}
    statuses: dict[str, str] = {}
    energy = analysis.energy_total()
    figures["energy_key"] = energy.key if energy is not None else None
    figures["energy_tce"] = energy.value if energy is not None else None
    if energy is not None:
        statuses["energy_tce"] = energy.status.value
    for column, key in INDICATOR_COLUMNS.items():
        indicator = analysis.indicator(key)
        value = indicator.value if indicator is not None else None
        figures[column] = int(value) if column == "carbon_grade" and value is not None else value
        if indicator is not None:
            statuses[column] = indicator.status.value
    column, key, name = K_COLUMN
    grade = analysis.indicator(key)
    k = grade.input(name) if grade is not None and grade.value is not None else None
    figures[column] = float(k) if isinstance(k, int | float) else None
    if grade is not None:
        statuses[column] = grade.status.value
    return figures, statuses


def _water_check(comparison: Indicator) -> WaterCheck:
    note = comparison.note
    return WaterCheck(
        key=comparison.key,
        label_en=comparison.label.en,
        label_zh=comparison.label.zh,
        outcome=(comparison.outcome or Outcome.CANNOT_EVALUATE).value,
        value=comparison.value,
        unit=comparison.unit,
        requirement=comparison.limit.text() if comparison.limit is not None else "",
        reason_en=note.en if note is not None else "",
        reason_zh=note.zh if note is not None else "",
        status=comparison.status.value,
    )


def water_evaluation(checks: Iterable[WaterCheck]) -> tuple[str | None, str, str]:
    """GB/T 7119 overall, from the comparisons the analysis made (None when it made none):

    fail when any comparison fails (the reasons are the failed ones); cannot_evaluate when no industry
    thresholds are held for the enterprise or one of them could not be evaluated (those reasons); pass
    when every industry threshold passes and no basic requirement the test data shows fails.
    """
    evaluation = [c for c in checks if c.key.startswith("gbt7119.")]
    if not evaluation:
        return None, "", ""
    failed = [c for c in evaluation if c.outcome == Outcome.FAIL.value]
    if failed:
        return Outcome.FAIL.value, *_reasons(failed)
    industry = [c for c in evaluation if not c.key.startswith("gbt7119.basic.")]
    undecided = [c for c in industry if c.outcome != Outcome.PASS.value]
    if undecided or not industry:
        return Outcome.CANNOT_EVALUATE.value, *_reasons(undecided)
    return Outcome.PASS.value, "", ""


def _reasons(checks: list[WaterCheck]) -> tuple[str, str]:
    return (
        "; ".join(f"{c.label_en}: {c.reason_en}" for c in checks),
        "；".join(f"{c.label_zh}：{c.reason_zh}" for c in checks),
    )


def _water_figures(analysis: Analysis) -> tuple[dict[str, Any], tuple[WaterCheck, ...]]:
    checks = tuple(_water_check(c) for c in analysis.water.comparisons)
    valid = next((c for c in checks if c.key == VALID_TEST_KEY), None)
    evaluation, reasons_en, reasons_zh = water_evaluation(checks)
    return {
        "water_valid_test": None if valid is None else int(valid.outcome == Outcome.PASS.value),
        "water_evaluation": evaluation,
        "water_reasons_en": reasons_en,
        "water_reasons_zh": reasons_zh,
    }, checks


def _measures(analysis: Analysis) -> tuple[dict[str, Any], tuple[MeasureRow, ...]]:
    result = analysis.measures
    totals = result.totals
    figures = {
        "savings_tce": totals.tce_equivalent if totals else None,
        "savings_tco2": totals.tco2 if totals else None,
        "savings_water_m3": totals.water_m3 if totals else None,
        "savings_yuan": totals.annual_savings_yuan if totals else None,
        "investment_yuan": totals.investment_yuan if totals else None,
    }
    rows = tuple(
        MeasureRow(
            key=m.key,
            title_en=m.title.en,
            title_zh=m.title.zh,
            status=m.implementation_status,
            tce=m.tce_equivalent,
            tco2=m.tco2,
            water_m3=m.water_m3,
            savings_yuan=m.annual_savings_yuan,
            investment_yuan=m.investment_yuan,
            useful_life_years=m.useful_life_years,
            verification=m.status.value,
        )
        for m in result.measures
    )
    return figures, rows


def summarise(analysis: Analysis, inputs: AnalysisInputs, audit_uuid: str, revision: int) -> AuditSummary:
    """The register's figures of one audit revision, each read from `analysis` (none computed here)."""
    figures, statuses = _indicator_figures(analysis)
    water, checks = _water_figures(analysis)
    savings, measures = _measures(analysis)
    counts = {f"findings_{severity}": 0 for severity in SEVERITIES}
    for finding in analysis.findings:
        counts[f"findings_{finding.severity.value}"] += 1
    return AuditSummary(
        audit_uuid=audit_uuid,
        revision=revision,
        identity=identity_of(inputs),
        figures={**figures, **water, **counts, **savings},
        statuses=statuses,
        measures=measures,
        water_checks=checks,
    )


def _upsert_enterprise(db: Database, credit_code: str) -> None:
    """The enterprise row follows its latest audit (name, industry and town as that audit gives them)."""
    latest = db.execute(
        """SELECT audit_uuid, name, industry_code, industry_name, county, town FROM audit_summary
           WHERE credit_code = ? ORDER BY period_end IS NULL, period_end DESC, revision DESC, audit_uuid DESC LIMIT 1""",
        [credit_code],
    ).fetchone()
    if latest is None:
        db.execute("DELETE FROM enterprise WHERE credit_code = ?", [credit_code])
        return
    count = db.execute("SELECT count(*) FROM audit_summary WHERE credit_code = ?", [credit_code]).fetchone()[0]
    db.execute(
        """INSERT INTO enterprise (credit_code, name, industry_code, industry_name, county, town, latest_audit_uuid, audits)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, industry_code = excluded.industry_code,
             industry_name = excluded.industry_name, county = excluded.county, town = excluded.town,
             latest_audit_uuid = excluded.latest_audit_uuid, audits = excluded.audits""",
        [credit_code, *latest[1:], latest[0], count],
    )
    db.execute(
        "UPDATE audit_summary SET latest = (audit_uuid = ?) WHERE credit_code = ?",
        [latest[0], credit_code],
    )


def store_summary(db: Database, summary: AuditSummary, refreshed_at: str | None = None) -> None:
    """Write (or replace) the audit's row, its measures and water checks; relink its enterprise(s).

    The caller holds the transaction. An audit whose credit code was corrected moves to the new
    enterprise, and the old one keeps its other audits (or leaves the register when it has none).
    """
    when = refreshed_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    previous = db.execute("SELECT credit_code FROM audit_summary WHERE audit_uuid = ?", [summary.audit_uuid]).fetchone()
    db.execute(
        "INSERT OR IGNORE INTO enterprise (credit_code, name) VALUES (?, ?)",
        [summary.credit_code, summary.identity["name"]],
    )
    row = summary.row(when)
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    db.execute("DELETE FROM audit_measure WHERE audit_uuid = ?", [summary.audit_uuid])
    db.execute("DELETE FROM audit_water_check WHERE audit_uuid = ?", [summary.audit_uuid])
    # An upsert, not REPLACE: replacing would delete the row that reserve projects refer to.
    updates = ", ".join(f"{name} = excluded.{name}" for name in row if name != "audit_uuid")
    db.execute(
        f"INSERT INTO audit_summary ({names}) VALUES ({marks}) ON CONFLICT (audit_uuid) DO UPDATE SET {updates}",
        list(row.values()),
    )
    _store_children(db, summary)
    _upsert_enterprise(db, summary.credit_code)
    if previous is not None and previous[0] != summary.credit_code:
        _upsert_enterprise(db, previous[0])


def _store_children(db: Database, summary: AuditSummary) -> None:
    db.conn.executemany(
        """INSERT INTO audit_measure (audit_uuid, measure_key, revision, position, title_en, title_zh, status, tce,
             tco2, water_m3, savings_yuan, investment_yuan, useful_life_years, verification)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                summary.audit_uuid,
                m.key,
                summary.revision,
                n,
                m.title_en,
                m.title_zh,
                m.status,
                m.tce,
                m.tco2,
                m.water_m3,
                m.savings_yuan,
                m.investment_yuan,
                m.useful_life_years,
                m.verification,
            )
            for n, m in enumerate(summary.measures)
        ],
    )
    db.conn.executemany(
        """INSERT INTO audit_water_check (audit_uuid, key, revision, position, label_en, label_zh, outcome, value,
             unit, requirement, reason_en, reason_zh, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                summary.audit_uuid,
                c.key,
                summary.revision,
                n,
                c.label_en,
                c.label_zh,
                c.outcome,
                c.value,
                c.unit,
                c.requirement,
                c.reason_en,
                c.reason_zh,
                c.status,
            )
            for n, c in enumerate(summary.water_checks)
        ],
    )


def refresh_audit(office: OfficeDatabase, audit_uuid: str) -> AuditSummary:
    """Analyse the office's merged records of an audit and store its register row (in one transaction).

    Called by the package import after every merge. The revision kept is the highest package revision
    merged for the audit (office13's `audit.latest_revision`).
    """
    from audit.office.records import analysis_inputs

    row = office.connection.execute("SELECT latest_revision FROM audit WHERE audit_uuid = ?", [audit_uuid]).fetchone()
    if row is None:
        raise RegisterError(Text(f"The office holds no audit {audit_uuid}.", f"办公室数据库中没有诊断 {audit_uuid}。"))
    inputs = analysis_inputs(office, audit_uuid)
    with office.transaction() as db:
        return register_inputs(db, audit_uuid, int(row[0] or 0), inputs)


def refresh_all(office: OfficeDatabase) -> tuple[int, list[tuple[str, Text]]]:
    """Recompute the register row of every audit the office holds (after an upgrade of the analysis, or
    when an import could not refresh one); returns how many were refreshed and (audit, why) for the rest."""
    uuids = [row[0] for row in office.connection.execute("SELECT audit_uuid FROM audit ORDER BY audit_uuid")]
    problems: list[tuple[str, Text]] = []
    for audit_uuid in uuids:
        try:
            refresh_audit(office, audit_uuid)
        except AuditError as error:
            problems.append((audit_uuid, error.message))
    return len(uuids) - len(problems), problems


def register_inputs(db: Database, audit_uuid: str, revision: int, inputs: AnalysisInputs) -> AuditSummary:
    """Analyse `inputs` with the one `analyse()` and store the result for this audit revision."""
    from audit.analysis import analyse

    summary = summarise(analyse(inputs), inputs, audit_uuid, revision)
    store_summary(db, summary)
    return summary


# ---- queries -------------------------------------------------------------------------------------------

REGISTER_COLUMNS = tuple(SUMMARY_COLUMNS)


@dataclass(frozen=True)
class RegisterQuery:
    """Filters, search and order of the register; every value reaches SQL as a parameter."""

    industry: str | None = None  # a GB/T 4754 code or its prefix (C17 matches C1713)
    town: str | None = None
    grade: int | None = None  # 1–5; 0 means "not graded"
    search: str = ""  # part of the name or of the credit code
    sort: str = "name"
    descending: bool = False

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = ["latest = 1"]
        params: list[Any] = []
        if self.industry:
            # A prefix as a range (C33 -> C33 <= code < C34): the index serves it, as LIKE would not.
            prefix = self.industry.strip().upper()
            clauses.append("industry_code >= ? AND industry_code < ?")
            params += [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
        if self.town:
            clauses.append("town = ?")
            params.append(self.town)
        if self.grade == 0:
            clauses.append("carbon_grade IS NULL")
        elif self.grade is not None:
            clauses.append("carbon_grade = ?")
            params.append(self.grade)
        if self.search.strip():
            clauses.append("(name LIKE ? ESCAPE '\\' OR credit_code LIKE ? ESCAPE '\\')")
            pattern = "%" + _escape_like(self.search.strip()) + "%"
            params += [pattern, pattern.upper()]
        return " AND ".join(clauses), params

    def order(self) -> str:
        column = SORTS.get(self.sort, "name")
        direction = "DESC" if self.descending else "ASC"
        # Missing values last whichever way; the credit code breaks ties so pages never overlap.
        if column == "credit_code":
            return f"credit_code {direction}"
        return f"{column} {direction} NULLS LAST, credit_code {direction}"

    def index(self) -> str:
        """The index a count should read: the search's (name, credit_code) when searching, else the sort's."""
        return "register_name" if self.search.strip() else f"register_{SORTS.get(self.sort, 'name')}"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def register_count(db: Database, query: RegisterQuery) -> int:
    where, params = query.where()
    # Searching, the planner would count through the narrowest index and read every row for the LIKE.
    hint = f" INDEXED BY {query.index()}" if query.search.strip() else ""
    return int(db.execute(f"SELECT count(*) FROM audit_summary{hint} WHERE {where}", params).fetchone()[0])


def register_page(db: Database, query: RegisterQuery, offset: int = 0, limit: int = 200) -> list[dict[str, Any]]:
    """One page of the register: each enterprise's latest audit row, filtered and ordered in SQL."""
    where, params = query.where()
    sql = f"SELECT * FROM audit_summary WHERE {where} ORDER BY {query.order()} LIMIT ? OFFSET ?"
    return _dicts(db.execute(sql, [*params, limit, offset]))


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def choices(db: Database, column: str) -> list[str]:
    """The values a filter can take (industries or towns of the register), sorted."""
    if column not in ("industry_code", "town"):
        raise ValueError(column)
    sql = f"SELECT DISTINCT {column} FROM audit_summary WHERE latest = 1 AND {column} != '' ORDER BY {column}"
    return [row[0] for row in db.execute(sql)]


def enterprise_audits(db: Database, credit_code: str) -> list[dict[str, Any]]:
    """Every audit of one enterprise, oldest first: the trend across years (each row names its audit and revision)."""
    return _dicts(
        db.execute(
            "SELECT * FROM audit_summary WHERE credit_code = ? ORDER BY period_end IS NULL, period_end, audit_uuid",
            [credit_code],
        )
    )


def audit_row(db: Database, audit_uuid: str) -> dict[str, Any] | None:
    rows = _dicts(db.execute("SELECT * FROM audit_summary WHERE audit_uuid = ?", [audit_uuid]))
    return rows[0] if rows else None


def audit_measures(db: Database, audit_uuid: str) -> list[dict[str, Any]]:
    return _dicts(db.execute("SELECT * FROM audit_measure WHERE audit_uuid = ? ORDER BY position", [audit_uuid]))


def audit_water_checks(db: Database, audit_uuid: str) -> list[dict[str, Any]]:
    return _dicts(db.execute("SELECT * FROM audit_water_check WHERE audit_uuid = ? ORDER BY position", [audit_uuid]))


def statuses_of(row: Mapping[str, Any]) -> dict[str, str]:
    """The verification status ([V]/[D]/[C]/[U]) of each figure of a register row, by column."""
    loaded: dict[str, str] = json.loads(row.get("statuses") or "{}")
    return loaded


TREND_COLUMNS = (
    "energy_tce",
    "intensity_tce_per_10k_yuan",
    "co2_t",
    "carbon_l",
    "carbon_grade",
    "water_repeated_rate_pct",
)


def trend(db: Database, credit_code: str) -> dict[str, list[tuple[str, int, str, float | None]]]:
    """Per figure: (period end, revision, audit uuid, value) for every audit of the enterprise, oldest first."""
    series: dict[str, list[tuple[str, int, str, float | None]]] = {column: [] for column in TREND_COLUMNS}
    for row in enterprise_audits(db, credit_code):
        for column in TREND_COLUMNS:
            series[column].append((row["period_end"] or "", row["revision"], row["audit_uuid"], row[column]))
    return series


def iter_register(db: Database, query: RegisterQuery, block: int = 2000) -> Iterator[dict[str, Any]]:
    """Every row of the register in order, read in blocks (the workbook writes all of them)."""
    offset = 0
    while rows := register_page(db, query, offset, block):
        yield from rows
        offset += len(rows)


WATER_COLUMNS = (
    "credit_code, name, industry_code, town, audit_uuid, revision, year, water_valid_test, water_evaluation, "
    "water_reasons_en, water_reasons_zh, water_repeated_rate_pct, water_per_10k_value_added_m3, water_leak_rate_pct, "
    "water_wastewater_reuse_pct, statuses"
)


def water_list(db: Database) -> list[dict[str, Any]]:
    """Water-conserving enterprises (latest audit): valid water-balance test or not, GB/T 7119 outcome and why.

    Passing enterprises first, then failing, then those that cannot be evaluated or have no test.
    """
    order = "CASE water_evaluation WHEN 'pass' THEN 0 WHEN 'fail' THEN 1 WHEN 'cannot_evaluate' THEN 2 ELSE 3 END"
    return _dicts(db.execute(f"SELECT {WATER_COLUMNS} FROM audit_summary WHERE latest = 1 ORDER BY {order}, name"))
