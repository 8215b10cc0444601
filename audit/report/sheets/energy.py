"""Energy: consumption structure (quantity × coefficient = tce, shares), key figures, use by type and month.

Derived cells are formulas a reader can follow (tce = quantity × coefficient ÷ 1000, totals, shares,
intensities, change against the comparison period), each stored with the value analyse() gave.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from audit.indicators.energy import FLOW_SIGN, EnergyBalance, type_label
from audit.report.cells import SheetWriter, cell_name
from audit.report.charts import monthly_columns, structure_pie
from audit.report.context import ReportContext
from audit.report.indicators import number_format, status_text, value_style, write_indicators
from audit.report.sheets import SheetSpec
from audit.results import Indicator
from forms.spec import Text
from forms.units import unit_label

STRUCTURE_COLUMNS = (
    (Text("Energy type", "能源品种"), None),
    (Text("Unit", "计量单位"), None),
    (Text("Quantity (net of exports)", "实物量（扣除外供）"), None),
    (Text("Coefficient, equivalent (kgce per unit)", "折标系数（当量值，kgce/计量单位）"), None),
    (Text("Equivalent value", "折标量（当量值）"), "tce"),
    (Text("Coefficient, equal value (kgce per unit)", "折标系数（等价值，kgce/计量单位）"), None),
    (Text("Equal value", "折标量（等价值）"), "tce"),
    (Text("Share", "占比"), "%"),
    (Text("Cost", "费用"), "yuan"),
    (Text("Generated on site (not counted)", "自产量（不计入）"), None),
)
KEY_COLUMNS = (
    (Text("Indicator", "指标"), None),
    (Text("Value", "数值"), None),
    (Text("Unit", "单位"), None),
    (Text("Status", "核实状态"), None),
)
RELATIVE = 1e-9
CHART_ROWS = 18  # rows left free for the two charts (each row is 20 px)
CHART_WIDTH_PX = 480


@dataclass
class StructureCells:
    """Where a structure table put its totals (for the key figures) and its rows (for the pie)."""

    equivalent: str = ""
    equal_value: str = ""
    rows: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class MonthlyCells:
    """Where the monthly tce table is (for the monthly chart)."""

    header_row: int = 0
    last_col: int = 0
    rows: list[tuple[int, str]] = field(default_factory=list)


def _coefficient(lines: list[tuple[float, float]]) -> float | None:
    """kgce per display unit when every counted line of a type used the same one; None when they differ."""
    factors = [tce * 1000.0 / quantity for quantity, tce in lines if quantity]
    if not factors:
        return None
    first = factors[0]
    return first if all(abs(f - first) <= RELATIVE * max(abs(first), 1.0) for f in factors) else None


def _sign(flow: str) -> float:
    return 1.0 if flow == "onsite_generated" else FLOW_SIGN.get(flow, 1.0)


def _type_figures(balance: EnergyBalance, code: str, unit: str) -> dict[str, float | None]:
    lines = [line for line in balance.lines if line.energy_type == code and line.display_unit == unit]
    counted = [line for line in lines if line.counted]
    # Exports count negative: the coefficient is tce over the signed quantity. Counted on-site generation
    # (PV and wind, issue 10) counts positive.
    signed = [_sign(line.flow) * line.display_quantity for line in counted]
    return {
        "equivalent_tce": sum(line.tce_equivalent for line in counted) if counted else None,
        "equal_tce": sum(line.tce_equal_value for line in counted) if counted else None,
        "equivalent_coefficient": _coefficient(
            [(q, line.tce_equivalent) for q, line in zip(signed, counted, strict=True)]
        ),
        "equal_coefficient": _coefficient([(q, line.tce_equal_value) for q, line in zip(signed, counted, strict=True)]),
        "cost": sum(line.cost_yuan or 0.0 for line in lines if line.flow == "purchased") or None,
        "equal_unverified": any(s.status == "U" for line in counted for s in line.equal_sources),
        "unverified": any(s.status == "U" for line in counted for s in line.sources),
    }


def _self_use(balance: EnergyBalance, unit: str) -> dict[str, tuple[float, float, float]]:
    """Self-consumed on-site PV/wind electricity per month in `unit`: (quantity, tce equivalent, tce equal
    value) of generated − exported, where that is above 0 (as `EnergyBalance.renewable_self_use`). What the
    audit's "excluded" convention takes out of the electricity row."""
    months: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for line in balance.lines:
        if line.energy_type != "electricity" or line.display_unit != unit or not line.counted:
            continue
        if line.flow in ("onsite_generated", "exported"):
            sign = 1.0 if line.flow == "onsite_generated" else -1.0
            month = months[line.month]
            month[0] += sign * line.display_quantity
            month[1] += sign * abs(line.tce_equivalent)
            month[2] += sign * abs(line.tce_equal_value)
    return {m: (v[0], v[1], v[2]) for m, v in months.items() if v[0] > 0}


def _row_figures(
    balance: EnergyBalance, code: str, unit: str, quantity: float
) -> tuple[float, dict[str, float | None]]:
    """The row's quantity and figures under the audit's PV convention: with "excluded", the self-consumed
    on-site PV/wind comes out of the electricity row, so the rows add up to the audit's total."""
    figures = _type_figures(balance, code, unit)
    if not balance.exclude_renewables or code != "electricity":
        return quantity, figures
    self_use = list(_self_use(balance, unit).values())
    if not self_use:
        return quantity, figures
    for key, index in (("equivalent_tce", 1), ("equal_tce", 2)):
        value = figures[key]
        if value is not None:
            figures[key] = value - sum(month[index] for month in self_use)
    return quantity - sum(month[0] for month in self_use), figures


def _tce_cells(
    writer: SheetWriter, row: int, col: int, coefficient: float | None, tce: float | None, unverified: bool
) -> None:
    """The coefficient and tce = quantity × coefficient ÷ 1000 (a [U] coefficient is marked on both)."""
    style = "unverified" if unverified else "text"
    writer.number(row, col, coefficient, "coefficient", style)
    if tce is None:
        writer.blank(row, col + 1)
    elif coefficient is None:
        writer.number(row, col + 1, tce, "decimal2", style)  # the coefficient differs by record
    else:
        q, c = cell_name(row, 2), cell_name(row, col)
        writer.formula(row, col + 1, f"={q}*{c}/1000", tce, "decimal2", style)


def structure_table(
    context: ReportContext, writer: SheetWriter, row: int, balance: EnergyBalance, totals: tuple[Indicator, Indicator]
) -> tuple[int, StructureCells]:
    """The energy consumption structure of one period; returns the next row and where the totals are."""
    writer.headers(row, STRUCTURE_COLUMNS)
    first = row + 1
    rows = balance.table()
    total_row = first + len(rows)
    for offset, entry in enumerate(rows):
        r = first + offset
        code, unit = str(entry["energy_type"]), str(entry["unit"])
        months = entry["months"].values()
        generated = sum(float(m["generated"]) for m in months)
        # The quantity the tce is computed from: net of exports, plus on-site PV/wind when it is counted.
        quantity = sum(float(m["quantity"]) for m in months) + sum(
            line.display_quantity
            for line in balance.lines
            if line.energy_type == code
            and line.display_unit == unit
            and line.flow == "onsite_generated"
            and line.counted
        )
        quantity, figures = _row_figures(balance, code, unit, quantity)
        writer.text(r, 0, type_label(code))
        writer.text(r, 1, unit_label(unit, context.language))
        writer.number(r, 2, quantity, "decimal2")
        _tce_cells(
            writer, r, 3, figures["equivalent_coefficient"], figures["equivalent_tce"], bool(figures["unverified"])
        )
        _tce_cells(writer, r, 5, figures["equal_coefficient"], figures["equal_tce"], bool(figures["equal_unverified"]))
        share = None
        if figures["equivalent_tce"] is not None and totals[0].value:
            share = figures["equivalent_tce"] / totals[0].value * 100.0
        total_cell = cell_name(total_row, 4, absolute=True)
        writer.formula(r, 7, f"={cell_name(r, 4)}/{total_cell}*100", share, "decimal2")
        writer.number(r, 8, figures["cost"], "decimal2")
        writer.number(r, 9, generated or None, "decimal2")
        if not entry["counted"]:
            writer.text(r, 10, Text("not counted in the total", "不计入综合能耗"), "note")
    writer.text(total_row, 0, Text("Total", "合计"), "total")
    for col in range(1, 10):
        writer.blank(total_row, col, "total")
    span = (cell_name(first, 4), cell_name(total_row - 1, 4))
    writer.formula(total_row, 4, f"=SUM({span[0]}:{span[1]})", totals[0].value, "decimal2", "total")
    span = (cell_name(first, 6), cell_name(total_row - 1, 6))
    writer.formula(total_row, 6, f"=SUM({span[0]}:{span[1]})", totals[1].value, "decimal2", "total")
    cost = sum(_type_figures(balance, str(e["energy_type"]), str(e["unit"]))["cost"] or 0.0 for e in rows)
    span = (cell_name(first, 8), cell_name(total_row - 1, 8))
    writer.formula(total_row, 8, f"=SUM({span[0]}:{span[1]})", cost, "decimal2", "total")
    codes = [(first + n, str(entry["energy_type"])) for n, entry in enumerate(rows)]
    cells = StructureCells(cell_name(total_row, 4), cell_name(total_row, 6), codes)
    return _both_conventions(context, writer, total_row + 1, balance) + 1, cells


CONVENTIONS = (
    ("renewables_counted", Text("counted", "计入")),
    ("renewables_excluded", Text("not counted", "不计入")),
)


def _both_conventions(context: ReportContext, writer: SheetWriter, row: int, balance: EnergyBalance) -> int:
    """Below the total, when on-site PV/wind is used on site: the total under each convention, on both bases,
    the one the audit follows (and the table above adds up to) marked."""
    if not balance.renewable_self_use("equivalent"):
        return row
    tag = "audit" if balance is context.results.energy.audit_balance else "comparison"
    chosen = "renewables_excluded" if balance.exclude_renewables else "renewables_counted"
    for convention, word in CONVENTIONS:
        label = Text(
            f"Total with self-consumed on-site PV/wind {word.en}",
            f"合计（自发自用光伏/风电{word.zh}）",
        )
        writer.text(row, 0, label, "note")
        for col, basis in ((4, "equivalent"), (6, "equal_value")):
            indicator = context.results.indicator(f"energy.{tag}.{convention}.{basis}")
            writer.number(row, col, indicator.value if indicator else None, "decimal2")
        if convention == chosen:
            writer.text(row, 10, Text("the audit's convention (the total above)", "本诊断采用（即上方合计）"), "note")
        row += 1
    return row


def _monthly_table(
    writer: SheetWriter, row: int, balance: EnergyBalance, what: str, title: Text, where: MonthlyCells | None = None
) -> int:
    """Use by type (rows) and month (columns), in physical units or tce, with row and column totals."""
    months = balance.period.months()
    writer.text(row, 0, title, "subtitle", fit=False)
    row += 1
    writer.headers(row, [(Text("Energy type", "能源品种"), None), (Text("Unit", "计量单位"), None)])
    for offset, month in enumerate(months):
        writer.text(row, 2 + offset, month, "header")
    last_col = 2 + len(months)
    writer.text(row, last_col, Text("Year", "全年"), "header")
    entries = balance.table() if what == "quantity" else [e for e in balance.table() if e["counted"]]
    if where is not None:
        where.header_row, where.last_col = row, last_col - 1
        where.rows = [(row + n, str(entry["energy_type"])) for n, entry in enumerate(entries, start=1)]
    for offset, entry in enumerate(entries, start=1):
        r = row + offset
        writer.text(r, 0, type_label(str(entry["energy_type"])))
        writer.text(r, 1, unit_label(str(entry["unit"]), writer.language) if what == "quantity" else "tce")
        values = [float(entry["months"].get(month, {}).get(what, 0.0)) for month in months]
        if what == "tce" and balance.exclude_renewables and entry["energy_type"] == "electricity":
            self_use = _self_use(balance, str(entry["unit"]))  # the audit's total leaves it out
            values = [v - self_use.get(month, (0.0, 0.0, 0.0))[1] for v, month in zip(values, months, strict=True)]
        for col, value in enumerate(values, start=2):
            writer.number(r, col, value, "decimal2")
        writer.formula(r, last_col, f"=SUM({cell_name(r, 2)}:{cell_name(r, last_col - 1)})", sum(values), "decimal2")
    row += len(entries)
    if what == "tce" and entries:
        total_row = row + 1
        writer.text(total_row, 0, Text("Total", "合计"), "total")
        writer.blank(total_row, 1, "total")
        for col in range(2, last_col + 1):
            value = balance.by_month()[months[col - 2]] if col < last_col else balance.total()
            span = f"{cell_name(total_row - len(entries), col)}:{cell_name(total_row - 1, col)}"
            writer.formula(total_row, col, f"=SUM({span})", value, "decimal2", "total")
        row = total_row
    return row + 2


def _key_figures(context: ReportContext, writer: SheetWriter, row: int, cells: StructureCells, comparison: str) -> int:
    """Totals, intensities and change as formulas over the cells above, each with the app's value."""
    analysis = context.results
    headline = analysis.energy_total("audit")
    if headline is None:
        return row
    total_cell = cells.equal_value if headline.key.endswith("equal_value") else cells.equivalent
    writer.text(row, 0, Text("Key figures", "主要指标"), "subtitle", fit=False)
    writer.headers(row + 1, KEY_COLUMNS)
    row += 2
    writer.text(row, 0, headline.label)
    writer.formula(row, 1, f"={total_cell}", headline.value, "decimal2")
    writer.text(row, 2, "tce")
    writer.text(row, 3, status_text(headline), value_style(headline))
    headline_row = row
    row += 1
    for key, denominator in (
        ("energy.intensity.output_value", "output_value_10k_yuan"),
        ("energy.intensity.value_added", "value_added_10k_yuan"),
    ):
        indicator = analysis.indicator(key)
        if indicator is None or indicator.input(denominator) is None:
            continue
        writer.text(row, 0, context.tr(Text("Denominator: ", "分母：")) + str(denominator_label(context, denominator)))
        writer.number(row, 1, float(indicator.input(denominator)), "decimal2")
        writer.text(row, 2, context.tr(Text("10k yuan", "万元")))
        writer.text(row + 1, 0, indicator.label)
        formula = f"={cell_name(headline_row, 1)}/{cell_name(row, 1)}"
        writer.formula(row + 1, 1, formula, indicator.value, number_format(indicator.unit, indicator.value))
        writer.text(row + 1, 2, unit_label(indicator.unit, context.language))
        writer.text(row + 1, 3, status_text(indicator), value_style(indicator))
        row += 2
    change = analysis.indicator("energy.change.total")
    comparison_total = analysis.energy_total("comparison")
    if change is not None and comparison_total is not None and comparison:
        writer.text(row, 0, comparison_total.label)
        writer.formula(row, 1, f"={comparison}", comparison_total.value, "decimal2")
        writer.text(row, 2, "tce")
        writer.text(row + 1, 0, change.label)
        formula = f"=({cell_name(headline_row, 1)}-{cell_name(row, 1)})/{cell_name(row, 1)}*100"
        writer.formula(row + 1, 1, formula, change.value, "decimal2")
        writer.text(row + 1, 2, "%")
        writer.text(row + 1, 3, status_text(change), value_style(change))
        row += 2
    return row + 1


def _charts(
    context: ReportContext, writer: SheetWriter, row: int, structure: StructureCells, monthly: MonthlyCells
) -> None:
    """The structure pie and the monthly stacked columns, side by side, over the tables' own cells."""
    workbook, sheet = writer.styles.workbook, writer.worksheet.get_name()
    size = {"width": CHART_WIDTH_PX, "height": CHART_ROWS * 20 - 10}
    if structure.rows:
        title = context.tr(Text("Energy structure (tce, equivalent value)", "能源消费结构（tce，当量值）"))
        pie = structure_pie(workbook, sheet, structure.rows, 0, 4, title)
        pie.set_size(size)
        writer.worksheet.insert_chart(row, 0, pie, {"x_offset": 4, "y_offset": 4})
    if monthly.rows:
        title = context.tr(Text("Energy by month and type (tce)", "分月分品种综合能耗（tce）"))
        columns = monthly_columns(workbook, sheet, monthly.header_row, monthly.rows, 2, monthly.last_col, title, "tce")
        columns.set_size(size | {"width": int(CHART_WIDTH_PX * 1.6)})
        writer.worksheet.insert_chart(row, 0, columns, {"x_offset": CHART_WIDTH_PX + 24, "y_offset": 4})


def denominator_label(context: ReportContext, name: str) -> str:
    spec = context.registry["enterprise"].field(name)
    return context.tr(spec.label)


def _period_text(context: ReportContext, balance: EnergyBalance, title: Text) -> str:
    period = balance.period
    return f"{context.tr(title)}: {period.start.isoformat()} — {period.end.isoformat()}"


def build(context: ReportContext, writer: SheetWriter) -> None:
    energy = context.results.energy
    basis = context.tr(
        Text("Electricity counted at its equal value", "电力按等价值折标")
        if energy.settings.electricity_basis == "equal_value"
        else Text("Electricity counted at its equivalent value", "电力按当量值折标")
    )
    row = writer.title(Text("Energy consumption", "能源消费"), basis + " (GB/T 2589-2020)")
    balance = energy.audit_balance
    if balance is None:
        writer.text(row, 0, Text("No audit period is set.", "未设置审计期。"), "note")
        return
    totals = (
        context.results.indicator("energy.audit.total.equivalent"),
        context.results.indicator("energy.audit.total.equal_value"),
    )
    writer.text(row, 0, _period_text(context, balance, Text("Audit period", "审计期")), "subtitle", fit=False)
    assert totals[0] is not None and totals[1] is not None
    row, audit_cells = structure_table(context, writer, row + 1, balance, (totals[0], totals[1]))
    comparison_cell = ""
    comparison = energy.comparison_balance
    if comparison is not None and comparison.lines:
        writer.text(
            row, 0, _period_text(context, comparison, Text("Comparison period", "对比期")), "subtitle", fit=False
        )
        ctotals = (
            context.results.indicator("energy.comparison.total.equivalent"),
            context.results.indicator("energy.comparison.total.equal_value"),
        )
        assert ctotals[0] is not None and ctotals[1] is not None
        row, comparison_cells = structure_table(context, writer, row + 1, comparison, (ctotals[0], ctotals[1]))
        headline = context.results.energy_total("comparison")
        is_equal = headline is not None and headline.key.endswith("equal_value")
        comparison_cell = comparison_cells.equal_value if is_equal else comparison_cells.equivalent
    row = _key_figures(context, writer, row, audit_cells, comparison_cell)
    charts_row, row = row, row + CHART_ROWS
    monthly = MonthlyCells()
    row = _monthly_table(
        writer, row, balance, "quantity", Text("Use by month (physical units)", "分月能源消费（实物量）")
    )
    row = _monthly_table(
        writer,
        row,
        balance,
        "tce",
        Text("Use by month (tce, equivalent value)", "分月综合能耗（tce，当量值）"),
        monthly,
    )
    _charts(context, writer, charts_row, audit_cells, monthly)
    others = [
        i
        for i in energy.indicators
        if i.key.startswith(("energy.intensity.product", "energy.audit.cost", "energy.change.intensity"))
    ]
    writer.text(row, 0, Text("Other energy indicators", "其他能源指标"), "subtitle", fit=False)
    write_indicators(writer, row + 1, others, brief=True)


SHEET = SheetSpec(
    key="energy",
    order=40,
    title=Text("Energy", "能源消费"),
    build=build,
    layout="landscape",
    applies=lambda context: context.analysis is not None,
)
