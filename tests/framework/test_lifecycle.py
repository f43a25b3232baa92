"""The lifecycle table: every legal move is allowed from its stages for its actors, and
every other (stage, move) pair is refused with a reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopai.framework import ProposalError, check_proposal, load_framework
from coopai.framework.assessing import framework_for
from coopai.framework.lifecycle import (
    DECISION_MOVES,
    EDITABLE_STAGES,
    MOVE_BY_NAME,
    MOVES,
    PUBLISHED_STAGES,
    Actor,
    MoveContext,
    Stage,
    frozen_reason,
    is_editable,
    moves_from,
    refusals,
    submission_gaps,
)

from .conftest import EXAMPLES

TODAY = date(2026, 11, 27)
EVERYONE = frozenset(Actor)

# A context in which every check passes, so only the stage and the actor matter.
CLEAR = MoveContext(
    actors=EVERYONE,
    is_proposer=False,
    unanswered=(),
    review_date=TODAY,
    next_review_date=TODAY + timedelta(days=365),
    today=TODAY,
)


def _clear_for(name: str) -> MoveContext:
    """CLEAR, with conditions set only for the move that needs them."""
    return replace(CLEAR, conditions=1 if name == "approve_with_conditions" else 0)


EXPECTED = {
    "submit": ({Stage.DRAFT, Stage.RETURNED}, Stage.SUBMITTED),
    "withdraw": ({Stage.SUBMITTED, Stage.IN_REVIEW}, Stage.DRAFT),
    "start_review": ({Stage.SUBMITTED}, Stage.IN_REVIEW),
    "approve": ({Stage.IN_REVIEW}, Stage.APPROVED),
    "approve_with_conditions": ({Stage.IN_REVIEW}, Stage.APPROVED_WITH_CONDITIONS),
    "return": ({Stage.IN_REVIEW}, Stage.RETURNED),
    "reject": ({Stage.IN_REVIEW}, Stage.REJECTED),
    "go_live": ({Stage.APPROVED, Stage.APPROVED_WITH_CONDITIONS}, Stage.LIVE),
    "review_due": ({Stage.LIVE}, Stage.REVIEW_DUE),
    "renew": ({Stage.REVIEW_DUE}, Stage.LIVE),
    "retire": (
        {Stage.APPROVED, Stage.APPROVED_WITH_CONDITIONS, Stage.LIVE, Stage.REVIEW_DUE},
        Stage.RETIRED,
    ),
}


def test_the_table_is_the_documented_lifecycle() -> None:
    assert {m.name: (set(m.sources), m.target) for m in MOVES} == EXPECTED


@pytest.mark.parametrize("stage", list(Stage))
@pytest.mark.parametrize("name", sorted(MOVE_BY_NAME))
def test_a_move_is_allowed_exactly_from_its_stages(stage: Stage, name: str) -> None:
    reasons = refusals(name, stage, _clear_for(name))
    if stage in EXPECTED[name][0]:
        assert reasons == []
    else:
        assert len(reasons) == 1
        assert "not possible while the proposal is" in reasons[0]


@pytest.mark.parametrize("name", sorted(MOVE_BY_NAME))
@pytest.mark.parametrize("actor", list(Actor))
def test_only_the_declared_actors_may_make_a_move(name: str, actor: Actor) -> None:
    move = MOVE_BY_NAME[name]
    stage = next(iter(move.sources))
    reasons = refusals(name, stage, replace(_clear_for(name), actors=frozenset({actor})))
    if actor in move.actors:
        assert reasons == []
    else:
        assert any(r.startswith("Only ") for r in reasons)


def test_an_editor_cannot_decide_and_a_reviewer_cannot_submit() -> None:
    editor = replace(CLEAR, actors=frozenset({Actor.EDITOR}))
    reviewer = replace(CLEAR, actors=frozenset({Actor.REVIEWER}))
    assert refusals("approve", Stage.IN_REVIEW, editor) == ["Only a reviewer can approve."]
    assert refusals("submit", Stage.DRAFT, reviewer) == [
        "Only the proposer or an administrator can submit for review."
    ]


@pytest.mark.parametrize("name", ["start_review", *DECISION_MOVES, "renew"])
def test_nobody_reviews_or_decides_on_their_own_proposal(name: str) -> None:
    stage = next(iter(MOVE_BY_NAME[name].sources))
    reasons = refusals(name, stage, replace(_clear_for(name), is_proposer=True))
    assert reasons == ["Nobody may review or decide on a proposal they proposed."]


def test_a_red_line_blocks_approval_but_not_rejection_or_return() -> None:
    context = replace(CLEAR, red_lines=("Social scoring",))
    assert "red line" in refusals("approve", Stage.IN_REVIEW, context)[0]
    assert (
        "red line"
        in refusals("approve_with_conditions", Stage.IN_REVIEW, replace(context, conditions=1))[0]
    )
    assert refusals("reject", Stage.IN_REVIEW, context) == []
    assert refusals("return", Stage.IN_REVIEW, context) == []


def test_an_unsettled_requirement_blocks_approval_and_names_it() -> None:
    context = replace(CLEAR, unsettled_requirements=("A DPIA", "A bias audit"))
    (reason,) = refusals("approve", Stage.IN_REVIEW, context)
    assert "A DPIA and A bias audit" in reason
    assert "exception" in reason


def test_approval_with_conditions_needs_a_condition_and_plain_approval_none() -> None:
    assert refusals("approve_with_conditions", Stage.IN_REVIEW, CLEAR) == [
        "Set at least one condition before approving with conditions."
    ]
    assert refusals("approve", Stage.IN_REVIEW, replace(CLEAR, conditions=2)) == [
        "Conditions are set, so the approval is with conditions."
    ]


def test_submitting_needs_a_complete_assessment() -> None:
    context = replace(CLEAR, unanswered=("the question “Who does the AI affect?”",))
    assert refusals("submit", Stage.DRAFT, context) == [
        "The assessment is not complete: the question “Who does the AI affect?”."
    ]


def test_the_review_date_gates_the_periodic_review_and_renewal() -> None:
    early = replace(CLEAR, review_date=TODAY + timedelta(days=1))
    assert refusals("review_due", Stage.LIVE, early) == ["The review date has not come yet."]
    past = replace(CLEAR, next_review_date=TODAY)
    assert refusals("renew", Stage.REVIEW_DUE, past) == ["Give a next review date after today."]
    assert refusals("go_live", Stage.APPROVED, replace(CLEAR, review_date=None)) == [
        "Set a review date first."
    ]


def test_a_cabinet_decision_blocks_going_live_not_approval() -> None:
    context = replace(CLEAR, go_live_requirements=("Cabinet approval",))
    assert refusals("approve", Stage.IN_REVIEW, context) == []
    assert refusals("go_live", Stage.APPROVED, context) == ["Before going live: Cabinet approval."]


def test_a_context_left_empty_refuses_rather_than_allows() -> None:
    assert refusals("submit", Stage.DRAFT, MoveContext()) != []
    assert refusals("approve", Stage.IN_REVIEW, MoveContext()) != []


def test_an_unknown_move_is_refused_with_the_list_of_moves() -> None:
    (reason,) = refusals("publish", Stage.DRAFT, CLEAR)
    assert "publish" in reason
    assert "submit" in reason


def test_answers_can_change_only_in_a_draft_or_after_a_return() -> None:
    assert (
        {s for s in Stage if is_editable(s)}
        == EDITABLE_STAGES
        == {
            Stage.DRAFT,
            Stage.RETURNED,
        }
    )
    assert "Withdraw it to draft" in frozen_reason(Stage.SUBMITTED)
    assert "Start a new proposal" in frozen_reason(Stage.LIVE)


def test_only_approved_and_live_systems_are_published() -> None:
    assert {
        Stage.APPROVED,
        Stage.APPROVED_WITH_CONDITIONS,
        Stage.LIVE,
        Stage.REVIEW_DUE,
    } == PUBLISHED_STAGES


def test_moves_from_a_stage_are_those_the_table_lists() -> None:
    assert [m.name for m in moves_from(Stage.IN_REVIEW)] == [
        "withdraw",
        *DECISION_MOVES,
    ]
    assert moves_from(Stage.REJECTED) == []


def test_submission_gaps_come_from_the_engines_full_check() -> None:
    framework = load_framework()
    gaps = submission_gaps({"proposal": {"title": "A chatbot"}, "facts": {}}, framework)
    assert "the proposal's description" in gaps
    assert "the question “Who does the AI affect?”" in gaps
    assert gaps[-1] == "which mitigations are in place (or that none are)"


def test_submission_gaps_are_empty_exactly_when_the_engines_full_check_passes(
    base_proposal: dict[str, Any],
) -> None:
    framework = load_framework()
    check_proposal(base_proposal, framework)
    assert submission_gaps(base_proposal, framework) == []
    without = {key: value for key, value in base_proposal.items() if key != "mitigations"}
    with pytest.raises(ProposalError):
        check_proposal(without, framework)
    assert submission_gaps(without, framework) == [
        "which mitigations are in place (or that none are)"
    ]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_file_is_ready_to_submit(path: Path) -> None:
    data = yaml.safe_load(path.read_text())
    assert submission_gaps(data, framework_for(data, str(path), None, None)) == []


def test_a_long_list_of_requirements_names_the_first_few_and_counts_the_rest() -> None:
    names = tuple(f"Requirement {n}" for n in range(1, 18))
    (reason,) = refusals("approve", Stage.IN_REVIEW, replace(CLEAR, unsettled_requirements=names))
    assert "Requirement 5 and 12 more." in reason
    assert "Requirement 6," not in reason
