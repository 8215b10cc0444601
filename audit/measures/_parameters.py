"""The default inputs of the savings methods and the thresholds of the rules, read from resources/ with sources."""

from __future__ import annotations

from dataclasses import dataclass

from audit.reference import ReferenceData, Sourced, make_source

DEFAULTS = "measures/defaults.json"
THRESHOLDS = "findings/thresholds.json"


@dataclass(frozen=True)
class Parameters:
    """Every default and threshold as a Sourced number (value, unit, standard, clause, status)."""

    defaults: dict[str, Sourced]
    thresholds: dict[str, Sourced]
    lists: dict[str, tuple[tuple[str, ...], Sourced]]

    def default(self, key: str) -> Sourced:
        return self.defaults[key]

    def threshold(self, key: str) -> Sourced:
        return self.thresholds[key]


def load_parameters(reference: ReferenceData) -> Parameters:
    defaults = {key: reference.sourced(DEFAULTS, entry) for key, entry in reference.raw[DEFAULTS]["defaults"].items()}
    document = reference.raw[THRESHOLDS]
    thresholds = {key: reference.sourced(THRESHOLDS, entry) for key, entry in document["thresholds"].items()}
    lists = {
        key: (
            tuple(entry["codes"]),
            Sourced(0.0, "", make_source(document, entry["source"], entry["status"], entry.get("note", ""))),
        )
        for key, entry in document.get("lists", {}).items()
    }
    return Parameters(defaults, thresholds, lists)
