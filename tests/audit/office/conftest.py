"""Register fixtures: a fresh office database on disk per test, filled with the demo audit as six audits."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.office.database import OfficeDatabase
from audit.office.register import store_summary
from tests.audit.office.builder import Audited, audited_variants


@pytest.fixture(scope="session")
def audited(demo_path: Path) -> list[Audited]:
    return list(audited_variants(demo_path))


@pytest.fixture
def filled(office: OfficeDatabase, audited: list[Audited]) -> OfficeDatabase:
    """The office with the six variant audits in its register."""
    with office.transaction() as db:
        for audit in audited:
            store_summary(db, audit.summary)
    return office
