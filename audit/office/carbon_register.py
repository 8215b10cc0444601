"""The carbon-efficiency register (DB33/T 1347-2023 grades): distribution, moves, grade 4-5 with their measures.

Every figure is the register's (the grade each audit's `analyse()` gave, with its audit and revision);
the grouping is SQL over the latest audit of each enterprise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from audit.lean_sqlite_utils import Database
from audit.office.register_schema import ACCEPTED

GRADES = (1, 2, 3, 4, 5)
GROUPS = {"industry": "industry_code", "town": "town"}


@dataclass(frozen=True)
class GradeCounts:
    """Enterprises of one group (an industry or a town) by grade; `ungraded` have no grade (why is per audit)."""

    group: str
    label: str
    by_grade: dict[int, int]
    ungraded: int

    @property
    def total(self) -> int:
        return sum(self.by_grade.values()) + self.ungraded


def grade_distribution(db: Database, by: str) -> list[GradeCounts]:
    """How many enterprises (latest audit) have each grade, per industry or per town."""
    column = GROUPS[by]
    label = "max(industry_name)" if by == "industry" else "town"
    rows = db.execute(
        f"""SELECT {column}, {label}, carbon_grade, count(*) FROM audit_summary
            WHERE latest = 1 GROUP BY {column}, carbon_grade ORDER BY {column}"""
    ).fetchall()
    groups: dict[str, GradeCounts] = {}
    for group, name, grade, count in rows:
        counts = groups.setdefault(group, GradeCounts(group, name or group, dict.fromkeys(GRADES, 0), 0))
        if grade is None:
            groups[group] = GradeCounts(counts.group, counts.label, counts.by_grade, counts.ungraded + count)
        else:
            counts.by_grade[int(grade)] += count
    return list(groups.values())


def grade_moves(db: Database) -> list[dict[str, Any]]:
    """Enterprises whose latest grade differs from the grade of their audit before it (the year before)."""
    cursor = db.execute(
        """WITH ordered AS (
             SELECT credit_code, name, industry_code, town, audit_uuid, revision, year, carbon_grade, latest,
                    lag(carbon_grade) OVER w AS previous_grade, lag(year) OVER w AS previous_year,
                    lag(audit_uuid) OVER w AS previous_audit_uuid, lag(revision) OVER w AS previous_revision
             FROM audit_summary WINDOW w AS (PARTITION BY credit_code ORDER BY period_end, audit_uuid))
           SELECT * FROM ordered
           WHERE latest = 1 AND carbon_grade IS NOT NULL AND previous_grade IS NOT NULL
             AND carbon_grade != previous_grade
           ORDER BY carbon_grade - previous_grade DESC, name"""
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def low_grade(db: Database, grades: tuple[int, ...] = (4, 5)) -> list[dict[str, Any]]:
    """Enterprises graded 4 or 5 in their latest audit, each with the measures the expert accepted."""
    marks = ", ".join("?" for _ in grades)
    cursor = db.execute(
        f"""SELECT credit_code, name, industry_code, town, audit_uuid, revision, year, carbon_grade, carbon_k,
                   carbon_l, co2_t FROM audit_summary WHERE latest = 1 AND carbon_grade IN ({marks})
            ORDER BY carbon_grade DESC, carbon_k DESC, name""",
        list(grades),
    )
    names = [d[0] for d in cursor.description]
    enterprises = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    accepted = ", ".join("?" for _ in ACCEPTED)
    for enterprise in enterprises:
        measures = db.execute(
            f"""SELECT measure_key, title_en, title_zh, status, tce, tco2, water_m3, investment_yuan
                FROM audit_measure WHERE audit_uuid = ? AND status IN ({accepted}) ORDER BY position""",
            [enterprise["audit_uuid"], *ACCEPTED],
        )
        keys = [d[0] for d in measures.description]
        enterprise["measures"] = [dict(zip(keys, row, strict=True)) for row in measures.fetchall()]
    return enterprises
