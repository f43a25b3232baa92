"""Thin views: check access, call a selector or service, render. No scoring here."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coopai.framework import (
    Framework,
    ProposalError,
    available_versions,
    lifecycle,
    load_framework,
)
from coopai.web.access import EDITORS, member, membership_of, methods, user_of
from coopai.web.proposals import exports, forms, selectors, services, steps
from coopai.web.proposals.models import Answer, Proposal
from coopai.web.proposals.permissions import (
    can_change_answers,
    can_edit,
    editable_proposal,
    editor_proposal,
    readable_proposal,
)
from coopai.web.proposals.presenters import (
    ResultView,
    changes_view,
    register_controls,
    register_filters,
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
        return exports.register_csv(rows, council)
    return exports.register_xlsx(rows, council)


@member(*EDITORS)
@methods("GET", "POST")
def proposal_new(request: HttpRequest) -> HttpResponse:
    form = forms.DetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = services.proposal_create(
            council=membership_of(request).council,
            owner=user_of(request),
            **form.cleaned_data,
        )
        return redirect("proposal", pk=proposal.pk)
    return render(request, "proposals/new.html", {"form": form})


@member(*EDITORS)
@methods("GET", "POST")
def proposal_upload(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    proposal = editable_proposal(request, pk) if pk is not None else None
    form = forms.UploadForm(request.POST or None, request.FILES or None)
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
        request, "proposals/upload.html", {"form": form, "problems": problems, "proposal": proposal}
    )


@member()
@methods("GET")
def proposal_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    framework = selectors.framework_for(proposal)
    data = selectors.proposal_file_data(proposal=proposal)
    editable = can_change_answers(membership_of(request), proposal)
    tasks = task_list(proposal.pk, steps.sections(framework, data), data, editable)
    return render(
        request,
        "proposals/tasks.html",
        {
            "proposal": proposal,
            "tasks": tasks,
            "editable": editable,
            "answers_open": lifecycle.is_editable(proposal.stage),
            "result": selectors.proposal_result(proposal=proposal),
            "tab": "tasks",
        },
    )


@member(*EDITORS)
@methods("GET", "POST")
def assessment_step(request: HttpRequest, pk: int, section: str, slug: str) -> HttpResponse:
    proposal, framework, data, section_info, step = _step_or_404(request, pk, section, slug)
    form = forms.form_for(step, framework, request.POST or None, initial=_initial(step, data))
    if request.method == "POST" and form.is_valid():
        try:
            _save(proposal, request, step, framework, form.cleaned_data)
        except ProposalError as error:
            for problem in error.problems:
                form.add_error(None, problem.message)
        else:
            data = selectors.proposal_file_data(proposal=proposal)
            section_info = next(s for s in steps.sections(framework, data) if s.id == section)
            following = steps.next_step(section_info, step, data)
            if following is not None:
                return redirect("assessment_step", pk=pk, section=section, slug=following.slug)
            return redirect("proposal", pk=pk)
    return render(
        request,
        "proposals/step.html",
        {
            "proposal": proposal,
            "section": section_info,
            "step": step,
            "form": form,
            "framework": framework,
            "result": selectors.proposal_result(proposal=proposal),
            "encode": forms.encode,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@member(*EDITORS)
@methods("POST")
def assessment_preview(request: HttpRequest, pk: int, section: str, slug: str) -> HttpResponse:
    """The running tier as it would be with the answer on the page (htmx; nothing is saved)."""
    proposal, framework, data, _, step = _step_or_404(request, pk, section, slug)
    form = forms.form_for(step, framework, request.POST)
    result = selectors.proposal_result(proposal=proposal)
    if form.is_valid() and step.kind in ("fact", "mitigations", "category", "technique"):
        candidate = _with_answer(
            data, step, forms.decode(step, framework, form.cleaned_data["answer"])
        )
        with contextlib.suppress(ProposalError):  # an unsaveable answer keeps the saved tier
            result = selectors.result_for_data(data=candidate, framework=framework)
    return render(request, "proposals/_running_tier_body.html", {"result": result, "live": True})


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
    data = selectors.proposal_file_data(proposal=proposal)
    membership = membership_of(request)
    return render(
        request,
        "proposals/check.html",
        {
            "proposal": proposal,
            "sections": steps.sections(framework, data),
            "data": data,
            "framework": framework,
            "editable": can_change_answers(membership, proposal),
            "may_submit": can_edit(membership, proposal)
            and any(m.name == "submit" for m in lifecycle.moves_from(proposal.stage)),
            "problems": problems,
            "tab": "check",
            "summary": selectors.answer_summary(framework=framework, data=data),
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
    rows = changes_view(selectors.changes_for_proposal(proposal=proposal))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request, "proposals/history.html", {"proposal": proposal, "page": page, "tab": "history"}
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
            "tab": "result",
        },
    )


def _newer(version: str, than: str) -> bool:
    order = available_versions()
    return version in order and than in order and order.index(version) > order.index(than)


def _step_or_404(
    request: HttpRequest, pk: int, section: str, slug: str
) -> tuple[Proposal, Framework, dict[str, Any], steps.Section, steps.Step]:
    """A page of an editable proposal's assessment that applies to its answers, or 404."""
    proposal = editable_proposal(request, pk)
    framework = selectors.framework_for(proposal)
    data = selectors.proposal_file_data(proposal=proposal)
    found = steps.find_step(framework, data, section, slug)
    if found is None:
        raise Http404("No such question.")
    return proposal, framework, data, *found


def _initial(step: steps.Step, data: dict[str, Any]) -> dict[str, Any]:
    description = data.get("proposal", {})
    if step.kind == "details":
        return {key: description.get(key, "") for key in ("title", "service_area", "description")}
    if step.kind in ("category", "technique"):
        return {"answer": description.get(step.kind)}
    if step.kind == "mitigations":
        return {"answer": data.get("mitigations", [])}
    if step.kind == "principle":
        given = data.get("principles", {}).get(step.slug)
        return (
            {"answer": str(given["rating"]), "evidence": given.get("evidence", "")} if given else {}
        )
    value = data.get(steps.PARTS[step.kind], {}).get(step.slug)
    return {} if value is None else {"answer": forms.encode(value)}


def _save(
    proposal: Proposal,
    request: HttpRequest,
    step: steps.Step,
    framework: Any,
    cleaned: dict[str, Any],
) -> None:
    user = user_of(request)
    if step.kind == "details":
        services.proposal_update_details(proposal=proposal, user=user, **cleaned)
    elif step.kind in ("category", "technique"):
        services.proposal_update_details(
            proposal=proposal,
            user=user,
            **{step.kind: cleaned["answer"]},
        )
    elif step.kind == "mitigations":
        services.answer_set(
            proposal=proposal,
            user=user,
            part=Answer.Part.MITIGATIONS,
            key="in_place",
            value=list(cleaned["answer"]),
        )
    else:
        part = steps.PARTS[step.kind]
        services.answer_set(
            proposal=proposal,
            user=user,
            part=part,
            key=step.slug,
            value=forms.decode(step, framework, cleaned["answer"]),
            evidence=cleaned.get("evidence"),
        )


def _with_answer(data: dict[str, Any], step: steps.Step, value: Any) -> dict[str, Any]:
    candidate = {**data, "proposal": dict(data["proposal"]), "facts": dict(data.get("facts", {}))}
    if step.kind == "fact":
        candidate["facts"][step.slug] = value
    elif step.kind == "mitigations":
        candidate["mitigations"] = list(value)
    else:
        candidate["proposal"][step.kind] = value
    return candidate
