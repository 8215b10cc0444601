"""`python main.py office report|register|reserve OFFICE …`: the office's register and reserve from the command line.

Found by `audit.commands.office` (modules named office*) through OFFICE_SUBCOMMANDS.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from audit.cli import Command, add_workbook_output_options
from audit.i18n import cli_language, say
from forms.spec import Text

LANGUAGES = ("zh", "en")


def _office_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("office", type=Path, help=say(Text("office database file", "办公室数据库文件")))


def _month(text: str) -> str:
    from audit.office.reserve import month_index

    try:
        month_index(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            say(Text(f"not a month (YYYY-MM): {text}", f"不是月份（YYYY-MM）：{text}"))
        ) from None
    return text


def _month_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--month",
        type=_month,
        default=None,
        help=say(
            Text(
                "the month the reserve is shown in, YYYY-MM (default: this month)",
                "项目储备库的统计月份 YYYY-MM（默认本月）",
            )
        ),
    )


def _configure_report(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)
    add_workbook_output_options(
        parser, LANGUAGES, Text("language (default: the command line's)", "语言（默认与命令行相同）")
    )
    _month_argument(parser)


def run_report(args: argparse.Namespace) -> int:
    from audit.office.database import OfficeDatabase
    from audit.office.workbook import export_office_workbook

    with OfficeDatabase.open(args.office) as office:
        written = export_office_workbook(
            office.db, args.output, args.lang or cli_language(), args.month, office_name=args.office.stem
        )
    print(
        say(
            Text(
                "Workbook written to {path}: {sheets} sheets, {formulas} formulas",
                "工作簿已写入 {path}：{sheets} 个工作表，{formulas} 个公式",
            )
        ).format(path=args.output, sheets=len(written.sheets), formulas=len(written.formulas))
    )
    return 0


def _configure_office_only(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)


def run_projects(args: argparse.Namespace) -> int:
    from audit.office.database import OfficeDatabase
    from audit.office.reserve import create_projects

    with OfficeDatabase.open(args.office) as office, office.transaction() as db:
        created = create_projects(db)
    print(
        say(Text(f"{len(created)} projects made from accepted measures.", f"已由采纳措施生成 {len(created)} 个项目。"))
    )
    return 0


def _configure_target(parser: argparse.ArgumentParser) -> None:
    _office_argument(parser)
    for name, unit in (("tce", "tce"), ("tco2", "tCO2"), ("water-m3", "m³")):
        parser.add_argument(
            f"--{name}",
            type=float,
            default=None,
            help=say(Text(f"the county's target ({unit})", f"全县目标（{unit}）")),
        )


def run_target(args: argparse.Namespace) -> int:
    from audit.office.database import OfficeDatabase
    from audit.office.reserve import set_setting

    given = {"tce": args.tce, "tco2": args.tco2, "water_m3": args.water_m3}
    with OfficeDatabase.open(args.office) as office, office.transaction() as db:
        for quantity, value in given.items():
            if value is not None:
                set_setting(db, f"reserve_target_{quantity}", value)
    shown = ", ".join(f"{quantity} {value:g}" for quantity, value in given.items() if value is not None)
    print(say(Text(f"Reserve targets set: {shown or 'none given'}.", f"已设置储备库目标：{shown or '未给出'}。")))
    return 0


def run_refresh(args: argparse.Namespace) -> int:
    from audit.office.database import OfficeDatabase
    from audit.office.register import refresh_all

    with OfficeDatabase.open(args.office) as office:
        refreshed, problems = refresh_all(office)
    print(say(Text(f"Register refreshed for {refreshed} audits.", f"已重新计算 {refreshed} 个诊断的登记数据。")))
    for audit_uuid, why in problems:
        print(f"{audit_uuid}: {say(why)}")
    return 1 if problems else 0


OFFICE_SUBCOMMANDS = (
    Command(
        "report",
        Text("write the office's consolidated workbook (.xlsx)", "生成办公室汇总工作簿（.xlsx）"),
        _configure_report,
        run_report,
    ),
    Command(
        "projects",
        Text("make reserve projects of the accepted measures", "由已采纳措施生成储备库项目"),
        _configure_office_only,
        run_projects,
    ),
    Command(
        "refresh",
        Text("recompute the register from every audit's merged records", "按各诊断的合并记录重新计算登记表"),
        _configure_office_only,
        run_refresh,
    ),
    Command(
        "target",
        Text("set the county's targets for the project reserve", "设置项目储备库的全县目标"),
        _configure_target,
        run_target,
    ),
)
