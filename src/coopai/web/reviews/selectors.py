"""Reads for deciding on the record: who may review, the context a move is checked in,
the requirements checklist with its evidence, and the decision record."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from coopai.audit.findings import Findings, findings
from coopai.framework import AssessmentResult, Framework, lifecycle
from coopai.framework.lifecycle import Actor, MoveContext, Stage, submission_gaps
from coopai.framework.result import RequirementStatus
from coopai.framework.review import (
    ChecklistItem,
    ConditionRecord,
    ConditionState,
    DecisionRecord,
    EvidenceFact,
    EvidenceKind,
    EvidenceLine,
    ExceptionRecord,
    ReviewRule,
    Vote,
    VoteRecord,
    acceptance_blockers,
    checklist_item,
    evidence_words,
    unsettled_for_approval,
    unsettled_for_going_live,
    withdrawal_problems,
)
from coopai.reports import ReportInput
from coopai.web.access import REVIEWERS
from coopai.web.councils.models import Membership
from coopai.web.evidence import selectors as evidence_selectors
from coopai.web.evidence.models import AuditRun, RunStatus
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals.models import Proposal
from coopai.web.proposals.permissions import can_edit
from coopai.web.reviews.models import Condition, Evidence, RequirementException, Review


def proposed_by(*, proposal: Proposal, user_id: int) -> bool:
    """Whether this person proposed it: its owner, or whoever submitted it for them."""
    return user_id in (proposal.owner_id, proposal.submitted_by_id)


def may_review(*, membership: Membership, proposal: Proposal) -> bool:
    """Reviewers and administrators of its council review, but never what they proposed."""
    return membership.role in REVIEWERS and not proposed_by(
        proposal=proposal, user_id=membership.user_id
    )


def may_edit(*, membership: Membership, proposal: Proposal) -> bool:
    return can_edit(membership, proposal)


def actors_for(*, membership: Membership, proposal: Proposal) -> frozenset[Actor]:
    actors = set()
    if can_edit(membership, proposal):
        actors.add(Actor.EDITOR)
    if membership.role in REVIEWERS:
        actors.add(Actor.REVIEWER)
    return frozenset(actors)


def current_round(*, proposal: Proposal) -> Review | None:
    return proposal.reviews.order_by("-number").first()


def rounds(*, proposal: Proposal) -> QuerySet[Review]:
    return proposal.reviews.prefetch_related("votes__reviewer", "exceptions__recorded_by")


def live_condition_count(*, proposal: Proposal) -> int:
    """Conditions set in the review under way that have not been waived."""
    round_ = current_round(proposal=proposal)
    if round_ is None:
        return 0
    return round_.conditions.exclude(state=ConditionState.WAIVED).count()


def requirement_ids(*, proposal: Proposal) -> set[str]:
    return {r.id for r in proposal_selectors.proposal_result(proposal=proposal).requirements}


def requirement_get(*, proposal: Proposal, requirement: str) -> RequirementStatus:
    """A requirement that applies to the proposal now, or 404."""
    result = proposal_selectors.proposal_result(proposal=proposal)
    found = next((r for r in result.requirements if r.id == requirement), None)
    if found is None:
        raise Http404("No such requirement for this proposal.")
    return found


def finished_audits(*, proposal: Proposal) -> QuerySet[AuditRun]:
    """The proposal's finished audits, newest first: the ones that can be evidence."""
    return proposal.audit_runs.filter(status=RunStatus.DONE).order_by("-created_at")


def audit_findings(*, run: AuditRun | None) -> Findings[Any] | None:
    """The audit engine's findings for a finished run (publishable figures only)."""
    if run is None:
        return None
    result = evidence_selectors.audit_result_published(run=run)
    return None if result is None else findings(result)


def evidence_fact(*, evidence: Evidence) -> EvidenceFact:
    """What the engine's rules need to know about one piece of evidence."""
    kind = EvidenceKind(evidence.kind)
    fact = EvidenceFact(
        kind=kind,
        accepted=evidence.accepted_at is not None,
        withdrawn=evidence.withdrawn_at is not None,
    )
    if kind is not EvidenceKind.AUDIT:
        return fact
    run = evidence.audit_run
    found = audit_findings(run=run)
    return EvidenceFact(
        kind=kind,
        accepted=fact.accepted,
        withdrawn=fact.withdrawn,
        audit_done=run is not None and run.status == RunStatus.DONE,
        flagged=None if found is None else found.count,
    )


@dataclass(frozen=True)
class EvidenceRow:
    evidence: Evidence
    fact: EvidenceFact
    words: str
    findings: str

    def may_accept(self, *, stage: str, user_id: int) -> bool:
        """Whether this reviewer could accept it now (a note may still be needed)."""
        added_it = self.evidence.added_by_id == user_id
        return not acceptance_blockers(self.fact, stage=stage, accepter_added_it=added_it)

    def may_withdraw(self, *, stage: str) -> bool:
        return not withdrawal_problems(self.fact, stage=stage)


@dataclass(frozen=True)
class ChecklistRow:
    requirement: RequirementStatus
    item: ChecklistItem
    evidence: list[EvidenceRow]
    exception: RequirementException | None


def _evidence_rows(proposal: Proposal) -> dict[str, list[EvidenceRow]]:
    rows: dict[str, list[EvidenceRow]] = defaultdict(list)
    queryset = proposal.evidence.select_related(
        "audit_run", "added_by", "accepted_by", "withdrawn_by"
    )
    for evidence in queryset:
        fact = evidence_fact(evidence=evidence)
        found = audit_findings(run=evidence.audit_run) if evidence.audit_run else None
        rows[evidence.requirement].append(
            EvidenceRow(evidence, fact, evidence_words(fact), found.sentence if found else "")
        )
    return rows


def checklist_rows(
    *,
    proposal: Proposal,
    result: AssessmentResult,
    framework: Framework,
    round_: Review | None,
) -> list[ChecklistRow]:
    """Every requirement that applies at the tier, with its evidence and any exception."""
    evidence = _evidence_rows(proposal)
    exceptions = (
        {e.requirement: e for e in round_.exceptions.select_related("recorded_by")}
        if round_ is not None
        else {}
    )
    rows = []
    for requirement in result.requirements:
        found = evidence.get(requirement.id, [])
        item = checklist_item(
            requirement,
            framework,
            [row.fact for row in found],
            excepted=requirement.id in exceptions,
        )
        rows.append(ChecklistRow(requirement, item, found, exceptions.get(requirement.id)))
    return rows


def move_context(
    *, proposal: Proposal, membership: Membership, next_review_date: date | None = None
) -> MoveContext:
    """Everything the lifecycle's checks look at, for this person and this proposal."""
    framework = proposal_selectors.framework_for(proposal)
    result = proposal_selectors.proposal_result(proposal=proposal, framework=framework)
    round_ = current_round(proposal=proposal)
    items = [
        row.item
        for row in checklist_rows(
            proposal=proposal, result=result, framework=framework, round_=round_
        )
    ]
    data = proposal_selectors.proposal_file_data(proposal=proposal)
    return MoveContext(
        actors=actors_for(membership=membership, proposal=proposal),
        is_proposer=proposed_by(proposal=proposal, user_id=membership.user_id),
        unanswered=tuple(submission_gaps(data, framework)),
        red_lines=tuple(line.name for line in result.red_lines),
        unsettled_requirements=tuple(unsettled_for_approval(items)),
        go_live_requirements=tuple(unsettled_for_going_live(items)),
        conditions=live_condition_count(proposal=proposal),
        review_date=proposal.review_date,
        next_review_date=next_review_date,
        today=timezone.localdate(),
    )


def condition_get(*, proposal: Proposal, pk: int) -> Condition:
    try:
        return Condition.objects.select_related("proposal", "owner").get(pk=pk, proposal=proposal)
    except Condition.DoesNotExist as missing:
        raise Http404("No such condition.") from missing


def evidence_get(*, proposal: Proposal, pk: int) -> Evidence:
    try:
        return Evidence.objects.select_related("proposal", "audit_run").get(
            pk=pk, proposal=proposal
        )
    except Evidence.DoesNotExist as missing:
        raise Http404("No such evidence.") from missing


def exception_get(*, proposal: Proposal, pk: int) -> RequirementException:
    try:
        return RequirementException.objects.select_related("review__proposal").get(
            pk=pk, review__proposal=proposal
        )
    except RequirementException.DoesNotExist as missing:
        raise Http404("No such exception.") from missing


def _name(user: object) -> str:
    full = getattr(user, "get_full_name", lambda: "")()
    username = getattr(user, "get_username", lambda: "")()
    return str(full or username or "(removed user)")


def decision_record(*, review: Review) -> DecisionRecord | None:
    """The decision a round ended in, for the decision page and the committee report."""
    if not review.outcome or review.decided_at is None:
        return None
    framework = proposal_selectors.framework_for(review.proposal)
    names = {r.id: r.name for r in framework.requirements}
    return DecisionRecord(
        outcome=Vote(review.outcome),
        at=review.decided_at,
        reasons=review.reasons,
        rule=ReviewRule(quorum=review.quorum).describe(),
        votes=tuple(
            VoteRecord(_name(v.reviewer), Vote(v.vote), v.reasons, v.at)
            for v in review.votes.select_related("reviewer")
        ),
        conditions=tuple(
            ConditionRecord(c.text, _name(c.owner), c.due, ConditionState(c.state), c.note)
            for c in review.conditions.select_related("owner")
        ),
        exceptions=tuple(
            ExceptionRecord(names.get(e.requirement, e.requirement), e.reason, _name(e.recorded_by))
            for e in review.exceptions.select_related("recorded_by")
        ),
        review_date=review.review_date,
    )


def evidence_lines(rows: list[ChecklistRow]) -> tuple[EvidenceLine, ...]:
    """The checklist as the committee report and transparency record take it."""
    return tuple(
        EvidenceLine(
            row.item,
            tuple(
                f"{e.evidence.title} ({e.evidence.get_kind_display().lower()}): {e.words}"
                + (f". {e.findings}" if e.findings else "")
                for e in row.evidence
                if not e.fact.withdrawn
            ),
        )
        for row in rows
    )


def last_decision(*, proposal: Proposal) -> Review | None:
    """The round whose decision stands: the latest decided one."""
    return (
        proposal.reviews.filter(decided_at__isnull=False)
        .exclude(outcome="")
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class Action:
    """A lifecycle move this person may make from here, or the reasons it is refused."""

    name: str
    label: str
    refused: list[str]
    needs_reason: bool


def actions_for(
    *, proposal: Proposal, membership: Membership, context: MoveContext
) -> list[Action]:
    """The moves offered as actions on the decision page. Not the decisions (votes make
    them), nor submitting and starting a review (each has its own button), nor the
    daily job's."""
    elsewhere = {"submit", "start_review", *lifecycle.DECISION_MOVES}
    actions = []
    for move in lifecycle.moves_from(proposal.stage):
        if move.name in elsewhere or not (move.actors & context.actors):
            continue
        if move.name == "renew":
            # The next review date is asked on the move's own page, so offer the move as
            # if a good one were given.
            context = replace(context, next_review_date=context.today + timedelta(days=1))
        refused = lifecycle.refusals(move.name, proposal.stage, context)
        actions.append(Action(move.name, move.label, refused, move.needs_reason))
    return actions


def approval_blockers(*, proposal: Proposal, context: MoveContext) -> list[str]:
    """Why an approval could not be made now (red lines, requirements not settled)."""
    move = "approve_with_conditions" if context.conditions else "approve"
    reviewer = replace(context, actors=frozenset({Actor.REVIEWER}), is_proposer=False)
    return lifecycle.refusals(move, Stage.IN_REVIEW, reviewer)


def council_people(*, proposal: Proposal) -> list[User]:
    """The people of the proposal's council, who can own a condition."""
    return list(
        User.objects.filter(membership__council=proposal.council).order_by(
            "first_name", "last_name", "username"
        )
    )


def attached_audit_findings(*, proposal: Proposal, accepted_only: bool = False) -> list[str]:
    """One sentence per audit attached as evidence (withdrawn ones left out; with
    `accepted_only`, only audits a reviewer has accepted, as published)."""
    sentences = []
    seen = set()
    queryset = proposal.evidence.filter(
        kind=EvidenceKind.AUDIT.value, withdrawn_at__isnull=True, audit_run__isnull=False
    ).select_related("audit_run")
    if accepted_only:
        queryset = queryset.filter(accepted_at__isnull=False)
    for evidence in queryset:
        run = evidence.audit_run
        if run is None or run.pk in seen:
            continue
        seen.add(run.pk)
        found = audit_findings(run=run)
        if found is not None:
            sentences.append(found.sentence)
    return sentences


def comments_by_section(*, proposal: Proposal) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for comment in proposal.comments.select_related("author"):
        grouped[comment.section].append(comment)
    return dict(grouped)


def report_input(*, proposal: Proposal) -> ReportInput:
    """Everything the committee report shows, from the stored proposal and its record."""
    framework = proposal_selectors.framework_for(proposal)
    result = proposal_selectors.proposal_result(proposal=proposal, framework=framework)
    decided = last_decision(proposal=proposal)
    rows = checklist_rows(
        proposal=proposal,
        result=result,
        framework=framework,
        round_=current_round(proposal=proposal),
    )
    return ReportInput(
        proposal=proposal_selectors.checked_proposal(proposal=proposal, framework=framework),
        result=result,
        framework=framework,
        council=proposal.council.name,
        stage=proposal.stage,
        decision=decision_record(review=decided) if decided else None,
        checklist=evidence_lines(rows),
        audit_findings=tuple(attached_audit_findings(proposal=proposal)),
        generated=timezone.localdate(),
    )
