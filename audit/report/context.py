"""What a report is written from: the audit's records, its analysis and its photos, read in one pass."""

from __future__ import annotations

import datetime as dt
import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit import APP_NAME, APP_VERSION
from audit.errors import AuditError
from audit.records import Record
from forms.registry import FormRegistry
from forms.spec import Text

if TYPE_CHECKING:
    from audit.analysis import Analysis
    from audit.document import AuditDocument

LANGUAGES = ("zh", "en")


@dataclass
class ReportContext:
    """Everything the sheets read. Built by `load_context`; the sheets never touch the database."""

    language: str
    registry: FormRegistry
    audit: Record | None
    enterprise: Record | None
    audit_file: str
    audit_sha256: str
    generated_on: dt.date
    app: str = f"{APP_NAME} {APP_VERSION}"
    # Every number of the report comes from this one analyse() pass (None only in tests of the frame).
    analysis: Analysis | None = None
    # Further parts (photos) are added by the loader as they exist; sheets check for them.
    parts: dict[str, Any] = field(default_factory=dict)
    # Where each record is shown in the workbook (filled by the sheets as they are written).
    anchors: dict[str, str] = field(default_factory=dict)
    # The tab name of every sheet the workbook has, by key (set before the first sheet is written).
    sheet_names: dict[str, str] = field(default_factory=dict)
    # Titles of the records findings and measures name, by uuid.
    record_titles: dict[str, str] = field(default_factory=dict)

    @property
    def results(self) -> Analysis:
        """The analysis (sheets that read it apply only when it is there)."""
        if self.analysis is None:
            raise ValueError("the report has no analysis")
        return self.analysis

    def tr(self, text: Text) -> str:
        return text.get(self.language)

    def value(self, record: Record | None, name: str) -> Any:
        return None if record is None else record.values.get(name)

    def choice_label(self, form_id: str, name: str, record: Record | None) -> str:
        """A choice field's value as its label in the report's language ('' when empty)."""
        code = self.value(record, name)
        if code is None:
            return ""
        choice = self.registry[form_id].field(name).choice(str(code))
        return self.tr(choice.label) if choice is not None else str(code)

    @property
    def enterprise_name(self) -> str:
        name = self.value(self.enterprise, "name")
        return str(name) if name else self.tr(Text("(enterprise not named)", "（未填写企业名称）"))


def file_sha256(path: Path) -> str:
    """SHA-256 of the audit file as it is on disk at export time, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _referenced(analysis: Analysis) -> set[str]:
    """Records that findings and measures name (once they are part of the analysis)."""
    uuids: set[str] = set()
    for item in getattr(analysis, "findings", ()):
        uuids.update(item.records)
    for item in getattr(getattr(analysis, "measures", None), "measures", ()):
        uuids.update(item.records)
    return uuids


def record_titles(document: AuditDocument, uuids: set[str], language: str) -> dict[str, str]:
    """How the report names each record (its tag, name or month and type), by uuid."""
    titles: dict[str, str] = {}
    for uuid in sorted(uuids):
        try:
            titles[uuid] = document.records.title(document.records.get(uuid, with_children=False), language)
        except AuditError:
            continue  # a photo, or a record deleted since: the report names it by its short id
    return titles


def load_context(document: AuditDocument, language: str, today: dt.date | None = None) -> ReportContext:
    """Read what the report needs from an open audit."""
    if language not in LANGUAGES:
        raise ValueError(f"report language must be one of {LANGUAGES}, not {language!r}")
    from audit.analysis import analyse, load_inputs
    from audit.report.photos import load_photos

    # The file's SHA-256 (tens of MB on a large audit) is read in a thread while the audit is analysed:
    # reading and hashing release the GIL, so on a second core it costs nothing.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-sha256") as pool:
        digest = pool.submit(file_sha256, document.path)
        records = document.records
        context = ReportContext(
            language=language,
            registry=document.registry,
            audit=records.singleton("audit"),
            enterprise=records.singleton("enterprise"),
            audit_file=document.path.name,
            audit_sha256="",
            generated_on=today or dt.date.today(),
        )
        context.analysis = analyse(load_inputs(document))
        context.parts["photos"] = load_photos(document, language)
        # Equipment and water units are named by the analysis itself (tag, unit name): only the rest is read.
        named = {grading.uuid for grading in context.analysis.equipment}
        named.update(unit.uuid for unit in context.analysis.water.units)
        context.record_titles = record_titles(document, _referenced(context.analysis) - named, language)
        context.audit_sha256 = digest.result()
    return context
