"""The reliability suite: each test proves one figure and prints it; FIELDAUDIT_LONG=1 runs the long mode."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

# The long mode (more kills, more flips, bigger files): `FIELDAUDIT_LONG=1 python -m pytest tests/reliability`.
LONG = os.environ.get("FIELDAUDIT_LONG", "") not in ("", "0")

_FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture
def figure(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Print the figure a test proves, at once and again in the run's summary."""

    def show(text: str) -> None:
        config = request.config
        config.stash.setdefault(_FIGURES, []).append(f"{request.node.name}: {text}")
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"FIGURE {request.node.name}: {text}")

    return show


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(_FIGURES, [])
    if lines:
        terminalreporter.section("reliability figures")
        for line in lines:
            terminalreporter.write_line(line)
