import pytest

from coopai.audit import AuditInputError, error_audit
from coopai.audit.stats import samples_for_width


def reviews():
    return {
        "verdict": ["correct"] * 6 + ["Minor error", "major-error", "HARMFUL", "correct"],
        "service": ["housing"] * 5 + ["benefits"] * 5,
    }


def test_it_gives_error_rates_overall_and_per_group(table_file):
    result = error_audit(table_file(reviews()), verdict="verdict", groups=["service"])
    assert result.overall.verdicts == {
        "correct": 7,
        "minor_error": 1,
        "major_error": 1,
        "harmful": 1,
    }
    assert result.overall.rates["any_error"].value == 3 / 10
    assert result.overall.rates["major_or_harmful"].value == 2 / 10
    assert result.overall.rates["harmful"].value == 1 / 10
    groups = {g.label: g for g in result.groups}
    assert groups["service=housing"].rates["any_error"].value == 0.0
    assert groups["service=benefits"].rates["any_error"].value == 3 / 5
    assert groups["service=housing"].rates["any_error"].high > 0


def test_it_says_how_many_more_samples_narrow_the_interval(table_file):
    result = error_audit(table_file(reviews()), verdict="verdict", target_width=0.05)
    advice = result.overall.advice
    assert advice.needed == samples_for_width(0.3, 0.05)
    assert advice.additional == advice.needed - 10


def test_it_refuses_an_unknown_verdict_naming_the_row(table_file):
    columns = reviews()
    columns["verdict"][3] = "dunno"
    with pytest.raises(AuditInputError) as caught:
        error_audit(table_file(columns), verdict="verdict")
    (problem,) = caught.value.problems
    assert (problem.column, problem.row, problem.value) == ("verdict", 4, "dunno")
    assert "correct, minor_error, major_error, harmful" in problem.message


def test_it_refuses_a_misnamed_verdict_column(table_file):
    with pytest.raises(AuditInputError, match="Did you mean 'verdict'"):
        error_audit(table_file(reviews()), verdict="verdicts")


def test_it_refuses_a_target_width_outside_zero_to_one(table_file):
    with pytest.raises(AuditInputError, match="between 0 and 1"):
        error_audit(table_file(reviews()), verdict="verdict", target_width=2)
