"""Demo part: monthly production of each product for the audit year and the comparison year."""

from __future__ import annotations

from audit.demo import DemoContext
from audit.demo.energy import MONTH_SHARE
from audit.demo.profile import PRODUCTS
from audit.document import AuditDocument

ORDER = 20

# Output value per unit (10k yuan per 万米), roughly what Keqiao dyeing plants invoice for the finishing.
PRICE_10K_YUAN = {"染色布（棉）": 4.55, "染色布（涤纶）": 3.30, "印花布": 5.40}
# The comparison year produced a little less (order book of 2024).
COMPARISON_FACTOR = 0.965


def populate(document: AuditDocument, context: DemoContext) -> None:
    rng = context.rng
    rows: list[dict[str, object]] = []
    for year, factor in ((context.audit_year, 1.0), (context.comparison_year, COMPARISON_FACTOR)):
        for name, unit, annual, _capacity in PRODUCTS:
            for m, share in enumerate(MONTH_SHARE):
                quantity = round(annual * factor * share * (1.0 + rng.uniform(-0.015, 0.015)), 1)
                rows.append(
                    {
                        "month": f"{year}-{m + 1:02d}",
                        "product_name": name,
                        "quantity": quantity,
                        "unit": unit,
                        "output_value_10k_yuan": round(quantity * PRICE_10K_YUAN.get(name, 4.0), 1),
                        "data_source": "ledger",
                    }
                )
    uuids = document.records.add_many("production", rows)
    context.handles["production:first"] = uuids[0]
