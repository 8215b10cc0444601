"""One way to write a result for a reader: numbers, trust tags, units and outcomes, in both languages."""

from __future__ import annotations

from audit.presentation import format_number, outcome_word, status_tag, unit_label, value_with_unit, with_status
from audit.results import Outcome, Status


def test_numbers_by_size_with_separators_and_no_negative_zero() -> None:
    assert format_number(21671.359) == "21,671"
    assert format_number(123.456) == "123.5"
    assert format_number(2.90891) == "2.91"
    assert format_number(0.0123456) == "0.0123"
    assert format_number(-0.0004, 2) == "0.00"
    assert format_number(None) == "—"
    assert format_number(None, empty="") == ""
    assert format_number(1234.5, 1) == "1,234.5"


def test_trust_tags_never_hide_an_unverified_value() -> None:
    assert status_tag(Status.V, "en") == "" and status_tag("D", "zh") == ""
    assert status_tag(Status.C, "zh") == "[C]"
    assert status_tag(Status.U, "en") == "⚠ unverified"
    assert status_tag("U", "zh") == "⚠ 未核实"
    assert with_status("7.23 tCO2/10k yuan", Status.U, "en") == "7.23 tCO2/10k yuan ⚠ unverified"


def test_units_and_outcomes_in_the_readers_language() -> None:
    assert unit_label("tce/10k yuan", "zh") == "tce/万元"
    assert value_with_unit(0.5614, "tce/10k yuan", "zh") == "0.5614 tce/万元"
    assert value_with_unit(None, "tce", "en") == "—"
    assert outcome_word(Outcome.FAIL, "zh") == "未达标"
    assert outcome_word(None, "en") == "N/A"
