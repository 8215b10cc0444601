"""The office register at province scale: 50,000 enterprises, 200,000 audits; first page, filters and sorts.

    python bench/bench_office.py [--enterprises 50000] [--audits-per-enterprise 4] [--runs 5]

The office database is generated directly in SQL (seconds, not hours of analyse()). Each figure is
printed next to a plain SQL query returning the same rows (the floor: one SELECT with the same WHERE,
ORDER BY and LIMIT, no Python around it). Goals (issue 14): first paint < 0.3 s, a filter < 0.1 s.
"First paint" is the office register tab built on the database and shown (offscreen Qt): the count,
the first page, the filter lists, the view laid out and painted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audit.lean_sqlite_utils import Database
from audit.office import register
from audit.office.database import OfficeDatabase
from audit.office.register import RegisterQuery

TOWNS = 30
INDUSTRIES = ("C1713", "C1751", "C2211", "C2614", "C3130", "C3311", "C3484", "C3670", "C3911", "C4417")


def generate(office: OfficeDatabase, enterprises: int, per_enterprise: int) -> None:
    """Fill the register tables in SQL: enterprises, then their audits (the last year is the latest)."""
    db = office.db
    with office.transaction():
        db.execute(
            f"""WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {enterprises - 1})
                INSERT INTO enterprise (credit_code, name, industry_code, industry_name, county, town, audits)
                SELECT printf('91330%013d', i), printf('企业%05d 有限公司', (i * 7919) % {enterprises}),
                       '{INDUSTRIES[0]}', '', '柯桥区', printf('镇%02d', i % {TOWNS}), {per_enterprise} FROM n"""
        )
        for code_index, code in enumerate(INDUSTRIES):
            db.execute(
                f"UPDATE enterprise SET industry_code = ? WHERE rowid % {len(INDUSTRIES)} = ?",
                [code, code_index],
            )
        db.execute(
            f"""WITH RECURSIVE y(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM y WHERE k < {per_enterprise - 1})
                INSERT INTO audit_summary (audit_uuid, revision, credit_code, name, industry_code, industry_name, county,
                    town, title, period_start, period_end, year, latest, energy_key, energy_tce,
                    intensity_tce_per_10k_yuan, co2_t, carbon_l, carbon_k, carbon_grade, water_repeated_rate_pct,
                    water_evaluation, findings_high, findings_medium, savings_tce, statuses, refreshed_at)
                SELECT printf('%08x-0000-4000-8000-%012d', e.rowid, k), 1 + k % 3, e.credit_code, e.name,
                    e.industry_code, '', e.county, e.town, '', printf('%d-01-01', 2026 - {per_enterprise} + k),
                    printf('%d-12-31', 2026 - {per_enterprise} + k), 2026 - {per_enterprise} + k,
                    k = {per_enterprise - 1}, 'energy.audit.total.equivalent',
                    ((e.rowid * 37 + k * 11) % 40000) / 1.3, ((e.rowid * 13 + k) % 500) / 100.0,
                    ((e.rowid * 53 + k * 7) % 90000) / 0.9, ((e.rowid * 17 + k) % 800) / 100.0,
                    ((e.rowid * 29 + k) % 300) / 100.0, 1 + (e.rowid / 30 + k) % 5, ((e.rowid * 3) % 900) / 10.0,
                    CASE (e.rowid + k) % 3 WHEN 0 THEN 'pass' WHEN 1 THEN 'fail' ELSE 'cannot_evaluate' END,
                    (e.rowid + k) % 9, (e.rowid * 7 + k) % 15, ((e.rowid * 19) % 5000) / 10.0,
                    '{{"energy_tce": "U", "co2_t": "U"}}', '2026-12-06T00:00:00+00:00'
                FROM enterprise e CROSS JOIN y"""
        )
        db.execute(
            "UPDATE enterprise SET latest_audit_uuid = printf('%08x-0000-4000-8000-%012d', rowid, ?)",
            [per_enterprise - 1],
        )
    db.execute("ANALYZE")


def median_seconds(action: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def plain(db: Database, where: str, params: list[Any], order: str, offset: int) -> Callable[[], list[Any]]:
    """The floor: the same rows by one SELECT, no count, no dicts."""
    sql = f"SELECT * FROM audit_summary WHERE {where} ORDER BY {order} LIMIT 200 OFFSET {offset}"
    return lambda: db.execute(sql, params).fetchall()


CASES: list[tuple[str, RegisterQuery]] = [
    ("first page (by name)", RegisterQuery()),
    ("filter: town", RegisterQuery(town="镇07")),
    ("filter: industry prefix C33", RegisterQuery(industry="C33")),
    ("filter: grade 5", RegisterQuery(grade=5)),
    ("filter: town + grade 4", RegisterQuery(town="镇07", grade=4)),
    ("search: name part", RegisterQuery(search="0421")),
    ("sort: CO2 descending", RegisterQuery(sort="co2", descending=True)),
    ("sort: energy, page 100", RegisterQuery(sort="energy")),
]


def sql_cases(db: Database, runs: int) -> list[tuple[str, float, float, int]]:
    rows = []
    for name, query in CASES:
        offset = 99 * 200 if "page 100" in name else 0

        def ours(query: RegisterQuery = query, offset: int = offset) -> tuple[int, list[dict[str, Any]]]:
            return register.register_count(db, query), register.register_page(db, query, offset, 200)

        where, params = query.where()
        floor = plain(db, where, params, query.order(), offset)
        ours_s, (count, page) = median_seconds(ours, runs)
        floor_s, floor_rows = median_seconds(floor, runs)
        assert [row["audit_uuid"] for row in page] == [row[0] for row in floor_rows], name
        rows.append((name, ours_s, floor_s, count))
    return rows


def gui_first_paint(office: OfficeDatabase, runs: int) -> tuple[float, float]:
    """The register tab built and painted; then a filter applied and repainted (medians, seconds)."""
    from PySide6.QtWidgets import QApplication

    from gui.office.register import RegisterTab

    app = QApplication.instance() or QApplication([])
    paints, filters = [], []
    for _ in range(runs):
        start = time.perf_counter()
        tab = RegisterTab(office)
        tab.resize(1280, 800)
        tab.show()
        app.processEvents()
        tab.view.viewport().repaint()
        paints.append(time.perf_counter() - start)
        start = time.perf_counter()
        tab.town.setCurrentIndex(8)  # currentIndexChanged applies the filter
        tab.view.viewport().repaint()
        app.processEvents()
        filters.append(time.perf_counter() - start)
        tab.close()
        tab.deleteLater()
        app.processEvents()
    return statistics.median(paints), statistics.median(filters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=50_000)
    parser.add_argument("--audits-per-enterprise", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "province.fieldoffice"
        office = OfficeDatabase.create(path)
        start = time.perf_counter()
        generate(office, args.enterprises, args.audits_per_enterprise)
        audits = office.db.execute("SELECT count(*) FROM audit_summary").fetchone()[0]
        print(
            f"office database: {args.enterprises:,} enterprises, {audits:,} audits, "
            f"generated in {time.perf_counter() - start:.1f} s, {path.stat().st_size / 1e6:.0f} MB"
        )
        print(f"{'query (count + 200 rows)':34} {'register':>10} {'plain SQL':>10} {'rows':>8}")
        for name, ours, floor, count in sql_cases(office.db, args.runs):
            print(f"{name:34} {ours * 1000:8.1f} ms {floor * 1000:8.1f} ms {count:8,}")
        paint, filtered = gui_first_paint(office, args.runs)
        print(f"GUI register tab first paint: {paint * 1000:.0f} ms (goal < 300 ms)")
        print(f"GUI filter by town, repainted: {filtered * 1000:.0f} ms (goal < 100 ms)")
        office.close()


if __name__ == "__main__":
    main()
