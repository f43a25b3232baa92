"""Walking, evaluating and describing conditions."""

from __future__ import annotations

from coopai.framework.conditions import describe, facts_named, holds, leaves, mitigations_named
from coopai.framework.content_schema import Condition

NESTED = Condition.model_validate(
    {
        "any": [
            {"fact": "decision_role", "in": ["decides"]},
            {
                "all": [
                    {"fact": "people_per_year", "at_least": 10_000},
                    {"mitigation_missing": "human_review"},
                    {"any": [{"fact": "public_facing", "in": [True]}]},
                ]
            },
        ]
    }
)


def test_leaves_reach_every_test_however_deep_in_the_order_written() -> None:
    found = [(leaf.fact, leaf.mitigation_missing) for leaf in leaves(NESTED)]
    assert found == [
        ("decision_role", None),
        ("people_per_year", None),
        (None, "human_review"),
        ("public_facing", None),
    ]


def test_a_single_test_is_its_own_only_leaf() -> None:
    single = Condition.model_validate({"mitigation_missing": "dpia"})
    assert list(leaves(single)) == [single]


def test_facts_and_mitigations_named_are_read_from_the_leaves() -> None:
    assert facts_named(NESTED) == ["decision_role", "people_per_year", "public_facing"]
    assert mitigations_named(NESTED) == ["human_review"]


def test_a_nested_condition_holds_only_when_its_branches_do() -> None:
    branch = {"people_per_year": 10_000, "public_facing": True}
    assert holds(NESTED, branch, set())
    assert not holds(NESTED, branch, {"human_review"})
    assert not holds(NESTED, {**branch, "people_per_year": 9_999}, set())
    assert holds(NESTED, {"decision_role": "decides"}, {"human_review"})


def test_a_nested_condition_reads_with_brackets_around_its_groups() -> None:
    assert describe(NESTED) == (
        "decision_role is decides or (people_per_year is at least 10,000 and "
        "human_review is not in place and (public_facing is yes))"
    )
