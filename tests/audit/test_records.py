"""Records: validation on write, revisions, change log, tombstones, calculated overrides, relevance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.document import AuditDocument
from audit.errors import RecordError
from forms.common import boolean, c, choice, decimal, text
from forms.registry import FormRegistry, default_registry
from forms.spec import FormSpec, Rule, t


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[AuditDocument]:
    """An audit whose registry also has a small test form exercising every mechanism."""
    form = FormSpec(
        id="lab_compressor",
        version=1,
        label=t("Lab compressor", "实验空压机"),
        title_field="tag",
        fields=(
            text("tag", t("Tag", "编号"), required=True),
            decimal("input_kw", t("Input power", "输入功率"), "kW", positive=True),
            decimal("flow_m3_per_min", t("Flow", "流量"), "m³/min", positive=True),
            decimal(
                "specific_power",
                t("Specific power", "比功率"),
                "kW/(m³/min)",
                calculation="input_kw / flow_m3_per_min",
                warnings=(Rule("value <= 15", t("Very high specific power.", "比功率过高。")),),
            ),
            boolean("has_dryer", t("Has dryer", "配干燥机")),
            choice(
                "dryer_type",
                t("Dryer", "干燥机"),
                (c("fridge", "Refrigerated", "冷干"), c("desiccant", "Desiccant", "吸干")),
                relevant="has_dryer == True",
            ),
        ),
    )
    registry = FormRegistry([*default_registry(), form])
    document = AuditDocument.create(tmp_path / "lab.fieldaudit", author="Zhou", registry=registry)
    yield document
    document.close()


def test_edit_raises_revision_and_logs_who_when_old_and_new(lab: AuditDocument) -> None:
    records = lab.records
    uuid = records.add("lab_compressor", {"tag": "AC-1", "input_kw": 40})
    changed = records.update(uuid, {"input_kw": "45.5"})
    assert changed == {"input_kw": 40.0}
    record = records.get(uuid)
    assert record["input_kw"] == 45.5 and record.revision == 2 and record.author == "Zhou"
    history = records.history(uuid)
    assert [h["operation"] for h in history] == ["create", "update"]
    assert history[1]["field"] == "input_kw"
    assert (history[1]["old_value"], history[1]["new_value"]) == (40.0, 45.5)
    assert history[1]["author"] == "Zhou" and history[1]["changed_at"]


def test_a_refused_value_writes_nothing_and_says_what_is_expected(lab: AuditDocument) -> None:
    records = lab.records
    uuid = records.add("lab_compressor", {"tag": "AC-1", "input_kw": 40})
    with pytest.raises(RecordError) as caught:
        records.update(uuid, {"input_kw": "-3"})
    assert caught.value.field == "input_kw"
    assert "greater than 0 kW" in caught.value.message.en and "大于0" in caught.value.message.zh
    with pytest.raises(RecordError, match="is not a number"):
        records.update(uuid, {"input_kw": "forty"})
    record = records.get(uuid)
    assert record["input_kw"] == 40 and record.revision == 1
    assert len(records.history(uuid)) == 1


def test_calculated_field_follows_inputs_until_an_expert_overrides_it(lab: AuditDocument) -> None:
    records = lab.records
    uuid = records.add("lab_compressor", {"tag": "AC-1", "input_kw": 40, "flow_m3_per_min": 5})
    assert records.get(uuid)["specific_power"] == pytest.approx(8.0)
    records.update(uuid, {"flow_m3_per_min": 8})
    assert records.get(uuid)["specific_power"] == pytest.approx(5.0)
    with pytest.raises(RecordError, match="is calculated"):
        records.update(uuid, {"specific_power": 6.1})
    records.set_overridden(uuid, "specific_power", True, 6.1)
    records.update(uuid, {"input_kw": 100})
    record = records.get(uuid)
    assert record["specific_power"] == pytest.approx(6.1) and "specific_power" in record.overridden
    records.set_overridden(uuid, "specific_power", False)
    assert records.get(uuid)["specific_power"] == pytest.approx(12.5)
    assert [h["operation"] for h in records.history(uuid)][-3:] == ["override", "update", "calculate"]


def test_hidden_values_are_kept_not_wiped(lab: AuditDocument) -> None:
    records = lab.records
    uuid = records.add("lab_compressor", {"tag": "AC-1", "has_dryer": True, "dryer_type": "fridge"})
    records.update(uuid, {"has_dryer": False})
    assert records.get(uuid)["dryer_type"] == "fridge"
    records.update(uuid, {"has_dryer": True})
    assert records.get(uuid)["dryer_type"] == "fridge"


def test_delete_is_a_tombstone_and_restore_brings_it_back(lab: AuditDocument) -> None:
    records = lab.records
    uuid = records.add("lab_compressor", {"tag": "AC-1"})
    records.delete(uuid)
    assert records.count("lab_compressor") == 0
    row = lab.connection.execute("SELECT deleted, revision, tag FROM lab_compressor WHERE uuid = ?", [uuid]).fetchone()
    assert row == (1, 2, "AC-1")
    with pytest.raises(RecordError, match="deleted"):
        records.update(uuid, {"tag": "AC-2"})
    records.restore(uuid)
    assert [r["tag"] for r in records.list("lab_compressor")] == ["AC-1"]
    assert [h["operation"] for h in records.history(uuid)] == ["create", "delete", "restore"]


def test_records_keep_their_form_id_version_and_envelope(document: AuditDocument) -> None:
    uuid = document.records.add("note", {"title": "x"})
    record = document.records.get(uuid)
    assert (record.form_id, record.form_version, record.state, record.deleted) == ("note", 1, "draft", False)
    assert record.created_at == record.modified_at and len(record.uuid) == 36


def test_unit_must_suit_the_energy_type(document: AuditDocument) -> None:
    row = {"month": "2025-01", "energy_type": "electricity", "quantity": 1000, "unit": "t", "data_source": "bill"}
    with pytest.raises(RecordError, match="cannot be entered in t"):
        document.records.add("energy_use", row)
    uuid = document.records.add("energy_use", {**row, "unit": "kWh"})
    assert document.records.get(uuid)["unit"] == "kWh"


def test_singleton_forms_take_one_record(document: AuditDocument) -> None:
    document.records.add("audit", {"title": "A"})
    with pytest.raises(RecordError, match="already has"):
        document.records.add("audit", {"title": "B"})


def test_repeat_rows_are_child_records_of_their_parent(document: AuditDocument) -> None:
    enterprise = document.records.add("enterprise", {"name": "X"})
    document.records.add_many(
        "enterprise.products",
        [
            {"product_name": "布", "unit": "万米", "annual_output": 10},
            {"product_name": "纱", "unit": "t", "annual_output": 5},
        ],
        parent=enterprise,
    )
    children = document.records.get(enterprise).children["products"]
    assert [(c["product_name"], c.position) for c in children] == [("布", 0), ("纱", 1)]
    with pytest.raises(RecordError, match="needs a parent"):
        document.records.add("enterprise.products", {"product_name": "y"})


def test_references_must_point_to_a_record_of_the_right_form(document: AuditDocument) -> None:
    note = document.records.add("note", {"title": "x"})
    measurement = {
        "quantity_measured": "active_power",
        "value": 10,
        "unit": "kW",
        "measured_at": "2025-03-10 10:00",
        "instrument": "Fluke 435",
        "calibration_date": "2025-01-02",
    }
    with pytest.raises(RecordError, match="no motor"):
        document.records.add("spot_measurement", {**measurement, "equipment": note})
    motor = document.records.add("motor", {"tag": "M-1", "location": "dyeing", "rated_power_kw": 15})
    uuid = document.records.add("spot_measurement", {**measurement, "equipment": motor})
    assert document.records.get(uuid)["equipment"] == motor


def test_add_many_is_all_or_nothing(document: AuditDocument) -> None:
    rows = [{"title": "ok"}, {"title": "also ok"}, {"category": "nonsense"}]
    with pytest.raises(RecordError, match="not one of the choices"):
        document.records.add_many("note", rows)
    assert document.records.count("note", include_deleted=True) == 0
    assert document.connection.execute("SELECT count(*) FROM change_log").fetchone()[0] == 0


def test_a_record_is_named_by_its_title_field_with_choice_labels_in_the_reader_language(
    document: AuditDocument,
) -> None:
    uuid = document.records.add(
        "energy_use", {"month": "2025-03", "energy_type": "natural_gas", "quantity": 1, "unit": "m3"}
    )
    record = document.records.get(uuid)
    assert document.records.title(record) == "2025-03 Natural gas (gas-field, pipeline)"
    assert document.records.title(record, "zh") == "2025-03 天然气（气田天然气）"
    motor = document.records.get(document.records.add("motor", {"tag": "M-05"}))
    assert document.records.title(motor, "zh") == "M-05"


def test_a_repeat_row_is_named_by_its_title_field(document: AuditDocument) -> None:
    """A product (a row of the enterprise's products) is its name in findings and the report, not a short id."""
    enterprise = document.records.add("enterprise", {"name": "Plant"})
    product = document.records.add("enterprise.products", {"product_name": "印花布", "unit": "t"}, parent=enterprise)
    assert document.records.title(document.records.get(product), "zh") == "印花布"
    unnamed = document.records.add("enterprise.products", {"unit": "t"}, parent=enterprise)
    assert document.records.title(document.records.get(unnamed)) == unnamed[:8]
    unit = document.records.add("water_unit", {"name": "Dyeing", "level": 1})
    stream = document.records.add("water_unit.reuse_streams", {"kind": "cascade"}, parent=unit)
    kind = document.registry["water_unit"].repeats[0].field("kind").choice("cascade")
    assert kind is not None
    assert document.records.title(document.records.get(stream), "zh") == kind.label.zh


def test_overriding_a_calculated_field_says_which_record_changed(lab: AuditDocument) -> None:
    records = lab.records
    uuid = records.add("lab_compressor", {"tag": "AC-1", "input_kw": 40, "flow_m3_per_min": 5})
    changes = records.set_overridden(uuid, "specific_power", True, 6.1)
    assert changes.form_ids == {"lab_compressor"} and changes.edited == {uuid}
    assert records.set_overridden(uuid, "specific_power", False).edited == {uuid}
    assert records.get(uuid)["specific_power"] == pytest.approx(8.0)


def test_single_reads_learn_a_tables_columns_once_and_again_after_a_schema_change(lab: AuditDocument) -> None:
    records = lab.records
    uuids = [records.add("lab_compressor", {"tag": f"AC-{n}", "has_dryer": True}) for n in range(3)]
    column_reads: list[str] = []
    lab.connection.set_trace_callback(lambda sql: column_reads.append(sql) if "table_info" in sql else None)
    try:
        assert [records.get(uuid).values["tag"] for uuid in uuids * 2] == ["AC-0", "AC-1", "AC-2"] * 2
        assert len(column_reads) <= 1
        before = len(column_reads)
        # The table loses a column (as in a file older than the form): the next read sees it gone.
        lab.connection.execute('ALTER TABLE "lab_compressor" DROP COLUMN "has_dryer"')
        assert records.get(uuids[0]).values["has_dryer"] is None
        assert records.get(uuids[1]).values["tag"] == "AC-1"
        assert len(column_reads) == before + 1
    finally:
        lab.connection.set_trace_callback(None)
