"""Meta-test: every rule is found, documented, sourced, uses thresholds that exist, and has a firing and a
not-firing test (and a cannot-assess test where it can yield one)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from audit.findings import SYSTEMS, Missing, rules
from audit.measures._parameters import load_parameters
from audit.reference import ReferenceData

HERE = Path(__file__).parent


def test_every_rule_is_documented_sourced_and_tested() -> None:
    tests = "\n".join(p.read_text(encoding="utf-8") for p in HERE.glob("test_*.py") if p.name != Path(__file__).name)
    parameters = load_parameters(ReferenceData())
    found = rules()
    assert len(found) >= 20
    for rule in found:
        assert re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", rule.id), rule.id
        assert len(rule.doc) > 40, f"{rule.id}: no docstring"
        assert rule.standard and rule.clause, f"{rule.id}: no standard or clause"
        assert rule.title.en and rule.title.zh and rule.system in SYSTEMS, rule.id
        for key in rule.thresholds:
            assert key in parameters.thresholds, f"{rule.id}: threshold {key} not in resources/findings"
        quoted = re.escape(f'"{rule.id}"')
        assert re.search(rf"fires\(\s*\w+(\([^)]*\))?,\s*{quoted}", tests), f"{rule.id}: no test that it fires"
        assert re.search(rf"does_not_fire\(\s*\w+(\([^)]*\))?,\s*{quoted}", tests), (
            f"{rule.id}: no test that it does not fire"
        )
        source = inspect.getsource(rule.function)
        if "Missing(" in source:
            assert re.search(rf"cannot_assess\(\s*\w+(\([^)]*\))?,\s*{quoted}", tests), (
                f"{rule.id}: no cannot-assess test"
            )
    assert Missing  # the type rules yield when data is missing


def test_every_evidence_indicator_of_the_demo_is_declared_with_its_unit(demo_path: Path) -> None:
    from audit.analysis import analyse_document
    from audit.document import AuditDocument
    from audit.indicators.catalogue import entry

    with AuditDocument.open(demo_path, read_only=True) as document:
        analysis = analyse_document(document)
    shown = [i for f in analysis.findings for i in f.evidence]
    assert any(i.key.startswith("finding.") for i in shown)
    for indicator in shown:
        declared = entry(indicator.key)
        assert declared is not None and declared.unit_matches(indicator.unit), indicator.key
