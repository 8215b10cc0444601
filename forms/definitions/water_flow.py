"""Per unit and test day: Vf, Vr, Vco, Vd, Vl, each with where it comes from (reading, calculated, estimate)."""

from forms.common import c, choice, date, decimal, reference, text
from forms.spec import FieldSpec, FormSpec, Rule, t

ORIGINS = (
    c("reading", "From the unit's meters", "水表读数"),
    c("calculated", "Calculated from the balance", "按平衡计算"),
    c("estimated", "Estimated", "估算"),
    c("none", "Does not occur (0)", "无（0）"),
)

QUANTITIES = (
    # name, label en, label zh, default origin
    ("vf", "New water Vf", "新水量 Vf", "reading"),
    ("vr", "Recycled / reused water Vr", "重复利用水量 Vr", "none"),
    ("vco", "Consumed water Vco", "耗水量 Vco", "calculated"),
    ("vd", "Discharged water Vd", "排水量 Vd", "reading"),
    ("vl", "Leaked / overflow water Vl", "漏溢水量 Vl", "none"),
)


def _quantity_fields(name: str, en: str, zh: str, default: str) -> tuple[FieldSpec, ...]:
    # A number typed (or imported) under an origin that does not use it was stored and silently ignored
    # (issue 10): say so on the origin, which is always shown, so `check` and the form both report it.
    constraints: tuple[Rule, ...] = (
        Rule(
            f"value != 'none' or is_blank({name}_m3) or {name}_m3 == 0",
            t(
                f"{en}: a quantity is entered but the origin says it does not occur; choose 'Estimated' to use it, "
                "or clear the quantity.",
                f"{zh}：已填数值，但来源为“无（0）”；如需采用请选择“估算”，否则请清除该数值。",
            ),
        ),
        Rule(
            f"value != 'calculated' or is_blank({name}_m3)",
            t(
                f"{en}: a quantity is entered but the origin says it is calculated from the balance; choose "
                "'Estimated' to use it, or clear the quantity.",
                f"{zh}：已填数值，但来源为“按平衡计算”；如需采用请选择“估算”，否则请清除该数值。",
            ),
        ),
        Rule(
            f"value != 'reading' or is_blank({name}_m3)",
            t(
                f"{en}: a quantity is entered but the origin says it comes from the unit's meters, so it would not be "
                "used; choose 'Estimated' (and say how it was obtained, e.g. read off a meter not registered here), or clear it.",
                f"{zh}：已填数值，但来源为“水表读数”，该数值不会被采用；如需采用请选择“估算”并注明依据（如未登记水表的读数），否则请清除。",
            ),
        ),
    )
    if name == "vr":
        # Vr is not part of Vf = Vco + Vd + Vl, so no balance can give it.
        constraints += (
            Rule(
                "value != 'calculated'",
                t(
                    "Vr cannot be calculated from the balance; meter or estimate it.",
                    "Vr 不能由水平衡计算得到，请计量或估算。",
                ),
            ),
        )
    return (
        choice(
            f"{name}_origin",
            t(f"{en}: origin", f"{zh}来源"),
            ORIGINS,
            default=default,
            required=True,
            constraints=constraints,
        ),
        decimal(
            f"{name}_m3",
            t(en, zh),
            "m³/d",
            minimum=0,
            required=True,
            relevant=f"{name}_origin == 'estimated'",
        ),
        text(
            f"{name}_method",
            t(f"{en}: estimation method", f"{zh}估算方法"),
            required=True,
            relevant=f"{name}_origin == 'estimated'",
            help=t(
                "How the value was estimated (e.g. evaporation from the tower heat load, bucket test, design data).",
                "估算依据，如按冷却塔热负荷计算蒸发量、容积法、设计参数等。",
            ),
        ),
    )


FORM = FormSpec(
    id="water_flow",
    version=2,
    label=t("Unit water quantities per test day", "单元逐日水量"),
    group="water",
    order=45,
    title_field="day",
    description=t(
        "Where a flow is not metered, say how it was obtained. At most one quantity per unit and day is calculated from the balance.",
        "未计量的水量需注明来源。每个单元每日最多一项水量按平衡计算。",
    ),
    fields=(
        reference("unit", t("Unit", "用水单元"), ("water_unit",), required=True),
        date(
            "day",
            t("Test day", "测试日"),
            required=True,
            help=t("Date on which the test day starts.", "测试日开始的日期。"),
        ),
        *(spec for quantity in QUANTITIES for spec in _quantity_fields(*quantity)),
        text("remarks", t("Remarks", "备注")),
    ),
)
