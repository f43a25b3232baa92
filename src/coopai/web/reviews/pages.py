"""What the review's pages share: doing a button's action and saying how it went, and
everything the review and decision page (and the checklist) show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from coopai.framework import lifecycle
from coopai.framework.review import VOTE_LABELS, ReviewRule, unsettled_for_approval
from coopai.web.access import membership_of
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals.permissions import can_edit, readable_proposal
from coopai.web.proposals.presenters import ResultView
from coopai.web.reviews import selectors, services


def act(
    request: HttpRequest, pk: int, page: str, action: Callable[[], object], done: str
) -> HttpResponse:
    """Do what a button on `page` asks, then go back there saying it was done, or why not."""
    try:
        action()
    except services.RefusedError as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
    else:
        messages.success(request, done)
    return redirect(page, pk=pk)


def form_refused(request: HttpRequest, pk: int, page: str, form: Form) -> HttpResponse:
    """A small form on `page` that did not validate: its errors, shown back there."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect(page, pk=pk)


def review_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    proposal = readable_proposal(request, pk)
    membership = membership_of(request)
    framework = proposal_selectors.framework_for(proposal)
    result = proposal_selectors.proposal_result(proposal=proposal, framework=framework)
    round_ = selectors.current_round(proposal=proposal)
    context = selectors.move_context(proposal=proposal, membership=membership)
    rows = selectors.checklist_rows(
        proposal=proposal, result=result, framework=framework, round_=round_
    )
    decided = [
        (review.number, record)
        for review in selectors.rounds(proposal=proposal)
        if (record := selectors.decision_record(review=review)) is not None
    ]
    # Rounds that ended undecided (withdrawn): their votes stay on the record, in view.
    withdrawn = [
        (review.number, votes)
        for review in selectors.rounds(proposal=proposal)
        if review.decided_at is not None
        and not review.outcome
        and (votes := list(review.votes.all()))
    ]
    in_review = proposal.stage == lifecycle.Stage.IN_REVIEW
    may_review = selectors.may_review(membership=membership, proposal=proposal)
    my_vote = (
        round_.votes.filter(reviewer=membership.user).first()
        if round_ is not None and round_.decided_at is None
        else None
    )
    return {
        "proposal": proposal,
        "result": ResultView(result, framework),
        "round": round_,
        "votes": list(round_.votes.select_related("reviewer")) if round_ is not None else [],
        "undecided_round": round_ is not None and round_.decided_at is None,
        "my_vote": my_vote,
        "decisions": decided,
        "withdrawn_rounds": withdrawn,
        # A review under way keeps the rule it began with; otherwise the council's own.
        "rule": ReviewRule(quorum=round_.quorum).describe()
        if round_ is not None and round_.decided_at is None
        else proposal.council.review_rule.describe(),
        "actions": selectors.actions_for(proposal=proposal, membership=membership, context=context),
        "may_vote": in_review and may_review,
        "may_review": may_review,
        "is_proposer": selectors.proposed_by(proposal=proposal, user_id=membership.user_id),
        "may_submit": can_edit(membership, proposal),
        "answers_open": lifecycle.is_editable(proposal.stage),
        "published": proposal.stage in lifecycle.PUBLISHED_STAGES,
        "blockers": selectors.approval_blockers(proposal=proposal, context=context)
        if in_review
        else [],
        "unsettled": unsettled_for_approval([row.item for row in rows]),
        "checklist": rows,
        "conditions": list(round_.conditions.select_related("owner")) if round_ else [],
        "findings": selectors.attached_audit_findings(proposal=proposal),
        "vote_labels": VOTE_LABELS,
        "tab": "review",
    }
