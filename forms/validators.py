"""Named field checks that an expression cannot say, such as check digits."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from forms.spec import Text

# The grid-factor table (data, read with the standard library like every form definition's numbers).
GRID_FACTORS = Path(__file__).resolve().parent.parent / "resources" / "carbon" / "grid_factors.json"

# GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》: 31 characters (no I, O, Z, S, V) and
# the weights of clause 4/Annex; the 18th character is the check character.
USCC_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first_17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a credit code."""
    total = sum(USCC_CHARACTERS.index(c) * w for c, w in zip(first_17, USCC_WEIGHTS, strict=True))
    return USCC_CHARACTERS[(31 - total % 31) % 31]


# GB 11714-1997 《全国组织机构代码编制规则》: 8 body characters (digits or capital letters, A = 10 … Z = 35)
# and a check character C9 = 11 − (Σ value × weight mod 11), written X for 10 and 0 for 11. GB 32100-2015
# puts this 9-character organisation code at positions 9–17 of the credit code.
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organisation_code_check_character(first_8: str) -> str:
    """The GB 11714-1997 check character of an organisation code's first 8 characters."""
    total = sum(int(c, 36) * w for c, w in zip(first_8, ORGANISATION_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def check_uscc(value: object) -> Text | None:
    code = str(value).strip().upper()
    if len(code) != 18:
        return Text(
            f"A unified social credit code has 18 characters; this one has {len(code)}.",
            f"统一社会信用代码应为18位，当前为{len(code)}位。",
        )
    bad = sorted({c for c in code if c not in USCC_CHARACTERS})
    if bad:
        return Text(
            f"Character(s) {' '.join(bad)} cannot appear in a credit code (I, O, Z, S, V are never used).",
            f"统一社会信用代码中不能出现字符 {' '.join(bad)}（不使用 I、O、Z、S、V）。",
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return Text(
            f"The check character should be {expected}, not {code[17]} (GB 32100-2015): "
            "a character was probably mistyped.",
            f"校验码应为 {expected}，而不是 {code[17]}（GB 32100-2015），可能有字符录入错误。",
        )
    organisation = code[8:17]
    expected = organisation_code_check_character(organisation[:8])
    if organisation[8] != expected:
        return Text(
            f"Characters 9–17 ({organisation}) are the organisation code, whose check character should be "
            f"{expected}, not {organisation[8]} (GB 11714-1997): a character was probably mistyped.",
            f"第9～17位（{organisation}）为组织机构代码，其校验码应为 {expected}，而不是 {organisation[8]}"
            "（GB 11714-1997），可能有字符录入错误。",
        )
    return None


def check_year_month(value: object) -> Text | None:
    text = str(value)
    if len(text) != 7 or text[4] != "-" or not (text[:4].isdigit() and text[5:].isdigit()):
        return Text("Enter a month as YYYY-MM, e.g. 2025-03.", "月份格式应为 YYYY-MM，例如 2025-03。")
    if not 1 <= int(text[5:]) <= 12:
        return Text(f"Month {text[5:]} does not exist.", f"不存在 {text[5:]} 月。")
    return None


@cache
def grid_factor_years() -> tuple[int, ...]:
    """The data years of the grid CO2 factor table (resources/carbon/grid_factors.json)."""
    table = json.loads(GRID_FACTORS.read_text(encoding="utf-8"))
    return tuple(sorted({int(row["data_year"]) for row in table["factors"]}))


def check_grid_factor_year(value: object) -> Text | None:
    # A year the table lacks used to give electricity 0 t CO2 and a flattering carbon grade (issue 10).
    years = grid_factor_years()
    if isinstance(value, int) and value not in years:
        shown = ", ".join(str(y) for y in years)
        return Text(
            f"The grid CO₂ factor table has data years {shown}; {value} is not among them. Leave it blank to use the "
            "latest year published.",
            f"电网排放因子表的数据年份为 {shown}，没有 {value} 年。留空则采用最新发布年份。",
        )
    return None


VALIDATORS: dict[str, Callable[[object], Text | None]] = {
    "uscc": check_uscc,
    "year_month": check_year_month,
    "grid_factor_year": check_grid_factor_year,
}
