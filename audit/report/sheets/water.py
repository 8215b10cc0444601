"""Water balance (GB/T 12452-2022): the test, sources, unit balances, indicators vs thresholds, the diagram."""

from __future__ import annotations

import io

from audit.report.cells import SheetWriter, cell_name
from audit.report.context import ReportContext
from audit.report.indicators import FormulaOf, write_comparisons, write_indicators
from audit.report.sheets import SheetSpec
from audit.water.model import QUANTITIES, QUANTITY_LABELS, Flag, Severity, UnitBalance, WaterResult
from forms.spec import Text

DIAGRAM_MIN_PX, DIAGRAM_MAX_PX = 1000, 2400
FLAGS_PER_KIND = 20
QUANTITY_COL = 2  # Vf is in column C; Vr, Vco, Vd, Vl, Vt follow
UNIT_COLUMNS = (
    (Text("Water-using unit", "用水单元"), None),
    (Text("Level", "级别"), None),
    *((QUANTITY_LABELS[q], "m³/d") for q in (*QUANTITIES, "vt")),
    (Text("Closure", "平衡误差"), "%"),
    (Text("Within tolerance", "是否在允许误差内"), None),
    (Text("New water per year", "年新水量"), "m³/a"),
    (Text("Estimated (≈) or calculated (*)", "估算（≈）或计算（*）"), None),
)
SOURCE_COLUMNS = (
    (Text("Source", "水源"), None),
    (Text("Type", "类型"), None),
    (Text("Non-conventional", "非常规水"), None),
    (Text("Metered in the test", "测试期实测"), "m³/d"),
    (Text("Per year (bills)", "年取水量（账单）"), "m³/a"),
)
YES_NO = (Text("no", "否"), Text("yes", "是"))


def _test_rows(context: ReportContext, result: WaterResult) -> list[tuple[Text, str | int]]:
    test = result.test
    assert test is not None
    industry = context.tr(result.industry) if result.industry else ""
    return [
        (Text("Test", "测试名称"), test.title),
        (Text("Period", "测试期"), f"{test.start:%Y-%m-%d %H:%M} — {test.end:%Y-%m-%d %H:%M}"),
        (Text("Test days", "测试天数"), test.days),
        (Text("Industry", "行业"), f"{result.industry_code} {industry}".strip()),
        (
            Text("Unit closure tolerance", "单元平衡允许误差"),
            f"±{test.unit_tolerance_pct:g} % [{test.unit_tolerance_status}]",
        ),
        (
            Text("Intake comparison tolerance", "取水量核对允许误差"),
            f"±{test.intake_tolerance_pct:g} % [{test.intake_tolerance_status}]",
        ),
    ]


def _sources(context: ReportContext, writer: SheetWriter, row: int, result: WaterResult) -> int:
    writer.text(row, 0, Text("Water sources", "水源情况"), "subtitle", fit=False)
    writer.headers(row + 1, SOURCE_COLUMNS)
    row += 2
    for source in result.sources:
        writer.text(row, 0, source.name)
        writer.text(row, 1, _source_type(context, source.source_type))
        writer.text(row, 2, YES_NO[source.nonconventional])
        writer.number(row, 3, source.metered_m3_per_d, "decimal2")
        writer.number(row, 4, source.annual_quantity_m3, "decimal1")
        row += 1
    return row + 1


def _source_type(context: ReportContext, code: str) -> str:
    spec = context.registry["water_source"].field("source_type") if "water_source" in context.registry else None
    choice = spec.choice(code) if spec is not None else None
    return context.tr(choice.label) if choice is not None else code


def _marks(unit: UnitBalance) -> str:
    return " ".join(f"{unit.origin_mark(q)}{q.capitalize()}" for q in QUANTITIES if unit.origin_mark(q))


def _unit_row(writer: SheetWriter, row: int, unit: UnitBalance, name: str, days_cell: str) -> None:
    writer.text(row, 0, name)
    writer.number(row, 1, unit.level, "integer")
    if not unit.complete:
        writer.text(row, QUANTITY_COL, Text("incomplete: not all quantities known", "不完整：水量未全部取得"), "note")
        return
    for offset, quantity in enumerate(QUANTITIES):
        writer.number(row, QUANTITY_COL + offset, unit.average[quantity], "decimal2")
    vf, vr = cell_name(row, QUANTITY_COL), cell_name(row, QUANTITY_COL + 1)
    writer.formula(row, QUANTITY_COL + 5, f"={vf}+{vr}", unit.total_use(), "decimal2")
    style = "fail" if unit.within_tolerance is False else "text"
    writer.number(row, QUANTITY_COL + 6, unit.closure_pct, "decimal2", style)
    if unit.within_tolerance is not None:
        writer.text(row, QUANTITY_COL + 7, YES_NO[unit.within_tolerance], style)
    writer.formula(row, QUANTITY_COL + 8, f"={vf}*{days_cell}", unit.annual.get("vf"), "decimal1")
    writer.text(row, QUANTITY_COL + 9, _marks(unit))


def _units(
    context: ReportContext, writer: SheetWriter, row: int, result: WaterResult, days_cell: str
) -> tuple[int, int]:
    """The unit balance table (m³/d) with the enterprise total last; returns the next row and the total's row."""
    writer.text(
        row, 0, Text("Unit water balance (average per test day)", "用水单元水平衡（测试期日均）"), "subtitle", fit=False
    )
    writer.headers(row + 1, UNIT_COLUMNS)
    row += 2
    for unit in result.units:
        writer.anchor(unit.uuid, row)
        _unit_row(writer, row, unit, "　" * max(unit.level - 1, 0) + unit.name, days_cell)
        row += 1
    total = result.enterprise
    writer.text(row, 0, Text("Enterprise total", "全厂合计"), "total")
    writer.blank(row, 1, "total")
    for offset, quantity in enumerate((*QUANTITIES, "vt")):
        writer.number(row, QUANTITY_COL + offset, total.values.get(quantity), "decimal2", "total")
    writer.number(row, QUANTITY_COL + 6, total.closure_pct, "decimal2", "total")
    writer.number(row, QUANTITY_COL + 8, result.annual.values.get("vf"), "decimal1", "total")
    return row + 2, row


def _indicator_formulas(total_row: int) -> dict[str, FormulaOf]:
    """The enterprise indicators a reader checks by hand, over the total row of the unit table."""
    vf, vr, vd, vl = (cell_name(total_row, QUANTITY_COL + QUANTITIES.index(q)) for q in ("vf", "vr", "vd", "vl"))
    return {
        "water.repeated_utilisation_rate": lambda cell: f"={vr}/({vf}+{vr})*100",
        "water.leak_rate": lambda cell: f"={vl}/{vf}*100",
        "water.discharge_rate": lambda cell: f"={vd}/{vf}*100",
    }


def _diagram(context: ReportContext, writer: SheetWriter, row: int, result: WaterResult) -> int:
    from audit.report.photos import picture_size
    from audit.water.diagram_cache import REPORT_DPI, REPORT_FORMAT, diagram_bytes

    # The diagram starts a printed page of its own; at 85 % of the tables' width its A3 shape fits on it
    # below the repeated title.
    writer.worksheet.set_h_pagebreaks([row])
    writer.text(row, 0, Text("Water-balance diagram", "水平衡图"), "subtitle", fit=False)
    # Drawn once per content of the test (cached by a hash of it): re-exporting an audit, or exporting
    # it after edits elsewhere, reuses the picture instead of drawing it again.
    png = diagram_bytes(result, context.language, REPORT_FORMAT, dpi=REPORT_DPI)
    width = picture_size(png)[0]
    # As wide as the tables above it (Excel's width unit is about 7 px), so it prints as large as they do.
    sheet_px = sum(max(8.0, min(60.0, w + 1.5)) for w in writer.widths.values()) * 7 * 0.85
    scale = max(DIAGRAM_MIN_PX, min(sheet_px, DIAGRAM_MAX_PX)) / width
    options = {"image_data": io.BytesIO(png), "x_scale": scale, "y_scale": scale, "description": "water balance"}
    writer.worksheet.insert_image(row + 1, 0, "water-balance.png", options)
    return row + 2


def _flags(writer: SheetWriter, row: int, result: WaterResult) -> int:
    """Problems found in the test data, at most FLAGS_PER_KIND of each kind (the app lists them all)."""
    writer.text(row, 0, Text("Problems in the test data", "测试数据问题"), "subtitle", fit=False)
    by_code: dict[str, list[Flag]] = {}
    for flag in result.flags:
        by_code.setdefault(flag.code, []).append(flag)
    for flags in by_code.values():
        for flag in flags[:FLAGS_PER_KIND]:
            row += 1
            writer.text(row, 0, flag.subject)
            writer.text(row, 1, flag.message, "fail" if flag.severity is Severity.ERROR else "note")
        if len(flags) > FLAGS_PER_KIND:
            row += 1
            more = len(flags) - FLAGS_PER_KIND
            writer.text(row, 1, Text(f"… and {more} more of this kind", f"……同类问题另有 {more} 条"), "note")
    return row + 2


def build(context: ReportContext, writer: SheetWriter) -> None:
    result = context.results.water
    row = writer.title(
        Text("Water-balance test", "水平衡测试"),
        Text(
            "GB/T 12452-2022; indicators against GB/T 7119 and GB/T 24789",
            "GB/T 12452-2022；指标对照 GB/T 7119、GB/T 24789",
        ),
    )
    for label, value in _test_rows(context, result):
        writer.text(row, 0, label, "label")
        if isinstance(value, int):
            writer.number(row, 1, value, "integer", "plain")
        else:
            writer.text(row, 1, value, "plain", fit=False)  # spills over the empty cells to its right
        row += 1
    assert result.test is not None
    days_row = row
    writer.text(days_row, 0, Text("Production days per year", "年生产天数"), "label")
    writer.number(days_row, 1, result.test.production_days, "integer")
    row = _sources(context, writer, row + 2, result)
    row, total_row = _units(context, writer, row, result, cell_name(days_row, 1, absolute=True))
    writer.text(row, 0, Text("Indicators", "水平衡指标"), "subtitle", fit=False)
    row = write_indicators(writer, row + 1, result.indicators, formulas=_indicator_formulas(total_row)) + 1
    writer.text(row, 0, Text("Against the standards", "对照标准评价"), "subtitle", fit=False)
    row = write_comparisons(writer, row + 1, result.comparisons) + 1
    if result.flags:
        row = _flags(writer, row, result)
    _diagram(context, writer, row, result)


def applies(context: ReportContext) -> bool:
    return context.analysis is not None and context.analysis.water.ready and context.analysis.water.test is not None


SHEET = SheetSpec(
    key="water", order=70, title=Text("Water balance", "水平衡"), build=build, layout="landscape", applies=applies
)
