"""One colour per energy type for every chart and the report (resources/energy/colours.json)."""

from __future__ import annotations

import json
from functools import cache

from audit.reference import RESOURCES

COLOURS_PATH = RESOURCES / "energy" / "colours.json"
# The slice that gathers small shares, and any type a newer form adds before the table has it.
OTHER = "other"


@cache
def energy_colours() -> dict[str, str]:
    """Hex colour ("#1f77b4") by energy type code, and "other"."""
    data = json.loads(COLOURS_PATH.read_text(encoding="utf-8"))
    return {str(code): str(colour) for code, colour in data["colours"].items()}


def energy_colour(code: str) -> str:
    """The colour of an energy type (the "other" colour for a code the table does not know)."""
    colours = energy_colours()
    return colours.get(code, colours[OTHER])
