"""The office register's tables (enterprise, audit summaries, measures, water checks, project reserve).

They are a migration set of their own, applied by the office database with its own set
(`audit.office.database.MIGRATION_SETS`); the register and the reserve modules read and write them.
"""

from __future__ import annotations

from audit.lean_sqlite_utils import Database, Migrations

migrations = Migrations("fieldaudit-office-register")

# Register columns whose value is one indicator's value: column -> catalogue key.
INDICATOR_COLUMNS: dict[str, str] = {
    "intensity_tce_per_10k_yuan": "energy.intensity.value_added",
    "intensity_output_tce_per_10k_yuan": "energy.intensity.output_value",
    "co2_t": "carbon.total",
    "carbon_l": "carbon.intensity.value_added",
    "carbon_grade": "carbon.grade",
    "water_repeated_rate_pct": "water.repeated_utilisation_rate",
    "water_per_10k_value_added_m3": "water.new_water_per_10k_value_added",
    "water_leak_rate_pct": "water.leak_rate",
    "water_wastewater_reuse_pct": "water.wastewater_reuse_rate",
}
# K is not an indicator of its own: it is the input `k` of the grade (K = L ÷ industry average).
K_COLUMN = ("carbon_k", "carbon.grade", "k")
# The GB/T 7119 comparison that says whether the water-balance test gives a complete enterprise balance.
VALID_TEST_KEY = "gbt7119.basic.water_balance_test"
SEVERITIES = ("high", "medium", "low", "cannot_assess")
# Measure statuses that make a measure "accepted" (it may become a reserve project).
ACCEPTED = ("accepted", "implemented", "verified")

SUMMARY_COLUMNS: dict[str, str] = {
    "audit_uuid": "TEXT PRIMARY KEY",
    "revision": "INTEGER NOT NULL",
    "credit_code": "TEXT NOT NULL REFERENCES enterprise(credit_code)",
    "name": "TEXT NOT NULL DEFAULT ''",
    "industry_code": "TEXT NOT NULL DEFAULT ''",
    "industry_name": "TEXT NOT NULL DEFAULT ''",
    "county": "TEXT NOT NULL DEFAULT ''",
    "town": "TEXT NOT NULL DEFAULT ''",
    "title": "TEXT NOT NULL DEFAULT ''",
    "period_start": "TEXT",
    "period_end": "TEXT",
    "year": "INTEGER",
    "latest": "INTEGER NOT NULL DEFAULT 0",
    "energy_key": "TEXT",
    "energy_tce": "REAL",
    **{column: "INTEGER" if column == "carbon_grade" else "REAL" for column in INDICATOR_COLUMNS},
    "carbon_k": "REAL",
    "water_valid_test": "INTEGER",
    "water_evaluation": "TEXT",
    "water_reasons_en": "TEXT NOT NULL DEFAULT ''",
    "water_reasons_zh": "TEXT NOT NULL DEFAULT ''",
    **{f"findings_{severity}": "INTEGER NOT NULL DEFAULT 0" for severity in SEVERITIES},
    "savings_tce": "REAL",
    "savings_tco2": "REAL",
    "savings_water_m3": "REAL",
    "savings_yuan": "REAL",
    "investment_yuan": "REAL",
    "statuses": "TEXT NOT NULL DEFAULT '{}'",
    "refreshed_at": "TEXT NOT NULL",
}
# What the register can be sorted by: a name the GUI uses -> the column (never user text). Each has a
# partial index (column, credit_code) over the latest rows, so a sorted page is an index scan; the
# industry, town and grade filters use the same indexes, and the search scans (name, credit_code).
SORTS: dict[str, str] = {
    "name": "name",
    "credit_code": "credit_code",
    "industry": "industry_code",
    "town": "town",
    "year": "year",
    "energy": "energy_tce",
    "intensity": "intensity_tce_per_10k_yuan",
    "co2": "co2_t",
    "carbon_l": "carbon_l",
    "grade": "carbon_grade",
    "savings": "savings_tce",
}


@migrations()
def m001_register(db: Database) -> None:
    db.execute(
        """CREATE TABLE enterprise (
            credit_code TEXT PRIMARY KEY, name TEXT NOT NULL, industry_code TEXT NOT NULL DEFAULT '',
            industry_name TEXT NOT NULL DEFAULT '', county TEXT NOT NULL DEFAULT '', town TEXT NOT NULL DEFAULT '',
            latest_audit_uuid TEXT, audits INTEGER NOT NULL DEFAULT 0)"""
    )
    columns = ",\n".join(f"{name} {kind}" for name, kind in SUMMARY_COLUMNS.items())
    db.execute(f"CREATE TABLE audit_summary ({columns})")
    db.execute("CREATE INDEX audit_summary_enterprise ON audit_summary (credit_code, period_end)")
    for column in SORTS.values():
        tie = "" if column == "credit_code" else ", credit_code"
        db.execute(f"CREATE INDEX register_{column} ON audit_summary ({column}{tie}) WHERE latest = 1")
    db.execute(
        """CREATE TABLE audit_measure (
            audit_uuid TEXT NOT NULL REFERENCES audit_summary(audit_uuid) ON DELETE CASCADE,
            measure_key TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL,
            title_en TEXT NOT NULL, title_zh TEXT NOT NULL, status TEXT NOT NULL,
            tce REAL, tco2 REAL, water_m3 REAL, savings_yuan REAL, investment_yuan REAL, useful_life_years REAL,
            verification TEXT NOT NULL, PRIMARY KEY (audit_uuid, measure_key))"""
    )
    db.execute(
        """CREATE TABLE audit_water_check (
            audit_uuid TEXT NOT NULL REFERENCES audit_summary(audit_uuid) ON DELETE CASCADE,
            key TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL,
            label_en TEXT NOT NULL, label_zh TEXT NOT NULL, outcome TEXT NOT NULL, value REAL,
            unit TEXT NOT NULL, requirement TEXT NOT NULL, reason_en TEXT NOT NULL, reason_zh TEXT NOT NULL,
            status TEXT NOT NULL, PRIMARY KEY (audit_uuid, key))"""
    )


@migrations()
def m002_reserve(db: Database) -> None:
    db.execute(
        """CREATE TABLE project (
            id INTEGER PRIMARY KEY, audit_uuid TEXT NOT NULL REFERENCES audit_summary(audit_uuid),
            measure_key TEXT NOT NULL, revision INTEGER NOT NULL, credit_code TEXT NOT NULL,
            title_en TEXT NOT NULL, title_zh TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '',
            investment_yuan REAL, planned_tce REAL, planned_tco2 REAL, planned_water_m3 REAL,
            start_month TEXT NOT NULL, planned_completion TEXT NOT NULL, created_at TEXT NOT NULL,
            UNIQUE (audit_uuid, measure_key))"""
    )
    db.execute(
        """CREATE TABLE progress (
            id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES project(id),
            month TEXT NOT NULL, status TEXT NOT NULL, percent_complete REAL NOT NULL,
            investment_to_date_yuan REAL, achieved_tce REAL, achieved_tco2 REAL, achieved_water_m3 REAL,
            note TEXT NOT NULL DEFAULT '', photo_sha256 TEXT, entered_by TEXT NOT NULL DEFAULT '',
            entered_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
            CHECK (percent_complete BETWEEN 0 AND 100), CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'))"""
    )
    db.execute("CREATE INDEX progress_project ON progress (project_id, month)")
    db.execute("CREATE TABLE register_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
