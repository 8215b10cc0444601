"""Importing packages from the conflicts tab: in the background, results listed, unknown signers on a yes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from audit.office.auditors import register_auditor
from audit.office.database import OfficeDatabase
from audit.packages.bag import export_package, mark_submitted
from audit.packages.keys import load_or_create_key
from gui.office.conflicts import ConflictsTab


def test_import_lists_each_package_and_accepts_an_unknown_signer_on_yes(
    qtbot: QtBot, office: OfficeDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = load_or_create_key("Wang", tmp_path / "known")
    stranger = load_or_create_key("Zhao", tmp_path / "stranger")
    key_file = tmp_path / "wang.pub.json"
    key_file.write_bytes(known.public.file_bytes())
    register_auditor(office, key_file)
    packages = []
    for name, key in (("wang", known), ("zhao", stranger)):
        with AuditDocument.create(tmp_path / f"{name}.fieldaudit", author=name) as document:
            document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
            exported = export_package(document, tmp_path / f"{name}.zip", key)
            mark_submitted(document, exported)
        packages.append(tmp_path / f"{name}.zip")
    asked: list[str] = []

    def answer(parent: object, title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    tab = ConflictsTab(office)
    qtbot.addWidget(tab)
    tab.import_paths(packages)
    qtbot.waitUntil(lambda: len(asked) == 1 and tab.import_button.isEnabled(), timeout=30_000)
    assert "1 package(s) are signed by keys not registered here" in asked[0]
    qtbot.waitUntil(lambda: [o.merged for o in tab.last_outcomes] == [True], timeout=30_000)
    receipts = office.connection.execute("SELECT trusted, accepted_by FROM package_receipt ORDER BY trusted").fetchall()
    assert receipts == [(0, "officer"), (1, None)]
    assert "merged audit" in tab.import_result.text()


def test_cancel_stops_between_packages_and_keeps_those_merged(
    qtbot: QtBot, office: OfficeDatabase, tmp_path: Path
) -> None:
    key = load_or_create_key("Wang", tmp_path / "key")
    key_file = tmp_path / "wang.pub.json"
    key_file.write_bytes(key.public.file_bytes())
    register_auditor(office, key_file)
    (tmp_path / "inbox").mkdir()
    for number in range(6):
        with AuditDocument.create(tmp_path / f"{number}.fieldaudit", author="wang") as document:
            document.records.add("motor", {"tag": f"M-{number}", "location": "dyeing", "rated_power_kw": 15})
            export_package(document, tmp_path / "inbox" / f"{number}.zip", key)
    tab = ConflictsTab(office)
    qtbot.addWidget(tab)
    tab.import_paths([tmp_path / "inbox"])
    assert tab.job is not None and not tab.import_button.isEnabled()
    tab.job.signals.progressed.connect(lambda done, total, name: done >= 1 and tab.job and tab.job.cancel())
    with qtbot.waitSignal(tab.job.signals.cancelled, timeout=60_000):
        pass
    assert tab.import_button.isEnabled()
    merged = office.connection.execute("SELECT count(*) FROM package_receipt").fetchone()[0]
    assert 1 <= merged < 6
    assert office.connection.execute("SELECT count(DISTINCT audit_uuid) FROM office_record").fetchone()[0] == merged
