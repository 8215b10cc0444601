"""Industrial boilers: fuel, capacity and combustion data for GB 24500-2020 and flue-gas loss."""

from forms.common import boolean, c, choice, decimal, equipment_fields
from forms.spec import FormSpec, Rule, t

BOILER_FUELS = (
    c("natural_gas", "Natural gas", "天然气"),
    c("coal", "Coal", "燃煤"),
    c("fuel_oil", "Fuel oil / diesel", "燃油"),
    c("biomass", "Biomass", "生物质"),
    c("electric", "Electric", "电"),
    c("waste_heat", "Waste heat", "余热"),
)

BOILER_MEDIA = (
    c("steam", "Steam", "蒸汽锅炉"),
    c("hot_water", "Hot water", "热水锅炉"),
    c("thermal_oil", "Thermal oil", "导热油炉"),
)

FORM = FormSpec(
    id="boiler",
    version=1,
    label=t("Boilers", "锅炉"),
    group="equipment",
    order=24,
    title_field="tag",
    fields=(
        *equipment_fields("锅炉"),
        choice("fuel", t("Fuel", "燃料"), BOILER_FUELS, required=True),
        choice("medium", t("Medium", "介质"), BOILER_MEDIA, required=True),
        decimal(
            "rated_capacity_t_per_h",
            t("Rated evaporation", "额定蒸发量"),
            "t/h",
            positive=True,
            maximum=500,
            relevant="medium == 'steam'",
            required=True,
        ),
        decimal(
            "rated_heat_output_mw",
            t("Rated heat output", "额定热功率"),
            "MW",
            positive=True,
            maximum=400,
            relevant="medium != 'steam'",
            required=True,
        ),
        decimal("rated_pressure_mpa", t("Rated pressure", "额定压力"), "MPa", positive=True, maximum=30),
        boolean("condensing", t("Condensing boiler", "冷凝式锅炉"), relevant="fuel == 'natural_gas'"),
        decimal("design_efficiency_pct", t("Design thermal efficiency", "设计热效率"), "%", positive=True, maximum=110),
        decimal(
            "measured_efficiency_pct", t("Measured thermal efficiency", "实测热效率"), "%", positive=True, maximum=110
        ),
        decimal(
            "flue_gas_temperature_c",
            t("Flue-gas exit temperature", "排烟温度"),
            "°C",
            minimum=30,
            maximum=600,
            warnings=(
                Rule(
                    "value <= 250",
                    t(
                        "A flue gas above 250 °C means large stack losses; check.",
                        "排烟温度高于250 °C，排烟损失大，请核实。",
                    ),
                ),
            ),
        ),
        decimal(
            "flue_gas_o2_pct",
            t("Flue-gas O₂", "烟气含氧量"),
            "%",
            maximum=21,
            constraints=(
                Rule("value < 21", t("Flue gas O₂ must be below 21 % (air).", "烟气含氧量应低于21%（空气）。")),
            ),
        ),
        decimal(
            "condensate_return_pct",
            t("Condensate returned", "冷凝水回收率"),
            "%",
            maximum=100,
            relevant="medium == 'steam'",
        ),
        decimal("blowdown_pct", t("Blowdown rate", "排污率"), "%", maximum=30, relevant="medium == 'steam'"),
    ),
)
