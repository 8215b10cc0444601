"""Long domain work stops at its next checkpoint once its worker is asked to stop (issue 15: quitting never waits)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from audit.cancel import Cancelled, cancellable, checkpoint
from audit.document import AuditDocument, check_integrity
from audit.problems import computed_problems


def test_outside_a_cancellable_block_checkpoints_do_nothing(demo_path: Path) -> None:
    checkpoint()
    with AuditDocument.open(demo_path, read_only=True) as document:
        found = computed_problems(document)
        with cancellable(lambda: False):
            assert computed_problems(document) == found


def test_the_computed_problems_stop_when_asked(demo_path: Path) -> None:
    asked: list[bool] = []

    def should_stop() -> bool:
        asked.append(True)
        return len(asked) > 3  # the first checkpoints pass, a later one stops the work

    with AuditDocument.open(demo_path, read_only=True) as document, pytest.raises(Cancelled), cancellable(should_stop):
        computed_problems(document)
    assert len(asked) == 4  # stopped at the first checkpoint after the request, not at the end


def test_a_reader_opened_by_a_job_is_interrupted_mid_statement(demo_path: Path) -> None:
    stop = False
    with cancellable(lambda: stop), AuditDocument.open(demo_path, read_only=True) as document:
        readings = document.records.list("water_reading")
        assert readings
        stop = True
        with pytest.raises(Cancelled), cancellable(lambda: stop):
            document.records.list("water_reading")


def test_opening_stops_checking_the_file_when_asked(demo_path: Path) -> None:
    with pytest.raises(Cancelled), cancellable(lambda: True):
        AuditDocument.open(demo_path, read_only=True)
    # Asked by nobody, the same file opens (the stop was not mistaken for damage or a slow disk).
    with AuditDocument.open(demo_path, read_only=True) as document:
        assert document.records.count("water_reading") > 0


def test_the_integrity_check_stops_when_asked_and_is_not_taken_for_damage(tmp_path: Path) -> None:
    # quick_check is one step for SQLite, which its progress handler does not see: a stop request
    # interrupts it from a watcher thread (a large audit's check held quitting 0.3 s).
    path = tmp_path / "large.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE reading (id INTEGER PRIMARY KEY, value BLOB)")
    connection.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) "
        "INSERT INTO reading SELECT i, randomblob(60) FROM n"
    )
    connection.commit()
    connection.close()
    with pytest.raises(Cancelled), cancellable(lambda: True):
        check_integrity(path)
    check_integrity(path)  # asked by nobody, the same file passes
