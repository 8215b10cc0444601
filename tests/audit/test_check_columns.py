"""`check` read column by column (issue 15) finds exactly what the record-by-record check found, in its order."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit import check_rules, checking
from audit.checking import CheckProblem, broken_reference, check_document, foreign_key_problems
from audit.document import AuditDocument
from audit.schema import child_table
from forms.spec import FieldSpec, FieldType, FormSpec
from forms.validation import Severity
from tests.audit.water_builder import WaterAudit

ROOT = Path(__file__).resolve().parents[2]


# -- the reference: `check` as it was before issue 15's column pass (commit b66011f), kept to compare with -----
def reference_check(document: AuditDocument) -> list[CheckProblem]:
    """The whole check the old way: every stored value per column, then every live record built and checked
    (the messages are made by the same functions; what is checked, where and in which order is the old code's)."""
    problems = foreign_key_problems(document)
    for form in document.registry:
        groups = [(form.id, form.id, form.fields)] + [
            (child_table(form, repeat), f"{form.id}.{repeat.name}", repeat.fields) for repeat in form.repeats
        ]
        for table, form_id, fields in groups:
            for spec in fields:
                if spec.type in check_rules.PARSED_TYPES:
                    rows = document.connection.execute(
                        f'SELECT uuid, "{spec.name}", typeof("{spec.name}") FROM "{table}" WHERE "{spec.name}" IS NOT NULL'
                    )
                    for record_uuid, stored, kind in rows:
                        message = check_rules.stored_problem(spec, stored, kind)
                        if message is not None:
                            problems.append(
                                CheckProblem(form_id, str(record_uuid), "-", spec.name, Severity.ERROR, message)
                            )
    for form in document.registry:
        problems.extend(_reference_records(document, form))
    return problems


def _reference_live(document: AuditDocument, spec: FieldSpec, target: str) -> bool:
    if spec.type is FieldType.PHOTO:
        row = document.connection.execute("SELECT 1 FROM attachment WHERE uuid = ? AND deleted = 0", [target])
        return row.fetchone() is not None
    forms = spec.references
    if not forms:
        found = document.connection.execute("SELECT form_id FROM record_index WHERE uuid = ?", [target]).fetchone()
        if found is None:
            return False
        forms = (str(found[0]),)
    return any(target in {str(row[0]) for row in document.records.rows(form_id, ())} for form_id in forms)


def _reference_records(document: AuditDocument, form: FormSpec) -> Iterator[CheckProblem]:
    records = document.records
    references = [spec for spec in form.fields if spec.type in (FieldType.REFERENCE, FieldType.PHOTO)]
    for record in records.iter_records(form.id, with_children=True):
        title = records.title(record)
        for problem in records.problems(record):
            yield CheckProblem(form.id, record.uuid, title, problem.where(), problem.severity, problem.message)
        for spec in references:
            value = record.values.get(spec.name)
            if value is not None and not _reference_live(document, spec, str(value)):
                yield broken_reference(form.id, record.uuid, title, spec, value)


# -- an audit with a problem of every kind -------------------------------------------------------------------------
def _build(path: Path) -> None:
    water = WaterAudit(path)
    water.unit("dyeing", 1)
    water.meter("M1", "dyeing")
    water.meter("M2", "dyeing")
    for step in range(40):
        water.read("M1" if step % 3 else "M2", step / 2, 100.0 + step * 1.25)
    records = water.records
    meter = water.meters["M1"]
    gone = records.add("note", {"title": "to be deleted"})
    records.add("note", {"title": "points at a deleted note", "linked_record": gone})
    records.add("note", {"title": "points at a meter", "linked_record": meter})
    records.delete(gone)
    for month, quantity in (("2025-03", 10.0), ("2025-01", 12.0), ("2025-02", 8.0)):
        records.add("production", {"month": month, "product_name": "cloth", "quantity": quantity, "unit": "m"})
    for tag in ("L1", "L2"):
        records.add(
            "lighting",
            {"tag": tag, "location": "hall", "lamp_type": "led", "lamp_power_w": 36.0},
        )
    records.add("motor", {"tag": "M1", "location": "pump house", "rated_power_kw": 11.0})
    water.document.close()


# Each damage is what another tool, a bit flip or an old bug could leave: (SQL, what `check` must name).
_DAMAGE = [
    ("UPDATE water_reading SET value = 'lots' WHERE rowid = 2", ("water_reading", "value")),
    ("UPDATE water_reading SET value = -5 WHERE rowid = 3", ("water_reading", "value")),
    ("UPDATE water_reading SET value = 9e999 WHERE rowid = 4", ("water_reading", "value")),
    ("UPDATE water_reading SET read_at = NULL, created_at = NULL WHERE rowid = 5", ("water_reading", "read_at")),
    ("UPDATE water_reading SET read_at = '2025-13-45T10:00' WHERE rowid = 6", ("water_reading", "read_at")),
    ("UPDATE water_reading SET register_reset = 2 WHERE rowid = 7", ("water_reading", "register_reset")),
    ("UPDATE water_reading SET register_reset = 'yes' WHERE rowid = 8", ("water_reading", "register_reset")),
    ("UPDATE water_reading SET meter = '' WHERE rowid = 9", ("water_reading", "meter")),
    ("UPDATE water_reading SET meter = NULL WHERE rowid = 10", ("water_reading", "meter")),
    ("UPDATE water_reading SET meter = 'no-such-meter' WHERE rowid IN (11, 12)", ("water_reading", "meter")),
    ("UPDATE water_reading SET deleted = 1, value = 'gone' WHERE rowid = 13", ("water_reading", "value")),
    ("UPDATE water_reading SET deleted = 1, value = -1 WHERE rowid = 14", None),  # a deleted record's range
    ("UPDATE water_reading SET value = -2, read_at = NULL WHERE rowid = 15", ("water_reading", "read_at")),
    # The order `check` lists records in is their creation time (then row), not the table's order.
    ("UPDATE water_reading SET created_at = '2020-01-01T00:00:00' WHERE rowid = 30", None),
    ("UPDATE water_reading SET value = -3 WHERE rowid = 30", ("water_reading", "value")),
    ("UPDATE production SET quantity = -1, unit = '' WHERE month = '2025-01'", ("production", "unit")),
    ("UPDATE production SET month = '2025/02', data_source = 'guess' WHERE month = '2025-02'", ("production", "month")),
    ("UPDATE production SET data_source = 'guess' WHERE month = '2025-03'", ("production", "data_source")),
    ("UPDATE lighting SET quantity = 1.5, year_made = 1800 WHERE tag = 'L1'", ("lighting", "quantity")),
    ("UPDATE lighting SET quantity = 'two', lamp_type = NULL WHERE tag = 'L2'", ("lighting", "lamp_type")),
    (
        "UPDATE lighting SET lamp_power_w = 0, nameplate_photo = 'no-photo' WHERE tag = 'L2'",
        ("lighting", "nameplate_photo"),
    ),
    ("UPDATE motor SET rated_power_kw = 'lots', efficiency_class = 'IE9', poles = 3.5", ("motor", "efficiency_class")),
    ("UPDATE note SET observed_at = 'yesterday' WHERE title = 'points at a meter'", ("note", "observed_at")),
    ("UPDATE note SET linked_record = 'nowhere' WHERE title = 'points at a meter'", ("note", "linked_record")),
    ("UPDATE enterprise SET working_days = 'many'", ("enterprise", "working_days")),
    ("UPDATE enterprise__products SET annual_output = -4", ("enterprise", "products[1].annual_output")),
    (  # a row no record_index entry knows: the foreign key check names it
        "INSERT INTO note (uuid, form_id, form_version, created_at, modified_at, author, revision, state, deleted, "
        "title, category) VALUES ('orphan', 'note', 1, '2025-01-01', '2025-01-01', 'x', 1, 'draft', 0, NULL, 'x')",
        ("note", "title"),
    ),
]


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "damaged.fieldaudit"
    _build(path)
    connection = sqlite3.connect(path, isolation_level=None)
    for statement, _ in _DAMAGE:
        assert connection.execute(statement).rowcount >= 1, statement
    connection.close()
    return path


def test_the_column_pass_finds_what_the_record_pass_found_in_the_same_order(damaged: Path) -> None:
    with AuditDocument.open(damaged, read_only=True) as document:
        expected = reference_check(document)
        found = check_document(document)
    assert found == expected
    named = {(problem.form_id, problem.field) for problem in found}
    assert {where for _, where in _DAMAGE if where is not None} <= named
    assert ("note", "record_index") in named  # the orphan row, from the foreign key check
    kinds = {problem.severity for problem in found}
    assert kinds == {Severity.ERROR, Severity.MISSING, Severity.WARNING}
    # The deleted reading's stored text is named; its out-of-range value (a record's problem) is not.
    with AuditDocument.open(damaged, read_only=True) as document:
        deleted = {row[0] for row in document.connection.execute("SELECT uuid FROM water_reading WHERE deleted = 1")}
    assert {(p.field, p.record_title) for p in found if p.record_uuid in deleted} == {("value", "-")}


def test_small_chunks_and_a_small_memory_give_the_same_problems(damaged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few rows (values split across chunks) and a remembered-values bound smaller than the
    number of distinct values (so values are checked again) change nothing."""
    monkeypatch.setattr(checking, "_CHUNK_ROWS", 3)
    monkeypatch.setattr(check_rules, "REMEMBERED_VALUES", 2)
    with AuditDocument.open(damaged, read_only=True) as document:
        expected = reference_check(document)
        found = check_document(document)
    assert found == expected and len(found) > 30


def test_the_demo_audit_has_no_problems_either_way(demo_path: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        assert check_document(document) == reference_check(document) == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_check_command_prints_every_problem_and_fails(damaged: Path, language: str) -> None:
    with AuditDocument.open(damaged, read_only=True) as document:
        expected = [problem.line(language) for problem in reference_check(document)]
    env_language = {"en": "en_US.UTF-8", "zh": "zh_CN.UTF-8"}[language]
    result = subprocess.run(
        [sys.executable, "main.py", "check", str(damaged)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "FIELDAUDIT_LANG": language, "LANG": env_language},
    )
    assert result.returncode == 1
    printed = [line.split(": ", 2)[2] for line in result.stdout.splitlines()]
    assert printed == expected


def test_a_plain_number_shortcut_never_passes_a_value_the_checks_refuse() -> None:
    """`_plain_number` may only say "no problem": for every value it passes, the full checks find none."""
    from forms.common import decimal, integer
    from forms.spec import t

    specs = [
        decimal("a", t("A", "A"), minimum=0, required=True),
        decimal("b", t("B", "B"), positive=True, maximum=5000),
        integer("c", t("C", "C"), minimum=1950, maximum=2100),
        integer("d", t("D", "D")),
    ]
    values: list[object] = [0.0, -0.0, 1e-300, 5000.0, 5000.5, float("inf"), -5.0, 1950, 2100, 2101, 1949, 2**62, 1.5]
    for spec in specs:
        rule = check_rules.ColumnRule(spec, stored=True, field=True, live=None)
        for value in values:
            if rule.plain_number is not None and rule.plain_number(value):
                assert rule.verdict(value).good, (spec.name, value)
        column = (1.5, None, 2101, 1.5, 7)
        assert rule.flagged(column) == [(i, rule.verdict(v)) for i, v in enumerate(column) if not rule.verdict(v).good]


# Foreign keys of many shapes: (parent table, child table, parent row, child row that refers to the parent's
# row, child row that refers to nothing, child row with no reference).
_KEY_SHAPES = {
    "plain": ("p(k TEXT PRIMARY KEY) WITHOUT ROWID", "c(r TEXT REFERENCES p(k))", "'a'", "'a'", "'b'", "NULL"),
    "plain, rowid parent": ("p(k TEXT PRIMARY KEY)", "c(r TEXT REFERENCES p(k))", "'a'", "'a'", "'b'", "NULL"),
    "plain, unique index": ("p(k TEXT UNIQUE)", "c(r TEXT REFERENCES p(k))", "'a'", "'a'", "'b'", "NULL"),
    "plain, self-referring": (
        "p(k TEXT)",
        "c(k TEXT PRIMARY KEY, r TEXT REFERENCES c(k))",
        "'a'",
        "'a', 'a'",
        "'b', 'z'",
        "'c', NULL",
    ),
    "nocase parent": ("p(k TEXT COLLATE NOCASE PRIMARY KEY)", "c(r TEXT REFERENCES p(k))", "'a'", "'A'", "'b'", "NULL"),
    "types differ": ("p(k INTEGER UNIQUE)", "c(r TEXT REFERENCES p(k))", "1", "'1'", "'2'", "NULL"),
    "rowid alias": ("p(k INTEGER PRIMARY KEY)", "c(r INTEGER REFERENCES p(k))", "1", "1", "2", "NULL"),
    "two columns": (
        "p(k TEXT, j TEXT, PRIMARY KEY (k, j))",
        "c(r TEXT, s TEXT, FOREIGN KEY (r, s) REFERENCES p(k, j))",
        "'a', 'x'",
        "'a', 'x'",
        "'a', 'y'",
        "'a', NULL",
    ),
    "implicit parent key": ("p(k TEXT PRIMARY KEY)", "c(r TEXT REFERENCES p)", "'a'", "'a'", "'b'", "NULL"),
}


@pytest.mark.parametrize("shape", sorted(_KEY_SHAPES))
@pytest.mark.parametrize("dangling", [False, True])
def test_the_quick_foreign_key_answer_is_only_given_when_the_pragma_finds_nothing(shape: str, dangling: bool) -> None:
    """`no_dangling_keys` answers True only where SQLite's own check finds no row; else the PRAGMA lists them."""
    parent, child, parent_row, refers, refers_to_nothing, no_reference = _KEY_SHAPES[shape]
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE TABLE {parent}")
    connection.execute(f"CREATE TABLE {child}")
    connection.execute(f"INSERT INTO p VALUES ({parent_row})")
    for row in (refers, no_reference, *((refers_to_nothing,) if dangling else ())):
        connection.execute(f"INSERT INTO c VALUES ({row})")
    found = connection.execute("PRAGMA foreign_key_check").fetchall()
    quick = checking.no_dangling_keys(connection)
    if quick:
        assert found == []
    assert bool(found) is dangling  # each shape's rows are what they say
    if shape.startswith("plain"):  # the shapes of every key in an audit: answered without the PRAGMA
        assert quick is not dangling


def test_an_audit_s_keys_are_all_answered_quickly(demo_path: Path) -> None:
    with AuditDocument.open(demo_path, read_only=True) as document:
        keys = sum(
            len(document.connection.execute(f'PRAGMA foreign_key_list("{row[0]}")').fetchall())
            for row in document.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        assert keys > 30 and checking.no_dangling_keys(document.connection)
