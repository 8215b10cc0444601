"""Units as each language writes them: symbols (kW, m³/h, °C) are shared, words are translated."""

from __future__ import annotations

from forms.spec import Text

# Whole units written with words in the form definitions and results.
UNIT_WORDS: dict[str, str] = {
    "persons": "人",
    "d": "天",
    "d/a": "天/年",
    "h/d": "h/天",
    "kJ per kg or m³": "kJ/kg 或 kJ/m³",
    "grade": "级",
}
# Words inside composite units (tce/10k yuan, L/(person·d)); longest first so "10k yuan" wins over "yuan".
UNIT_PARTS: tuple[tuple[str, str], ...] = (("10k yuan", "万元"), ("yuan", "元"), ("person", "人"), ("grade", "级"))


def unit_label(unit: str | None, language: str) -> str:
    """A unit as a reader of `language` writes it ("10k yuan" → "万元", "tCO2/10k yuan" → "tCO2/万元")."""
    if not unit:
        return ""
    if not language.lower().startswith("zh"):
        return unit
    if unit in UNIT_WORDS:
        return UNIT_WORDS[unit]
    for en, zh in UNIT_PARTS:
        unit = unit.replace(en, zh)
    return unit


def unit_text(unit: str | None) -> Text:
    return Text(unit_label(unit, "en"), unit_label(unit, "zh"))
