"""The .ts files are complete, cover every string in gui/, and the compiled .qm files are up to date."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET  # only for the Element type
from pathlib import Path

import pytest
from defusedxml import ElementTree as defused

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    found = []
    for context in defused.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{ts.name}: {name}: message without translation element"
            found.append((name, message.findtext("source") or "", translation))
    return found


def live(translation: ET.Element) -> bool:
    return translation.get("type") not in ("vanished", "obsolete")


def test_there_is_a_chinese_catalogue_for_the_gui() -> None:
    assert (I18N / "gui_zh_CN.ts").exists()
    assert (I18N / "gui_zh_CN.qm").exists()


@pytest.mark.parametrize("ts", sorted(I18N.glob("*.ts")), ids=lambda p: p.name)
def test_every_translation_is_finished_and_not_empty(ts: Path) -> None:
    problems = [
        f"{context}: {source!r}"
        for context, source, translation in messages(ts)
        if live(translation) and (translation.get("type") == "unfinished" or not (translation.text or "").strip())
    ]
    assert problems == []


@pytest.mark.parametrize("ts", sorted(I18N.glob("*.ts")), ids=lambda p: p.name)
def test_placeholders_and_mnemonics_survive_translation(ts: Path) -> None:
    for context, source, translation in messages(ts):
        if not live(translation):
            continue
        text = translation.text or ""
        for placeholder in ("%1", "%2", "%3"):
            assert (placeholder in source) == (placeholder in text), f"{context}: {source!r} -> {text!r}"
        if "&" in source.replace("&&", "") and "(*" not in source:
            assert "&" in text, f"{context}: {source!r} lost its keyboard mnemonic in {text!r}"


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate is not installed")
def test_lupdate_finds_no_string_missing_from_the_committed_ts_files(tmp_path: Path) -> None:
    sources = sorted(str(p) for p in (ROOT / "gui").rglob("*.py"))  # gui/panels/ too
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pyside6-lupdate", *sources, "-ts", str(fresh)], check=True, capture_output=True, cwd=ROOT)
    wanted = {(context, source) for context, source, _ in messages(fresh)}
    committed = {
        (context, source)
        for ts in I18N.glob("*.ts")
        for context, source, translation in messages(ts)
        if live(translation)
    }
    assert sorted(wanted - committed) == []


@pytest.mark.skipif(shutil.which("pyside6-lrelease") is None, reason="pyside6-lrelease is not installed")
@pytest.mark.parametrize("ts", sorted(I18N.glob("*.ts")), ids=lambda p: p.name)
def test_committed_qm_matches_its_ts(ts: Path, tmp_path: Path) -> None:
    built = tmp_path / ts.with_suffix(".qm").name
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(built)], check=True, capture_output=True)
    assert built.read_bytes() == ts.with_suffix(".qm").read_bytes(), f"run pyside6-lrelease on {ts.name}"


def test_units_beside_values_follow_the_interface_language() -> None:
    from PySide6.QtCore import QLocale

    from gui.form.editors import unit_label

    previous = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        assert (unit_label("10k yuan"), unit_label("persons"), unit_label("kW")) == ("万元", "人", "kW")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        assert unit_label("10k yuan") == "10k yuan"
    finally:
        QLocale.setDefault(previous)
