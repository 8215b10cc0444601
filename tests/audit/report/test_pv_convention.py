"""With on-site PV "excluded" (issue 10), the report's energy structure adds up to the audit's total, as Excel
recalculates it, and still shows the total under both conventions."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from audit.report.export import export_report
from tests.audit.report.workbook_support import cells, convert, formulas
from tests.audit.test_numbers_energy import AUDIT as FASTENER_AUDIT
from tests.audit.test_numbers_energy import BILL
from tests.audit.test_numbers_energy import ENERGY as PV_ENERGY
from tests.cli_support import run_cli

AUDIT = {**FASTENER_AUDIT, "renewable_self_use": "excluded"}
# Bought 100 000 kWh, PV made 30 000 and 10 000 went back to the grid; and some natural gas.
ENERGY = [*PV_ENERGY, {**BILL, "energy_type": "natural_gas", "unit": "m3", "quantity": 5000}]
# Electricity 0.1229 kgce/kWh: with PV counted 100 000 − 10 000 + 30 000 = 120 000 kWh = 14.748 tce; the audit
# excludes the 20 000 kWh used on site: 100 000 kWh = 12.29 tce. Natural gas 5 000 m³ × 1.2143 kgce/m³ = 6.0715 tce.
GAS_TCE = 5000 * 1.2143 / 1000


@pytest.mark.slow
def test_with_pv_excluded_the_energy_structure_adds_up_to_the_audits_total(tmp_path: Path) -> None:
    target = tmp_path / "pv.fieldaudit"
    assert run_cli("new", target).returncode == 0
    source = tmp_path / "pv.json"
    source.write_text(json.dumps({"audit": [AUDIT], "energy_use": ENERGY}), encoding="utf-8")
    assert run_cli("import", target, source).returncode == 0
    report = tmp_path / "pv.xlsx"
    export_report(target, report, "en", today=dt.date(2026, 4, 1))
    stored = cells(report, data_only=True)
    energy = {coordinate: value for (sheet, coordinate), value in stored.items() if sheet == "Energy"}
    total_row = next(c[1:] for c, v in energy.items() if c.startswith("A") and v == "Total")
    electricity_row = next(c[1:] for c, v in energy.items() if c.startswith("A") and v == "Electricity")
    assert energy[f"C{electricity_row}"] == pytest.approx(100000.0)
    assert energy[f"E{electricity_row}"] == pytest.approx(12.29)
    assert energy[f"E{total_row}"] == pytest.approx(12.29 + GAS_TCE)
    # Both totals below, the audit's marked.
    labels = {v: c[1:] for c, v in energy.items() if c.startswith("A") and isinstance(v, str)}
    counted = labels["Total with self-consumed on-site PV/wind counted"]
    excluded = labels["Total with self-consumed on-site PV/wind not counted"]
    assert energy[f"E{counted}"] == pytest.approx(14.748 + GAS_TCE)
    assert energy[f"E{excluded}"] == pytest.approx(12.29 + GAS_TCE)
    assert "the audit's convention" in energy[f"K{excluded}"] and f"K{counted}" not in energy
    # Recalculated (LibreOffice), every formula of the sheet gives the stored value.
    recalculated = cells(convert(report, tmp_path, "xlsx:Calc MS Excel 2007 XML"), data_only=True)
    mismatches = [
        (key, formula, stored.get(key), recalculated.get(key))
        for key, formula in sorted(formulas(report).items())
        if key[0] == "Energy" and not math.isclose(float(stored[key]), float(recalculated[key]), rel_tol=1e-9)
    ]
    assert mismatches == []
