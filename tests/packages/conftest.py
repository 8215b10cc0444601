"""Fixtures of the package tests: an auditor key, another one, and the demo audit's package (made once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.packages.bag import ExportedPackage, export_package
from audit.packages.keys import AuditorKey, load_or_create_key


@pytest.fixture(scope="session")
def auditor_key(tmp_path_factory: pytest.TempPathFactory) -> AuditorKey:
    return load_or_create_key("王建国", tmp_path_factory.mktemp("auditor-key"))


@pytest.fixture(scope="session")
def stranger_key(tmp_path_factory: pytest.TempPathFactory) -> AuditorKey:
    return load_or_create_key("Mallory", tmp_path_factory.mktemp("stranger-key"))


@pytest.fixture(scope="session")
def demo_package(
    demo_path: Path, auditor_key: AuditorKey, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, ExportedPackage]:
    """The demo audit's package (read it, never change it: copy it first)."""
    target = tmp_path_factory.mktemp("package") / "demo.zip"
    with AuditDocument.open(demo_path, read_only=True) as document:
        exported = export_package(document, target, auditor_key)
    return target, exported
