"""Office fixtures: a fresh office database on disk per test, filled with the demo audit as six audits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.lean_sqlite_utils import Database
from audit.office.register import store_summary
from audit.office.register_schema import migrations
from tests.audit.office.builder import Audited, audited_variants


@pytest.fixture(scope="session")
def audited(demo_path: Path) -> list[Audited]:
    return list(audited_variants(demo_path))


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
