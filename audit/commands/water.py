"""`python main.py water FILE [--json]`: the water-balance test of an audit, computed headless."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from audit.cli import Command
from audit.i18n import cli_language, say
from audit.presentation import format_number, outcome_word
from audit.results import to_json
from forms.spec import Text

if TYPE_CHECKING:
    from audit.water.model import TestSetup, Totals, WaterResult


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help=say(Text("audit file (.fieldaudit)", "诊断文件（.fieldaudit）")))
    parser.add_argument(
        "--json", action="store_true", help=say(Text("print the full result as JSON", "以 JSON 输出全部结果"))
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def _number(value: float | None, digits: int = 1) -> str:
    return format_number(value, digits)


def render(result: WaterResult, language: str) -> str:
    """The result as plain text for a terminal (tables padded for Chinese double-width characters)."""
    lines: list[str] = []
    if not result.ready or result.test is None:
        lines += [f.message.get(language) for f in result.flags]
        return "\n".join(lines)
    lines += _heading_lines(result, result.test, language)
    lines += _source_lines(result, language)
    lines.append("")
    lines += _unit_table_lines(result, language)
    lines.append("")
    lines += _totals_lines(result, language)
    lines.append("")
    lines += _indicator_lines(result, language)
    lines.append("")
    lines += _comparison_lines(result, language)
    lines += _flag_lines(result, language)
    return "\n".join(lines)


def _heading_lines(result: WaterResult, test: TestSetup, language: str) -> list[str]:
    """The test, its period, the enterprise and the tolerances in force."""

    def s(text: Text) -> str:
        return text.get(language)

    lines: list[str] = []
    period = f"{test.start:%Y-%m-%d %H:%M} – {test.end:%Y-%m-%d %H:%M}"
    lines.append(s(Text(f"Water-balance test: {test.title}", f"水平衡测试：{test.title}")))
    lines.append(
        s(
            Text(
                f"Period {period}, {test.days} days; annualised with {test.production_days} production days per year",
                f"测试期 {period}，共 {test.days} 天；按年生产 {test.production_days} 天折算全年",
            )
        )
    )
    industry = (
        s(result.industry) if result.industry else s(Text("no GB/T 7119 thresholds held", "无对应 GB/T 7119 指标"))
    )
    lines.append(
        s(
            Text(
                f"Enterprise: {result.enterprise_name}, industry {result.industry_code} ({industry})",
                f"企业：{result.enterprise_name}，行业代码 {result.industry_code}（{industry}）",
            )
        )
    )
    lines.append(
        s(
            Text(
                f"Tolerances: unit closure ±{test.unit_tolerance_pct:g} % [{test.unit_tolerance_status}], intake comparison ±{test.intake_tolerance_pct:g} % [{test.intake_tolerance_status}]",
                f"允许误差：单元水平衡 ±{test.unit_tolerance_pct:g}% [{test.unit_tolerance_status}]，取水量核对 ±{test.intake_tolerance_pct:g}% [{test.intake_tolerance_status}]",
            )
        )
    )
    return lines


def _source_lines(result: WaterResult, language: str) -> list[str]:
    """The water sources, metered in the test against billed in the year (nothing when there are none)."""

    def s(text: Text) -> str:
        return text.get(language)

    lines: list[str] = []
    if result.sources:
        lines.append("")
        lines.append(s(Text("Sources", "水源")))
        for source in result.sources:
            kind = s(Text(" (non-conventional)", "（非常规水）")) if source.nonconventional else ""
            metered = _number(source.metered_m3_per_d) if source.metered_m3_per_d is not None else "—"
            annual = _number(source.annual_quantity_m3, 0) if source.annual_quantity_m3 is not None else "—"
            lines.append(
                s(
                    Text(
                        f"  {source.name}{kind}: metered in the test {metered} m³/d; {annual} m³ in the year (bills)",
                        f"  {source.name}{kind}：测试期实测 {metered} m³/d；年取水量 {annual} m³（账单）",
                    )
                )
            )
    return lines


def _unit_table_lines(result: WaterResult, language: str) -> list[str]:
    """The unit-balance table: one row per unit, indented by level."""
    from audit.water.model import QUANTITIES

    def s(text: Text) -> str:
        return text.get(language)

    lines: list[str] = []
    lines.append(
        s(
            Text(
                "Unit balance, m³/d (≈ estimated, * calculated from the balance, ! beyond tolerance)",
                "单元水平衡，m³/d（≈ 估算，* 按平衡计算，! 超出允许误差）",
            )
        )
    )
    header = [
        s(Text("Unit", "用水单元")),
        "Vf",
        "Vr",
        "Vco",
        "Vd",
        "Vl",
        s(Text("Closure %", "误差%")),
        s(Text("Meter vs sub-units %", "本级表与下级差%")),
        s(Text("Repeated use %", "重复利用率%")),
    ]
    name_width = max([_width(header[0])] + [_width(u.name) + 2 * (u.level - 1) for u in result.units]) + 1
    lines.append(
        _pad(header[0], name_width)
        + "".join(_pad(h, 11, True) for h in header[1:6])
        + _pad(header[6], 10, True)
        + _pad(header[7], 22, True)
        + _pad(header[8], 16, True)
    )
    for unit in result.units:
        name = "  " * max(unit.level - 1, 0) + unit.name
        row = _pad(name, name_width)
        if unit.complete:
            row += "".join(_pad(unit.origin_mark(q) + _number(unit.average[q]), 11, True) for q in QUANTITIES)
            mark = "!" if unit.within_tolerance is False else ""
            row += _pad(mark + _number(unit.closure_pct, 2), 10, True)
            row += _pad(
                _number(unit.children_difference_pct, 2) if unit.children_difference_pct is not None else "", 22, True
            )
            row += _pad(_number(unit.repeated_rate_pct, 1) if unit.repeated_rate_pct is not None else "", 16, True)
        else:
            row += "  " + s(Text("(incomplete: see flags)", "（数据不完整，见问题清单）"))
        lines.append(row)
    return lines


def _totals_lines(result: WaterResult, language: str) -> list[str]:
    """The enterprise totals (test-day average, each test day, annualised) and the totals of each level."""
    from audit.water.model import QUANTITIES

    def s(text: Text) -> str:
        return text.get(language)

    def totals_line(label: Text, totals: Totals, unit: str) -> str:
        values = ", ".join(
            f"{q.capitalize() if q != 'vt' else 'Vt'} {_number(totals.values.get(q), 0)}" for q in (*QUANTITIES, "vt")
        )
        closure = _number(totals.closure_pct, 2)
        state = "" if totals.complete else s(Text(" (incomplete)", "（不完整）"))
        return f"{s(label)} [{unit}]: {values}; {s(Text('closure', '误差'))} {closure} %{state}"

    lines: list[str] = []
    lines.append(totals_line(Text("Enterprise, test-day average", "企业（测试日平均）"), result.enterprise, "m³/d"))
    lines += _daily_lines(result, language)
    lines.append(totals_line(Text("Enterprise, annualised", "企业（折算全年）"), result.annual, "m³/a"))
    for level, totals in sorted(result.levels.items()):
        lines.append(totals_line(Text(f"Level {level} units", f"{level}级单元合计"), totals, "m³/d"))
    return lines


def _indicator_lines(result: WaterResult, language: str) -> list[str]:
    """The evaluation indicators, each with its status and formula."""

    def s(text: Text) -> str:
        return text.get(language)

    lines = [s(Text("Indicators", "评价指标"))]
    for indicator in result.indicators:
        value = _number(indicator.value, 2) + (f" {indicator.unit}" if indicator.unit else "")
        if indicator.value is None and indicator.note:
            value = s(Text("not computed: ", "未计算：")) + s(indicator.note)
        estimate = (
            s(Text(" ≈ inputs partly estimated", " ≈ 部分输入为估算"))
            if indicator.estimated and indicator.value is not None
            else ""
        )
        lines.append(f"  {s(indicator.label)}: {value} [{indicator.status}] ({indicator.formula}){estimate}")
    return lines


def _comparison_lines(result: WaterResult, language: str) -> list[str]:
    """The comparisons against the standards, each citing the standard (with its edition when it has one)."""

    def s(text: Text) -> str:
        return text.get(language)

    lines = [s(Text("Comparisons", "对标评价"))]
    for comparison in result.comparisons:
        word = outcome_word(comparison.outcome, language)
        cited = comparison.sources[0]
        reference = cited.standard
        if cited.edition and cited.edition not in ("n/a", "-"):
            reference = f"{reference}-{cited.edition}"
        reason = s(comparison.note) if comparison.note else ""
        lines.append(f"  [{word}] {s(comparison.label)}: {reason} ({reference} [{comparison.status}])")
    return lines


def _flag_lines(result: WaterResult, language: str) -> list[str]:
    """The flags, errors and warnings alike (nothing when there are none)."""

    def s(text: Text) -> str:
        return text.get(language)

    lines: list[str] = []
    if result.flags:
        lines.append("")
        lines.append(s(Text(f"Flags ({len(result.flags)})", f"问题清单（{len(result.flags)}）")))
        for flag in result.flags:
            word = s(Text("error", "错误")) if flag.severity == "error" else s(Text("warning", "警告"))
            lines.append(f"  {word}: {s(flag.message)}")
    return lines


def _daily_lines(result: WaterResult, language: str) -> list[str]:
    """The enterprise on each test day: its balance and closure, and the main meter against the level-1
    inflows (! beyond the intake tolerance)."""
    from audit.water.model import QUANTITIES

    tolerance = result.test.intake_tolerance_pct if result.test is not None else None
    lines: list[str] = []
    for day in result.daily:
        head = Text(f"  Test day {day.day:%Y-%m-%d} [m³]: ", f"  测试日 {day.day:%Y-%m-%d} [m³]：").get(language)
        if day.values:
            values = ", ".join(f"{q.capitalize()} {_number(day.values.get(q), 1)}" for q in (*QUANTITIES, "vt"))
            closure = Text("closure", "误差").get(language)
            head += f"{values}; {closure} {_number(day.closure_pct, 2)} %"
        else:
            head += Text("no valid balance", "无有效平衡").get(language)
        if day.metered_intake_m3 is not None:
            beyond = tolerance is not None and day.difference_pct is not None and abs(day.difference_pct) > tolerance
            mark = "!" if beyond else ""
            units = _number(day.units_intake_m3, 1) if day.units_intake_m3 is not None else "—"
            meter = _number(day.metered_intake_m3, 1)
            difference = _number(day.difference_pct, 2) if day.difference_pct is not None else "—"
            head += Text(
                f"; main meter {meter} vs level-1 inflows {units}: {mark}{difference} %",
                f"；总表 {meter}，一级单元取水合计 {units}：差 {mark}{difference}%",
            ).get(language)
        lines.append(head)
    return lines


def _run(args: argparse.Namespace) -> int:
    # Imported when the command runs: every command pays for what it uses only (issue 15).
    from audit.document import AuditDocument
    from audit.water import compute_water

    # The water result alone: the same `compute` the whole analysis runs for its water stage, without
    # the energy, equipment and findings stages this command does not show (issue 15).
    with AuditDocument.open(args.file, read_only=True) as document:
        result = compute_water(document)
    if args.json:
        json.dump(to_json({"water": result}), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(render(result, cli_language()))
    return 0 if result.ready else 1


COMMANDS = (
    Command(
        "water",
        Text(
            "Compute the water-balance test of an audit (GB/T 12452-2022).",
            "计算诊断文件的水平衡测试（GB/T 12452-2022）。",
        ),
        _configure,
        _run,
    ),
)
