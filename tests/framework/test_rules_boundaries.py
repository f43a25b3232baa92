"""The framework engine's thresholds, tried on, just under and just over each boundary.

Each test here was written against a mutant that the other tests let survive (see
docs/development.md, "Mutation testing"): a comparison turned from < into <=, or a
check applied to the wrong move.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

import pytest
import yaml

from coopai.framework import assess, parse_proposal
from coopai.framework.lifecycle import Actor, MoveContext, Stage, refusals
from coopai.framework.review import (
    ConditionState,
    EvidenceFact,
    EvidenceKind,
    condition_overdue,
    findings_words,
    months_after,
    withdrawal_problems,
)

TODAY = date(2026, 11, 27)
DAY = timedelta(days=1)

# Every check passes: only the value under test can refuse a move.
CLEAR = MoveContext(
    actors=frozenset(Actor),
    is_proposer=False,
    unanswered=(),
    review_date=TODAY,
    next_review_date=TODAY + 365 * DAY,
    today=TODAY,
)


@pytest.mark.parametrize(("conditions", "refused"), [(0, False), (1, True), (2, True)])
def test_plain_approval_is_refused_from_the_first_condition(conditions, refused):
    found = refusals("approve", Stage.IN_REVIEW, replace(CLEAR, conditions=conditions))
    assert found == (["Conditions are set, so the approval is with conditions."] if refused else [])


@pytest.mark.parametrize(("conditions", "refused"), [(0, True), (1, False)])
def test_approval_with_conditions_needs_one_condition(conditions, refused):
    found = refusals(
        "approve_with_conditions", Stage.IN_REVIEW, replace(CLEAR, conditions=conditions)
    )
    assert bool(found) is refused


@pytest.mark.parametrize(("offset", "refused"), [(-1, False), (0, False), (1, True)])
def test_the_periodic_review_opens_on_the_review_date(offset, refused):
    context = replace(CLEAR, review_date=TODAY + offset * DAY)
    found = refusals("review_due", Stage.LIVE, context)
    assert found == (["The review date has not come yet."] if refused else [])


@pytest.mark.parametrize(("offset", "refused"), [(-1, True), (0, True), (1, False)])
def test_renewal_needs_a_next_review_date_after_today(offset, refused):
    context = replace(CLEAR, next_review_date=TODAY + offset * DAY)
    found = refusals("renew", Stage.REVIEW_DUE, context)
    assert found == (["Give a next review date after today."] if refused else [])


@pytest.mark.parametrize(
    ("name", "stage"),
    [
        ("submit", Stage.DRAFT),
        ("start_review", Stage.SUBMITTED),
        ("approve", Stage.IN_REVIEW),
        ("reject", Stage.IN_REVIEW),
        ("retire", Stage.LIVE),
    ],
)
def test_a_move_that_needs_no_review_date_ignores_its_absence(name, stage):
    context = replace(CLEAR, review_date=None, next_review_date=None)
    assert refusals(name, stage, context) == []


@pytest.mark.parametrize(("offset", "overdue"), [(-1, True), (0, False), (1, False)])
def test_an_open_condition_is_overdue_only_after_its_due_date(offset, overdue):
    assert condition_overdue(ConditionState.OPEN, TODAY + offset * DAY, TODAY) is overdue


@pytest.mark.parametrize("state", [ConditionState.MET, ConditionState.WAIVED, "met"])
def test_a_closed_condition_is_never_overdue(state):
    assert condition_overdue(state, TODAY - 30 * DAY, TODAY) is False


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), 11, date(2026, 12, 15)),
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 1, 15), 24, date(2028, 1, 15)),
        (date(2026, 1, 31), 25, date(2028, 2, 29)),
    ],
)
def test_months_after_carries_into_the_next_year_at_each_twelfth_month(day, months, expected):
    assert months_after(day, months) == expected


def score(framework, proposal):
    return assess(parse_proposal(yaml.safe_dump(proposal), framework), framework)


def band_edges(framework):
    """(answer, expected points) on, just under and just over each band's start."""
    bands = framework.question_by_id["people_per_year"].bands
    cases = []
    for below, band in pairwise(bands):
        cases += [(band.from_ - 1, below.points), (band.from_, band.points)]
        cases += [(band.from_ + 1, band.points)]
    return cases


def test_an_integer_answer_on_a_bands_start_scores_that_band(framework, base_proposal):
    cases = band_edges(framework)
    assert len(cases) >= 3
    for answer, points in cases:
        base_proposal["facts"]["people_per_year"] = answer
        line = next(
            x
            for x in score(framework, base_proposal).impact.lines
            if x.question == "people_per_year"
        )
        assert (answer, line.points) == (answer, points)


@pytest.mark.parametrize(
    ("enablers", "met"), [({}, False), ({"governance": 0}, False), ({"governance": 1}, True)]
)
def test_an_unrated_enabler_counts_as_level_zero(framework, base_proposal, enablers, met):
    # The senior owner requirement needs governance rated 1 or more (content/1.0).
    needed = next(r for r in framework.requirements if r.id == "senior_owner").met_by.enablers
    assert needed == {"governance": 1}
    base_proposal["enablers"] = enablers
    status = next(r for r in score(framework, base_proposal).requirements if r.id == "senior_owner")
    assert status.status == ("met" if met else "outstanding")


@pytest.mark.parametrize(("count", "named_in_full"), [(5, True), (6, True), (7, False)])
def test_a_list_of_six_requirements_is_named_in_full_and_seven_is_shortened(count, named_in_full):
    names = tuple(f"Requirement {n}" for n in range(1, count + 1))
    (reason,) = refusals("approve", Stage.IN_REVIEW, replace(CLEAR, unsettled_requirements=names))
    assert (f"and Requirement {count}." in reason) is named_in_full
    assert ("more." in reason) is not named_in_full


def test_a_move_from_the_wrong_stage_names_the_stages_it_is_possible_from():
    (reason,) = refusals("go_live", Stage.DRAFT, CLEAR)
    assert reason.endswith("it is possible from approved or approved with conditions.")


@pytest.mark.parametrize(
    ("stage", "kept"),
    [
        (Stage.IN_REVIEW, False),
        (Stage.RETURNED, True),  # decided, not published
        (Stage.REJECTED, True),  # decided, not published
        (Stage.LIVE, True),  # published, not a decision's own stage
        (Stage.APPROVED, True),  # both
    ],
)
def test_accepted_evidence_stays_once_decided_on_or_published(stage, kept):
    accepted = EvidenceFact(EvidenceKind.DOCUMENT, accepted=True)
    assert bool(withdrawal_problems(accepted, stage=stage)) is kept


@pytest.mark.parametrize(
    ("flagged", "words"),
    [(0, "no differences flagged"), (1, "1 difference flagged"), (2, "2 differences flagged")],
)
def test_one_flagged_difference_is_singular(flagged, words):
    assert findings_words(flagged) == words


@pytest.mark.parametrize(
    ("rating", "evidence", "needs_evidence"),
    [(1, "", False), (2, "", True), (2, "Minutes of the residents' panel.", False)],
)
def test_a_rating_from_the_evidence_threshold_needs_evidence(
    framework, base_proposal, rating, evidence, needs_evidence
):
    openness = next(p for p in framework.principles if p.id == "openness")
    assert openness.scoring.evidence_needed_from == 2
    base_proposal["principles"] = {"openness": {"rating": rating, "evidence": evidence}}
    result = next(p for p in score(framework, base_proposal).principles if p.id == "openness")
    assert any("needs evidence" in reason for reason in result.reasons) is needs_evidence
    assert result.score == 1


def test_a_rating_equal_to_its_cap_is_not_said_to_be_capped(framework, base_proposal):
    # Fairness is capped at 1 without an equality impact assessment (see test_scoring).
    base_proposal["principles"] = {"fairness": {"rating": 1, "evidence": "Checked."}}
    result = next(p for p in score(framework, base_proposal).principles if p.id == "fairness")
    assert (result.score, result.reasons) == (1, [])
    base_proposal["principles"] = {"fairness": {"rating": 2, "evidence": "Checked."}}
    result = next(p for p in score(framework, base_proposal).principles if p.id == "fairness")
    assert result.score == 1
    assert [r for r in result.reasons if r.startswith("Counts as at most 1")]
