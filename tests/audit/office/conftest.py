"""Office fixtures: a fresh office database on disk per test, filled with the demo audit as six audits."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from audit.analysis import Analysis, AnalysisInputs, analyse, load_inputs
from audit.document import AuditDocument
from audit.lean_sqlite_utils import Database
from audit.office.register import AuditSummary, store_summary, summarise
from audit.office.register_schema import migrations
from tests.audit.office.builder import VARIANTS, variant


@pytest.fixture(scope="session")
def demo_inputs(demo_path: Path) -> AnalysisInputs:
    with AuditDocument.open(demo_path, read_only=True) as document:
        return load_inputs(document)


@dataclass(frozen=True)
class Audited:
    """One variant audit: its uuid, inputs, what analyse() gave, and the register's summary of it."""

    audit_uuid: str
    inputs: AnalysisInputs
    analysis: Analysis
    summary: AuditSummary


@pytest.fixture(scope="session")
def audited(demo_inputs: AnalysisInputs) -> list[Audited]:
    """Every variant analysed once per session (uuids fixed: 00…01, 00…02, …)."""
    keys = [measure.key for measure in analyse(demo_inputs).measures.measures]
    result = []
    for n, v in enumerate(VARIANTS):
        inputs = variant(demo_inputs, v, keys)
        analysis = analyse(inputs)
        audit_uuid = str(uuid.UUID(int=n + 1))
        result.append(Audited(audit_uuid, inputs, analysis, summarise(analysis, inputs, audit_uuid, n + 1)))
    return result


@pytest.fixture
def register_db(tmp_path: Path) -> Iterator[Database]:
    db = Database(tmp_path / "office.sqlite")
    migrations.apply(db)
    yield db
    db.close()


@pytest.fixture
def filled_db(register_db: Database, audited: list[Audited]) -> Database:
    with register_db.conn:
        for audit in audited:
            store_summary(register_db, audit.summary)
    return register_db
