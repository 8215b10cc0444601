"""The water indicators' formulas in both languages: symbols stay, the words around them are translated."""

from __future__ import annotations

import re

from forms.spec import Text

# Keyed by the formula exactly as audit.water.indicators writes it; a formula of symbols only
# ("R = Vr / (Vf + Vr) × 100") reads the same in both languages and needs no entry.
FORMULA_ZH: dict[str, str] = {
    "V_nc / V_f(all sources) × 100 (annual source quantities)": "V_nc / V_f（全部水源）× 100（水源年用水量）",
    "Σ metered Vf / Σ Vf (level k) × 100": "Σ 已计量 Vf / Σ Vf（k 级）× 100",
    "units with intake meter / units (level k) × 100": "装有进水水表的单元数 / 单元数（k 级）× 100",
    "N = C_circulating / C_make-up (lowest unit)": "N = C循环水 / C补充水（取最低的单元）",
    "Vf(raw) / V(treated)": "Vf（原水）/ V（制水量）",
    "V_uf = (test-day mean Vf × production days) / Q": "V_uf =（测试日平均 Vf × 生产天数）/ Q",
    "V_uf,test = Σ test-day Vf / Q_test": "V_uf,测试 = Σ 测试日 Vf / Q_测试",
}

# A word of four or more letters outside a symbol (V_nc, Vf): what needs a translation.
_WORD = re.compile(r"(?<![_A-Za-z])[A-Za-z]{4,}(?![_A-Za-z])")


def has_words(formula: str) -> bool:
    """Whether the formula holds English words (not only symbols such as V_nc, Vf, N)."""
    return bool(_WORD.search(formula))


def formula_text(formula: str) -> Text:
    """The formula in both languages (the same text in both when it is symbols only)."""
    return Text(formula, FORMULA_ZH.get(formula, formula))
