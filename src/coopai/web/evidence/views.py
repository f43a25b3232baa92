"""Thin views for a proposal's evidence tab: upload, map columns, follow, read, attach."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coopai.audit import AuditInputError, findings
from coopai.audit.guide import load_guide
from coopai.audit.render import to_html
from coopai.audit.result_json import to_json_data
from coopai.web.access import EDITORS, member, membership_of, methods, user_of
from coopai.web.evidence import forms, selectors, services
from coopai.web.evidence.models import Mitigation, RunStatus
from coopai.web.evidence.presenters import document_view, mapping_rows, problems_view
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals.permissions import (
    can_change_answers,
    can_edit,
    editable_proposal,
    editor_proposal,
    readable_proposal,
)


@member()
@methods("GET")
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    return render(
        request,
        "evidence/list.html",
        {
            "proposal": proposal,
            "runs": selectors.audit_run_list_for_proposal(proposal=proposal),
            "editable": can_change_answers(membership_of(request), proposal),
            "tab": "evidence",
        },
    )


@member(*EDITORS)
@methods("GET", "POST")
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.audit_run_create(
                proposal=proposal,
                user=user_of(request),
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except AuditInputError as error:
            for problem in error.problems:
                form.add_error("file", _sentence(str(problem)))
        else:
            return redirect("evidence_mapping", pk=pk, run=run.pk)
    return render(
        request,
        "evidence/upload.html",
        {
            "proposal": proposal,
            "form": form,
            "limit": forms.size_text(settings.COOPAI_MAX_AUDIT_UPLOAD_BYTES),
        },
        status=400 if form.errors else 200,
    )


@member(*EDITORS)
@methods("GET", "POST")
def evidence_mapping(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    audit = selectors.audit_run_get(proposal=proposal, pk=run)
    if audit.in_progress or audit.status == RunStatus.DONE or audit.raw_deleted:
        return redirect("evidence_run", pk=pk, run=run)
    form_class = forms.MAPPING_FORMS[audit.kind]
    initial = audit.mapping or forms.guess_mapping(audit.kind, audit.columns)
    posted = request.POST if request.method == "POST" else None
    values = audit.values or services.audit_run_read_values(run=audit)
    form = form_class(posted, columns=audit.columns, values=values, initial=_initial(initial))
    if request.method == "POST" and form.is_valid():
        services.audit_run_start(run=audit, mapping=form.mapping())
        return redirect("evidence_run", pk=pk, run=run)
    return render(
        request,
        "evidence/mapping.html",
        {"proposal": proposal, "run": audit, "form": form, "guide": load_guide()},
        status=400 if form.errors else 200,
    )


@member()
@methods("GET")
def evidence_run(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    audit = selectors.audit_run_get(proposal=proposal, pk=run)
    result = selectors.audit_result_published(run=audit)
    framework = proposal_selectors.framework_for(proposal)
    return render(
        request,
        "evidence/run.html",
        {
            "proposal": proposal,
            "run": audit,
            "document": document_view(selectors.audit_document(result=result)) if result else None,
            "result": result,
            "comparisons": findings(result).comparisons if result else (),
            "problems": problems_view(audit.problems),
            "editable": can_change_answers(membership_of(request), proposal),
            "may_delete_upload": can_edit(membership_of(request), proposal),
            "attach_to": selectors.mitigation_to_attach(run=audit, framework=framework),
            "mitigation_names": dict(Mitigation.choices),
            "mapping_rows": mapping_rows(audit.mapping),
        },
    )


@member()
@methods("GET")
def evidence_progress(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    """The progress fragment that htmx polls; the whole page reloads once the run ends."""
    proposal = readable_proposal(request, pk)
    audit = selectors.audit_run_get(proposal=proposal, pk=run)
    if not request.headers.get("HX-Request"):
        return redirect("evidence_run", pk=pk, run=run)
    response = render(request, "evidence/_partial.html", {"proposal": proposal, "run": audit})
    if not audit.in_progress:
        response["HX-Refresh"] = "true"
    return response


@member()
@methods("GET")
def evidence_report(request: HttpRequest, pk: int, run: int, fmt: str) -> HttpResponse:
    """The engine's own report of the result, as a standalone HTML page or JSON."""
    proposal = readable_proposal(request, pk)
    audit = selectors.audit_run_get(proposal=proposal, pk=run)
    result = selectors.audit_result_published(run=audit)
    if result is None or fmt not in ("html", "json"):
        raise Http404("No such report.")
    if fmt == "html":
        response = HttpResponse(to_html(selectors.audit_document(result=result)))
    else:
        response = HttpResponse(
            json.dumps(to_json_data(result), indent=2),
            content_type="application/json",
        )
    response["Content-Disposition"] = f'attachment; filename="{audit.kind}-audit-{audit.pk}.{fmt}"'
    return response


@member(*EDITORS)
@methods("POST")
def evidence_attach(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    proposal = editable_proposal(request, pk)
    audit = selectors.audit_run_get(proposal=proposal, pk=run)
    if (
        selectors.mitigation_to_attach(
            run=audit, framework=proposal_selectors.framework_for(proposal)
        )
        is None
    ):
        raise Http404("This audit cannot be attached as evidence.")
    mitigation = services.audit_run_attach(run=audit, user=user_of(request))
    messages.success(
        request, f"Audit attached as evidence for the mitigation: {Mitigation(mitigation).label}"
    )
    return redirect("evidence_run", pk=pk, run=run)


@member(*EDITORS)
@methods("POST")
def evidence_delete_upload(request: HttpRequest, pk: int, run: int) -> HttpResponse:
    # Deleting personal data is allowed in every stage: the aggregate result stays.
    proposal = editor_proposal(request, pk)
    audit = selectors.audit_run_get(proposal=proposal, pk=run)
    if audit.in_progress or audit.raw_deleted:
        raise Http404("There is no uploaded file to delete now.")
    services.audit_run_delete_upload(run=audit, user=user_of(request))
    messages.success(request, f"Uploaded file {audit.file_name} deleted; the result is kept")
    return redirect("evidence_run", pk=pk, run=run)


def _initial(mapping: dict[str, object]) -> dict[str, object]:
    """Stored mapping values as the form shows them: None as empty. The bias form reads
    the reference groups and names itself, into its fields for each column's values."""
    return {key: "" if value is None else value for key, value in mapping.items()}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
