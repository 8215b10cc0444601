"""Field parsing and validation: types, ranges, patterns, named checks, rules, expressions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms import expressions
from forms.registry import default_registry
from forms.spec import FieldType
from forms.validation import InvalidValue, Severity, check_fields, check_value, is_relevant, parse_value
from forms.validators import check_uscc, organisation_code_check_character, uscc_check_character

REGISTRY = default_registry()


# Codes of well-known companies, published on their own sites and the national credit portal:
# an independent check of the GB 32100-2015 weights and character set.
@pytest.mark.parametrize(
    "code",
    [
        "914403001922038216",  # Huawei Technologies Co., Ltd.
        "9144030071526726XG",  # Shenzhen Tencent Computer Systems Co., Ltd.
        "91330100716105852F",  # Alibaba (China) Co., Ltd.
    ],
)
def test_real_credit_codes_pass(code: str) -> None:
    assert check_uscc(code) is None
    assert uscc_check_character(code[:17]) == code[17]


def test_mistyped_credit_code_names_the_expected_check_character() -> None:
    message = check_uscc("914403001922038217")
    assert message is not None and "should be 6" in message.en and "校验码应为 6" in message.zh
    assert check_uscc("91440300192203821") is not None  # 17 characters
    letter_o = check_uscc("9144030O1922038216")
    assert letter_o is not None and "O" in letter_o.en


def test_parse_each_type() -> None:
    motor = REGISTRY["motor"]
    assert parse_value(motor.field("rated_power_kw"), " 7.5 ") == 7.5
    assert parse_value(motor.field("rated_power_kw"), "1,250") == 1250.0
    assert parse_value(motor.field("poles"), "4") == 4
    assert parse_value(motor.field("poles"), 4.0) == 4
    assert parse_value(motor.field("rated_power_kw"), "") is None
    enterprise = REGISTRY["enterprise"]
    assert parse_value(enterprise.field("key_energy_user"), "是") is True
    assert parse_value(enterprise.field("key_energy_user"), "no") is False
    assert parse_value(enterprise.field("certification_date"), "2024-02-29") == "2024-02-29"
    measured = REGISTRY["spot_measurement"].field("measured_at")
    assert parse_value(measured, "2025-03-10 09:30") == "2025-03-10T09:30"
    with pytest.raises(InvalidValue, match="whole number"):
        parse_value(motor.field("poles"), "4.5")
    with pytest.raises(InvalidValue, match="YYYY-MM-DD"):
        parse_value(enterprise.field("certification_date"), "2023-02-29")
    with pytest.raises(InvalidValue, match="not one of the choices"):
        parse_value(motor.field("driven_load"), "elevator")
    with pytest.raises(InvalidValue, match="finite"):
        parse_value(motor.field("rated_power_kw"), "nan")


def test_range_pattern_and_rules_give_messages_in_both_languages() -> None:
    enterprise = REGISTRY["enterprise"]
    [problem] = check_value(enterprise.field("working_days"), 400, {})
    assert problem.severity is Severity.ERROR
    assert "at most 366" in problem.message.en and "不大于366" in problem.message.zh
    [problem] = check_value(enterprise.field("industry_code"), "textile", {})
    assert "GB/T 4754-2017" in problem.message.en
    [problem] = check_value(enterprise.field("value_added_10k_yuan"), 500.0, {"output_value_10k_yuan": 400.0})
    assert problem.severity is Severity.ERROR and "cannot exceed" in problem.message.en
    [problem] = check_value(enterprise.field("value_added_10k_yuan"), 10.0, {"output_value_10k_yuan": 400.0})
    assert problem.severity is Severity.WARNING


def test_required_is_reported_as_missing_only_when_relevant() -> None:
    enterprise = REGISTRY["enterprise"]
    record = {"energy_management_certified": False}
    names = {p.field for p in check_fields(enterprise.fields, record) if p.severity is Severity.MISSING}
    assert "name" in names and "certification_body" not in names
    assert not is_relevant(enterprise.field("certification_body"), record)
    assert is_relevant(enterprise.field("certification_body"), {"energy_management_certified": True})


def test_expressions_are_safe_and_treat_missing_as_unknown() -> None:
    assert expressions.evaluate("a + b > 3", {"a": 2, "b": 2}) is True
    assert expressions.evaluate("a + b > 3", {"a": 2}) is None
    assert expressions.evaluate("a is None or a > 1", {}) is True
    assert expressions.evaluate("sqrt(p0 / pk)", {"p0": 0.41, "pk": 4.52}) == pytest.approx(0.3012, abs=1e-4)
    assert expressions.evaluate("x / y", {"x": 1, "y": 0}) is None
    for hostile in ("__import__('os').system('echo')", "a.__class__", "[x for x in y]", "open('f')", "lambda: 1"):
        with pytest.raises(expressions.ExpressionError):
            expressions.evaluate(hostile, {})


FIELDS = [(form.id, spec) for form in REGISTRY for spec in form.fields]


@settings(max_examples=400, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=len(FIELDS) - 1),
    raw=st.one_of(
        st.text(), st.integers(), st.floats(), st.booleans(), st.none(), st.lists(st.text(max_size=5), max_size=3)
    ),
)
def test_any_input_is_either_accepted_or_refused_with_a_message(index: int, raw: object) -> None:
    _form_id, spec = FIELDS[index]
    try:
        value = parse_value(spec, raw)
    except InvalidValue as error:
        assert error.message.en and error.message.zh
        return
    if spec.type is FieldType.DECIMAL and value is not None:
        assert isinstance(value, float)
    for problem in check_value(spec, value, {}):
        assert problem.message.en and problem.message.zh


def test_every_unit_a_form_uses_reads_in_chinese() -> None:
    import re

    from forms.units import unit_label

    symbols = {"min", "kgce", "tce", "kWh", "lx"}
    units = {spec.unit for form in REGISTRY for spec in form.fields if spec.unit}
    units |= {spec.unit for form in REGISTRY for repeat in form.repeats for spec in repeat.fields if spec.unit}
    for unit in units:
        words = set(re.findall(r"[a-z]{3,}", unit_label(unit, "zh"))) - symbols
        assert not words, f"{unit!r} reads {unit_label(unit, 'zh')!r} in Chinese"
    [problem] = check_value(REGISTRY["enterprise"].field("employees"), 0, {})
    assert problem.message.zh == "职工人数应不小于1人，当前为0。"


# Issue 10 item 5: a decimal comma must never be read as a thousands separator ("1,5" became 15).
@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1,500", 1500.0), ("12,345.6", 12345.6), ("1,234,567", 1234567.0), ("-2,000", -2000.0), ("1，500", 1500.0)],
)
def test_comma_followed_by_groups_of_three_digits_is_a_thousands_separator(typed: str, stored: float) -> None:
    assert parse_value(REGISTRY["motor"].field("rated_power_kw"), typed) == stored


@pytest.mark.parametrize("typed", ["1,5", "12,34", "1.234,5", "1,5000", "1234,567", ",5", "0,75"])
def test_any_other_comma_is_ambiguous_and_refused_with_a_message(typed: str) -> None:
    for spec in (REGISTRY["motor"].field("rated_power_kw"), REGISTRY["motor"].field("poles")):
        with pytest.raises(InvalidValue) as refused:
            parse_value(spec, typed)
        assert "ambiguous" in refused.value.message.en and "decimal point" in refused.value.message.en
        assert "有歧义" in refused.value.message.zh


# Issue 10 item 14: positions 9–17 of a credit code are a GB 11714-1997 organisation code with its own
# check character. Organisation codes of the companies above, as printed on their old certificates:
# 19220382-1 (Huawei), 71526726-X (Tencent), 71610585-2 (Alibaba).
@pytest.mark.parametrize(("code", "check"), [("19220382", "1"), ("71526726", "X"), ("71610585", "2")])
def test_organisation_code_check_character(code: str, check: str) -> None:
    assert organisation_code_check_character(code) == check


def test_credit_code_with_a_wrong_organisation_code_check_character_is_refused() -> None:
    # Huawei's code with the organisation code's check character changed, and the credit-code check
    # character recomputed so that GB 32100 alone would accept it: two typos that cancel out there.
    body = "91440300192203822"
    code = body + uscc_check_character(body)
    message = check_uscc(code)
    assert message is not None
    assert "organisation code" in message.en and "should be 1, not 2" in message.en and "GB 11714" in message.en
    assert "组织机构代码" in message.zh
