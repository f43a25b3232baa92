"""Deciding on the record: the council's review rule and the tally of votes, the
requirements checklist and what counts as evidence, and the decision record.

The rules are here, once, for the web app, the API and the reports:
- a decision needs the rule's quorum of votes; nobody votes on their own proposal;
- a requirement is met only by evidence a reviewer has accepted (or by the decision
  itself, for ethics board sign-off), or set aside by a reasoned exception;
- an attached audit is not a pass: it counts once accepted, and an audit that flagged
  differences is accepted only with a note on what will be done about them;
- a failed or withdrawn audit never counts.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from coopai.framework.lifecycle import DECIDED_STAGES, PUBLISHED_STAGES, Stage
from coopai.framework.loaded import Framework
from coopai.framework.result import AssessmentResult, RequirementStatus

MAX_QUORUM = 9
DEFAULT_REVIEW_MONTHS = 12  # when no approving vote names a next review date


class Vote(StrEnum):
    """A reviewer's vote; each value is also the name of the lifecycle move it calls for."""

    APPROVE = "approve"
    APPROVE_WITH_CONDITIONS = "approve_with_conditions"
    RETURN = "return"
    REJECT = "reject"


VOTE_LABELS: dict[Vote, str] = {
    Vote.APPROVE: "Approve",
    Vote.APPROVE_WITH_CONDITIONS: "Approve with conditions",
    Vote.RETURN: "Return for changes",
    Vote.REJECT: "Reject",
}
APPROVING = frozenset({Vote.APPROVE, Vote.APPROVE_WITH_CONDITIONS})


@dataclass(frozen=True)
class ReviewRule:
    """One reviewer decides (quorum 1), or a board: `quorum` votes the same way decide."""

    quorum: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.quorum <= MAX_QUORUM:
            msg = f"a quorum is 1 to {MAX_QUORUM} reviewers, not {self.quorum}"
            raise ValueError(msg)

    def describe(self) -> str:
        if self.quorum == 1:
            return "One reviewer decides."
        return (
            f"A board decides: {self.quorum} reviewers must vote to approve for an approval, "
            f"{self.quorum} to reject for a rejection; {self.quorum} votes against approval "
            "that are not all rejections return the proposal for changes."
        )


def tally(votes: Sequence[Vote], rule: ReviewRule, *, conditions: int) -> Vote | None:
    """The decision these votes make under the rule, or None while it is undecided.

    Approvals are counted together; the approval is with conditions when any condition
    is set or any approving vote asked for conditions.
    """
    approvals = [vote for vote in votes if vote in APPROVING]
    if len(approvals) >= rule.quorum:
        if conditions or Vote.APPROVE_WITH_CONDITIONS in approvals:
            return Vote.APPROVE_WITH_CONDITIONS
        return Vote.APPROVE
    rejections = sum(vote is Vote.REJECT for vote in votes)
    if rejections >= rule.quorum:
        return Vote.REJECT
    if rejections + sum(vote is Vote.RETURN for vote in votes) >= rule.quorum:
        return Vote.RETURN
    return None


def next_review_date(proposed: Sequence[date | None], *, decided: date) -> date:
    """When an approved system next comes up for periodic review: the earliest date an
    approving vote gave, or DEFAULT_REVIEW_MONTHS after the decision."""
    given = [day for day in proposed if day is not None]
    return min(given) if given else months_after(decided, DEFAULT_REVIEW_MONTHS)


def months_after(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day where it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ItemStatus(StrEnum):
    MET = "met"  # evidence accepted by a reviewer
    BY_DECISION = "by_decision"  # met by the ethics board's decision itself
    EXCEPTED = "excepted"  # set aside by a reasoned exception
    AWAITING = "awaiting"  # evidence attached, not yet accepted
    CLAIMED = "claimed"  # the assessment says it is in place; no evidence yet
    OUTSTANDING = "outstanding"


SETTLED = frozenset({ItemStatus.MET, ItemStatus.BY_DECISION, ItemStatus.EXCEPTED})


class EvidenceKind(StrEnum):
    DOCUMENT = "document"
    LINK = "link"
    AUDIT = "audit"


@dataclass(frozen=True)
class EvidenceFact:
    """What the rules need to know about one piece of evidence."""

    kind: EvidenceKind
    accepted: bool = False
    withdrawn: bool = False
    # Audits only: whether the audit finished, and how many differences it flagged.
    audit_done: bool = True
    flagged: int | None = None

    @property
    def usable(self) -> bool:
        """Whether it can count at all: a failed or withdrawn audit never does."""
        return not self.withdrawn and (self.kind is not EvidenceKind.AUDIT or self.audit_done)


def findings_words(flagged: int | None) -> str:
    if flagged is None:
        return ""
    if flagged == 0:
        return "no differences flagged"
    return f"{flagged} difference{'s' if flagged != 1 else ''} flagged"


def evidence_words(evidence: EvidenceFact) -> str:
    """The state of one piece of evidence, as the checklist shows it."""
    if evidence.withdrawn:
        return "Withdrawn; does not count"
    if not evidence.usable:
        return "The audit did not finish; it does not count"
    findings = findings_words(evidence.flagged)
    state = "accepted" if evidence.accepted else "awaiting a reviewer"
    return f"Evidence attached — {findings}, {state}" if findings else f"Evidence {state}"


# Evidence is accepted during a review, or after an approval (a cabinet's decision, say).
ACCEPTING_STAGES = frozenset({Stage.IN_REVIEW}) | PUBLISHED_STAGES
# A rejected or retired proposal's record is closed: no more evidence.
CLOSED_STAGES = frozenset({Stage.REJECTED, Stage.RETIRED})


def adding_problems(stage: Stage | str) -> list[str]:
    """Why evidence cannot be added to a proposal in this stage; empty if it can."""
    if Stage(stage) in CLOSED_STAGES:
        return ["Evidence cannot be added to a rejected or retired proposal."]
    return []


def acceptance_problems(
    evidence: EvidenceFact, note: str, *, stage: Stage | str, accepter_added_it: bool
) -> list[str]:
    """Why a reviewer cannot accept this evidence with this note now; empty if they can."""
    blockers = acceptance_blockers(evidence, stage=stage, accepter_added_it=accepter_added_it)
    if blockers:
        return blockers
    if evidence.flagged and not note.strip():
        return [
            f"This audit flagged {findings_words(evidence.flagged).removesuffix(' flagged')}. "
            "Say what will be done about each before accepting it."
        ]
    return []


def acceptance_blockers(
    evidence: EvidenceFact, *, stage: Stage | str, accepter_added_it: bool
) -> list[str]:
    """What stops this evidence being accepted at all now, whatever note comes with it."""
    if Stage(stage) not in ACCEPTING_STAGES:
        return ["Evidence is accepted during a review: start the review first."]
    if accepter_added_it:
        return ["Evidence is accepted by someone other than the person who added it."]
    if not evidence.usable:
        return ["A failed or withdrawn audit cannot count as evidence."]
    if evidence.accepted:
        return ["This evidence is already accepted."]
    return []


def withdrawal_problems(evidence: EvidenceFact, *, stage: Stage | str) -> list[str]:
    """Why this evidence cannot be withdrawn now; empty if it can."""
    if evidence.withdrawn:
        return ["This evidence is already withdrawn."]
    if evidence.accepted and Stage(stage) in DECIDED_STAGES | PUBLISHED_STAGES:
        return ["Accepted evidence behind a decision stays on the record."]
    return []


@dataclass(frozen=True)
class ChecklistItem:
    requirement_id: str
    name: str
    status: ItemStatus
    label: str
    # "cabinet" for a requirement met by a cabinet decision: it must be settled before the
    # system goes live, not before the board approves (the board's approval comes first).
    decision: str | None = None

    @property
    def settled(self) -> bool:
        return self.status in SETTLED


def checklist_item(
    requirement: RequirementStatus,
    framework: Framework,
    evidence: Sequence[EvidenceFact],
    *,
    excepted: bool,
) -> ChecklistItem:
    """The state of one requirement that applies, from its evidence and any exception."""
    source = next((r for r in framework.requirements if r.id == requirement.id), None)
    decision = source.met_by.decision if source else None
    usable = [item for item in evidence if item.usable]

    def item(status: ItemStatus, label: str) -> ChecklistItem:
        return ChecklistItem(requirement.id, requirement.name, status, label, decision)

    if decision == "ethics_board":
        return item(ItemStatus.BY_DECISION, "Met by the review decision")
    if any(e.accepted for e in usable):
        return item(ItemStatus.MET, "Met: evidence accepted")
    if excepted:
        return item(ItemStatus.EXCEPTED, "Exception recorded")
    if usable:
        return item(ItemStatus.AWAITING, evidence_words(usable[0]))
    if requirement.status == "met":
        return item(ItemStatus.CLAIMED, "In place, the assessment says; no evidence yet")
    return item(ItemStatus.OUTSTANDING, "Outstanding")


def checklist(
    result: AssessmentResult,
    framework: Framework,
    evidence: Mapping[str, Sequence[EvidenceFact]],
    exceptions: frozenset[str] | set[str] = frozenset(),
) -> list[ChecklistItem]:
    """Every requirement that applies at the result's tier, as a checklist."""
    return [
        checklist_item(
            requirement,
            framework,
            evidence.get(requirement.id, ()),
            excepted=requirement.id in exceptions,
        )
        for requirement in result.requirements
    ]


def unsettled_for_approval(items: Sequence[ChecklistItem]) -> list[str]:
    """The requirements that block an approval."""
    return [i.name for i in items if i.status not in SETTLED and i.decision != "cabinet"]


def unsettled_for_going_live(items: Sequence[ChecklistItem]) -> list[str]:
    """The requirements that block going live once approved (a cabinet decision)."""
    return [i.name for i in items if i.status not in SETTLED and i.decision == "cabinet"]


class ConditionState(StrEnum):
    OPEN = "open"
    MET = "met"
    WAIVED = "waived"


CONDITION_LABELS = {
    ConditionState.OPEN: "Open",
    ConditionState.MET: "Met",
    ConditionState.WAIVED: "Waived",
}


def condition_overdue(state: ConditionState | str, due: date, today: date) -> bool:
    return ConditionState(state) is ConditionState.OPEN and due < today


@dataclass(frozen=True)
class Closer:
    """Who is closing a condition, as the rule sees them."""

    reviewer: bool  # a reviewer who did not propose it
    owner: bool  # the condition's owner
    editor: bool  # the proposal's proposer or an administrator


def closing_problems(
    target: ConditionState | str, *, current: ConditionState | str, note: str, closer: Closer
) -> list[str]:
    """Why a condition cannot be closed this way: met by its owner, an editor or a
    reviewer; waived only by a reviewer, with a reason."""
    wanted, now = ConditionState(target), ConditionState(current)
    if now is not ConditionState.OPEN:
        return [f"This condition is already {CONDITION_LABELS[now].lower()}."]
    if wanted is ConditionState.OPEN:
        return ["A condition is closed as met or waived."]
    if wanted is ConditionState.WAIVED:
        if not closer.reviewer:
            return ["Only a reviewer can waive a condition."]
        return [] if note.strip() else ["Give the reason for waiving the condition."]
    if not (closer.reviewer or closer.owner or closer.editor):
        return ["Only the condition's owner, the proposer or a reviewer can mark it met."]
    return []


@dataclass(frozen=True)
class VoteRecord:
    reviewer: str
    vote: Vote
    reasons: str
    at: datetime


@dataclass(frozen=True)
class ConditionRecord:
    text: str
    owner: str
    due: date
    state: ConditionState
    note: str = ""


@dataclass(frozen=True)
class ExceptionRecord:
    requirement: str
    reason: str
    recorded_by: str


@dataclass(frozen=True)
class EvidenceLine:
    """A checklist item with its evidence described, for the decision page and reports."""

    item: ChecklistItem
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionRecord:
    """A decision on the record: what was decided, why, by whose votes, on what terms."""

    outcome: Vote
    at: datetime
    reasons: str
    rule: str
    votes: tuple[VoteRecord, ...] = ()
    conditions: tuple[ConditionRecord, ...] = ()
    exceptions: tuple[ExceptionRecord, ...] = ()
    review_date: date | None = None

    @property
    def label(self) -> str:
        return DECISION_LABELS[self.outcome]


DECISION_LABELS: dict[Vote, str] = {
    Vote.APPROVE: "Approved",
    Vote.APPROVE_WITH_CONDITIONS: "Approved with conditions",
    Vote.RETURN: "Returned for changes",
    Vote.REJECT: "Rejected",
}
