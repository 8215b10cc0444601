"""Rules on energy use and carbon: intensity worse than the comparison period, carbon grade 4–5 (product quotas:
quotas.py)."""

from __future__ import annotations

from collections.abc import Iterator

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.results import Limit
from forms.spec import Text


@rule(
    "energy.intensity_worse",
    Text("Energy intensity worse than the comparison period", "单位产值能耗较对比期上升"),
    "energy",
    "GB/T 2589-2020",
    "comprehensive energy consumption per 10k yuan output value, audit against comparison period",
    ("energy.intensity_increase_pct",),
)
def intensity_worse(context: FindingContext) -> Iterator[Hit | Missing]:
    """Energy per 10k yuan of output value rising against the comparison period means efficiency fell (or the
    product mix changed): the expert should explain it."""
    change = context.analysis.indicator("energy.change.intensity_output_value")
    limit = context.threshold("energy.intensity_increase_pct").value
    if change is None or change.value is None:
        reason = (
            change.note
            if change is not None and change.note
            else Text("no comparison period or output value", "无对比期或产值")
        )
        yield Missing((), reason)
        return
    if change.value > limit:
        yield Hit(
            change.about,
            Text(
                f"Energy per 10k yuan output value rose by {change.value:.1f} %",
                f"单位产值综合能耗上升 {change.value:.1f}%",
            ),
            Severity.MEDIUM,
            evidence=(change,),
            threshold="energy.intensity_increase_pct",
            limit=Limit("<=", limit, "%"),
        )


@rule(
    "carbon.low_grade",
    Text("Carbon-efficiency grade 4 or 5", "碳效等级为4级或5级"),
    "energy",
    "DB33/T 1347-2023",
    "carbon-efficiency grades (低碳效 4–5)",
)
def low_carbon_grade(context: FindingContext) -> Iterator[Hit | Missing]:
    """Zhejiang's carbon-efficiency code puts an enterprise at grade 4–5 when its carbon intensity is well above
    the industry average; such enterprises are targeted for retrofits."""
    grade = context.analysis.indicator("carbon.grade")
    if grade is None or grade.value is None:
        yield Missing(
            (),
            grade.note
            if grade is not None and grade.note
            else Text("no carbon-efficiency grade (industry average missing?)", "无碳效等级（缺少行业平均值？）"),
        )
        return
    if grade.value >= 4:
        yield Hit(
            grade.about,
            Text(f"Carbon-efficiency grade {grade.value:.0f}", f"碳效等级 {grade.value:.0f} 级"),
            Severity.HIGH if grade.value >= 5 else Severity.MEDIUM,
            evidence=(grade,),
            limit=Limit("<=", 3, ""),
            limit_sources=grade.sources,
        )
