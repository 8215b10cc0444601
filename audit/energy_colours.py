"""One colour per energy type for every chart and the report (resources/energy/colours.json)."""

from __future__ import annotations

from functools import cache

from audit.reference import load_resource

# The same file the report's native charts read (audit/report/charts.py), so a type looks alike everywhere.
COLOURS_RESOURCE = "energy/colours.json"
# The slice that gathers small shares, and any type a newer form adds before the table has it.
OTHER = "other"


@cache
def energy_colours() -> dict[str, str]:
    """Hex colour ("#1f77b4") by energy type code, and "other"."""
    data = load_resource(COLOURS_RESOURCE)
    return {str(code): str(colour) for code, colour in data["colours"].items()}


def energy_colour(code: str) -> str:
    """The colour of an energy type (the "other" colour for a code the table does not know)."""
    colours = energy_colours()
    return colours.get(code, colours[OTHER])
