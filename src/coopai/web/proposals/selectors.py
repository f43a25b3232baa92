"""Reads: proposals for a council, a proposal's file data, its result from the engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from coopai.framework import (
    AssessmentResult,
    CoopaiError,
    Framework,
    assess,
    check_proposal,
    dump_proposal,
    load_framework,
)
from coopai.framework import Proposal as EngineProposal
from coopai.web.councils.models import Council
from coopai.web.proposals.models import Answer, Change, Proposal

SORTS = {
    "title": "title",
    "service_area": "service_area",
    "stage": "stage",
    "tier": "tier",
    "updated": "updated_at",
    "owner": "owner__username",
}


@dataclass(frozen=True)
class RegisterFilters:
    """What a person chose on the register page; every value came from a fixed list."""

    text: str = ""
    service_area: str = ""
    category: str = ""
    technique: str = ""
    stage: str = ""
    tier: int | None = None
    recommendation: str = ""
    owner: str = ""
    sort: str = "-updated"


def proposal_list_for_council(*, council: Council, filters: RegisterFilters) -> QuerySet[Proposal]:
    rows = Proposal.objects.filter(council=council).select_related("owner")
    if filters.text:
        rows = rows.filter(
            Q(title__icontains=filters.text)
            | Q(description__icontains=filters.text)
            | Q(service_area__icontains=filters.text)
        )
    exact = {
        "service_area": filters.service_area,
        "category": filters.category,
        "technique": filters.technique,
        "stage": filters.stage,
        "recommendation": filters.recommendation,
        "owner__username": filters.owner,
    }
    rows = rows.filter(**{field: value for field, value in exact.items() if value})
    if filters.tier is not None:
        rows = rows.filter(tier=filters.tier)
    field = SORTS.get(filters.sort.lstrip("-"), "updated_at")
    prefix = "-" if filters.sort.startswith("-") else ""
    return rows.order_by(f"{prefix}{field}", "id")


def register_choices(*, council: Council) -> dict[str, list[str]]:
    """The values present in a council's register, for its filter lists."""
    rows = Proposal.objects.filter(council=council)
    return {
        "service_area": sorted({v for v in rows.values_list("service_area", flat=True) if v}),
        "owner": sorted(set(rows.values_list("owner__username", flat=True))),
    }


def proposal_get(*, council: Council, pk: int) -> Proposal:
    """A proposal of this council, or 404: other councils' proposals do not exist here."""
    try:
        return Proposal.objects.select_related("council", "owner").get(pk=pk, council=council)
    except Proposal.DoesNotExist as missing:
        raise Http404("No such proposal.") from missing


def framework_for(proposal: Proposal) -> Framework:
    return load_framework(proposal.framework_version)


def proposal_file_data(*, proposal: Proposal) -> dict[str, Any]:
    """The proposal in the assessment-as-code shape, from the stored rows."""
    description = {"title": proposal.title}
    if proposal.council.name:
        description["council"] = proposal.council.name
    for key in ("service_area", "category", "technique", "description"):
        value = getattr(proposal, key)
        if value:
            description[key] = value
    data: dict[str, Any] = {
        "framework_version": proposal.framework_version,
        "proposal": description,
        "facts": {},
    }
    for answer in proposal.answers.all():
        if answer.part == Answer.Part.MITIGATIONS:
            data["mitigations"] = list(answer.value)
        elif answer.part == Answer.Part.PRINCIPLES:
            rating: dict[str, Any] = {"rating": answer.value}
            if answer.evidence:
                rating["evidence"] = answer.evidence
            data.setdefault("principles", {})[answer.key] = rating
        elif answer.part == Answer.Part.NOT_KNOWN:
            data.setdefault("not_known", []).append(answer.key)
        else:
            data.setdefault(answer.part, {})[answer.key] = answer.value
    return data


def checked_proposal(*, proposal: Proposal, framework: Framework | None = None) -> EngineProposal:
    """The stored answers as the engine's checked proposal (provisional while incomplete)."""
    used = framework or framework_for(proposal)
    data = proposal_file_data(proposal=proposal)
    data["framework_version"] = used.version
    return check_proposal(data, used, file=f"proposal {proposal.pk}", allow_incomplete=True)


def proposal_result(*, proposal: Proposal, framework: Framework | None = None) -> AssessmentResult:
    """The engine's result for what is stored now; provisional while answers are missing."""
    used = framework or framework_for(proposal)
    return assess(checked_proposal(proposal=proposal, framework=used), used)


def requirements_met_by(*, proposal: Proposal, mitigation: str) -> list[str]:
    """The requirements that apply to the proposal and that this mitigation meets."""
    framework = framework_for(proposal)
    applying = {r.id for r in proposal_result(proposal=proposal, framework=framework).requirements}
    return [
        r.id
        for r in framework.requirements
        if r.id in applying and mitigation in r.met_by.mitigations
    ]


def proposal_yaml(*, proposal: Proposal) -> str:
    """The proposal file as the engine writes it; drafts may be incomplete."""
    return dump_proposal(checked_proposal(proposal=proposal))


def changes_for_proposal(*, proposal: Proposal) -> QuerySet[Change]:
    return proposal.changes.select_related("user")


def result_for_data(*, data: dict[str, Any], framework: Framework) -> AssessmentResult:
    """The result for proposal-file data that is not stored (a preview)."""
    checked = check_proposal(
        {**data, "framework_version": framework.version},
        framework,
        file="preview",
        allow_incomplete=True,
    )
    return assess(checked, framework)


@dataclass(frozen=True)
class RescoreComparison:
    """A proposal's result now and under another framework version, before anything moves."""

    version: str
    before: AssessmentResult | None
    after: AssessmentResult | None
    error: str | None
    requirements_added: list[str]
    requirements_removed: list[str]


def rescore_comparison(*, proposal: Proposal, version: str) -> RescoreComparison:
    before = proposal_result(proposal=proposal)
    try:
        after = proposal_result(proposal=proposal, framework=load_framework(version))
    except CoopaiError as error:
        return RescoreComparison(version, before, None, str(error), [], [])
    old = {r.name for r in before.requirements}
    new = {r.name for r in after.requirements}
    return RescoreComparison(version, before, after, None, sorted(new - old), sorted(old - new))
