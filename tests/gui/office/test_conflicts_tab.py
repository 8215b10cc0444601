"""The office's conflicts tab: both versions side by side, keep one, and the database says so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from audit.office.conflicts import edit_record, open_conflicts
from audit.office.database import OfficeDatabase
from audit.office.importing import merge_package
from audit.office.records import stored_records
from gui.office.conflicts import ConflictsTab, make_tab
from tests.audit.office.json_packages import package_of


def _conflict(office: OfficeDatabase, tmp_path: Path) -> str:
    with AuditDocument.create(tmp_path / "plant.fieldaudit", author="wang") as document:
        document.records.add("enterprise", {"name": "Keqiao Dyeing", "credit_code": "91330621MA2BX7Q48L"})
        motor = document.records.add("motor", {"tag": "M-7", "location": "dyeing", "rated_power_kw": 15})
        first = package_of(document, 1)
        merge_package(office, first, "1.zip")
        edit_record(office, first.audit_uuid, motor, {"location": "printing"})
        document.records.update(motor, {"rated_power_kw": 18.5})
        merge_package(office, package_of(document, 2), "2.zip")
    return motor


def test_the_tab_shows_both_versions_and_take_package_settles(
    qtbot: QtBot,
    qtmodeltester,
    office: OfficeDatabase,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    motor = _conflict(office, tmp_path)
    tab = make_tab(office, None)  # type: ignore[arg-type]
    qtbot.addWidget(tab)
    assert isinstance(tab, ConflictsTab) and tab.windowTitle() == "Conflicts"
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.comparison)
    assert tab.model.rowCount() == 1
    row = [tab.model.index(0, column).data() for column in range(tab.model.columnCount())]
    assert row[0] == "Keqiao Dyeing" and "M-7" in row[1] and "officer" in row[2] and "wang" in row[3]
    assert "Location" in row[4] and "Rated power" in row[4]
    compared = {
        tab.comparison.index(r, 0).data(): (tab.comparison.index(r, 1).data(), tab.comparison.index(r, 2).data())
        for r in range(tab.comparison.rowCount())
    }
    assert compared["Location (workshop, line)"] == ("printing", "dyeing")
    assert compared["Rated power"] == ("15 kW", "18.5 kW")
    bold = tab.comparison.index(list(compared).index("Location (workshop, line)"), 0).data(Qt.ItemDataRole.FontRole)
    assert bold is not None and bold.bold()
    qtbot.mouseClick(tab.take_package, Qt.MouseButton.LeftButton)
    assert open_conflicts(office) == []
    held = stored_records(office, office.connection.execute("SELECT audit_uuid FROM audit").fetchone()[0])[motor]
    assert (held.values["location"], held.values["rated_power_kw"]) == ("dyeing", 18.5)
    assert tab.model.rowCount() == 0 and tab.summary.text() == "No conflicts to settle."
    assert not tab.keep_office.isEnabled()
