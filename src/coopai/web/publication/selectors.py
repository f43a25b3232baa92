"""Reads for what is published: approved and live systems only, and only what a
council chose to publish about them.

The privacy boundary lives here. A public page gets its proposals from
`published_systems` (never a draft, a rejected or retired proposal) and its words from
`public_record` and `public_decision`, which leave out every personal name, vote,
reviewer's reason and comment. Search looks only at text that is itself published, so
a search cannot be used to test what a private field says.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from coopai.framework import lifecycle
from coopai.framework.review import DecisionRecord, EvidenceLine
from coopai.transparency import AtrsRecord, RecordContext, build_record
from coopai.web.councils.models import Council
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals.models import Proposal
from coopai.web.publication.models import TransparencyRecord
from coopai.web.reviews import selectors as review_selectors

PUBLISHED = tuple(stage.value for stage in lifecycle.PUBLISHED_STAGES)


@dataclass(frozen=True)
class PublicFilters:
    """What a visitor chose; every value came from a fixed list, or is search text."""

    text: str = ""
    council: str = ""
    category: str = ""
    technique: str = ""
    tier: int | None = None
    stage: str = ""


def published_systems(*, filters: PublicFilters) -> QuerySet[Proposal]:
    """Approved and live systems of every council, newest decision first."""
    rows = Proposal.objects.filter(stage__in=PUBLISHED).select_related(
        "council", "transparency_record"
    )
    if filters.text:
        # Only text that the public pages themselves show.
        rows = rows.filter(
            Q(title__icontains=filters.text)
            | Q(description__icontains=filters.text)
            | Q(service_area__icontains=filters.text)
            | Q(council__name__icontains=filters.text)
        )
    exact = {
        "council__slug": filters.council,
        "category": filters.category,
        "technique": filters.technique,
        "stage": filters.stage,
    }
    rows = rows.filter(**{field: value for field, value in exact.items() if value})
    if filters.tier is not None:
        rows = rows.filter(tier=filters.tier)
    return rows.order_by("council__name", "title", "id")


def council_get(*, slug: str) -> Council:
    try:
        return Council.objects.get(slug=slug)
    except Council.DoesNotExist as missing:
        raise Http404("No such council.") from missing


def published_system(*, council: str, reference: str) -> Proposal:
    """A published system by its public reference, or 404 (also once it is retired)."""
    try:
        return Proposal.objects.select_related("council", "transparency_record").get(
            council__slug=council,
            transparency_record__reference=reference,
            stage__in=PUBLISHED,
        )
    except Proposal.DoesNotExist as missing:
        raise Http404("No such system on the register.") from missing


def record_row(*, proposal: Proposal) -> TransparencyRecord | None:
    """The proposal's stored record (the owner's answers and the public reference), if it
    has one yet: it is made when the proposal is first published or the owner saves."""
    return TransparencyRecord.objects.filter(proposal=proposal).first()


def public_decision(*, proposal: Proposal) -> DecisionRecord | None:
    """The decision as published: outcome, date, rule, conditions and exceptions, with
    no names, no votes and no reviewer's reasons."""
    review = review_selectors.last_decision(proposal=proposal)
    record = review_selectors.decision_record(review=review) if review else None
    if record is None:
        return None
    return replace(
        record,
        reasons="",
        votes=(),
        conditions=tuple(replace(c, owner="") for c in record.conditions),
        exceptions=tuple(replace(e, recorded_by="") for e in record.exceptions),
    )


def _public_checklist(proposal: Proposal) -> tuple[EvidenceLine, ...]:
    """Which requirements are settled, without the evidence's titles (private papers)."""
    framework = proposal_selectors.framework_for(proposal)
    result = proposal_selectors.proposal_result(proposal=proposal, framework=framework)
    rows = review_selectors.checklist_rows(
        proposal=proposal,
        result=result,
        framework=framework,
        round_=review_selectors.last_decision(proposal=proposal),
    )
    return tuple(EvidenceLine(row.item) for row in rows)


def public_record(*, proposal: Proposal) -> AtrsRecord:
    """The proposal's transparency record: from the assessment, the published decision,
    the council's settings and the owner's own answers. Safe to publish as it is."""
    framework = proposal_selectors.framework_for(proposal)
    checked = proposal_selectors.checked_proposal(proposal=proposal, framework=framework)
    result = proposal_selectors.proposal_result(proposal=proposal, framework=framework)
    decision = public_decision(proposal=proposal)
    council = proposal.council
    stored = record_row(proposal=proposal)
    context = RecordContext(
        organisation=council.name,
        region=council.region or None,
        stage=proposal.stage,
        website=council.website or None,
        contact_email=council.contact_email or None,
        decision=decision,
        checklist=_public_checklist(proposal),
        audit_findings=tuple(
            review_selectors.attached_audit_findings(proposal=proposal, accepted_only=True)
        ),
        published=decision.at.date() if decision else None,
        updated=proposal.updated_at.date(),
    )
    return build_record(
        checked, result, framework, context=context, supplied=stored.values if stored else {}
    )


def published_on(*, proposal: Proposal) -> date | None:
    decision = review_selectors.last_decision(proposal=proposal)
    return decision.decided_at.date() if decision and decision.decided_at else None
