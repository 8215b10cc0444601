"""The office workbook's register, carbon-efficiency and water sheets (the reserve is in workbook_reserve.py)."""

from __future__ import annotations

from typing import Any

from audit.lean_sqlite_utils import Database
from audit.office import carbon_register, register
from audit.office.carbon_register import GRADES
from audit.office.register import RegisterQuery
from audit.office.sheet_parts import Column, OfficeContext, OfficeSheet, sum_row, write_table
from audit.report.cells import SheetWriter, cell_name
from forms.spec import Text

OUTCOMES = {
    "pass": Text("pass", "达标"),
    "fail": Text("fail", "不达标"),
    "cannot_evaluate": Text("cannot evaluate", "无法评价"),
}
VALID = {1: Text("valid", "有效"), 0: Text("incomplete", "不完整")}
SOURCE = (
    Column(Text("Audit", "诊断编号"), "audit_uuid"),
    Column(Text("Revision", "版本"), "revision", "integer"),
)
ENTERPRISE = (
    Column(Text("Credit code", "统一社会信用代码"), "credit_code"),
    Column(Text("Enterprise", "企业名称"), "name"),
    Column(Text("Industry", "行业代码"), "industry_code"),
    Column(Text("Town", "乡镇（街道）"), "town"),
    Column(Text("Year", "年度"), "year"),
)
REGISTER_COLUMNS = (
    *ENTERPRISE,
    Column(Text("Energy", "综合能耗"), "energy_tce", "decimal1", "tce"),
    Column(Text("Energy per value added", "单位增加值能耗"), "intensity_tce_per_10k_yuan", "decimal3", "tce/10k yuan"),
    Column(Text("CO₂", "二氧化碳排放"), "co2_t", "decimal1", "tCO2"),
    Column(Text("L", "L（单位增加值碳排放）"), "carbon_l", "decimal3", "tCO2/10k yuan"),
    Column(Text("K", "K"), "carbon_k", "decimal3"),
    Column(Text("Grade", "碳效等级"), "carbon_grade", "integer"),
    Column(Text("Repeated utilisation R", "重复利用率"), "water_repeated_rate_pct", "decimal1", "%"),
    Column(Text("GB/T 7119", "GB/T 7119 评价"), "water_outcome"),
    Column(Text("High findings", "高风险问题"), "findings_high", "integer"),
    Column(Text("Medium findings", "中风险问题"), "findings_medium", "integer"),
    Column(Text("Low findings", "低风险问题"), "findings_low", "integer"),
    Column(Text("Energy savings potential", "节能潜力"), "savings_tce", "decimal1", "tce"),
    Column(Text("CO₂ reduction potential", "减碳潜力"), "savings_tco2", "decimal1", "tCO2"),
    Column(Text("Water savings potential", "节水潜力"), "savings_water_m3", "decimal1", "m³"),
    Column(Text("Money saved per year", "年节约金额"), "savings_yuan", "decimal1", "yuan"),
    Column(Text("Investment", "投资"), "investment_yuan", "decimal1", "yuan"),
    Column(Text("Simple payback (years)", "静态回收期（年）"), "payback_years", "decimal2"),
    *SOURCE,
)
SUMMED = ("energy_tce", "co2_t", "savings_tce", "savings_tco2", "savings_water_m3", "savings_yuan", "investment_yuan")


def shown_row(row: dict[str, Any], language: str) -> dict[str, Any]:
    """A register row as the sheets show it: outcomes as words, [U] figures marked."""
    statuses = register.statuses_of(row)
    outcome = OUTCOMES.get(row.get("water_evaluation") or "")
    return {
        **row,
        "water_outcome": outcome.get(language) if outcome else "",
        "_unverified": [column for column, status in statuses.items() if status == "U"],
    }


def _payback(writer: SheetWriter, row: int, item: dict[str, Any]) -> None:
    """Simple payback as a formula over the investment and money cells of the row."""
    keys = [c.key for c in REGISTER_COLUMNS]
    money, investment = item.get("savings_yuan"), item.get("investment_yuan")
    col = keys.index("payback_years")
    if not money or investment is None:
        writer.blank(row, col)
        return
    m, i = cell_name(row, keys.index("savings_yuan")), cell_name(row, keys.index("investment_yuan"))
    writer.formula(row, col, f"=IF({i}<=0,0,{i}/{m})", investment / money if investment > 0 else 0.0, "decimal2")


def build_register(context: OfficeContext, writer: SheetWriter) -> None:
    row = writer.title(
        Text("Enterprise register", "企业节能降碳登记表"),
        Text(
            "Latest audit of each enterprise; [U] figures (red) rest on unverified coefficients",
            "各企业最近一次诊断；红色为含未核实系数的数值",
        ),
    )
    rows = [shown_row(item, context.language) for item in register.iter_register(context.db, RegisterQuery())]
    end = write_table(writer, row, REGISTER_COLUMNS, rows)
    for offset, item in enumerate(rows, start=row + 1):
        _payback(writer, offset, item)
    if rows:
        sum_row(writer, end, row + 1, end - 1, REGISTER_COLUMNS, SUMMED, rows, Text("Total", "合计"))


REGISTER = OfficeSheet("register", Text("Register", "企业登记表"), build_register)


DISTRIBUTION_COLUMNS = (
    Column(Text("Group", "分组"), "label"),
    *(Column(Text(f"Grade {g}", f"{g} 级"), f"grade_{g}", "integer") for g in GRADES),
    Column(Text("Not graded", "未评级"), "ungraded", "integer"),
    Column(Text("Total", "合计"), "total", "integer"),
)


def distribution_lines(db: Database, by: str) -> list[dict[str, Any]]:
    """The grade distribution by industry or town, one line per group (the code and name of an industry)."""
    lines = []
    for counts in carbon_register.grade_distribution(db, by):
        label = counts.label if counts.label == counts.group else f"{counts.group} {counts.label}"
        line: dict[str, Any] = {"label": label, "ungraded": counts.ungraded, "total": counts.total}
        line.update({f"grade_{g}": counts.by_grade[g] for g in GRADES})
        lines.append(line)
    return lines


def _distribution(writer: SheetWriter, row: int, title: Text, lines: list[dict[str, Any]]) -> int:
    """The distribution table, each line's total and the column totals as SUM formulas."""
    writer.text(row, 0, title, "subtitle", fit=False)
    row += 1
    writer.headers(row, [(c.label, c.unit) for c in DISTRIBUTION_COLUMNS])
    first, counted = row + 1, [c.key for c in DISTRIBUTION_COLUMNS[1:-1]]
    for line in lines:
        row += 1
        writer.text(row, 0, line["label"])
        for col, key in enumerate(counted, start=1):
            writer.number(row, col, line[key], "integer")
        total = f"=SUM({cell_name(row, 1)}:{cell_name(row, len(counted))})"
        writer.formula(row, len(counted) + 1, total, line["total"], "integer")
    last = row
    row += 1
    writer.text(row, 0, Text("Total", "合计"), "total")
    for col, column in enumerate(DISTRIBUTION_COLUMNS[1:], start=1):
        value = sum(line[column.key] for line in lines)
        writer.formula(row, col, f"=SUM({cell_name(first, col)}:{cell_name(last, col)})", value, "integer", "total")
    return row + 2


MOVE_COLUMNS = (
    *ENTERPRISE,
    Column(Text("Previous grade", "上次等级"), "previous_grade", "integer"),
    Column(Text("Grade", "本次等级"), "carbon_grade", "integer"),
    Column(Text("Previous audit", "上次诊断"), "previous_audit_uuid"),
    Column(Text("Previous revision", "上次版本"), "previous_revision", "integer"),
    *SOURCE,
)
LOW_COLUMNS = (
    *ENTERPRISE,
    Column(Text("Grade", "碳效等级"), "carbon_grade", "integer"),
    Column(Text("K", "K"), "carbon_k", "decimal3"),
    Column(Text("Accepted measure", "已采纳措施"), "measure"),
    Column(Text("Energy saved", "节能量"), "tce", "decimal2", "tce"),
    Column(Text("CO₂ avoided", "减排量"), "tco2", "decimal2", "tCO2"),
    *SOURCE,
)


def low_grade_lines(db: Database, language: str) -> list[dict[str, Any]]:
    """One line per accepted measure of a grade 4-5 enterprise (the enterprise alone when it has none)."""
    rows: list[dict[str, Any]] = []
    for enterprise in carbon_register.low_grade(db):
        measures = enterprise.pop("measures")
        for measure in measures or [{}]:
            title = measure.get("title_zh" if language == "zh" else "title_en", "")
            rows.append({**enterprise, "measure": title, "tce": measure.get("tce"), "tco2": measure.get("tco2")})
    return rows


def build_carbon(context: OfficeContext, writer: SheetWriter) -> None:
    row = writer.title(
        Text("Carbon efficiency (DB33/T 1347-2023)", "碳效码汇总（DB33/T 1347-2023）"),
        Text(
            "Grades of the latest audits; grade bands are unverified [U]",
            "各企业最近一次诊断的碳效等级；分级阈值未核实 [U]",
        ),
    )
    row = _distribution(writer, row, Text("By industry", "按行业"), distribution_lines(context.db, "industry"))
    row = _distribution(writer, row, Text("By town", "按乡镇（街道）"), distribution_lines(context.db, "town"))
    writer.text(row, 0, Text("Moved grade since the previous audit", "较上次诊断等级变化的企业"), "subtitle", fit=False)
    row = write_table(writer, row + 1, MOVE_COLUMNS, carbon_register.grade_moves(context.db)) + 1
    writer.text(
        row, 0, Text("Grade 4 and 5, with accepted measures", "4、5 级企业及其已采纳措施"), "subtitle", fit=False
    )
    write_table(writer, row + 1, LOW_COLUMNS, low_grade_lines(context.db, context.language))


CARBON = OfficeSheet("carbon", Text("Carbon efficiency", "碳效码"), build_carbon)

WATER_COLUMNS = (
    *ENTERPRISE,
    Column(Text("Water-balance test", "水平衡测试"), "valid"),
    Column(Text("GB/T 7119", "GB/T 7119 评价"), "water_outcome"),
    Column(Text("Why", "原因"), "reasons"),
    Column(Text("Repeated utilisation R", "重复利用率"), "water_repeated_rate_pct", "decimal1", "%"),
    Column(Text("Leak rate", "用水综合漏失率"), "water_leak_rate_pct", "decimal2", "%"),
    Column(Text("Wastewater reuse", "废水回用率"), "water_wastewater_reuse_pct", "decimal1", "%"),
    Column(
        Text("Water per value added", "万元增加值取水量"), "water_per_10k_value_added_m3", "decimal1", "m³/10k yuan"
    ),
    *SOURCE,
)


def water_lines(db: Database, language: str) -> list[dict[str, Any]]:
    """The water list as shown: test valid or not, the GB/T 7119 outcome and its reasons, in `language`."""
    rows = []
    for item in register.water_list(db):
        valid = VALID.get(item["water_valid_test"]) if item["water_valid_test"] is not None else None
        shown = shown_row(item, language)
        shown["valid"] = (valid or Text("no test", "无测试")).get(language)
        shown["reasons"] = item["water_reasons_zh" if language == "zh" else "water_reasons_en"]
        rows.append(shown)
    return rows


def build_water(context: OfficeContext, writer: SheetWriter) -> None:
    row = writer.title(
        Text("Water-conserving enterprises (GB/T 7119-2018)", "节水型企业（GB/T 7119-2018）"),
        Text("Valid water-balance test, evaluation and what fails", "水平衡测试是否有效、评价结论及不达标项"),
    )
    write_table(writer, row, WATER_COLUMNS, water_lines(context.db, context.language))


WATER = OfficeSheet("water", Text("Water conserving", "节水型企业"), build_water)
