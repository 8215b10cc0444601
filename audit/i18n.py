"""Language choice for text printed by the command line (the GUI uses Qt's translator)."""

from __future__ import annotations

import os

from forms.spec import Text


def cli_language() -> str:
    """zh or en: FIELDAUDIT_LANG wins, then the POSIX locale variables."""
    for variable in ("FIELDAUDIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def say(text: Text) -> str:
    return text.get(cli_language())
