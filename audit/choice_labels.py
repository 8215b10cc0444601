"""A choice from what a person types or pastes: its code, a label in either language, the start of one
label, or a common synonym (resources/choices/synonyms.json); anything else is refused naming the labels."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from typing import Any

from audit.reference import RESOURCES
from forms.spec import Choice, FieldSpec, Text
from forms.validation import InvalidValue

SYNONYMS_PATH = RESOURCES / "choices" / "synonyms.json"

# Full-width brackets and spaces as Chinese input methods type them, folded to their ASCII forms.
_WIDE = str.maketrans({"（": "(", "）": ")", "　": " ", "，": ",", "：": ":"})
_BRACKETED = re.compile(r"\s*\([^)]*\)\s*$")
# How many labels an error message lists before "…" (a list of 45 energy types helps nobody).
_LISTED = 12


def fold(text: str) -> str:
    """Case, full-width forms and runs of spaces do not matter."""
    return " ".join(text.translate(_WIDE).casefold().split())


@cache
def synonyms() -> dict[str, dict[str, tuple[str, ...]]]:
    """Synonyms by field name and choice code."""
    data: dict[str, Any] = json.loads(SYNONYMS_PATH.read_text(encoding="utf-8"))
    return {
        field: {code: tuple(words) for code, words in codes.items()}
        for field, codes in data.items()
        if not field.startswith("_")
    }


def _names(spec: FieldSpec, choice: Choice) -> set[str]:
    """Every folded name a choice answers to exactly: code, labels, labels without their bracket, synonyms."""
    labels = [choice.label.en, choice.label.zh]
    names = {fold(choice.code), *(fold(label) for label in labels)}
    names |= {fold(_BRACKETED.sub("", label)) for label in labels}
    names |= {fold(word) for word in synonyms().get(spec.name, {}).get(choice.code, ())}
    return {name for name in names if name}


def _labels(choices: list[Choice], language: str) -> str:
    shown = [choice.label.get(language) for choice in choices[:_LISTED]]
    more = "…" if len(choices) > _LISTED else ""
    return ("、" if language == "zh" else ", ").join(shown) + more


def choice_code(spec: FieldSpec, text: str) -> str:
    """The code of the one choice `text` names; raises InvalidValue saying which labels it could be."""
    wanted = fold(text)
    exact = [choice for choice in spec.choices if wanted in _names(spec, choice)]
    if len(exact) == 1:
        return exact[0].code
    active = list(spec.active_choices())
    if not exact:
        # The start of a label, as a person abbreviates ("天然气" for "天然气（气田天然气）", "Nat").
        exact = [
            choice
            for choice in active
            if any(name.startswith(wanted) for name in _names(spec, choice) if len(wanted) >= min(2, len(name)))
        ]
        if len(exact) == 1:
            return exact[0].code
    if exact:
        raise InvalidValue(
            spec.name,
            Text(
                f"{text.strip()!r} could be any of: {_labels(exact, 'en')}; write more of the {spec.label.en} label.",
                f"“{text.strip()}”可指：{_labels(exact, 'zh')}；请写出更完整的“{spec.label.zh}”名称。",
            ),
        )
    close = _closest(spec, active, wanted)
    hint_en = f" Did you mean {_labels(close, 'en')}?" if close else ""
    hint_zh = f"是否为：{_labels(close, 'zh')}？" if close else ""
    raise InvalidValue(
        spec.name,
        Text(
            f"{text.strip()!r} is not one of the choices for {spec.label.en}.{hint_en} "
            f"The choices: {_labels(active, 'en')}.",
            f"“{text.strip()}”不是“{spec.label.zh}”的可选项。{hint_zh}可选：{_labels(active, 'zh')}。",
        ),
    )


def _closest(spec: FieldSpec, choices: list[Choice], wanted: str) -> list[Choice]:
    """The choices whose names look most like a mistyped word ("天燃气" -> 天然气), best first."""
    by_name = {name: choice for choice in choices for name in _names(spec, choice)}
    found: list[Choice] = []
    for name in difflib.get_close_matches(wanted, list(by_name), n=6, cutoff=0.6):
        if by_name[name] not in found:
            found.append(by_name[name])
    return found[:3]
