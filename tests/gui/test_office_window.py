"""The office window: filter the register, open an enterprise's trends, add a progress entry and undo it."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from audit.office import register, reserve
from audit.office.database import OfficeDatabase
from audit.office.reserve import ReserveStatus
from gui.main_window import MainWindow
from gui.office.carbon import CarbonTab
from gui.office.register import RegisterTab
from gui.office.reserve import ReserveTab
from gui.office.water import WaterTab
from gui.office.window import OfficeWindow
from tests.audit.office.builder import Audited, audited_variants


@pytest.fixture
def office(tmp_path: Path, demo_path: Path) -> Iterator[OfficeDatabase]:
    database = OfficeDatabase.create(tmp_path / "county.fieldoffice", officer="tester")
    with database.transaction() as db:
        for audit in audited_variants(demo_path):
            register.store_summary(db, audit.summary)
    yield database
    database.close()


T = TypeVar("T")


def _tab(office_window: OfficeWindow, kind: type[T]) -> T:
    """The tab of this class (tabs of other modules, such as the conflicts tab, may come between)."""
    for index in range(office_window.tabs.count()):
        widget = office_window.tabs.widget(index)
        if isinstance(widget, kind):
            office_window.tabs.setCurrentIndex(index)
            return widget
    raise AssertionError(f"no {kind.__name__}")


def _names(tab: RegisterTab) -> list[str]:
    return [tab.model.row(n)["name"] for n in range(tab.model.rowCount())]


def test_tabs_are_found_in_their_order(office_window: OfficeWindow) -> None:
    tabs = [type(office_window.tabs.widget(n)) for n in range(office_window.tabs.count())]
    ours = [kind for kind in tabs if kind in (RegisterTab, CarbonTab, ReserveTab, WaterTab)]
    assert ours == [RegisterTab, CarbonTab, ReserveTab, WaterTab]
    assert office_window.tab("Register") is _tab(office_window, RegisterTab)


def test_filter_search_and_sort_the_register(
    qtbot: QtBot, office_window: OfficeWindow, qtmodeltester: ModelTester
) -> None:
    tab = _tab(office_window, RegisterTab)
    qtmodeltester.check(tab.model)
    assert sorted(_names(tab)) == _names(tab) and len(_names(tab)) == 3
    tab.town.setCurrentIndex(tab.town.findData("马鞍街道"))
    assert _names(tab) == ["永通染整"] and tab.count.text() == "Enterprises: 1"
    tab.town.setCurrentIndex(0)
    qtbot.keyClicks(tab.search, "913306007")
    qtbot.waitUntil(lambda: _names(tab) == ["永通染整"], timeout=2000)
    tab.search.clear()
    qtbot.waitUntil(lambda: len(_names(tab)) == 3, timeout=2000)
    tab.grade.setCurrentIndex(tab.grade.findData(4))
    assert _names(tab) == ["华舍纺织"]
    tab.grade.setCurrentIndex(0)
    column = [c.key for c in tab.model.columns].index("carbon_l")
    tab.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    shown = [tab.model.row(n)["carbon_l"] for n in range(3)]
    assert shown == sorted(shown, reverse=True) and len(set(shown)) == 3 and tab.model.query.sort == "carbon_l"


def test_every_number_says_which_audit_and_revision_it_came_from(office_window: OfficeWindow, demo_path: Path) -> None:
    tab = _tab(office_window, RegisterTab)
    column = [c.key for c in tab.model.columns].index("co2_t")
    for row in range(tab.model.rowCount()):
        shown = tab.model.row(row)
        tip = tab.model.data(tab.model.index(row, column), Qt.ItemDataRole.ToolTipRole)
        assert f"From audit {shown['audit_uuid']}, revision {shown['revision']}" in tip
        assert "[U]" in tip  # the CO2 of the demo rests on unverified factors


def test_open_an_enterprise_shows_its_trends(qtbot: QtBot, office_window: OfficeWindow, demo_path: Path) -> None:
    tab = _tab(office_window, RegisterTab)
    row = _names(tab).index("恒盛印染")
    dialog = tab.open_enterprise(tab.model.index(row, 0))
    assert dialog is not None
    qtbot.addWidget(dialog)
    audits: list[Audited] = [a for a in audited_variants(demo_path) if a.summary.credit_code == "91330621MA2BX7Q48L"]
    assert [dialog.model.row(n)["audit_uuid"] for n in range(dialog.model.rowCount())] == [a.audit_uuid for a in audits]
    energy_axes = dialog.figure.axes[0]
    plotted = list(energy_axes.lines[0].get_ydata())
    assert plotted == [a.analysis.energy_total().value for a in audits]  # type: ignore[union-attr]
    assert [label.get_text() for label in energy_axes.get_xticklabels()] == ["2023", "2024", "2025"]
    assert len(dialog.figure.axes) == 6


def test_add_a_progress_entry_and_undo_it(
    qtbot: QtBot, office_window: OfficeWindow, office: OfficeDatabase, tmp_path: Path
) -> None:
    tab = _tab(office_window, ReserveTab)
    tab.month.setDate(QDate(2026, 3, 1))
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert tab.projects.rowCount() >= 8
    tab.projects_view.selectRow(0)
    project = tab.selected_project()
    assert project is not None
    reserve.update_project(office.db, project, start_month="2026-01", planned_completion="2026-06")
    tab.refresh()
    before = next(r for r in reserve.reserve(office.db, "2026-03") if r.project["id"] == project).status
    assert before is ReserveStatus.STALLED
    dialog = tab.ask_progress()
    assert dialog is not None
    dialog.percent.setValue(50.0)
    dialog.tce.setValue(1.5)
    qtbot.keyClicks(dialog.note, "boiler delivered")
    photo = tmp_path / "site.png"
    image = QImage(32, 24, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    assert image.save(str(photo))
    dialog.attach_photo(photo)
    dialog.accept()
    sha256 = hashlib.sha256(photo.read_bytes()).hexdigest()
    stored = office.db.execute("SELECT data FROM photo WHERE sha256 = ?", [sha256]).fetchone()
    assert stored is not None and stored[0] == photo.read_bytes()
    assert reserve.progress_entries(office.db, project)[0]["photo_sha256"] == sha256
    entries = reserve.progress_entries(office.db, project)
    assert [(e["month"], e["percent_complete"], e["achieved_tce"], e["note"]) for e in entries] == [
        ("2026-03", 50.0, 1.5, "boiler delivered")
    ]
    assert tab.entries.rowCount() == 1
    assert (
        next(r for r in reserve.reserve(office.db, "2026-03") if r.project["id"] == project).status
        is ReserveStatus.ON_TRACK
    )
    assert tab.projects.row(tab.projects_view.currentIndex().row())["status_text"] == "on track"
    assert office_window.undo_stack.undoText() == f"Add progress of {tab.projects.row(0)['title']}"
    office_window.undo_stack.undo()
    assert reserve.progress_entries(office.db, project) == [] and tab.entries.rowCount() == 0
    assert tab.projects.row(tab.projects_view.currentIndex().row())["status_text"] == "stalled"
    office_window.undo_stack.redo()
    assert len(reserve.progress_entries(office.db, project)) == 1 and tab.entries.rowCount() == 1


def test_export_the_workbook_from_the_window(office_window: OfficeWindow, tmp_path: Path) -> None:
    target = tmp_path / "county.xlsx"
    office_window.export(target, "2026-03")
    workbook = openpyxl.load_workbook(target, read_only=True)
    try:
        assert workbook.sheetnames == [
            "Register",
            "Carbon efficiency",
            "Project reserve",
            "Monthly progress",
            "Water conserving",
        ]
    finally:
        workbook.close()


def test_the_audit_window_offers_the_office(open_window: Callable[[], MainWindow]) -> None:
    office_window = open_window()
    file_menu = office_window.menuBar().actions()[0].menu()
    assert file_menu is not None
    assert "Open &office database…" in [action.text() for action in file_menu.actions()]


def test_edit_a_project_and_undo_it(qtbot: QtBot, office_window: OfficeWindow, office: OfficeDatabase) -> None:
    tab = _tab(office_window, ReserveTab)
    tab.month.setDate(QDate(2026, 3, 1))
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    tab.projects_view.selectRow(0)
    project = tab.selected_project()
    before = dict(tab.projects.row(0))
    dialog = tab.ask_project()
    assert dialog is not None and dialog.owner.text() == before["owner"]
    dialog.owner.clear()
    qtbot.keyClicks(dialog.owner, "Keqiao energy office")
    dialog.start.setDate(QDate(2026, 4, 1))
    dialog.completion.setDate(QDate(2026, 9, 1))
    dialog.accept()
    shown = next(r for r in reserve.reserve(office.db, "2026-03") if r.project["id"] == project)
    assert (shown.project["owner"], shown.project["start_month"], shown.project["planned_completion"]) == (
        "Keqiao energy office",
        "2026-04",
        "2026-09",
    )
    assert shown.status is ReserveStatus.ON_TRACK  # not started in March any more
    office_window.undo_stack.undo()
    again = next(r for r in reserve.reserve(office.db, "2026-03") if r.project["id"] == project)
    assert again.project["owner"] == before["owner"] and again.project["start_month"] == before["start_month"]


def test_a_tab_shown_again_reads_what_changed_meanwhile(
    office_window: OfficeWindow, office: OfficeDatabase, demo_path: Path
) -> None:
    tab = _tab(office_window, RegisterTab)
    assert tab.model.total == 3
    newcomer = audited_variants(demo_path)[0].summary
    other = dataclasses.replace(
        newcomer,
        audit_uuid="00000000-0000-0000-0000-0000000000aa",
        identity={**newcomer.identity, "credit_code": "91330600MA2C0NEW1X", "name": "新厂"},
    )
    with office.transaction() as db:
        register.store_summary(db, other)  # as an import in another tab would
    _tab(office_window, WaterTab)
    _tab(office_window, RegisterTab)
    assert tab.model.total == 4 and "新厂" in _names(tab)
