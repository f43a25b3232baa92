"""Thin views: check access, call a selector or service, render. No scoring here."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from coopai.framework import (
    Framework,
    ProposalError,
    available_versions,
    lifecycle,
    load_framework,
)
from coopai.framework import Proposal as EngineProposal
from coopai.framework.result import RECOMMENDATION_WORDS
from coopai.web.access import EDITORS, member, membership_of, methods, user_of
from coopai.web.proposals import exports, forms, progress, selectors, services, steps
from coopai.web.proposals.history import change_rows
from coopai.web.proposals.kinds import Step, kind_of
from coopai.web.proposals.models import Proposal
from coopai.web.proposals.permissions import (
    can_change_answers,
    can_edit,
    editable_proposal,
    editor_proposal,
    readable_proposal,
)
from coopai.web.proposals.presenters import (
    ResultView,
    answer_summary,
    register_controls,
    register_filters,
    running_tier,
    task_list,
)
from coopai.web.reviews import selectors as review_selectors
from coopai.web.reviews import services as review_services


@member()
@methods("GET")
def register(request: HttpRequest) -> HttpResponse:
    council = membership_of(request).council
    filters = register_filters(request.GET)
    rows = selectors.proposal_list_for_council(council=council, filters=filters)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    controls = register_controls(
        filters, selectors.register_choices(council=council), load_framework()
    )
    return render(
        request,
        "proposals/register.html",
        {
            "page": page,
            "filters": filters,
            "controls": controls,
            "query": request.GET.urlencode(),
            "can_create": membership_of(request).role in EDITORS,
        },
    )


@member()
@methods("GET")
def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    council = membership_of(request).council
    rows = selectors.proposal_list_for_council(
        council=council, filters=register_filters(request.GET)
    )
    if fmt == "csv":
        return exports.register_csv(rows, council, load_framework())
    return exports.register_xlsx(rows, council, load_framework())


@member(*EDITORS)
@methods("GET", "POST")
def proposal_new(request: HttpRequest) -> HttpResponse:
    form = forms.DetailsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        proposal = services.proposal_create(
            council=membership_of(request).council,
            owner=user_of(request),
            **form.cleaned_data,
        )
        return redirect("proposal", pk=proposal.pk)
    return render(request, "proposals/new.html", {"form": form}, status=_form_status(form))


@member(*EDITORS)
@methods("GET", "POST")
def proposal_upload(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    proposal = editable_proposal(request, pk) if pk is not None else None
    posted = request.method == "POST"
    form = forms.UploadForm(request.POST if posted else None, request.FILES if posted else None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8")
            proposal = services.proposal_import(
                council=membership_of(request).council,
                user=user_of(request),
                text=text,
                file_name=upload.name,
                proposal=proposal,
            )
        except UnicodeDecodeError:
            form.add_error("file", "The selected file must be UTF-8 text")
        except ProposalError as error:
            problems = error.problems
        else:
            messages.success(request, f"Proposal updated from {upload.name}")
            return redirect("proposal", pk=proposal.pk)
    return render(
        request,
        "proposals/upload.html",
        {"form": form, "problems": problems, "proposal": proposal},
        status=400 if problems else _form_status(form),
    )


@member()
@methods("GET")
def proposal_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    framework = selectors.framework_for(proposal)
    answers = selectors.checked_proposal(proposal=proposal, framework=framework)
    editable = can_change_answers(membership_of(request), proposal)
    tasks = task_list(proposal.pk, steps.sections(framework, answers), answers, editable)
    result = selectors.proposal_result(proposal=proposal, framework=framework)
    return render(
        request,
        "proposals/tasks.html",
        {
            "proposal": proposal,
            "tasks": tasks,
            "editable": editable,
            "answers_open": lifecycle.is_editable(proposal.stage),
            "result": result,
            "running": running_tier(result),
            "tab": "tasks",
        },
    )


@member(*EDITORS)
@methods("GET", "POST")
def assessment_step(request: HttpRequest, pk: int, section: str, slug: str) -> HttpResponse:
    page = _page_or_404(request, pk, section, slug)
    return_to = _return_to(request)
    kind = kind_of(page.step)
    initial = kind.initial(page.step, page.answers)
    form = kind.form(page.step, page.framework, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            kind.store(
                proposal=page.proposal,
                user=user_of(request),
                step=page.step,
                framework=page.framework,
                cleaned=form.cleaned_data,
            )
        except ProposalError as error:
            for problem in error.problems:
                form.add_error(None, problem.message)
        else:
            return redirect(_after_saving(page, return_to))
    result = selectors.proposal_result(proposal=page.proposal, framework=page.framework)
    return render(
        request,
        "proposals/step.html",
        {
            "proposal": page.proposal,
            "section": page.section,
            "step": page.step,
            "heading": kind.heading(page.step, page.framework),
            "item": kind.item(page.step, page.framework),
            "widget": kind.template,
            "form": form,
            "framework": page.framework,
            "result": result,
            "running": running_tier(result),
            "return_to": return_to,
            "encode": forms.encode,
        },
        status=_form_status(form),
    )


@member(*EDITORS)
@methods("POST")
def assessment_preview(request: HttpRequest, pk: int, section: str, slug: str) -> HttpResponse:
    """The running tier as it would be with the answer on the page (htmx; nothing is saved)."""
    page = _page_or_404(request, pk, section, slug)
    kind = kind_of(page.step)
    form = kind.form(page.step, page.framework, request.POST)
    result = selectors.proposal_result(proposal=page.proposal)
    if form.is_valid():
        value = kind.value(page.step, page.framework, form.cleaned_data)
        candidate = kind.with_answer(page.answers, page.step, value)
        if candidate is not None:
            with contextlib.suppress(ProposalError):  # an unsaveable answer keeps the saved tier
                result = selectors.result_for_data(
                    data=candidate.to_dict(), framework=page.framework
                )
    return render(
        request,
        "proposals/_running_tier_body.html",
        {"running": running_tier(result), "live": True},
    )


@member()
@methods("GET")
def check_answers(request: HttpRequest, pk: int) -> HttpResponse:
    return _check_page(request, readable_proposal(request, pk), [])


@member(*EDITORS)
@methods("POST")
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editor_proposal(request, pk)
    try:
        review_services.proposal_submit(proposal=proposal, membership=membership_of(request))
    except review_services.RefusedError as refused:
        return _check_page(request, proposal, refused.reasons)
    messages.success(request, "Proposal submitted for review")
    return redirect("review", pk=pk)


def _check_page(request: HttpRequest, proposal: Proposal, problems: list[str]) -> HttpResponse:
    framework = selectors.framework_for(proposal)
    answers = selectors.checked_proposal(proposal=proposal, framework=framework)
    membership = membership_of(request)
    outcome = selectors.proposal_result(proposal=proposal, framework=framework)
    return render(
        request,
        "proposals/check.html",
        {
            "proposal": proposal,
            "sections": steps.sections(framework, answers),
            "editable": can_change_answers(membership, proposal),
            "may_submit": can_edit(membership, proposal)
            and any(m.name == "submit" for m in lifecycle.moves_from(proposal.stage)),
            "problems": problems,
            "tab": "check",
            "summary": answer_summary(framework=framework, answers=answers),
            "result": ResultView(outcome, framework),
            "running": running_tier(outcome),
        },
        status=400 if problems else 200,
    )


@member()
@methods("GET")
def result(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    framework = selectors.framework_for(proposal)
    outcome = selectors.proposal_result(proposal=proposal, framework=framework)
    newer = [v for v in available_versions() if _newer(v, proposal.framework_version)]
    decided = review_selectors.last_decision(proposal=proposal)
    rows = review_selectors.checklist_rows(
        proposal=proposal,
        result=outcome,
        framework=framework,
        round_=review_selectors.current_round(proposal=proposal),
    )
    return render(
        request,
        "proposals/result.html",
        {
            "proposal": proposal,
            "result": ResultView(outcome, framework),
            "tab": "result",
            "newer_versions": newer,
            "editable": can_change_answers(membership_of(request), proposal),
            "checklist": {row.requirement.id: row for row in rows},
            "findings": review_selectors.attached_audit_findings(proposal=proposal),
            "decision": review_selectors.decision_record(review=decided) if decided else None,
        },
    )


@member()
@methods("GET")
def history(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    page = Paginator(selectors.changes_for_proposal(proposal=proposal), 50).get_page(
        request.GET.get("page")
    )
    rows = change_rows(page.object_list, selectors.framework_for(proposal))
    return render(
        request,
        "proposals/history.html",
        {"proposal": proposal, "page": page, "rows": rows, "tab": "history"},
    )


@member()
@methods("GET")
def download(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    response = HttpResponse(
        selectors.proposal_yaml(proposal=proposal), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="proposal-{proposal.pk}.yaml"'
    return response


@member(*EDITORS)
@methods("GET", "POST")
def rescore(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    versions = [v for v in available_versions() if v != proposal.framework_version]
    version = request.POST.get("version") or request.GET.get("version") or ""
    if version and version not in versions:
        raise Http404("No such framework version.")
    comparison = None
    if version:
        comparison = selectors.rescore_comparison(proposal=proposal, version=version)
        if request.method == "POST" and comparison.error is None:
            services.proposal_rescore(
                proposal=proposal,
                user=user_of(request),
                version=version,
            )
            messages.success(request, f"Re-scored under framework {version}")
            return redirect("result", pk=pk)
    return render(
        request,
        "proposals/rescore.html",
        {
            "proposal": proposal,
            "versions": versions,
            "version": version,
            "comparison": comparison,
            "recommendation_words": RECOMMENDATION_WORDS,
            "tab": "result",
        },
    )


def _form_status(form: django_forms.Form) -> int:
    """A form re-shown with its errors answers 400, on every page."""
    return 400 if form.is_bound and form.errors else 200


def _newer(version: str, than: str) -> bool:
    order = available_versions()
    return version in order and than in order and order.index(version) > order.index(than)


@dataclass(frozen=True)
class _Page:
    """One page of an editable proposal's assessment, with what it is asked against."""

    proposal: Proposal
    framework: Framework
    answers: EngineProposal
    section: steps.Section
    step: Step


def _page_or_404(request: HttpRequest, pk: int, section: str, slug: str) -> _Page:
    """A page of an editable proposal's assessment that applies to its answers, or 404."""
    proposal = editable_proposal(request, pk)
    framework = selectors.framework_for(proposal)
    answers = selectors.checked_proposal(proposal=proposal, framework=framework)
    found = steps.find_step(framework, answers, section, slug)
    if found is None:
        raise Http404("No such question.")
    return _Page(proposal, framework, answers, *found)


# The pages a question page may send a person back to after saving, by the name its
# `return_to` parameter gives. Nothing else is followed: a URL from the request never is,
# so the parameter cannot send anyone off the site.
RETURN_PAGES = {"check": "check_answers"}


def _return_to(request: HttpRequest) -> str:
    wanted = request.GET.get("return_to", "")
    return wanted if wanted in RETURN_PAGES else ""


def _after_saving(page: _Page, return_to: str = "") -> str:
    """The section's next unanswered page, or the task list when there is none.

    Sent from check answers, the person goes back there, unless the new answer made a
    question apply that is not answered yet: that is asked first, on the way back.
    """
    answers = selectors.checked_proposal(proposal=page.proposal, framework=page.framework)
    if return_to:
        found = progress.newly_asked(page.framework, page.answers, answers)
        if found is None:
            return reverse(RETURN_PAGES[return_to], kwargs={"pk": page.proposal.pk})
        section_id, step = found
        return _step_url(page.proposal.pk, section_id, step.slug) + f"?return_to={return_to}"
    section = next(s for s in steps.sections(page.framework, answers) if s.id == page.section.id)
    following = progress.next_step(section, page.step, answers)
    if following is None:
        return reverse("proposal", kwargs={"pk": page.proposal.pk})
    return _step_url(page.proposal.pk, section.id, following.slug)


def _step_url(pk: int, section: str, slug: str) -> str:
    return reverse("assessment_step", kwargs={"pk": pk, "section": section, "slug": slug})
