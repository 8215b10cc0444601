"""Numbers as a new user enters them (issue 10): through `python main.py import`, a table paste and the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.errors import AuditError
from audit.table_paste import plan_paste
from tests.cli_support import run_cli


def test_import_refuses_a_decimal_comma_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "fastener.fieldaudit"
    assert run_cli("new", target).returncode == 0
    data = tmp_path / "motors.json"
    rows = [{"tag": "M-1", "rated_power_kw": "1,500"}, {"tag": "M-2", "rated_power_kw": "1,5"}]
    data.write_text(json.dumps({"motor": rows}), encoding="utf-8")
    result = run_cli("import", target, data)
    assert result.returncode == 1
    assert "'1,5' is ambiguous" in result.stderr and "motors.json" in result.stderr
    exported = json.loads(run_cli("export", target, "--live-only").stdout)["records"]
    assert exported.get("motor", []) == []  # all or nothing: the good row is not written either
    rows[1]["rated_power_kw"] = "1.5"
    data.write_text(json.dumps({"motor": rows}), encoding="utf-8")
    assert run_cli("import", target, data).returncode == 0
    exported = json.loads(run_cli("export", target, "--live-only").stdout)["records"]
    assert sorted(r["values"]["rated_power_kw"] for r in exported["motor"]) == [1.5, 1500.0]


def test_paste_refuses_a_decimal_comma_naming_row_and_column(document: AuditDocument) -> None:
    block = [["2025-01", "电力", "12,345", "kWh"], ["2025-02", "电力", "2,5", "万千瓦时"]]
    columns = ["month", "energy_type", "quantity", "unit"]
    with pytest.raises(AuditError) as refused:
        plan_paste(document, "energy_use", columns, [None, None], block)
    assert str(refused.value).startswith("Row 2, column “Quantity”") and "'2,5' is ambiguous" in str(refused.value)
    plan = plan_paste(document, "energy_use", columns, [None], block[:1])
    assert plan.additions[0]["quantity"] == 12345.0
