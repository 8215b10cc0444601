"""A writable copy of the demo audit per test, and helpers that ask whether a rule fired."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.document import AuditDocument


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path) -> Iterator[AuditDocument]:
    target = tmp_path / "demo.fieldaudit"
    shutil.copyfile(demo_path, target)
    with AuditDocument.open(target, author="tester") as document:
        yield document
