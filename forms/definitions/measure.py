"""Expert decisions on conservation measures: status, overrides of inputs, narrative, and the expert's own measures.

A proposal computed by the rules is keyed by `measure_key`; a record here with the same key records what the
expert decided about it. Re-running the rules never writes here, so a decision is never overwritten.
"""

from forms.common import c, choice, decimal, integer, reference, text
from forms.spec import FormSpec, RepeatSpec, t

# The savings methods of audit.measures (a test keeps this list equal to the methods found there);
# forms are the lower layer and cannot import them.
METHODS = (
    c("motor_replacement", "Motor replacement", "更换高效电动机"),
    c("variable_speed_drive", "Variable-speed drive", "变频调速"),
    c("air_leak_repair", "Compressed-air leak repair", "压缩空气泄漏修复"),
    c("pressure_reduction", "Compressed-air pressure reduction", "降低压缩空气压力"),
    c("compressor_heat_recovery", "Compressor heat recovery", "空压机余热回收"),
    c("transformer_replacement", "Transformer replacement", "更换变压器"),
    c("transformer_load_transfer", "Transformer load transfer", "变压器负荷转移"),
    c("power_factor_correction", "Power-factor correction", "无功补偿"),
    c("burner_tuning", "Burner tuning / O₂ trim", "燃烧调整/氧量控制"),
    c("flue_gas_heat_recovery", "Flue-gas heat recovery", "烟气余热回收"),
    c("condensate_recovery", "Condensate recovery", "冷凝水回收"),
    c("insulation", "Insulation", "保温改造"),
    c("led_lighting", "LED lighting", "LED照明改造"),
    c("cooling_tower_cycles", "Cooling-water cycles of concentration", "提高循环水浓缩倍数"),
    c("wastewater_reuse", "Wastewater reuse", "废水回用"),
    c("metering", "Metering", "计量器具配备"),
    c("other", "Other (expert's own)", "其他（专家自拟）"),
)

STATUSES = (
    c("proposed", "Proposed", "建议"),
    c("accepted", "Accepted", "采纳"),
    c("rejected", "Rejected", "不采纳"),
    c("implemented", "Implemented", "已实施"),
    c("verified", "Verified", "已核验"),
)

REJECTION_REASONS = (
    c("long_payback", "Payback too long", "回收期过长"),
    c("requires_permit", "Requires a permit", "需审批"),
    c("not_feasible", "Not feasible on site", "现场不可行"),
    c("already_planned", "Already planned by the enterprise", "企业已有计划"),
    c("other", "Other", "其他"),
)

COST_CLASSES = (
    c("low_cost", "No-cost / low-cost", "无/低成本"),
    c("capital", "Capital", "需投资"),
)

EQUIPMENT_FORMS = (
    "motor",
    "pump",
    "fan",
    "air_compressor",
    "boiler",
    "transformer",
    "lighting",
    "furnace",
    "cooling_tower",
    "compressed_air_system",
    "surface_survey",
)

FORM = FormSpec(
    id="measure",
    version=1,
    label=t("Measure decisions", "节能措施决定"),
    group="analysis",
    order=95,
    title_field="title",
    fields=(
        text(
            "measure_key",
            t("Measure", "措施标识"),
            required=True,
            help=t(
                "The key of the proposed measure this decision is about (shown in the Measures view), or a new "
                "key for your own measure.",
                "所决定的建议措施的标识（见节能措施视图），自拟措施填写新的标识。",
            ),
        ),
        choice("method", t("Method", "措施类型"), METHODS, required=True),
        text("title", t("Title", "措施名称")),
        choice("status", t("Status", "状态"), STATUSES, default="proposed", required=True),
        choice(
            "rejection_reason",
            t("Reason for rejection", "不采纳原因"),
            REJECTION_REASONS,
            relevant="status == 'rejected'",
            required=True,
        ),
        text("reason_note", t("Reason, in words", "原因说明"), relevant="status == 'rejected'"),
        reference("equipment", t("Equipment", "相关设备"), EQUIPMENT_FORMS),
        text("narrative", t("Narrative", "措施说明"), multiline=True),
        choice("cost_class", t("Cost class", "投资类别"), COST_CLASSES),
        decimal("investment_yuan", t("Investment", "投资额"), "yuan", minimum=0),
        integer("useful_life_years", t("Useful life", "使用寿命"), "a", minimum=1, maximum=60),
        decimal("annual_electricity_kwh", t("Electricity saved per year", "年节电量"), "kWh", minimum=None),
        decimal("annual_natural_gas_m3", t("Natural gas saved per year", "年节约天然气"), "m³", minimum=None),
        decimal("annual_steam_t", t("Steam saved per year", "年节约蒸汽"), "t", minimum=None),
        decimal("annual_coal_t", t("Coal saved per year", "年节约煤"), "t", minimum=None),
        decimal("annual_water_m3", t("Water saved per year", "年节水量"), "m³", minimum=None),
    ),
    repeats=(
        RepeatSpec(
            "overrides",
            t("Inputs overridden by the expert", "专家修改的计算输入"),
            (
                text("input", t("Input", "输入项"), required=True),
                decimal("value", t("Value", "取值"), minimum=None, required=True),
                text("note", t("Why", "理由")),
            ),
            title_field="input",
        ),
    ),
)
