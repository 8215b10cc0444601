"""Shared fixtures: a fresh audit file on disk per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# GUI tests need a platform before any QApplication exists; harmless for the rest.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from audit.document import AuditDocument
from audit.office.database import OfficeDatabase


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Files the app caches (rendered water-balance diagrams) go to the session's folder, not the user's."""
    from audit.water.diagram_cache import CACHE_ENV

    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before


@pytest.fixture(autouse=True)
def _config_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test (nor a command it runs) makes or reads an auditor key in the real config folder."""
    monkeypatch.setenv("FIELDAUDIT_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def audit_path(tmp_path: Path) -> Path:
    return tmp_path / "test.fieldaudit"


@pytest.fixture
def document(audit_path: Path) -> Iterator[AuditDocument]:
    doc = AuditDocument.create(audit_path, author="tester")
    yield doc
    doc.close()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo audit, built once per test session (read it, never write to it)."""
    from audit.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.fieldaudit")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[OfficeDatabase]:
    """A fresh office database (officer "officer"), closed after the test."""
    database = OfficeDatabase.create(tmp_path / "county.office", officer="officer")
    yield database
    database.close()
