"""Thin views for the requirements checklist: the page, adding evidence (a link, a
document, an audit), accepting or withdrawing it, serving a document, and exceptions."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coopai.framework.lifecycle import Stage
from coopai.framework.review import adding_problems
from coopai.web.access import EDITORS, REVIEWERS, member, membership_of, methods, user_of
from coopai.web.proposals.permissions import can_edit, editor_proposal, readable_proposal
from coopai.web.reviews import forms, selectors, services
from coopai.web.reviews.documents import allowed_words, limit_words
from coopai.web.reviews.pages import act, form_refused, review_context


@member()
@methods("GET")
def checklist(request: HttpRequest, pk: int) -> HttpResponse:
    context = review_context(request, pk)
    proposal = context["proposal"]
    context["tab"] = "checklist"
    context["may_add_evidence"] = can_edit(membership_of(request), proposal) and not (
        adding_problems(proposal.stage)
    )
    context["in_review"] = proposal.stage == Stage.IN_REVIEW
    return render(request, "reviews/checklist.html", context)


@member(*EDITORS)
@methods("GET", "POST")
def evidence_add(request: HttpRequest, pk: int, requirement: str) -> HttpResponse:
    proposal = editor_proposal(request, pk)
    found = selectors.requirement_get(proposal=proposal, requirement=requirement)
    audits = [(str(run.pk), str(run)) for run in selectors.finished_audits(proposal=proposal)]
    form = forms.EvidenceForm(request.POST or None, request.FILES or None, audits=audits)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data, user = form.cleaned_data, user_of(request)
        try:
            if data["kind"] == "link":
                services.evidence_add_link(
                    proposal=proposal,
                    user=user,
                    requirement=requirement,
                    title=data["title"],
                    url=data["url"],
                )
            elif data["kind"] == "document":
                services.evidence_add_document(
                    proposal=proposal,
                    user=user,
                    requirement=requirement,
                    title=data["title"],
                    upload=data["document"],
                )
            else:
                run = proposal.audit_runs.get(pk=int(data["audit"]))
                services.evidence_add_audit(
                    proposal=proposal, user=user, requirement=requirement, run=run
                )
        except services.RefusedError as refused:
            problems = refused.reasons
        else:
            messages.success(request, f"Evidence added for: {found.name}")
            return redirect("checklist", pk=pk)
    return render(
        request,
        "reviews/evidence_add.html",
        {
            "proposal": proposal,
            "requirement": found,
            "form": form,
            "problems": problems,
            "audits": audits,
            "allowed": allowed_words(),
            "limit": limit_words(),
        },
        status=400 if form.errors or problems else 200,
    )


@member(*REVIEWERS)
@methods("POST")
def evidence_accept(request: HttpRequest, pk: int, evidence: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    found = selectors.evidence_get(proposal=proposal, pk=evidence)
    form = forms.AcceptForm(request.POST)
    if not form.is_valid():
        return form_refused(request, pk, "checklist", form)
    membership, note = membership_of(request), form.cleaned_data["note"]
    return act(
        request,
        pk,
        "checklist",
        lambda: services.evidence_accept(evidence=found, membership=membership, note=note),
        f"Evidence accepted: {found.title}",
    )


@member(*EDITORS)
@methods("POST")
def evidence_withdraw(request: HttpRequest, pk: int, evidence: int) -> HttpResponse:
    proposal = editor_proposal(request, pk)
    found = selectors.evidence_get(proposal=proposal, pk=evidence)
    membership = membership_of(request)
    return act(
        request,
        pk,
        "checklist",
        lambda: services.evidence_withdraw(evidence=found, membership=membership),
        f"Evidence withdrawn: {found.title}",
    )


@member()
@methods("GET")
def evidence_document(request: HttpRequest, pk: int, evidence: int) -> FileResponse:
    """A document, only to members of the proposal's council, always as a download."""
    proposal = readable_proposal(request, pk)
    found = selectors.evidence_get(proposal=proposal, pk=evidence)
    if not found.document:
        raise Http404("This evidence has no document.")
    try:
        handle = found.document.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The document is no longer stored.") from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"evidence-{found.pk}{found.document.name[found.document.name.rfind('.') :]}",
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@member(*REVIEWERS)
@methods("POST")
def exception_add(request: HttpRequest, pk: int, requirement: str) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    selectors.requirement_get(proposal=proposal, requirement=requirement)
    form = forms.ExceptionForm(request.POST)
    if not form.is_valid():
        return form_refused(request, pk, "checklist", form)
    membership, reason = membership_of(request), form.cleaned_data["reason"]
    return act(
        request,
        pk,
        "checklist",
        lambda: services.exception_record(
            proposal=proposal, membership=membership, requirement=requirement, reason=reason
        ),
        "Exception recorded",
    )


@member(*REVIEWERS)
@methods("POST")
def exception_remove(request: HttpRequest, pk: int, exception: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    found = selectors.exception_get(proposal=proposal, pk=exception)
    membership = membership_of(request)
    return act(
        request,
        pk,
        "checklist",
        lambda: services.exception_remove(exception=found, membership=membership),
        "Exception removed",
    )
