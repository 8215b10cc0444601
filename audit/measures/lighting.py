"""LED lighting retrofit: lamp power before and after, over the lighting hours."""

from __future__ import annotations

from dataclasses import dataclass

from audit.measures import CostClass, MethodSpec
from forms.spec import Text

METHOD = MethodSpec(
    id="led_lighting",
    label=Text("Replace lamps with LED", "更换LED灯具"),
    iac_code="2.7142",
    iac_status="V",
    category="lighting",
    cost_class=CostClass.CAPITAL,
    reference="MEASUR lighting replacement: W/lamp × lamps × fixtures × ballast factor × h (MEASURES.md §3.6)",
)


@dataclass(frozen=True)
class LightingGroup:
    watts_per_lamp: float
    lamps_per_fixture: int
    fixtures: int
    ballast_factor: float
    annual_hours: float

    def kwh(self) -> float:
        return (
            self.watts_per_lamp
            * self.lamps_per_fixture
            * self.fixtures
            * self.ballast_factor
            * self.annual_hours
            / 1000.0
        )


@dataclass(frozen=True)
class LightingResult:
    baseline_kwh: float
    proposed_kwh: float
    annual_savings_kwh: float


def led_lighting(baseline: tuple[LightingGroup, ...], proposed: tuple[LightingGroup, ...]) -> LightingResult:
    before = sum(group.kwh() for group in baseline)
    after = sum(group.kwh() for group in proposed)
    return LightingResult(before, after, before - after)
