"""Reference groups as column=value: one reading, with a problem naming each bad item."""

import pytest

from coopai.audit import AuditInputError
from coopai.audit.references import reference_groups

PROTECTED = ["sex", "age_band"]


def problems(items):
    with pytest.raises(AuditInputError) as caught:
        reference_groups(items, protected=PROTECTED)
    return caught.value.problems


def test_it_reads_one_group_per_characteristic_trimming_spaces():
    assert reference_groups([" sex = F ", "age_band=35-64"], protected=PROTECTED) == {
        "sex": "F",
        "age_band": "35-64",
    }


def test_a_value_may_hold_an_equals_sign_or_a_comma():
    assert reference_groups(["sex=a=b, c"], protected=PROTECTED) == {"sex": "a=b, c"}


def test_blank_items_mean_no_reference_group():
    assert reference_groups(["", "  "], protected=PROTECTED) == {}


@pytest.mark.parametrize("item", ["sex", "=F", "sex=", " = "])
def test_it_refuses_an_item_without_both_a_column_and_a_value(item):
    (problem,) = problems([item])
    assert problem.message == (
        f"the reference group {item.strip()!r} should look like column=value, e.g. sex=F."
    )


def test_it_refuses_a_column_that_is_not_protected_and_lists_those_that_are():
    (problem,) = problems(["ethnicity=White"])
    assert problem.column == "ethnicity"
    assert problem.message == (
        "the reference group 'ethnicity=White' is for a column that is not a protected "
        "characteristic; the protected characteristics are: 'sex', 'age_band'."
    )


def test_it_refuses_a_column_given_twice():
    (problem,) = problems(["sex=F", "sex=M"])
    assert problem.column == "sex"
    assert "given twice (sex=F and sex=M)" in problem.message


def test_every_bad_item_is_reported_at_once():
    found = problems(["sex", "postcode=AB1", "age_band=65+"])
    assert [p.column for p in found] == [None, "postcode"]
