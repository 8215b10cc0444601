"""Carbon: CO₂ by source and scope, the PV deduction, the total, intensity L, K and the Zhejiang grade."""

from __future__ import annotations

from audit.report.cells import SheetWriter
from audit.report.context import ReportContext
from audit.report.indicators import FormulaOf, write_indicators, write_inputs
from audit.report.sheets import SheetSpec
from audit.results import Indicator
from forms.spec import Text

SCOPES = ("carbon.scope1", "carbon.scope2_electricity", "carbon.scope2_heat")
PARTS = (*SCOPES, "carbon.deduction")


def _sum_of(keys: list[str]) -> FormulaOf:
    return lambda cell: "=" + "+".join(cell(key) for key in keys)


def _ratio(numerator: str, denominator: str) -> FormulaOf:
    return lambda cell: f"={cell(numerator)}/{cell(denominator)}"


def _formulas(indicators: list[Indicator]) -> dict[str, FormulaOf]:
    """Subtotals over their sources, the total over the scopes, L and the level over the inputs."""
    keys = [indicator.key for indicator in indicators]
    formulas: dict[str, FormulaOf] = {}
    for scope in SCOPES:
        parts = [key for key in keys if key.startswith(scope + ".")]
        if parts:
            formulas[scope] = _sum_of(parts)
    present = [key for key in PARTS if key in keys]
    if "carbon.total" in keys and present:
        formulas["carbon.total"] = _sum_of(present)
    formulas["carbon.intensity.value_added"] = _ratio("carbon.total", "value_added_10k_yuan")
    formulas["carbon.intensity.output_value"] = _ratio("carbon.total", "output_value_10k_yuan")
    formulas["carbon.level"] = lambda cell: "=" + cell("carbon.intensity.value_added")
    return formulas


def _inputs(indicators: list[Indicator]) -> list[tuple[str, Text, float | None, str]]:
    by_key = {indicator.key: indicator for indicator in indicators}
    rows: list[tuple[str, Text, float | None, str]] = []
    for key, name, label in (
        ("carbon.intensity.value_added", "value_added_10k_yuan", Text("Industrial value added", "工业增加值")),
        ("carbon.intensity.output_value", "output_value_10k_yuan", Text("Output value", "工业总产值")),
    ):
        indicator = by_key.get(key)
        value = indicator.input(name) if indicator is not None else None
        if isinstance(value, int | float):
            rows.append((name, label, float(value), "10k yuan"))
    grade = by_key.get("carbon.grade")
    average = grade.input("industry_average") if grade is not None else None
    if isinstance(average, int | float):
        rows.append(
            (
                "industry_average",
                Text("Industry average intensity", "行业平均碳排放强度"),
                float(average),
                "tCO2/10k yuan",
            )
        )
    return rows


def _k_row(context: ReportContext, writer: SheetWriter, row: int, cells: dict[str, str], level_cell: str) -> int:
    """K = L ÷ industry average, the quantity the grade bands are drawn on."""
    grade = context.results.indicator("carbon.grade")
    level = context.results.indicator("carbon.intensity.value_added")
    if grade is None or level is None or level.value is None or "industry_average" not in cells:
        return row
    average = grade.input("industry_average")
    writer.text(row, 0, Text("K = L ÷ industry average", "K = L ÷ 行业平均"))
    writer.formula(row, 1, f"={level_cell}/{cells['industry_average']}", level.value / float(average), "decimal3")
    return row + 2


def build(context: ReportContext, writer: SheetWriter) -> None:
    carbon = context.results.carbon
    indicators = list(carbon.indicators)
    row = writer.title(
        Text("Carbon dioxide emissions", "二氧化碳排放"),
        Text(
            "By source and scope; Zhejiang carbon-efficiency grade (DB33/T 1347-2023)",
            "分排放源与范围；浙江碳效等级（DB33/T 1347-2023）",
        ),
    )
    row, cells = write_inputs(writer, row, _inputs(indicators))
    first = row + 1
    end = write_indicators(writer, row, indicators, formulas=_formulas(indicators), cells=cells)
    keys = [indicator.key for indicator in indicators]
    level_cell = (
        f"B{first + keys.index('carbon.intensity.value_added') + 1}" if "carbon.intensity.value_added" in keys else ""
    )
    if level_cell:
        _k_row(context, writer, end + 1, cells, level_cell)


def applies(context: ReportContext) -> bool:
    return context.analysis is not None and bool(context.analysis.carbon.indicators)


SHEET = SheetSpec(key="carbon", order=50, title=Text("Carbon", "碳排放"), build=build, applies=applies)
