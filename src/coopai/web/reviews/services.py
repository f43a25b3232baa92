"""Writes for deciding on the record: every stage move, vote, comment, condition, piece of
evidence and exception goes through here, is checked against the engine's rules, and is
recorded in the proposal's history, in one transaction.

The proposal's row is locked for each write that depends on its stage, so two reviewers
voting at once, or a double click on Submit, cannot both act on a stage that one of
them has already changed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from coopai.framework import lifecycle
from coopai.framework.lifecycle import MOVE_BY_NAME, MoveContext, Stage
from coopai.framework.review import (
    APPROVING,
    Closer,
    ConditionState,
    EvidenceKind,
    ReviewRule,
    Vote,
    acceptance_problems,
    adding_problems,
    closing_problems,
    next_review_date,
    tally,
    withdrawal_problems,
)
from coopai.web.councils.models import Membership
from coopai.web.evidence.models import AuditRun, RunStatus
from coopai.web.proposals.models import Change, Proposal
from coopai.web.publication.models import TransparencyRecord
from coopai.web.reviews import documents, selectors
from coopai.web.reviews.models import (
    GENERAL,
    Comment,
    Condition,
    Evidence,
    RequirementException,
    Review,
    ReviewVote,
)


class RefusedError(Exception):
    """A write the rules do not allow now; `reasons` say why, in words a person can act on."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__(" ".join(reasons))


def _record(
    proposal: Proposal, user: User | None, field: str, old: Any, new: Any, note: str
) -> None:
    Change.objects.create(
        proposal=proposal, user=user, field=field, old=old, new=new, note=note[:200]
    )


def _locked(proposal: Proposal, expected_stage: str | None = None) -> Proposal:
    """The proposal's row, locked until the transaction ends; refused if its stage moved."""
    locked = (
        Proposal.objects.select_for_update().select_related("council", "owner").get(pk=proposal.pk)
    )
    if expected_stage is not None and locked.stage != expected_stage:
        raise RefusedError(
            [
                f"This proposal is now {lifecycle.STAGE_LABELS[Stage(locked.stage)].lower()}: "
                "someone else changed it meanwhile. Reload the page to see it."
            ]
        )
    return locked


def _move(
    proposal: Proposal, user: User | None, name: str, context: MoveContext, reason: str = ""
) -> Proposal:
    """Make one lifecycle move, or refuse it with the engine's reasons. In a transaction."""
    move = MOVE_BY_NAME[name]
    locked = _locked(proposal)
    reasons = lifecycle.refusals(name, locked.stage, context)
    if move.needs_reason and not reason.strip():
        reasons.append(f"Give the reasons for this decision: {move.label.lower()}.")
    if reasons:
        raise RefusedError(reasons)
    _record(locked, user, "stage", locked.stage, move.target.value, reason.strip() or move.label)
    locked.stage = move.target.value
    locked.save(update_fields=["stage", "updated_at"])
    if move.target in lifecycle.PUBLISHED_STAGES:
        # Its public reference, made when it is first published and kept ever after.
        TransparencyRecord.objects.get_or_create(proposal=locked)
    proposal.stage = locked.stage
    return locked


def proposal_submit(*, proposal: Proposal, membership: Membership) -> None:
    proposal.refresh_from_db()
    context = selectors.move_context(proposal=proposal, membership=membership)
    with transaction.atomic():
        locked = _move(proposal, membership.user, "submit", context, "Submitted for review")
        locked.submitted_by = membership.user
        locked.save(update_fields=["submitted_by"])


def proposal_withdraw(*, proposal: Proposal, membership: Membership, reason: str = "") -> None:
    proposal.refresh_from_db()
    context = selectors.move_context(proposal=proposal, membership=membership)
    with transaction.atomic():
        _move(proposal, membership.user, "withdraw", context, reason or "Withdrawn to draft")
        _close_round(proposal, "Withdrawn to draft by the proposer")


def review_start(*, proposal: Proposal, membership: Membership) -> Review:
    proposal.refresh_from_db()
    context = selectors.move_context(proposal=proposal, membership=membership)
    with transaction.atomic():
        locked = _move(proposal, membership.user, "start_review", context, "Review started")
        last = locked.reviews.order_by("-number").first()
        return Review.objects.create(
            proposal=locked,
            number=(last.number + 1) if last else 1,
            quorum=locked.council.review_quorum,
            started_by=membership.user,
        )


def _close_round(proposal: Proposal, reasons: str) -> None:
    """End an undecided round without a decision (the proposal was withdrawn)."""
    Review.objects.filter(proposal=proposal, decided_at__isnull=True).update(
        decided_at=timezone.now(), reasons=reasons
    )


def _open_round(proposal: Proposal) -> Review:
    found = selectors.current_round(proposal=proposal)
    if found is None or found.decided_at is not None:
        raise RefusedError(["There is no review in progress: start the review first."])
    return found


def vote_cast(
    *,
    proposal: Proposal,
    membership: Membership,
    vote: str,
    reasons: str,
    review_date: date | None = None,
) -> Vote | None:
    """Record a reviewer's vote and, when the votes now decide, the decision.

    Returns the decision made, or None while the review rule still waits for votes.
    An approving vote is refused while approval is blocked (a red line, a requirement
    not settled), so nobody votes for something that cannot happen.
    """
    chosen = Vote(vote)
    if not reasons.strip():
        raise RefusedError(["Give the reasons for your vote."])
    with transaction.atomic():
        locked = _locked(proposal, Stage.IN_REVIEW)
        context = selectors.move_context(proposal=locked, membership=membership)
        # With conditions set, an approval is an approval with conditions, whichever
        # approving vote was chosen: check the move it will be.
        move = chosen.value
        if chosen is Vote.APPROVE and context.conditions:
            move = Vote.APPROVE_WITH_CONDITIONS.value
        refused = lifecycle.refusals(move, locked.stage, context)
        if refused:
            raise RefusedError(refused)
        round_ = _open_round(locked)
        previous = ReviewVote.objects.filter(review=round_, reviewer=membership.user).first()
        ReviewVote.objects.update_or_create(
            review=round_,
            reviewer=membership.user,
            defaults={"vote": chosen.value, "reasons": reasons.strip(), "review_date": review_date},
        )
        _record(
            locked,
            membership.user,
            "review.vote",
            previous.vote if previous else None,
            chosen.value,
            reasons.strip(),
        )
        return _decide_if_ready(locked, round_, membership.user, context)


def _decide_if_ready(
    proposal: Proposal, round_: Review, user: User, context: MoveContext
) -> Vote | None:
    votes = list(round_.votes.all())
    # The rule the round began under: changing the council's rule later affects new
    # rounds only, so nobody can change the count of a vote already cast.
    outcome = tally(
        [Vote(v.vote) for v in votes],
        ReviewRule(quorum=round_.quorum),
        conditions=selectors.live_condition_count(proposal=proposal),
    )
    if outcome is None:
        return None
    deciding = [v for v in votes if (Vote(v.vote) in APPROVING) == (outcome in APPROVING)]
    reasons = "\n\n".join(f"{v.reviewer.get_username()}: {v.reasons}" for v in deciding)
    review_date = None
    if outcome in APPROVING:
        review_date = next_review_date([v.review_date for v in deciding], decided=context.today)
    locked = _move(proposal, user, outcome.value, context, reasons)
    round_.outcome, round_.reasons = outcome.value, reasons
    round_.decided_at, round_.review_date = timezone.now(), review_date
    round_.save()
    if review_date is not None:
        locked.review_date = review_date
        locked.save(update_fields=["review_date"])
    return outcome


def comment_add(*, proposal: Proposal, user: User, section: str, text: str) -> Comment:
    if not text.strip():
        raise RefusedError(["Write a comment first."])
    with transaction.atomic():
        comment = Comment.objects.create(
            proposal=proposal, section=section or GENERAL, author=user, text=text.strip()
        )
        _record(proposal, user, f"comment.{comment.section}", None, text.strip()[:200], "Comment")
    return comment


def condition_add(
    *, proposal: Proposal, membership: Membership, text: str, owner: User, due: date
) -> Condition:
    with transaction.atomic():
        locked = _locked(proposal, Stage.IN_REVIEW)
        _reviewer_only(locked, membership)
        if not text.strip():
            raise RefusedError(["Write the condition first."])
        if not Membership.objects.filter(user=owner, council=locked.council).exists():
            raise RefusedError(["A condition's owner must belong to this council."])
        condition = Condition.objects.create(
            proposal=locked,
            review=_open_round(locked),
            text=text.strip(),
            owner=owner,
            due=due,
            set_by=membership.user,
        )
        _record(locked, membership.user, "condition", None, text.strip(), f"Due {due:%d %B %Y}")
    return condition


def condition_close(*, condition: Condition, membership: Membership, state: str, note: str) -> None:
    """Mark a condition met (its owner, an editor or a reviewer) or waived (a reviewer,
    with a reason)."""
    target = ConditionState(state)
    proposal = condition.proposal
    closer = Closer(
        reviewer=selectors.may_review(membership=membership, proposal=proposal),
        owner=condition.owner_id == membership.user_id,
        editor=selectors.may_edit(membership=membership, proposal=proposal),
    )
    problems = closing_problems(target, current=condition.state, note=note, closer=closer)
    if problems:
        raise RefusedError(problems)
    with transaction.atomic():
        updated = Condition.objects.filter(pk=condition.pk, state=ConditionState.OPEN).update(
            state=target.value,
            note=note.strip(),
            closed_by=membership.user,
            closed_at=timezone.now(),
        )
        if not updated:
            raise RefusedError(["Someone else closed this condition meanwhile. Reload the page."])
        _record(proposal, membership.user, "condition", condition.text[:200], target.value, note)


def condition_remove(*, condition: Condition, membership: Membership) -> None:
    """Take back a condition set in the review under way, before the decision."""
    with transaction.atomic():
        locked = _locked(condition.proposal, Stage.IN_REVIEW)
        _reviewer_only(locked, membership)
        _record(locked, membership.user, "condition", condition.text[:200], None, "Removed")
        condition.delete()


def _reviewer_only(proposal: Proposal, membership: Membership) -> None:
    if not selectors.may_review(membership=membership, proposal=proposal):
        raise RefusedError(["Only a reviewer who did not propose it can do this."])


def _evidence_allowed(proposal: Proposal, requirement: str) -> None:
    problems = adding_problems(proposal.stage)
    if problems:
        raise RefusedError(problems)
    if requirement not in selectors.requirement_ids(proposal=proposal):
        raise RefusedError(["That requirement does not apply to this proposal."])


def evidence_add_document(
    *, proposal: Proposal, user: User, requirement: str, title: str, upload: UploadedFile
) -> Evidence:
    """Store a document after checking its size and its type from its content."""
    _evidence_allowed(proposal, requirement)
    kind = documents.check_document(upload)
    evidence = Evidence(
        proposal=proposal,
        requirement=requirement,
        kind=EvidenceKind.DOCUMENT.value,
        title=title.strip() or documents.display_name(upload.name),
        content_type=kind.content_type,
        size=upload.size or 0,
        added_by=user,
    )
    evidence.document.save(f"document{kind.suffix}", upload, save=False)
    try:
        with transaction.atomic():
            evidence.save()
            _record(proposal, user, f"evidence.{requirement}", None, evidence.title, "Document")
    except Exception:
        evidence.document.delete(save=False)  # no file left without its record
        raise
    return evidence


def evidence_add_link(
    *, proposal: Proposal, user: User, requirement: str, title: str, url: str
) -> Evidence:
    _evidence_allowed(proposal, requirement)
    with transaction.atomic():
        evidence = Evidence.objects.create(
            proposal=proposal,
            requirement=requirement,
            kind=EvidenceKind.LINK.value,
            title=title.strip() or url,
            url=url,
            added_by=user,
        )
        _record(proposal, user, f"evidence.{requirement}", None, url, "Link")
    return evidence


def evidence_add_audit(
    *, proposal: Proposal, user: User, requirement: str, run: AuditRun
) -> Evidence:
    """An audit's result as evidence. Only a finished audit can be attached."""
    _evidence_allowed(proposal, requirement)
    if run.proposal_id != proposal.pk or run.status != RunStatus.DONE:
        raise RefusedError(["Only a finished audit of this proposal can be evidence."])
    with transaction.atomic():
        existing = Evidence.objects.filter(
            proposal=proposal, requirement=requirement, audit_run=run, withdrawn_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        evidence = Evidence.objects.create(
            proposal=proposal,
            requirement=requirement,
            kind=EvidenceKind.AUDIT.value,
            title=str(run),
            audit_run=run,
            added_by=user,
        )
        _record(proposal, user, f"evidence.{requirement}", None, str(run), "Audit result")
    return evidence


def evidence_accept(*, evidence: Evidence, membership: Membership, note: str) -> None:
    proposal = evidence.proposal
    proposal.refresh_from_db(fields=["stage"])
    _reviewer_only(proposal, membership)
    problems = acceptance_problems(
        selectors.evidence_fact(evidence=evidence),
        note,
        stage=proposal.stage,
        accepter_added_it=evidence.added_by_id == membership.user_id,
    )
    if problems:
        raise RefusedError(problems)
    with transaction.atomic():
        updated = Evidence.objects.filter(
            pk=evidence.pk, accepted_at__isnull=True, withdrawn_at__isnull=True
        ).update(accepted_by=membership.user, accepted_at=timezone.now(), acceptance_note=note)
        if not updated:
            raise RefusedError(["This evidence changed meanwhile. Reload the page."])
        _record(
            proposal,
            membership.user,
            f"evidence.{evidence.requirement}",
            evidence.title,
            "accepted",
            note or "Evidence accepted",
        )


def evidence_withdraw(*, evidence: Evidence, membership: Membership) -> None:
    """Withdraw evidence; it stays on record but never counts again."""
    proposal = evidence.proposal
    proposal.refresh_from_db(fields=["stage"])
    problems = withdrawal_problems(selectors.evidence_fact(evidence=evidence), stage=proposal.stage)
    if problems:
        raise RefusedError(problems)
    with transaction.atomic():
        updated = Evidence.objects.filter(pk=evidence.pk, withdrawn_at__isnull=True).update(
            withdrawn_by=membership.user, withdrawn_at=timezone.now()
        )
        if not updated:
            raise RefusedError(["This evidence is already withdrawn."])
        _record(
            proposal,
            membership.user,
            f"evidence.{evidence.requirement}",
            evidence.title,
            "withdrawn",
            "Evidence withdrawn",
        )


def exception_record(
    *, proposal: Proposal, membership: Membership, requirement: str, reason: str
) -> RequirementException:
    if not reason.strip():
        raise RefusedError(["Give the reason for the exception: why approve without it?"])
    with transaction.atomic():
        locked = _locked(proposal, Stage.IN_REVIEW)
        _reviewer_only(locked, membership)
        if requirement not in selectors.requirement_ids(proposal=locked):
            raise RefusedError(["That requirement does not apply to this proposal."])
        round_ = _open_round(locked)
        exception, _ = RequirementException.objects.update_or_create(
            review=round_,
            requirement=requirement,
            defaults={"reason": reason.strip(), "recorded_by": membership.user},
        )
        _record(locked, membership.user, f"exception.{requirement}", None, reason, "Exception")
    return exception


def exception_remove(*, exception: RequirementException, membership: Membership) -> None:
    with transaction.atomic():
        locked = _locked(exception.review.proposal, Stage.IN_REVIEW)
        _reviewer_only(locked, membership)
        _record(
            locked,
            membership.user,
            f"exception.{exception.requirement}",
            exception.reason,
            None,
            "Exception removed",
        )
        exception.delete()


def proposal_go_live(*, proposal: Proposal, membership: Membership, note: str = "") -> None:
    proposal.refresh_from_db()
    context = selectors.move_context(proposal=proposal, membership=membership)
    with transaction.atomic():
        _move(proposal, membership.user, "go_live", context, note or "Now live")


def proposal_retire(*, proposal: Proposal, membership: Membership, reason: str) -> None:
    proposal.refresh_from_db()
    context = selectors.move_context(proposal=proposal, membership=membership)
    with transaction.atomic():
        _move(proposal, membership.user, "retire", context, reason)


def proposal_renew(
    *, proposal: Proposal, membership: Membership, reason: str, next_review: date | None
) -> None:
    proposal.refresh_from_db()
    context = selectors.move_context(
        proposal=proposal, membership=membership, next_review_date=next_review
    )
    with transaction.atomic():
        locked = _move(proposal, membership.user, "renew", context, reason)
        _record(
            locked, membership.user, "review_date", str(locked.review_date), str(next_review), ""
        )
        locked.review_date = next_review
        locked.save(update_fields=["review_date"])


def reviews_open_due(*, today: date) -> list[Proposal]:
    """The daily job's move: live systems whose review date has come are due for review."""
    opened = []
    for proposal in Proposal.objects.filter(stage=Stage.LIVE, review_date__lte=today):
        context = MoveContext(
            actors=frozenset({lifecycle.Actor.SYSTEM}),
            review_date=proposal.review_date,
            today=today,
        )
        try:
            with transaction.atomic():
                _move(proposal, None, "review_due", context, "The review date has come")
        except RefusedError:
            continue  # moved by a person meanwhile; nothing to do
        opened.append(proposal)
    return opened
