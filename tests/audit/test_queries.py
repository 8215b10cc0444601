"""Record-table queries: counts, pages, SQL sort and filter, tombstones, repeat rows and cell input."""

from __future__ import annotations

import pytest

from audit.document import AuditDocument
from audit.errors import RecordError
from audit.queries import (
    TableQuery,
    count_rows,
    deleted_counts,
    key_of,
    page_rows,
    reference_titles,
    row_keys,
    rows_by_keys,
)
from audit.table_paste import PasteError, cell_value, parse_clipboard, plan_paste
from forms.validation import InvalidValue, Severity


def _motors(document: AuditDocument) -> list[str]:
    rows: list[dict[str, object]] = [
        {"tag": "M-03", "location": "Dyeing", "rated_power_kw": 7.5, "driven_load": "pump", "control_method": "direct"},
        {"tag": "M-01", "location": "Finishing", "rated_power_kw": 55.0, "driven_load": "fan", "control_method": "vfd"},
        {
            "tag": "M-02",
            "location": "Dyeing",
            "rated_power_kw": 18.5,
            "driven_load": "compressor",
            "control_method": "direct",
        },
        {"tag": "M-04", "location": "Boiler house", "driven_load": "fan", "control_method": "throttle"},
    ]
    return document.records.add_many("motor", rows)


def _tags(document: AuditDocument, query: TableQuery) -> list[str]:
    return [row.values["tag"] for row in rows_by_keys(document, query.form_id, row_keys(document, query))]


def test_default_order_is_insertion_and_count_is_sql(document: AuditDocument) -> None:
    _motors(document)
    query = TableQuery("motor")
    assert count_rows(document, query) == 4
    assert _tags(document, query) == ["M-03", "M-01", "M-02", "M-04"]


def test_sort_by_number_puts_blank_last_both_ways(document: AuditDocument) -> None:
    _motors(document)
    ascending = TableQuery("motor", sort_field="rated_power_kw")
    descending = TableQuery("motor", sort_field="rated_power_kw", descending=True)
    assert _tags(document, ascending) == ["M-03", "M-02", "M-01", "M-04"]
    assert _tags(document, descending) == ["M-01", "M-02", "M-03", "M-04"]


def test_choice_sorts_by_label_of_the_language(document: AuditDocument) -> None:
    _motors(document)
    # English labels: Compressor < Fan < Fan < Pump; ties keep insertion order.
    assert _tags(document, TableQuery("motor", sort_field="driven_load", language="en")) == [
        "M-02",
        "M-01",
        "M-04",
        "M-03",
    ]
    # Chinese: the form's order (pump, fan, compressor, ...).
    assert _tags(document, TableQuery("motor", sort_field="driven_load", language="zh")) == [
        "M-03",
        "M-01",
        "M-04",
        "M-02",
    ]


def test_filter_matches_text_numbers_and_choice_labels_in_either_language(document: AuditDocument) -> None:
    _motors(document)
    assert _tags(document, TableQuery("motor", filter_text="dyeing")) == ["M-03", "M-02"]
    assert _tags(document, TableQuery("motor", filter_text="18.5")) == ["M-02"]
    assert _tags(document, TableQuery("motor", filter_text="风机")) == ["M-01", "M-04"]
    assert _tags(document, TableQuery("motor", filter_text="变频")) == ["M-01"]
    # Every word must match somewhere.
    assert _tags(document, TableQuery("motor", filter_text="Dyeing pump")) == ["M-03"]
    assert count_rows(document, TableQuery("motor", filter_text="dyeing")) == 2
    # LIKE wildcards typed by a user are literal characters.
    assert count_rows(document, TableQuery("motor", filter_text="%")) == 0
    assert count_rows(document, TableQuery("motor", filter_text="M_0")) == 0


def test_tombstones_hidden_unless_asked_for(document: AuditDocument) -> None:
    uuids = _motors(document)
    document.records.delete(uuids[1])
    assert _tags(document, TableQuery("motor")) == ["M-03", "M-02", "M-04"]
    shown = rows_by_keys(document, "motor", row_keys(document, TableQuery("motor", include_deleted=True)))
    assert [(r.values["tag"], r.deleted) for r in shown] == [
        ("M-03", False),
        ("M-01", True),
        ("M-02", False),
        ("M-04", False),
    ]
    assert deleted_counts(document, TableQuery("motor")) == (3, 1)


def test_page_rows_and_keyed_rows_agree(document: AuditDocument) -> None:
    rows = [
        {"month": f"2025-{m:02d}", "energy_type": "electricity", "quantity": 1000.0 * m, "unit": "kWh"}
        for m in range(1, 13)
    ]
    document.records.add_many("energy_use", rows)
    query = TableQuery("energy_use", sort_field="quantity", descending=True)
    page = page_rows(document, query, offset=3, limit=4)
    keyed = rows_by_keys(document, "energy_use", row_keys(document, query)[3:7])
    assert [r.values["month"] for r in page] == ["2025-09", "2025-08", "2025-07", "2025-06"]
    assert [r.uuid for r in page] == [r.uuid for r in keyed]
    assert page[0].values["quantity"] == 9000.0


def test_rows_carry_problems_and_relevance(document: AuditDocument) -> None:
    [uuid] = document.records.add_many("motor", [{"tag": "M-9", "load_factor_pct": 10.0}])
    [row] = rows_by_keys(document, "motor", [key_of(document, "motor", uuid) or 0])
    assert row.problems["load_factor_pct"][0] is Severity.WARNING
    assert row.problems["rated_power_kw"][0] is Severity.MISSING
    assert "tag" not in row.problems
    [energy] = document.records.add_many("energy_use", [{"energy_type": "electricity"}])
    [erow] = rows_by_keys(document, "energy_use", [key_of(document, "energy_use", energy) or 0])
    assert {"steam_pressure_mpa", "steam_temperature_c", "generation_source"} <= erow.irrelevant
    assert "quantity" not in erow.irrelevant


def test_repeat_rows_by_parent(document: AuditDocument) -> None:
    enterprise = document.records.add("enterprise", {"name": "A"})
    other = document.records.add("audit", {})
    del other
    document.records.add_many(
        "enterprise.products",
        [{"product_name": "Cotton", "unit": "t"}, {"product_name": "Poly", "unit": "t"}],
        parent=enterprise,
    )
    query = TableQuery("enterprise.products", parent_uuid=enterprise)
    assert count_rows(document, query) == 2
    names = [r.values["product_name"] for r in rows_by_keys(document, query.form_id, row_keys(document, query))]
    assert names == ["Cotton", "Poly"]
    assert count_rows(document, TableQuery("enterprise.products", parent_uuid="nobody")) == 0


def test_names_are_checked_and_values_are_parameters(document: AuditDocument) -> None:
    _motors(document)
    with pytest.raises(RecordError):
        count_rows(document, TableQuery("motor; DROP TABLE motor"))
    with pytest.raises(RecordError):
        row_keys(document, TableQuery("motor", sort_field='tag" DESC --'))
    with pytest.raises(RecordError):
        count_rows(document, TableQuery("motor", parent_uuid="x"))
    # A filter word full of SQL is just text that matches nothing.
    assert count_rows(document, TableQuery("motor", filter_text="') OR 1=1 --")) == 0
    assert count_rows(document, TableQuery("motor")) == 4


def test_reference_titles_and_filter_by_referenced_title(document: AuditDocument) -> None:
    unit = document.records.add("water_unit", {"name": "Dyeing", "level": "1"})
    meters = [document.records.add("water_meter", {"meter_number": n, "unit": unit}) for n in ("WM-1", "WM-2")]
    document.records.add_many(
        "water_reading",
        [{"meter": meters[i % 2], "read_at": f"2025-03-10 0{i}:00", "value": float(i)} for i in range(6)],
    )
    assert reference_titles(document, [meters[1]], ["water_meter"]) == {meters[1]: "WM-2"}
    query = TableQuery("water_reading", filter_text="wm-2")
    values = [r.values["value"] for r in rows_by_keys(document, "water_reading", row_keys(document, query))]
    assert values == [1.0, 3.0, 5.0]
    by_meter = TableQuery("water_reading", sort_field="meter", descending=True)
    first = rows_by_keys(document, "water_reading", row_keys(document, by_meter))[0]
    assert first.values["meter"] == meters[1]


def test_clipboard_text_from_a_spreadsheet() -> None:
    assert parse_clipboard("2025-01\t电力\t1,234\r\n2025-02\t电力\t987\r\n") == [
        ["2025-01", "电力", "1,234"],
        ["2025-02", "电力", "987"],
    ]
    # Quoted cells keep tabs, line breaks and doubled quotes; blank cells stay in place.
    assert parse_clipboard('"a\tb"\t"say ""hi"""\t\nx\t"two\nlines"\n') == [
        ["a\tb", 'say "hi"', ""],
        ["x", "two\nlines"],
    ]
    assert parse_clipboard("one\t") == [["one", ""]]


def test_cell_value_accepts_codes_and_labels(document: AuditDocument) -> None:
    spec = document.registry["energy_use"].field("energy_type")
    assert cell_value(document, spec, "电力") == "electricity"
    assert cell_value(document, spec, "Electricity") == "electricity"
    assert cell_value(document, spec, "electricity") == "electricity"
    with pytest.raises(InvalidValue):
        cell_value(document, spec, "moonshine")
    quantity = document.registry["energy_use"].field("quantity")
    assert cell_value(document, quantity, "1,234.5") == 1234.5


def _energy_rows(months: int) -> list[list[str]]:
    return [[f"2025-{m:02d}", "电力", str(100000 + m), "kWh"] for m in range(1, months + 1)]


def test_plan_paste_appends_rows_past_the_end(document: AuditDocument) -> None:
    existing = document.records.add(
        "energy_use", {"month": "2025-01", "energy_type": "electricity", "quantity": 1.0, "unit": "kWh"}
    )
    plan = plan_paste(
        document,
        "energy_use",
        ["month", "energy_type", "quantity", "unit"],
        [existing, None, None],
        _energy_rows(3),
    )
    assert plan.updates == [
        (existing, {"month": "2025-01", "energy_type": "electricity", "quantity": 100001.0, "unit": "kWh"})
    ]
    assert [a["quantity"] for a in plan.additions] == [100002.0, 100003.0]
    # Planning writes nothing.
    assert document.records.count("energy_use") == 1
    assert document.records.get(existing).values["quantity"] == 1.0


def test_plan_paste_refuses_first_bad_cell_naming_row_and_column(document: AuditDocument) -> None:
    block = _energy_rows(12)
    block[6][2] = "lots"  # July's quantity
    block[9][0] = "2025-13"  # a later error is not the one reported
    with pytest.raises(PasteError) as refused:
        plan_paste(
            document, "energy_use", ["month", "energy_type", "quantity", "unit"], [None] * 12, block, first_row=1
        )
    assert refused.value.row == 7
    assert refused.value.column == "quantity"
    assert "Row 7" in refused.value.message.en and "Quantity" in refused.value.message.en
    assert "第7行" in refused.value.message.zh and "实物量" in refused.value.message.zh
    assert document.records.count("energy_use") == 0


def test_plan_paste_checks_whole_records(document: AuditDocument) -> None:
    # Electricity cannot be entered in tonnes: a rule across two cells of the row.
    block = [["2025-01", "电力", "5", "t"]]
    with pytest.raises(PasteError) as refused:
        plan_paste(document, "energy_use", ["month", "energy_type", "quantity", "unit"], [None], block, first_row=4)
    assert refused.value.row == 4
    assert refused.value.column == "unit"
    assert document.records.count("energy_use") == 0
