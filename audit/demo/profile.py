"""Demo part: the audit and the enterprise (a printing-and-dyeing plant in Shaoxing, Zhejiang)."""

from __future__ import annotations

from audit.demo import DemoContext
from audit.document import AuditDocument
from forms.validators import uscc_check_character

ORDER = 0

# 9 = enterprise registered with the market regulator, 1 = company, 330621 = Shaoxing Keqiao.
CREDIT_CODE_BODY = "91330621MA2BX7Q48"

PRODUCTS = [
    # name, unit, annual output, design capacity
    ("染色布（棉）", "万米", 4650.0, 5200.0),
    ("染色布（涤纶）", "万米", 3180.0, 3600.0),
    ("印花布", "万米", 1260.0, 1500.0),
]


def populate(document: AuditDocument, context: DemoContext) -> None:
    year = context.audit_year
    context.handles["audit"] = document.records.add(
        "audit",
        {
            "title": f"绍兴柯桥恒盛印染有限公司 {year} 年度节能诊断与水平衡测试",
            "audit_type": "combined",
            "period_start": f"{year}-01-01",
            "period_end": f"{year}-12-31",
            "comparison_start": f"{context.comparison_year}-01-01",
            "comparison_end": f"{context.comparison_year}-12-31",
            "team_leader": "王建国",
            "team_members": "李敏, 陈志强, 周晓燕",
            "institute": "浙江工业职业技术学院 节能诊断中心",
            "visit_start": f"{year + 1}-03-10",
            "visit_end": f"{year + 1}-03-14",
            "workflow_state": "field_work",
        },
    )
    enterprise = document.records.add(
        "enterprise",
        {
            "name": "绍兴柯桥恒盛印染有限公司",
            "credit_code": CREDIT_CODE_BODY + uscc_check_character(CREDIT_CODE_BODY),
            "industry_code": "C1713",
            "industry_name": "棉印染精加工",
            "county": "绍兴市柯桥区",
            "town": "滨海工业区（马鞍街道）",
            "address": "浙江省绍兴市柯桥区滨海工业区兴滨路 88 号",
            "contact_person": "赵卫东（设备能源部经理）",
            "contact_phone": "0575-8456 2210",
            "employees": 420,
            "working_days": 330,
            "shifts_per_day": 3,
            "hours_per_shift": 8,
            "output_value_10k_yuan": 38600.0,
            "value_added_10k_yuan": 7450.0,
            "key_energy_user": True,
            "energy_management_certified": True,
            "certification_body": "中国质量认证中心",
            "certification_date": "2023-09-18",
        },
    )
    context.handles["enterprise"] = enterprise
    document.records.add_many(
        "enterprise.products",
        [
            # All three are printing-and-dyeing cloth in Zhejiang's quota standard (DB33/T 685-2023).
            {
                "product_name": name,
                "unit": unit,
                "annual_output": output,
                "design_capacity": capacity,
                "quota_product": "印染布",
            }
            for name, unit, output, capacity in PRODUCTS
        ],
        parent=enterprise,
    )
