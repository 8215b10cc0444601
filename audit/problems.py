"""Every problem of an audit in one list: each record's own checks plus what only a computation or a look
across records finds (water-balance flags, duplicate equipment tags, months missing from a year of energy)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audit.cancel import checkpoint
from audit.completeness import Counts, FormCompleteness, count_problems, total
from forms.spec import FormSpec, Text
from forms.validation import Problem, Severity, check_record

if TYPE_CHECKING:
    from audit.analysis import Analysis
    from audit.document import AuditDocument
    from audit.records import Record
    from audit.water.model import WaterResult

# Where a problem was found, so a list can say why it is there.
FORM = "form"  # the record's own checks (required, range, rules)
WATER = "water"  # the water-balance computation
ACROSS = "across"  # a check across records (duplicates, gaps)
INDICATORS = "indicators"  # what keeps the indicators from being computed

# Forms whose records are pieces of equipment: a tag names one piece across all of them.
EQUIPMENT_GROUP = "equipment"


@dataclass(frozen=True)
class AuditProblem:
    """One thing to fix or check, with the record and field it is about (record "" when none exists yet)."""

    severity: Severity
    message: Text
    form_id: str
    record_uuid: str = ""
    field: str = ""
    origin: str = FORM
    code: str = ""


def record_problems(document: AuditDocument) -> list[AuditProblem]:
    """Each live record's own problems, and what an empty singleton form (not started) still lacks."""
    records = document.records
    found: list[AuditProblem] = []
    for form in document.registry:
        listed = records.list(form.id, with_children=bool(form.repeats))
        if form.singleton and not listed:
            found.extend(AuditProblem(p.severity, p.message, form.id, "", p.field) for p in check_record(form, {}, {}))
        for record in listed:
            found.extend(_from_problem(form.id, record, problem) for problem in records.problems(record))
    return found


def _from_problem(form_id: str, record: Record, problem: Problem) -> AuditProblem:
    return AuditProblem(problem.severity, problem.message, form_id, record.uuid, problem.where())


def computed_problems(document: AuditDocument, with_analysis: bool = False) -> list[AuditProblem]:
    """Problems no single record's check can see: they must reach the navigator marks, F8 and the to-do list.

    `with_analysis` adds what the whole analysis reports (about 0.1 s on the demo audit, so the
    navigator, which recounts after every edit, leaves it to the to-do list's background pass).
    """
    from audit.water import compute_water

    found = [*period_problems(document)]
    if with_analysis:
        from audit.analysis import analyse_document

        analysis = analyse_document(document)
        found += energy_problems(document, analysis)
        water = analysis.water
    else:
        water = compute_water(document)
    checkpoint()  # in a background job: the app may be quitting (issue 15)
    found += water_problems(document, water)
    checkpoint()
    return [*found, *duplicate_tags(document), *missing_months(document)]


def _audit_uuid(document: AuditDocument) -> str:
    audit = document.records.singleton("audit") if "audit" in document.registry else None
    return audit.uuid if audit is not None else ""


def period_problems(document: AuditDocument) -> list[AuditProblem]:
    """Energy figures without an audit period: no energy indicator can be computed, and the panel said so only in a tooltip."""
    if "energy_use" not in document.registry or _period(document) is not None:
        return []
    if not document.records.count("energy_use"):
        return []
    message = Text(
        en="The energy indicators cannot be computed: the audit period is not set.",
        zh="无法计算能源指标：尚未填写审计期。",
    )
    return [
        AuditProblem(
            Severity.WARNING, message, "audit", _audit_uuid(document), "period_start", INDICATORS, "energy.no_period"
        )
    ]


def energy_problems(document: AuditDocument, analysis: Analysis) -> list[AuditProblem]:
    """What the energy stage reports (units it cannot convert, products without output …), on the audit."""
    where = _audit_uuid(document)
    return [
        AuditProblem(Severity.WARNING, text, "audit", where, "", INDICATORS, "energy.problem")
        for text in analysis.energy.problems
    ]


def audit_problems(document: AuditDocument) -> list[AuditProblem]:
    """Everything to do in the audit, for the to-do list: errors first, then missing values, then warnings."""
    order = {Severity.ERROR: 0, Severity.MISSING: 1, Severity.WARNING: 2}
    found = [*record_problems(document), *computed_problems(document, with_analysis=True)]
    return sorted(found, key=lambda p: order[p.severity])


def water_problems(document: AuditDocument, result: WaterResult) -> list[AuditProblem]:
    """The water-balance flags, each on the meter or unit it names (else on the test itself)."""
    if not result.ready:
        return []  # no test yet: what the test form lacks is already its own missing values
    records = document.records
    test = records.singleton("water_test") if "water_test" in document.registry else None
    found: list[AuditProblem] = []
    for flag in result.flags:
        severity = Severity.ERROR if flag.severity == "error" else Severity.WARNING
        uuid = flag.subject_uuid if flag.subject_uuid and records.exists(flag.subject_uuid) else ""
        form_id = records.form_id_of(uuid) if uuid else "water_test"
        if not uuid and test is not None:
            uuid = test.uuid
        found.append(AuditProblem(severity, flag.message, form_id, uuid, "", WATER, flag.code))
    return found


def duplicate_tags(document: AuditDocument) -> list[AuditProblem]:
    """Two pieces of equipment with the same tag: a warning on each (a copy entered twice, or a typo)."""
    records = document.records
    by_tag: dict[str, list[tuple[str, Record]]] = defaultdict(list)
    for form in document.registry:
        if form.group != EQUIPMENT_GROUP or not any(spec.name == "tag" for spec in form.fields):
            continue
        for record in records.list(form.id):
            tag = record.values.get("tag")
            if isinstance(tag, str) and tag.strip():
                by_tag[tag.strip().casefold()].append((form.id, record))
    found: list[AuditProblem] = []
    for same in by_tag.values():
        if len(same) < 2:
            continue
        for form_id, record in same:
            others = [
                f"{document.registry[other_form].label.en} {other.values.get('tag')}"
                for other_form, other in same
                if other is not record
            ]
            others_zh = [
                f"{document.registry[other_form].label.zh} {other.values.get('tag')}"
                for other_form, other in same
                if other is not record
            ]
            message = Text(
                en=f"The tag {record.values.get('tag')} is also used by: {', '.join(others)}. "
                "Give each piece of equipment its own tag.",
                zh=f"设备编号 {record.values.get('tag')} 与以下设备重复：{'、'.join(others_zh)}。每台设备应有自己的编号。",
            )
            found.append(
                AuditProblem(Severity.WARNING, message, form_id, record.uuid, "tag", ACROSS, "equipment.duplicate_tag")
            )
    return found


def _months(start: dt.date, end: dt.date) -> list[str]:
    months: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _period(document: AuditDocument) -> tuple[dt.date, dt.date] | None:
    if "audit" not in document.registry:
        return None
    audit = document.records.singleton("audit")
    if audit is None:
        return None
    start, end = audit.values.get("period_start"), audit.values.get("period_end")
    try:
        return dt.date.fromisoformat(str(start)), dt.date.fromisoformat(str(end))
    except ValueError:
        return None


def missing_months(document: AuditDocument) -> list[AuditProblem]:
    """Months missing from an energy type's monthly figures: within the audit period if it is set, else
    within each calendar year the type has figures for. One warning per energy type and flow."""
    if "energy_use" not in document.registry:
        return []
    form = document.registry["energy_use"]
    spec = next((s for s in form.fields if s.name == "energy_type"), None)
    series: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in document.records.list("energy_use"):
        month = record.values.get("month")
        kind = record.values.get("energy_type")
        if isinstance(month, str) and isinstance(kind, str):
            series[(kind, str(record.values.get("flow") or ""))].append(record)
    period = _period(document)
    found: list[AuditProblem] = []
    for (kind, _flow), rows in sorted(series.items()):
        have = {str(r.values["month"]) for r in rows}
        if period is not None:
            expected = _months(*period)
            if not have & set(expected):
                continue  # no figures in the period at all: the indicators say so
        else:
            years = sorted({m[:4] for m in have})
            expected = [m for year in years for m in _months(dt.date(int(year), 1, 1), dt.date(int(year), 12, 1))]
        missing = [m for m in expected if m not in have]
        if not missing:
            continue
        choice = spec.choice(kind) if spec is not None else None
        name_en = choice.label.en if choice else kind
        name_zh = choice.label.zh if choice else kind
        first = min(rows, key=lambda r: str(r.values["month"]))
        message = Text(
            en=f"{name_en}: no figure for {', '.join(missing)}. Enter the month (0 if nothing was used).",
            zh=f"{name_zh}：缺少 {'、'.join(missing)} 的数据。请补录该月（未使用填 0）。",
        )
        found.append(
            AuditProblem(Severity.WARNING, message, "energy_use", first.uuid, "month", ACROSS, "energy.missing_month")
        )
    return found


def counts_by_record(problems: Iterable[AuditProblem]) -> dict[str, dict[str, Counts]]:
    """Counts of problems by form id and record uuid (records=0: they add problems, not records)."""
    counts: dict[str, dict[str, Counts]] = defaultdict(dict)
    for problem in problems:
        one = count_problems([Problem(problem.field, problem.severity, problem.message)], records=0)
        forms = counts[problem.form_id.split(".")[0]]
        forms[problem.record_uuid] = forms.get(problem.record_uuid, Counts()) + one
    return dict(counts)


def with_computed(
    summary: dict[str, FormCompleteness], extra: dict[str, dict[str, Counts]]
) -> dict[str, FormCompleteness]:
    """The navigator's per-form counts with the computed problems added to the records they are about."""
    folded = dict(summary)
    for form_id, by_uuid in extra.items():
        base = summary.get(form_id)
        if base is None:
            continue
        by_record = dict(base.by_record)
        for uuid, counts in by_uuid.items():
            if uuid:
                by_record[uuid] = by_record.get(uuid, Counts()) + counts
        folded[form_id] = FormCompleteness(form_id, base.total + total(by_uuid.values()), by_record)
    return folded


@dataclass(frozen=True)
class TodoItem:
    """A problem as the to-do list shows it: where (the record, else its form) and the field's label."""

    problem: AuditProblem
    where: Text
    field: Text


def todo_list(document: AuditDocument) -> list[TodoItem]:
    """Every problem of the audit with the words to show it in either language (errors first)."""
    records = document.records
    registry = document.registry
    titles: dict[str, Text] = {}
    items: list[TodoItem] = []
    for problem in audit_problems(document):
        form_id = problem.form_id
        top = form_id.split(".")[0]
        form: FormSpec | None = None
        if top in registry:  # a form of a newer version this registry lacks is shown by its id
            form = registry[top]
        if problem.record_uuid and records.exists(problem.record_uuid):
            if problem.record_uuid not in titles:
                record = records.get(problem.record_uuid, with_children=False)
                spec, repeat = records.spec_for(record.form_id)
                label = (repeat or spec).label
                titles[problem.record_uuid] = Text(
                    f"{label.en}: {records.title(record, 'en')}", f"{label.zh}: {records.title(record, 'zh')}"
                )
            where = titles[problem.record_uuid]
        else:
            where = form.label if form is not None else Text(form_id, form_id)
        items.append(TodoItem(problem, where, _field_label(form, problem.field)))
    return items


def _field_label(form: FormSpec | None, where: str) -> Text:
    """The label of "name" or of "products[2].name" (as "Products 2: Name")."""
    if form is None or not where:
        return Text("", "")
    if "[" in where and "]." in where:
        group, rest = where.split("[", 1)
        row, name = rest.split("].", 1)
        repeat = next((r for r in form.repeats if r.name == group), None)
        if repeat is not None:
            spec = next((f for f in repeat.fields if f.name == name), None)
            inner = spec.label if spec is not None else Text(name, name)
            return Text(f"{repeat.label.en} {row}: {inner.en}", f"{repeat.label.zh} 第{row}行：{inner.zh}")
    spec = next((f for f in form.fields if f.name == where), None)
    return spec.label if spec is not None else Text(where, where)
