"""The indicator catalogue is whole: every computed key is declared with its unit, and every key a card or a test names exists."""

from __future__ import annotations

import re
from pathlib import Path

from audit.analysis import Analysis, analyse_document
from audit.document import AuditDocument
from audit.indicators.catalogue import CATALOGUE, entry

ROOT = Path(__file__).resolve().parents[2]
# Where code names an indicator key: lookups, cards, comparisons, the tests' value()/outcome maps.
NAMED = re.compile(
    r"""(?:indicator|card|comparisons_for|value\(\s*\w+\s*,|outcomes?\[|key\s*==)\s*\(?\s*"([a-z0-9_]+(?:\.[^"\s]+)+)\""""
)


def _demo(demo_path: Path) -> Analysis:
    with AuditDocument.open(demo_path, read_only=True) as document:
        return analyse_document(document)


def test_every_indicator_of_the_demo_is_declared_with_its_unit(demo_path: Path) -> None:
    analysis = _demo(demo_path)
    computed = list(analysis.indicators())
    assert len(computed) > 100
    undeclared = sorted({i.key for i in computed if entry(i.key) is None})
    assert undeclared == []
    wrong_unit = sorted({(i.key, i.unit) for i in computed if not entry(i.key).unit_matches(i.unit)})  # type: ignore[union-attr]
    assert wrong_unit == []


def test_keys_are_stable_whatever_the_settings(demo_path: Path) -> None:
    analysis = _demo(demo_path)
    keys = {i.key for i in analysis.energy.indicators}
    # Both bases are always present; the one the audit chose is the headline, once per period.
    for period in ("audit", "comparison"):
        both = [i for i in analysis.energy.indicators if i.key.startswith(f"energy.{period}.total.")]
        assert {i.key for i in both} == {f"energy.{period}.total.equivalent", f"energy.{period}.total.equal_value"}
        assert sum(i.headline for i in both) == 1
    # No key carries user text: product keys end in the uuid of a record of the audit.
    products = [k for k in keys if k.startswith("energy.intensity.product.") and not k.endswith(".all")]
    assert products
    for key in products:
        assert re.fullmatch(r"energy\.intensity\.product\.[0-9a-f-]{36}", key), key


def test_every_key_named_in_code_and_tests_is_declared() -> None:
    named: dict[str, str] = {}
    for folder in ("gui", "tests", "audit"):
        for path in (ROOT / folder).rglob("*.py"):
            for key in NAMED.findall(path.read_text(encoding="utf-8")):
                named.setdefault(key, str(path.relative_to(ROOT)))
    from gui.analysis.indicators_panel import CARD_KEYS

    named.update({key: "gui/analysis/indicators_panel.py CARD_KEYS" for key in CARD_KEYS})
    assert len(named) > 30
    # Flag codes (water.no_test …) are not indicators; everything else named must be declared.
    missing = {key: where for key, where in named.items() if entry(key) is None and key not in _FLAG_CODES}
    assert missing == {}


def _flag_codes() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "audit" / "water").glob("*.py"):
        codes.update(re.findall(r'Flag\(\s*"([a-z0-9_.]+)"', path.read_text(encoding="utf-8")))
        codes.update(re.findall(r'"(water\.[a-z0-9_]+)",\s*\n?\s*Severity', path.read_text(encoding="utf-8")))
    return codes


_FLAG_CODES = _flag_codes()


def test_catalogue_declares_each_pattern_once() -> None:
    patterns = [e.pattern for e in CATALOGUE]
    assert len(patterns) == len(set(patterns))
    assert all(e.label.en and e.label.zh for e in CATALOGUE)
    assert {e.kind for e in CATALOGUE} == {"energy", "carbon", "equipment", "water", "comparison"}
