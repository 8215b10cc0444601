"""Cooling towers: circulating flow, temperatures and make-up/circulating conductivity for cycles of concentration."""

from forms.common import c, choice, decimal, equipment_fields, reference
from forms.spec import FormSpec, Rule, t

CONCENTRATION_BASES = (
    c("conductivity", "Conductivity (µS/cm)", "电导率（µS/cm）"),
    c("chloride", "Chloride (mg/L)", "氯离子（mg/L）"),
)

FORM = FormSpec(
    id="cooling_tower",
    version=1,
    label=t("Cooling towers", "冷却塔"),
    group="measurements",
    order=46,
    title_field="tag",
    fields=(
        *equipment_fields("冷却塔"),
        reference("water_unit", t("Water-balance unit", "水平衡用水单元"), ("water_unit",)),
        decimal("circulating_flow_m3_per_h", t("Circulating flow", "循环水量"), "m³/h", positive=True, required=True),
        decimal("hot_water_c", t("Return (hot) water temperature", "回水（热水）温度"), "°C", maximum=100),
        decimal(
            "cold_water_c",
            t("Supply (cold) water temperature", "供水（冷水）温度"),
            "°C",
            maximum=100,
            warnings=(
                Rule(
                    "hot_water_c is None or value < hot_water_c",
                    t(
                        "The cold-water temperature should be below the hot-water temperature.",
                        "供水温度应低于回水温度。",
                    ),
                ),
            ),
        ),
        choice(
            "concentration_basis", t("Measured as", "浓缩倍数测定依据"), CONCENTRATION_BASES, default="conductivity"
        ),
        decimal("make_up_concentration", t("Make-up water concentration", "补充水浓度"), positive=True),
        decimal("circulating_concentration", t("Circulating water concentration", "循环水浓度"), positive=True),
        decimal("make_up_m3_per_h", t("Measured make-up", "实测补水量"), "m³/h", minimum=0),
        decimal("blowdown_m3_per_h", t("Measured blowdown", "实测排污量"), "m³/h", minimum=0),
        decimal("drift_pct", t("Drift loss", "风吹损失率"), "%", maximum=5),
    ),
)
