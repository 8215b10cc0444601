"""The audit itself: its type, periods, team and where it stands in the workflow."""

from forms.common import boolean, c, choice, date, decimal, integer, text
from forms.spec import FormSpec, Rule, t

AUDIT_TYPES = (
    c("energy_diagnosis", "Energy-conservation diagnosis", "节能诊断"),
    c("energy_audit", "Energy audit (GB/T 17166)", "能源审计"),
    c("water_balance", "Water-balance test (GB/T 12452)", "水平衡测试"),
    c("combined", "Combined energy and water", "能源与水综合诊断"),
)

ELECTRICITY_BASES = (
    c("equivalent", "Equivalent value (0.1229 kgce/kWh)", "当量值（0.1229 kgce/kWh）"),
    c("equal_value", "Equal value (previous year's power-supply coal rate)", "等价值（上年发电标准煤耗）"),
)

# Self-consumed on-site PV and wind power in comprehensive energy consumption. GB/T 2589-2020 counts the energy
# actually consumed inside the boundary (3.5, wording not read: [U]), so "counted" is the default; excluding new
# renewable power is the national energy-consumption-control policy, not the standard. Both totals are always
# shown; resources/energy/conventions.json holds the default with its source (a test keeps them equal).
RENEWABLE_SELF_USE = (
    c(
        "counted",
        "Counted (energy consumed inside the boundary, GB/T 2589-2020)",
        "计入（边界内实际消耗的能源，GB/T 2589-2020）",
    ),
    c(
        "excluded",
        "Excluded (renewable power left out of energy-consumption control)",
        "不计入（可再生能源电力不纳入能耗控制）",
    ),
)

STEAM_PRACTICES = (
    c("fixed", "Fixed coefficient 0.1286 kgce/kg", "固定系数 0.1286 kgce/kg"),
    c("enthalpy", "Enthalpy × 0.03412 kgce/MJ", "按焓值 × 0.03412 kgce/MJ"),
)

GRID_REGIONS = (
    c("national", "National average", "全国电网平均"),
    c("east_china", "East China grid", "华东电网"),
    c("zhejiang", "Zhejiang province", "浙江省"),
)

FUEL_FACTOR_SETS = (
    c("A", "GB/T 32150 / provincial inventory defaults", "GB/T 32150 / 省级清单缺省值"),
    c("B", "NDRC 24-industry guideline defaults", "发改委行业核算指南缺省值"),
)

WORKFLOW_STATES = (
    c("engagement", "Engagement", "立项委托"),
    c("data_request", "Data request", "资料收集"),
    c("field_work", "Field work", "现场调研"),
    c("analysis", "Analysis", "分析计算"),
    c("report", "Report drafting", "报告编写"),
    c("final_meeting", "Final meeting", "结果沟通"),
    c("submitted", "Submitted", "已提交"),
    c("returned", "Returned for correction", "退回修改"),
    c("accepted", "Accepted", "已验收"),
    c("follow_up", "Follow-up", "跟踪回访"),
)

FORM = FormSpec(
    id="audit",
    version=2,
    label=t("Audit", "诊断项目"),
    singleton=True,
    group="audit",
    order=0,
    title_field="title",
    fields=(
        text("title", t("Audit title", "项目名称"), required=True),
        choice("audit_type", t("Audit type", "项目类型"), AUDIT_TYPES, required=True),
        date("period_start", t("Audit period start", "审计期起"), required=True),
        date(
            "period_end",
            t("Audit period end", "审计期止"),
            required=True,
            constraints=(
                Rule(
                    "period_start is None or value > period_start",
                    t("The audit period must end after it starts.", "审计期止应晚于审计期起。"),
                ),
            ),
        ),
        date("comparison_start", t("Comparison period start", "对比期起")),
        date(
            "comparison_end",
            t("Comparison period end", "对比期止"),
            constraints=(
                Rule(
                    "comparison_start is None or value > comparison_start",
                    t("The comparison period must end after it starts.", "对比期止应晚于对比期起。"),
                ),
            ),
        ),
        text("team_leader", t("Team leader", "项目负责人"), required=True),
        text(
            "team_members",
            t("Team members", "项目组成员"),
            help=t("Names separated by commas.", "姓名之间用逗号分隔。"),
        ),
        text("institute", t("Institute / organisation", "诊断机构"), required=True),
        date("visit_start", t("Site visit from", "现场调研起")),
        date(
            "visit_end",
            t("Site visit to", "现场调研止"),
            constraints=(
                Rule(
                    "visit_start is None or value >= visit_start",
                    t("The visit cannot end before it starts.", "现场调研止不能早于调研起。"),
                ),
            ),
        ),
        choice("workflow_state", t("Workflow state", "工作阶段"), WORKFLOW_STATES, default="engagement", required=True),
        # Indicator settings: how this audit converts energy and carbon (docs/indicators.md).
        choice(
            "electricity_basis",
            t("Electricity converted at", "电力折标方式"),
            ELECTRICITY_BASES,
            default="equivalent",
            help=t(
                "Audits and energy statistics normally use the equivalent value; some sector standards require the equal value.",
                "能源审计和能耗统计通常采用当量值；部分行业标准要求等价值。",
            ),
        ),
        decimal(
            "electricity_equal_value_kgce_per_kwh",
            t("Electricity equal value", "电力等价值折标系数"),
            "kgce/kWh",
            positive=True,
            maximum=0.5,
            help=t(
                "The previous year's national power-supply coal rate; blank uses the value in the reference table.",
                "上年全国发电（供电）标准煤耗；留空则采用参考数据表中的数值。",
            ),
            warnings=(
                Rule(
                    "value >= 0.26 and value <= 0.33",
                    t("Equal values are usually 0.26–0.33 kgce/kWh.", "电力等价值通常在0.26～0.33 kgce/kWh之间。"),
                ),
            ),
        ),
        choice("steam_practice", t("Steam converted by", "蒸汽折标方法"), STEAM_PRACTICES, default="fixed"),
        choice(
            "renewable_self_use",
            t("Self-consumed on-site PV and wind power", "自发自用光伏、风电"),
            RENEWABLE_SELF_USE,
            default="counted",
            help=t(
                "Both totals are always shown; this chooses the headline. The default follows GB/T 2589-2020 as far as "
                "it could be established [U]. The DB33/T 1347 CO₂ deduction for PV applies either way.",
                "两种口径的综合能耗均会列出，此处选择主口径。默认值依据 GB/T 2589-2020（原文未核实[U]）。"
                "无论何种口径，均按 DB33/T 1347 扣减光伏发电的二氧化碳。",
            ),
        ),
        boolean(
            "include_media_in_tce",
            t(
                "Count energy-consuming media (water, compressed air …) in tce",
                "耗能工质（新水、压缩空气等）计入综合能耗",
            ),
            default=False,
            help=t(
                "Many audits report water separately and leave it out of the total.",
                "许多审计将水单独统计，不计入综合能耗。",
            ),
        ),
        choice("grid_factor_region", t("Grid CO₂ factor", "电网排放因子"), GRID_REGIONS, default="national"),
        integer(
            "grid_factor_year",
            t("Grid factor data year", "电网排放因子数据年份"),
            minimum=2015,
            maximum=2100,
            validator="grid_factor_year",
            help=t(
                "Only the data years in the grid-factor table are accepted; blank uses the latest year published.",
                "仅可选用排放因子表中已有的数据年份；留空则采用最新发布年份。",
            ),
        ),
        choice("fuel_factor_set", t("Fuel CO₂ factors", "燃料排放因子"), FUEL_FACTOR_SETS, default="A"),
        decimal(
            "carbon_industry_average_t_per_10k_yuan",
            t("Industry-average carbon intensity (碳效码)", "行业平均单位增加值碳排放（碳效码）"),
            "tCO2/10k yuan",
            positive=True,
            help=t(
                "As shown by the Zhejiang carbon-efficiency platform for the enterprise's industry and period.",
                "取自浙江省工业碳效监测平台，同行业同期数值。",
            ),
        ),
    ),
)
