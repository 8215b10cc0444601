"""The office's review tab: a step with a comment shows in the history and the database; accept, return."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from audit.office.conflicts import Choice, open_conflicts, settle_conflict
from audit.office.database import OfficeDatabase
from audit.office.review import ReviewStatus
from gui.office.review import ReviewTab, make_tab
from tests.gui.office.test_conflicts_tab import _conflict


def _history(tab: ReviewTab) -> list[list[str]]:
    return [[row["status"], row["comment"]] for row in tab.history.rows]


def _shown(tab: ReviewTab, column: int) -> str:
    """What the audits table shows in the first row's `column`."""
    return str(tab.audits.data(tab.audits.index(0, column)))


@pytest.fixture
def tab(qtbot: QtBot, office: OfficeDatabase, tmp_path: Path) -> ReviewTab:
    """The review tab over an office holding one audit (two packages merged) with one open conflict."""
    _conflict(office, tmp_path)
    made = make_tab(office, None)  # type: ignore[arg-type]
    qtbot.addWidget(made)
    assert isinstance(made, ReviewTab) and made.windowTitle() == "Review"
    return made


def test_has_issues_needs_a_comment_then_shows_in_the_history_and_the_database(
    qtbot: QtBot, tab: ReviewTab, office: OfficeDatabase
) -> None:
    assert _shown(tab, 0) == "Keqiao Dyeing" and [_shown(tab, 3), _shown(tab, 4)] == ["received", "1"]
    before = _history(tab)
    assert [step[0] for step in before] == ["received", "received"]  # one per package merged

    qtbot.mouseClick(tab.buttons[ReviewStatus.HAS_ISSUES], Qt.MouseButton.LeftButton)
    assert tab.message.text() == "Say what the issues are (a comment)." and _history(tab) == before

    tab.comment.setPlainText("Motor M-7 nameplate photo missing.")
    qtbot.mouseClick(tab.buttons[ReviewStatus.HAS_ISSUES], Qt.MouseButton.LeftButton)
    assert _history(tab) == [*before, ["has issues", "Motor M-7 nameplate photo missing."]]
    assert _shown(tab, 3) == "has issues" and tab.comment.toPlainText() == ""
    stored = office.connection.execute(
        "SELECT a.review_status, r.comment, r.reviewed_by FROM audit a JOIN review r USING (audit_uuid) "
        "ORDER BY r.id DESC LIMIT 1"
    ).fetchone()
    assert stored == ("has_issues", "Motor M-7 nameplate photo missing.", office.officer)


def test_accept_is_refused_while_a_conflict_is_open_and_return_writes_the_review(
    qtbot: QtBot, tab: ReviewTab, office: OfficeDatabase, tmp_path: Path
) -> None:
    qtbot.mouseClick(tab.buttons[ReviewStatus.ACCEPTED], Qt.MouseButton.LeftButton)
    assert tab.message.text() == "1 conflict(s) of this audit are not settled; settle them before accepting it."
    assert _shown(tab, 3) == "received"
    settle_conflict(office, open_conflicts(office)[0].id, Choice.PACKAGE)
    tab.refresh()
    tab.comment.setPlainText("Figures checked.")
    qtbot.mouseClick(tab.buttons[ReviewStatus.ACCEPTED], Qt.MouseButton.LeftButton)
    assert [_shown(tab, 3), _shown(tab, 4)] == ["accepted", ""]

    target = tmp_path / "returned.zip"
    tab.return_to(target)
    assert tab.job is not None and not tab.return_button.isEnabled()
    qtbot.waitUntil(lambda: tab.job is None, timeout=60_000)
    assert tab.message.text().startswith(f"Returned to the auditor: {target} (package ")
    with zipfile.ZipFile(target) as package:
        review = json.loads(package.read("data/review.json"))
    assert review["status"] == "accepted"
    assert [step["comment"] for step in review["comments"]][-1] == "Figures checked."
