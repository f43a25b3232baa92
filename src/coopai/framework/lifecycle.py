"""A proposal's life, as one declared table: its stages, the moves between them, who may
make each move and what each requires.

The web app, the API and the tests all ask this module; none keeps its own list. A move
is refused with reasons a person can act on, never silently.

    draft -> submitted -> in review -> approved | approved with conditions
                                       | returned for changes | rejected
    approved -> live -> due for periodic review -> live (renewed) | retired
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from coopai.framework.errors import Problem, ProposalError
from coopai.framework.loaded import Framework
from coopai.framework.proposal import check_proposal


class Stage(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    RETURNED = "returned"
    REJECTED = "rejected"
    LIVE = "live"
    REVIEW_DUE = "review_due"
    RETIRED = "retired"


STAGE_LABELS: dict[Stage, str] = {
    Stage.DRAFT: "Draft",
    Stage.SUBMITTED: "Submitted for review",
    Stage.IN_REVIEW: "In review",
    Stage.APPROVED: "Approved",
    Stage.APPROVED_WITH_CONDITIONS: "Approved with conditions",
    Stage.RETURNED: "Returned for changes",
    Stage.REJECTED: "Rejected",
    Stage.LIVE: "Live",
    Stage.REVIEW_DUE: "Due for periodic review",
    Stage.RETIRED: "Retired",
}

# Answers, audit uploads and proposal files are accepted only in these stages: a
# submitted proposal is frozen, so reviewers decide on exactly what was submitted.
EDITABLE_STAGES = frozenset({Stage.DRAFT, Stage.RETURNED})
# Approved and live systems: the ones the public register shows.
PUBLISHED_STAGES = frozenset(
    {Stage.APPROVED, Stage.APPROVED_WITH_CONDITIONS, Stage.LIVE, Stage.REVIEW_DUE}
)
# The stages a decision on the record ends in.
DECIDED_STAGES = frozenset(
    {Stage.APPROVED, Stage.APPROVED_WITH_CONDITIONS, Stage.RETURNED, Stage.REJECTED}
)


class Actor(StrEnum):
    """Who makes a move, in the engine's terms; the web app maps its roles onto these."""

    EDITOR = "editor"  # the proposal's proposer, or an administrator of its council
    REVIEWER = "reviewer"  # a reviewer or administrator who did not propose it
    SYSTEM = "system"  # the daily job, on a review date


class Check(StrEnum):
    """Something a move requires, checked against a MoveContext."""

    READY = "ready"  # every question that applies is answered
    NO_RED_LINES = "no_red_lines"
    REQUIREMENTS_SETTLED = "requirements_settled"  # met by evidence, or a recorded exception
    HAS_CONDITIONS = "has_conditions"
    NO_CONDITIONS = "no_conditions"
    NOT_PROPOSER = "not_proposer"  # nobody decides on a proposal they proposed
    REVIEW_DATE_SET = "review_date_set"
    REVIEW_DATE_REACHED = "review_date_reached"
    NEXT_REVIEW_DATE_AHEAD = "next_review_date_ahead"
    GO_LIVE_REQUIREMENTS = "go_live_requirements"  # e.g. a cabinet decision, once recorded


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    sources: frozenset[Stage]
    target: Stage
    actors: frozenset[Actor]
    requires: tuple[Check, ...] = ()
    needs_reason: bool = False


def _move(
    name: str,
    label: str,
    sources: Sequence[Stage],
    target: Stage,
    actors: Sequence[Actor],
    requires: Sequence[Check] = (),
    *,
    needs_reason: bool = False,
) -> Move:
    return Move(
        name, label, frozenset(sources), target, frozenset(actors), tuple(requires), needs_reason
    )


E, R, S = Actor.EDITOR, Actor.REVIEWER, Actor.SYSTEM
_DECIDE = (Check.NOT_PROPOSER,)
_APPROVE = (Check.NOT_PROPOSER, Check.NO_RED_LINES, Check.REQUIREMENTS_SETTLED)

MOVES: tuple[Move, ...] = (
    _move("submit", "Submit for review", [Stage.DRAFT, Stage.RETURNED], Stage.SUBMITTED, [E],
          [Check.READY]),
    _move("withdraw", "Withdraw to draft", [Stage.SUBMITTED, Stage.IN_REVIEW], Stage.DRAFT, [E]),
    _move("start_review", "Start the review", [Stage.SUBMITTED], Stage.IN_REVIEW, [R], _DECIDE),
    _move("approve", "Approve", [Stage.IN_REVIEW], Stage.APPROVED, [R],
          (*_APPROVE, Check.NO_CONDITIONS), needs_reason=True),
    _move("approve_with_conditions", "Approve with conditions", [Stage.IN_REVIEW],
          Stage.APPROVED_WITH_CONDITIONS, [R], (*_APPROVE, Check.HAS_CONDITIONS),
          needs_reason=True),
    _move("return", "Return for changes", [Stage.IN_REVIEW], Stage.RETURNED, [R], _DECIDE,
          needs_reason=True),
    _move("reject", "Reject", [Stage.IN_REVIEW], Stage.REJECTED, [R], _DECIDE,
          needs_reason=True),
    _move("go_live", "Mark as live", [Stage.APPROVED, Stage.APPROVED_WITH_CONDITIONS],
          Stage.LIVE, [E], [Check.REVIEW_DATE_SET, Check.GO_LIVE_REQUIREMENTS]),
    _move("review_due", "Open the periodic review", [Stage.LIVE], Stage.REVIEW_DUE, [S],
          [Check.REVIEW_DATE_REACHED]),
    _move("renew", "Renew until the next review", [Stage.REVIEW_DUE], Stage.LIVE, [R],
          (*_DECIDE, Check.NEXT_REVIEW_DATE_AHEAD), needs_reason=True),
    _move("retire", "Retire", [Stage.APPROVED, Stage.APPROVED_WITH_CONDITIONS, Stage.LIVE,
          Stage.REVIEW_DUE], Stage.RETIRED, [E, R], needs_reason=True),
)  # fmt: skip
MOVE_BY_NAME: dict[str, Move] = {move.name: move for move in MOVES}
# The decisions a review ends in, by the stage each leads to.
DECISION_MOVES = ("approve", "approve_with_conditions", "return", "reject")


@dataclass(frozen=True)
class MoveContext:
    """What the checks look at. Callers fill in what they know; the defaults are the
    cautious answer for anything not given, so a forgotten fact refuses a move."""

    actors: frozenset[Actor] = frozenset()
    is_proposer: bool = True
    unanswered: tuple[str, ...] = ("the assessment",)
    red_lines: tuple[str, ...] = ()
    unsettled_requirements: tuple[str, ...] = ()
    go_live_requirements: tuple[str, ...] = ()
    conditions: int = 0
    review_date: date | None = None
    next_review_date: date | None = None
    today: date = field(default_factory=date.today)


def _and(names: Sequence[str], most: int = 6, word: str = "and") -> str:
    """Names in a sentence; a long list names the first few and counts the rest."""
    items = list(names)
    if len(items) > most:
        items = [*items[: most - 1], f"{len(items) - most + 1} more"]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _check(check: Check, context: MoveContext) -> str | None:
    """Why this check fails, in words, or None when it passes."""
    c = context
    if check is Check.READY and c.unanswered:
        return f"The assessment is not complete: {_and(c.unanswered)}."
    if check is Check.NO_RED_LINES and c.red_lines:
        return (
            f"A red line is raised ({_and(c.red_lines)}). A red line blocks approval "
            "outright; the proposal can be returned for changes or rejected."
        )
    if check is Check.REQUIREMENTS_SETTLED and c.unsettled_requirements:
        return (
            f"Requirements still outstanding: {_and(c.unsettled_requirements)}. Accept "
            "evidence for each, or record a reasoned exception."
        )
    if check is Check.HAS_CONDITIONS and c.conditions == 0:
        return "Set at least one condition before approving with conditions."
    if check is Check.NO_CONDITIONS and c.conditions > 0:
        return "Conditions are set, so the approval is with conditions."
    if check is Check.NOT_PROPOSER and c.is_proposer:
        return "Nobody may review or decide on a proposal they proposed."
    if check is Check.REVIEW_DATE_SET and c.review_date is None:
        return "Set a review date first."
    if check is Check.REVIEW_DATE_REACHED and (c.review_date is None or c.review_date > c.today):
        return "The review date has not come yet."
    if check is Check.NEXT_REVIEW_DATE_AHEAD and (
        c.next_review_date is None or c.next_review_date <= c.today
    ):
        return "Give a next review date after today."
    if check is Check.GO_LIVE_REQUIREMENTS and c.go_live_requirements:
        return f"Before going live: {_and(c.go_live_requirements)}."
    return None


def refusals(name: str, stage: Stage | str, context: MoveContext) -> list[str]:
    """Every reason this move cannot be made now; an empty list means it can."""
    move = MOVE_BY_NAME.get(name)
    if move is None:
        return [f"There is no move called {name!r}. Moves: {', '.join(MOVE_BY_NAME)}."]
    current = Stage(stage)
    if current not in move.sources:
        allowed = _and([STAGE_LABELS[s].lower() for s in Stage if s in move.sources], word="or")
        return [
            f"{move.label} is not possible while the proposal is "
            f"{STAGE_LABELS[current].lower()}; it is possible from {allowed}."
        ]
    reasons = []
    if not move.actors & context.actors:
        who = _and([_ACTOR_WORDS[a] for a in Actor if a in move.actors], word="or")
        reasons.append(f"Only {who} can {move.label.lower()}.")
    reasons += [reason for check in move.requires if (reason := _check(check, context))]
    return reasons


def moves_from(stage: Stage | str) -> list[Move]:
    """The moves the table allows from a stage, whoever makes them."""
    return [move for move in MOVES if Stage(stage) in move.sources]


def is_editable(stage: Stage | str) -> bool:
    return Stage(stage) in EDITABLE_STAGES


def frozen_reason(stage: Stage | str) -> str:
    """Why answers cannot change in this stage, and what would let them."""
    current = Stage(stage)
    if current in (Stage.SUBMITTED, Stage.IN_REVIEW):
        return (
            f"This proposal is {STAGE_LABELS[current].lower()}, so its answers are frozen: "
            "reviewers decide on exactly what was submitted. Withdraw it to draft, or wait "
            "until it is returned for changes, to change it."
        )
    return (
        f"This proposal is {STAGE_LABELS[current].lower()}, so its assessment can no longer "
        "be changed. Start a new proposal to assess a changed system."
    )


_ACTOR_WORDS = {
    Actor.EDITOR: "the proposer or an administrator",
    Actor.REVIEWER: "a reviewer",
    Actor.SYSTEM: "the daily review job",
}


def submission_gaps(data: Mapping[str, Any], framework: Framework) -> list[str]:
    """What the assessment still needs before it can be submitted, in words; empty when
    it is ready. The engine's full check is the only rule, so a page and a file checked
    on the command line always agree."""
    gaps = []
    try:
        check_proposal(data, framework, file="assessment")
    except ProposalError as error:
        for problem in error.problems:
            gaps.append(_gap_words(problem, framework))
    return list(dict.fromkeys(gaps))


def _gap_words(problem: Problem, framework: Framework) -> str:
    part, _, key = problem.path.partition(".")
    if part == "facts" and key in framework.question_by_id:
        return f"the question “{framework.question_by_id[key].prompt}”"
    if part == "proposal" and key:
        return f"the proposal's {key.replace('_', ' ')}"
    if part == "mitigations" and not key:
        return "which mitigations are in place (or that none are)"
    return f"{problem.path}: {problem.message}" if problem.path else problem.message
