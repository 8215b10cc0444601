"""Surface-temperature survey: bare or poorly insulated pipes, valves and tanks, for insulation savings."""

from forms.common import c, choice, decimal, reference, text
from forms.spec import FormSpec, Rule, t

SURFACE_KINDS = (
    c("pipe", "Pipe", "管道"),
    c("valve", "Valve", "阀门"),
    c("flange", "Flange", "法兰"),
    c("tank", "Tank / vessel", "罐体/容器"),
    c("wall", "Furnace or machine wall", "炉体/设备外壁"),
)

INSULATION_STATES = (
    c("bare", "Bare", "裸露"),
    c("damaged", "Damaged / wet insulation", "保温破损/受潮"),
    c("insulated", "Insulated", "保温完好"),
)

MEDIA = (
    c("steam", "Steam", "蒸汽"),
    c("condensate", "Condensate", "冷凝水"),
    c("hot_water", "Hot water", "热水"),
    c("thermal_oil", "Thermal oil", "导热油"),
    c("flue_gas", "Flue gas", "烟气"),
    c("other", "Other", "其他"),
)

FORM = FormSpec(
    id="surface_survey",
    version=1,
    label=t("Surface-temperature survey", "表面温度测试"),
    group="measurements",
    order=34,
    title_field="location",
    fields=(
        text("location", t("Location", "位置"), required=True),
        choice("kind", t("Surface", "部位"), SURFACE_KINDS, required=True),
        choice("insulation", t("Insulation", "保温状况"), INSULATION_STATES, required=True),
        choice("medium", t("Medium inside", "介质"), MEDIA),
        reference("heat_source", t("Heat from", "热源设备"), ("boiler", "furnace")),
        decimal(
            "outer_diameter_mm",
            t("Outer diameter", "外径"),
            "mm",
            positive=True,
            maximum=5000,
            relevant="kind in ('pipe', 'valve', 'flange')",
        ),
        decimal(
            "length_m",
            t("Length (equivalent for valves)", "长度（阀门按当量长度）"),
            "m",
            positive=True,
            relevant="kind in ('pipe', 'valve', 'flange')",
        ),
        decimal("area_m2", t("Surface area", "表面积"), "m²", positive=True, relevant="kind in ('tank', 'wall')"),
        decimal("surface_c", t("Surface temperature", "表面温度"), "°C", minimum=-50, maximum=1200, required=True),
        decimal(
            "ambient_c",
            t("Ambient temperature", "环境温度"),
            "°C",
            minimum=-40,
            maximum=60,
            required=True,
            warnings=(
                Rule(
                    "surface_c is None or value < surface_c",
                    t("The surface is not warmer than the air around it.", "表面温度不高于环境温度。"),
                ),
            ),
        ),
        decimal("medium_c", t("Medium temperature", "介质温度"), "°C", minimum=-50, maximum=1200),
        decimal("wind_m_per_s", t("Air speed", "风速"), "m/s", maximum=30, default=0),
        decimal("annual_hours", t("Hot hours per year", "年运行小时数"), "h", maximum=8784),
    ),
)
