"""The public register (no sign-in) and the owner's transparency record form.

Public views answer GET only, and take their proposals from `selectors.published_systems`
and their words from `selectors.public_record`: the privacy boundary is there.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coopai.framework import load_framework
from coopai.transparency import (
    RecordError,
    bundle_json_data,
    load_standard,
    to_csv,
    to_json_data,
)
from coopai.web.access import EDITORS, member, membership_of, methods, public, user_of
from coopai.web.councils.models import AccessibilityStatement
from coopai.web.proposals.permissions import can_edit, editor_proposal, readable_proposal
from coopai.web.publication import exports, forms, presenters, selectors, services


def _register(request: HttpRequest, council_slug: str = "") -> HttpResponse:
    council = selectors.council_get(slug=council_slug) if council_slug else None
    filters = presenters.public_filters(request.GET, council=council_slug)
    rows = selectors.published_systems(filters=filters)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "publication/register.html",
        {
            "page": page,
            "filters": filters,
            "page_council": council,
            "controls": presenters.public_controls(filters, load_framework(), fixed=council),
            "query": request.GET.urlencode(),
            "systems": [presenters.system_row(p) for p in page.object_list],
        },
    )


@public
@methods("GET")
def public_register(request: HttpRequest) -> HttpResponse:
    return _register(request)


@public
@methods("GET")
def public_council_register(request: HttpRequest, council: str) -> HttpResponse:
    return _register(request, council)


@public
@methods("GET")
def public_register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = presenters.public_filters(request.GET, council=request.GET.get("council", ""))
    rows = [presenters.system_row(p) for p in selectors.published_systems(filters=filters)]
    return exports.register(rows, fmt)


@public
@methods("GET")
def public_system(request: HttpRequest, council: str, reference: str) -> HttpResponse:
    proposal = selectors.published_system(council=council, reference=reference)
    return render(
        request,
        "publication/system.html",
        {
            "page_council": proposal.council,
            "system": presenters.system_page(proposal),
        },
    )


@public
@methods("GET")
def public_record(request: HttpRequest, council: str, reference: str) -> HttpResponse:
    proposal = selectors.published_system(council=council, reference=reference)
    record = selectors.public_record(proposal=proposal)
    return render(
        request,
        "publication/record.html",
        {
            "page_council": proposal.council,
            "proposal": proposal,
            "reference": reference,
            "sections": presenters.record_sections(record, load_standard(record.standard_version)),
            "record": record,
        },
    )


@public
@methods("GET")
def public_record_export(
    request: HttpRequest, council: str, reference: str, fmt: str
) -> HttpResponse:
    proposal = selectors.published_system(council=council, reference=reference)
    record = selectors.public_record(proposal=proposal)
    name = f"{council}-{reference}-transparency-record"
    if fmt == "json":
        return exports.download(json.dumps(to_json_data(record), indent=2), name, "json")
    return exports.download(to_csv([record]), name, "csv")


@public
@methods("GET")
def public_council_records(request: HttpRequest, council: str, fmt: str) -> HttpResponse:
    found = selectors.council_get(slug=council)
    systems = selectors.published_systems(filters=selectors.PublicFilters(council=found.slug))
    records = [selectors.public_record(proposal=p) for p in systems]
    name = f"{found.slug}-transparency-records"
    if fmt == "json":
        return exports.download(json.dumps(bundle_json_data(records), indent=2), name, "json")
    return exports.download(to_csv(records), name, "csv")


@public
@methods("GET")
def public_accessibility(request: HttpRequest, council: str) -> HttpResponse:
    found = selectors.council_get(slug=council)
    statement = AccessibilityStatement.objects.filter(council=found).first()
    return render(
        request,
        "publication/accessibility.html",
        {"page_council": found, "statement": statement},
    )


@member()
@methods("GET")
def transparency(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = readable_proposal(request, pk)
    record = selectors.public_record(proposal=proposal)
    standard = load_standard(record.standard_version)
    stored = selectors.record_row(proposal=proposal)
    return render(
        request,
        "publication/transparency.html",
        {
            "proposal": proposal,
            "record": record,
            "sections": presenters.record_sections(record, standard),
            "missing": [standard.field_by_id[f].name for f in record.missing],
            "reference": stored.reference if stored else None,
            "published": proposal.stage in selectors.PUBLISHED,
            "may_edit": can_edit(membership_of(request), proposal),
            "tab": "transparency",
        },
    )


@member(*EDITORS)
@methods("GET", "POST")
def transparency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = editor_proposal(request, pk)
    standard = load_standard()
    stored = selectors.record_row(proposal=proposal)
    form = forms.RecordForm(
        request.POST or None,
        standard=standard,
        record=selectors.public_record(proposal=proposal),
        initial=stored.values if stored else {},
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.record_update(proposal=proposal, user=user_of(request), values=form.values())
        except RecordError as error:
            problems = error.problems
        else:
            messages.success(request, "Transparency record saved")
            return redirect("transparency", pk=pk)
    return render(
        request,
        "publication/transparency_edit.html",
        {"proposal": proposal, "form": form, "problems": problems, "standard": standard},
        status=400 if form.errors or problems else 200,
    )


@public
@methods("GET")
def about_ai(request: HttpRequest) -> HttpResponse:
    """Every kind of AI the framework explains, in plain English, for anyone."""
    techniques = presenters.explained_techniques(load_framework())
    return render(request, "publication/about_ai.html", {"techniques": techniques})


@public
@methods("GET")
def about_ai_technique(request: HttpRequest, technique: str) -> HttpResponse:
    """One kind of AI, explained: linked from the question that asks for it."""
    techniques = presenters.explained_techniques(load_framework())
    found = next((t for t in techniques if t.id == technique), None)
    if found is None:
        raise Http404("The framework does not explain a kind of AI by that name.")
    others = [t for t in techniques if t.id != technique]
    return render(
        request, "publication/about_ai_technique.html", {"technique": found, "others": others}
    )
