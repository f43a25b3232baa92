"""Thin views for review and decision: the decision page, the requirements checklist,
comments, and one POST route per action, each declaring who may make it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coopai.framework import lifecycle
from coopai.reports import FORMATS, build_report
from coopai.web.access import EDITORS, REVIEWERS, member, membership_of, methods, user_of
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals import steps
from coopai.web.proposals.permissions import can_edit, readable_proposal
from coopai.web.reviews import forms, selectors, services
from coopai.web.reviews.attention import attention_for
from coopai.web.reviews.models import GENERAL
from coopai.web.reviews.pages import act, review_context


@member()
@methods("GET")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    context = review_context(request, pk)
    proposal = context["proposal"]
    context["vote_form"] = forms.VoteForm()
    context["condition_form"] = forms.ConditionForm(
        people=selectors.council_people(proposal=proposal)
    )
    return render(request, "reviews/review.html", context)


@member(*REVIEWERS)
@methods("POST")
def review_start(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    membership = membership_of(request)
    return act(
        request,
        pk,
        "review",
        lambda: services.review_start(proposal=proposal, membership=membership),
        "Review started",
    )


@member(*REVIEWERS)
@methods("POST")
def review_vote(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    form = forms.VoteForm(request.POST)
    problems: list[str] = []
    if form.is_valid():
        try:
            decision = services.vote_cast(
                proposal=proposal,
                membership=membership_of(request),
                vote=form.cleaned_data["vote"],
                reasons=form.cleaned_data["reasons"],
                review_date=form.cleaned_data.get("review_date"),
            )
        except services.RefusedError as refused:
            problems = refused.reasons
        else:
            if decision is None:
                messages.success(request, "Vote recorded. The decision waits for more votes.")
            else:
                label = lifecycle.STAGE_LABELS[lifecycle.MOVE_BY_NAME[decision.value].target]
                messages.success(request, f"Vote recorded. Decision: {label.lower()}")
            return redirect("review", pk=pk)
    context = review_context(request, pk)
    context["vote_form"] = form
    context["vote_problems"] = problems
    context["condition_form"] = forms.ConditionForm(
        people=selectors.council_people(proposal=proposal)
    )
    return render(request, "reviews/review.html", context, status=400)


@member(*REVIEWERS)
@methods("POST")
def condition_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    people = selectors.council_people(proposal=proposal)
    form = forms.ConditionForm(request.POST, people=people)
    problems: list[str] = []
    if form.is_valid():
        try:
            services.condition_add(
                proposal=proposal,
                membership=membership_of(request),
                text=form.cleaned_data["text"],
                owner=form.owner_user(),
                due=form.cleaned_data["due"],
            )
        except services.RefusedError as refused:
            problems = refused.reasons
        else:
            messages.success(request, "Condition set")
            return redirect("review", pk=pk)
    context = review_context(request, pk)
    context["vote_form"] = forms.VoteForm()
    context["condition_form"] = form
    context["condition_problems"] = problems
    return render(request, "reviews/review.html", context, status=400)


@member()
@methods("GET")
def condition_close_form(request: HttpRequest, pk: int, condition: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    found = selectors.condition_get(proposal=proposal, pk=condition)
    return render(
        request,
        "reviews/condition_close.html",
        {"proposal": proposal, "condition": found, "form": forms.CloseConditionForm()},
    )


@member()
@methods("POST")
def condition_close(request: HttpRequest, pk: int, condition: int) -> HttpResponse:
    """Anyone of the council may ask; the service lets only the condition's owner, an
    editor or a reviewer mark it met, and only a reviewer waive it."""
    proposal = readable_proposal(request, pk)
    found = selectors.condition_get(proposal=proposal, pk=condition)
    form = forms.CloseConditionForm(request.POST)
    problems: list[str] = []
    if form.is_valid():
        try:
            services.condition_close(
                condition=found,
                membership=membership_of(request),
                state=form.cleaned_data["state"],
                note=form.cleaned_data["note"],
            )
        except services.RefusedError as refused:
            problems = refused.reasons
        else:
            messages.success(request, f"Condition marked {form.cleaned_data['state']}")
            return redirect("review", pk=pk)
    return render(
        request,
        "reviews/condition_close.html",
        {"proposal": proposal, "condition": found, "form": form, "problems": problems},
        status=400,
    )


@member(*REVIEWERS)
@methods("POST")
def condition_remove(request: HttpRequest, pk: int, condition: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    found = selectors.condition_get(proposal=proposal, pk=condition)
    membership = membership_of(request)
    return act(
        request,
        pk,
        "review",
        lambda: services.condition_remove(condition=found, membership=membership),
        "Condition removed",
    )


# The moves a person makes from the decision page, with a confirmation page for those
# that need reasons: withdraw, go live, retire, renew.
MOVE_FORMS: dict[str, type[Form]] = {
    "withdraw": forms.OptionalReasonForm,
    "go_live": forms.OptionalReasonForm,
    "retire": forms.ReasonForm,
    "renew": forms.RenewForm,
}


@member()
@methods("GET")
def move_confirm(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    if move not in MOVE_FORMS:
        raise Http404("No such action.")
    return _move_page(request, proposal, move, MOVE_FORMS[move](), [])


@member(*EDITORS, *REVIEWERS)
@methods("POST")
def move_make(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    """The lifecycle table says who may make each move; the service asks it."""
    proposal = readable_proposal(request, pk)
    if move not in MOVE_FORMS:
        raise Http404("No such action.")
    form = MOVE_FORMS[move](request.POST)
    if not form.is_valid():
        return _move_page(request, proposal, move, form, [], status=400)
    membership = membership_of(request)
    reason = form.cleaned_data.get("reason", "")
    try:
        if move == "withdraw":
            services.proposal_withdraw(proposal=proposal, membership=membership, reason=reason)
        elif move == "go_live":
            services.proposal_go_live(proposal=proposal, membership=membership, note=reason)
        elif move == "retire":
            services.proposal_retire(proposal=proposal, membership=membership, reason=reason)
        else:
            services.proposal_renew(
                proposal=proposal,
                membership=membership,
                reason=reason,
                next_review=form.cleaned_data.get("next_review"),
            )
    except services.RefusedError as refused:
        return _move_page(request, proposal, move, form, refused.reasons, status=400)
    messages.success(request, f"{lifecycle.MOVE_BY_NAME[move].label}: done")
    return redirect("review", pk=pk)


def _move_page(
    request: HttpRequest,
    proposal: Any,
    move: str,
    form: Any,
    problems: list[str],
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "reviews/move.html",
        {
            "proposal": proposal,
            "move": lifecycle.MOVE_BY_NAME[move],
            "form": form,
            "problems": problems,
        },
        status=status,
    )


def _sections(proposal: Any) -> list[tuple[str, str]]:
    framework = proposal_selectors.framework_for(proposal)
    answers = proposal_selectors.checked_proposal(proposal=proposal, framework=framework)
    return [(GENERAL, "The proposal as a whole")] + [
        (section.id, section.name) for section in steps.sections(framework, answers)
    ]


@member()
@methods("GET")
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    sections = _sections(proposal)
    return _comments_page(request, proposal, forms.CommentForm(sections=sections), sections)


@member(*EDITORS, *REVIEWERS)
@methods("POST")
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Reviewers, and the proposal's own editors answering them, comment."""
    proposal = readable_proposal(request, pk)
    membership = membership_of(request)
    if not (
        can_edit(membership, proposal) or membership.role in REVIEWERS
    ):  # a proposer on a colleague's proposal
        raise Http404("You cannot comment on this proposal.")
    sections = _sections(proposal)
    form = forms.CommentForm(request.POST, sections=sections)
    if form.is_valid():
        services.comment_add(
            proposal=proposal,
            user=user_of(request),
            section=form.cleaned_data["section"],
            text=form.cleaned_data["text"],
        )
        messages.success(request, "Comment added")
        return redirect("comments", pk=pk)
    return _comments_page(request, proposal, form, sections, status=400)


def _comments_page(
    request: HttpRequest,
    proposal: Any,
    form: forms.CommentForm,
    sections: list[tuple[str, str]],
    status: int = 200,
) -> HttpResponse:
    membership = membership_of(request)
    return render(
        request,
        "reviews/comments.html",
        {
            "proposal": proposal,
            "form": form,
            "sections": sections,
            "grouped": selectors.comments_by_section(proposal=proposal),
            "may_comment": can_edit(membership, proposal) or membership.role in REVIEWERS,
            "tab": "comments",
        },
        status=status,
    )


@member()
@methods("GET")
def attention(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    items = attention_for(membership=membership, today=timezone.localdate())
    return render(request, "reviews/attention.html", {"items": items, "active": "attention"})


@member()
@methods("GET")
def committee_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The committee report: page one for councillors, then the detail and the record."""
    proposal = readable_proposal(request, pk)
    chosen = FORMATS.get(fmt)
    if chosen is None:
        raise Http404("No such report format.")
    report = build_report(selectors.report_input(proposal=proposal))
    response = HttpResponse(chosen.render(report), content_type=chosen.media_type)
    response["Content-Disposition"] = f'attachment; filename="{chosen.filename(proposal.title)}"'
    return response
