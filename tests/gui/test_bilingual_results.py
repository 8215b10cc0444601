"""Every result table in one language: no Chinese in the English UI, no English sentences or codes in the Chinese UI."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTableView, QWidget
from pytestqt.qtbot import QtBot

from audit.document import AuditDocument
from audit.water.formula_text import FORMULA_ZH, formula_text, has_words
from audit.water.standards import citation_of, load_resource
from gui.analysis.indicators_panel import IndicatorsPanel
from gui.analysis.water_balance_panel import WaterBalancePanel
from gui.context import AppContext, DocumentSignals
from gui.i18n import install_translators, remove_translators

CJK = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff0c\u3001]")
# Two English words in a row ("technical indicators", "lowest unit"): a sentence left in English.
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{3,}\s+[A-Za-z]{3,}\b")
CODE = re.compile(r"\b[a-z]{2,}_[a-z0-9_]+\b")  # a field name or code (V_cr_m3_per_d is a symbol: capital V)
# Equipment grades quote the outdated catalogue's official Chinese item names; they have no English title.
CATALOGUE_COLUMN = ("EquipmentGradeModel", 6)


def user_texts(path: Path) -> list[str]:
    """Every text the user typed (enterprise, unit, product and equipment names), longest first."""
    texts: set[str] = set()
    with sqlite3.connect(path) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table in {"meta", "change_log", "form_definition", "attachment", "attachment_link"}:
                continue
            for row in db.execute(f'SELECT * FROM "{table}"'):  # table names from the file itself
                texts.update(value for value in row if isinstance(value, str) and CJK.search(value))
    return sorted(texts, key=len, reverse=True)


def cells(panel: QWidget, role: Qt.ItemDataRole) -> Iterator[tuple[str, int, str]]:
    for view in panel.findChildren(QTableView):
        model = view.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                value = model.index(row, column).data(role)
                if value:
                    yield type(model).__name__, column, str(value)


@pytest.fixture
def audit(demo_path: Path, tmp_path: Path) -> Iterator[AuditDocument]:
    path = tmp_path / "demo.fieldaudit"
    shutil.copy(demo_path, path)
    document = AuditDocument.open(path, author="tester")
    yield document
    document.close()


def shown_panels(qtbot: QtBot, audit: AuditDocument, tmp_path: Path, language: str) -> list[QWidget]:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    context = AppContext(audit, QUndoStack(), settings, DocumentSignals(), language)
    water, indicators = WaterBalancePanel(context), IndicatorsPanel(context)
    for panel in (water, indicators):
        qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: water.result is not None and indicators.report is not None, timeout=60_000)
    return [water, indicators]


def without_user_text(text: str, users: list[str]) -> str:
    for typed in users:
        text = text.replace(typed, "")
    return text


def test_the_english_ui_shows_no_chinese_but_the_users_own(qtbot: QtBot, audit: AuditDocument, tmp_path: Path) -> None:
    users = user_texts(audit.path)
    mixed = [
        (model, column, text)
        for panel in shown_panels(qtbot, audit, tmp_path, "en")
        for model, column, text in cells(panel, Qt.ItemDataRole.DisplayRole)
        if (model, column) != CATALOGUE_COLUMN and CJK.search(without_user_text(text, users))
    ]
    assert mixed == []
    sources = [
        text
        for _, column, text in cells(shown_panels(qtbot, audit, tmp_path, "en")[0], Qt.ItemDataRole.DisplayRole)
        if column == 5 and "7119" in text
    ]
    assert (
        "Provincial water-saving enterprise notice (2019), under GB/T 7119-2018, Annex 2, basic requirements" in sources
    )


def test_the_chinese_ui_shows_no_english_sentence_nor_code(qtbot: QtBot, audit: AuditDocument, tmp_path: Path) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    translators = install_translators(app, "zh")
    try:
        panels = shown_panels(qtbot, audit, tmp_path, "zh")
        shown = [
            (model, column, text)
            for panel in panels
            for model, column, text in cells(panel, Qt.ItemDataRole.DisplayRole)
        ]
    finally:
        remove_translators(app, translators)
    english = [(m, c, t) for m, c, t in shown if ENGLISH_WORDS.search(t) or CODE.search(t)]
    assert english == []
    formulas = {t for m, c, t in shown if m == "IndicatorsModel" and c == 4}
    assert "装有进水水表的单元数 / 单元数（k 级）× 100" in formulas
    assert any(
        t.startswith("省级节水型企业评价通知（2019），依据 GB/T 7119-2018，附件 技术指标")
        for m, c, t in shown
        if m == "ComparisonsModel"
    )


def test_water_tooltips_name_inputs_in_words_not_field_names(
    qtbot: QtBot, audit: AuditDocument, tmp_path: Path
) -> None:
    water = shown_panels(qtbot, audit, tmp_path, "en")[0]
    tips = [t for m, c, t in cells(water, Qt.ItemDataRole.ToolTipRole) if m == "IndicatorsModel"]
    assert any("Vf (m³/d): " in tip for tip in tips)  # the symbol of the formula, the unit apart
    for tip in tips:
        assert not re.search(r"_m3_per_[ad]\b|\bn_employees\b|_pct\b", tip), tip


def test_every_water_citation_and_worded_formula_has_both_languages() -> None:
    """Meta-test: a threshold whose clause has no bilingual text, or a new worded formula, fails here."""
    for name in ("gbt7119_thresholds.json", "gbt24789_metering.json"):
        data = load_resource(name)
        rules = [
            *data.get("basic_requirements", []),
            *data.get("equipment_rate_pct", []),
            *data.get("metering_rate_pct", []),
        ]
        rules += [rule for industry in data.get("industries", []) for rule in industry["thresholds"]]
        rules += [data["meter_accuracy_class"]] if "meter_accuracy_class" in data else []
        for rule in rules:
            cited = citation_of(rule)
            assert cited is not None, f"{name}: add {rule['clause']!r} to its source's 'clauses'"
            assert not CJK.search(cited.en) and not ENGLISH_WORDS.search(cited.zh), cited
    for formula in FORMULA_ZH:
        assert has_words(formula) and not ENGLISH_WORDS.search(formula_text(formula).zh)
