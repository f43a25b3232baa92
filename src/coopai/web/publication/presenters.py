"""Shaping published systems and transparency records for the public pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import QueryDict
from django.urls import reverse

from coopai.framework import Framework
from coopai.framework.lifecycle import PUBLISHED_STAGES, STAGE_LABELS, Stage
from coopai.framework.review import ConditionRecord, ExceptionRecord
from coopai.transparency import AtrsRecord, Standard
from coopai.web.councils.models import Council
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals.models import Proposal
from coopai.web.publication import selectors
from coopai.web.publication.selectors import PublicFilters

PUBLIC_STAGES = [(s.value, STAGE_LABELS[s]) for s in Stage if s in PUBLISHED_STAGES]


def public_filters(params: QueryDict, *, council: str = "") -> PublicFilters:
    """Filters from the query string; anything outside its list is ignored."""

    def pick(name: str, allowed: set[str] | None = None) -> str:
        value = params.get(name, "").strip()[:200]
        return value if allowed is None or value in allowed else ""

    tier = params.get("tier", "")
    known_councils = set(Council.objects.values_list("slug", flat=True))
    return PublicFilters(
        text=pick("q"),
        council=council if council in known_councils else pick("council", known_councils),
        category=pick("category"),
        technique=pick("technique"),
        tier=int(tier) if tier in {"1", "2", "3", "4"} else None,
        stage=pick("stage", {value for value, _ in PUBLIC_STAGES}),
    )


def public_controls(
    filters: PublicFilters, framework: Framework, *, fixed: Council | None
) -> dict[str, Any]:
    def items(pairs: list[tuple[str, str]], chosen: str, everything: str) -> list[dict[str, Any]]:
        return [{"value": "", "text": everything}] + [
            {"value": value, "text": text, "selected": value == chosen} for value, text in pairs
        ]

    councils = [
        (c.slug, c.name)
        for c in Council.objects.filter(proposals__stage__in=selectors.PUBLISHED)
        .distinct()
        .order_by("name")
    ]
    tiers = [(str(t.tier), f"{t.tier} {t.label}") for t in framework.scoring.tiers]
    return {
        "council": None if fixed else items(councils, filters.council, "All councils"),
        "category": items(
            [(c.id, c.name) for c in framework.categories], filters.category, "All kinds of use"
        ),
        "technique": items(
            [(t.id, t.name) for t in framework.techniques], filters.technique, "All kinds of AI"
        ),
        "tier": items(tiers, str(filters.tier or ""), "All tiers"),
        "stage": items(PUBLIC_STAGES, filters.stage, "Approved and live"),
    }


@dataclass(frozen=True)
class SystemRow:
    """One published system, as the register lists it and exports it."""

    council: str
    council_slug: str
    name: str
    description: str
    service_area: str
    category: str
    technique: str
    tier: int | None
    tier_label: str
    stage: str
    approved_on: date | None
    next_review: date | None
    url: str
    record_url: str


def system_row(proposal: Proposal) -> SystemRow:
    framework = proposal_selectors.framework_for(proposal)
    record = proposal.transparency_record  # made when it was first published
    categories = {c.id: c.name for c in framework.categories}
    techniques = {t.id: t.name for t in framework.techniques}
    tiers = {t.tier: t.label for t in framework.scoring.tiers}
    args = [proposal.council.slug, record.reference]
    return SystemRow(
        council=proposal.council.name,
        council_slug=proposal.council.slug,
        name=proposal.title,
        description=proposal.description,
        service_area=proposal.service_area,
        category=categories.get(proposal.category, ""),
        technique=techniques.get(proposal.technique, ""),
        tier=proposal.tier,
        tier_label=tiers.get(proposal.tier or 0, ""),
        stage=STAGE_LABELS[Stage(proposal.stage)],
        approved_on=selectors.published_on(proposal=proposal),
        next_review=proposal.review_date,
        url=reverse("public_system", args=args),
        record_url=reverse("public_record", args=args),
    )


@dataclass(frozen=True)
class SystemPage:
    row: SystemRow
    why: str
    who: str
    challenge: str
    human_review: str
    safeguards: list[str]
    conditions: tuple[ConditionRecord, ...]
    exceptions: tuple[ExceptionRecord, ...]
    contact: str
    findings: str


def system_page(proposal: Proposal) -> SystemPage:
    """A published system in plain English, from its transparency record."""
    record = selectors.public_record(proposal=proposal)
    decision = selectors.public_decision(proposal=proposal)
    values = record.values
    framework = proposal_selectors.framework_for(proposal)
    names = {m.id: m.name for m in framework.mitigations}
    checked = proposal_selectors.checked_proposal(proposal=proposal, framework=framework)
    return SystemPage(
        row=system_row(proposal),
        why=values.get("benefit", ""),
        who=values.get("frequency_and_scale_of_usage", ""),
        challenge=values.get("appeals_and_review", ""),
        human_review=values.get("human_decisions_and_review", ""),
        safeguards=[names.get(m, m) for m in checked.mitigations],
        conditions=decision.conditions if decision else (),
        exceptions=decision.exceptions if decision else (),
        contact=values.get("contact_email", ""),
        findings=values.get("model_performance", ""),
    )


@dataclass(frozen=True)
class RecordField:
    name: str
    value: str
    source: str
    required: bool


@dataclass(frozen=True)
class RecordSection:
    id: str
    title: str
    fields: list[RecordField]


SOURCE_WORDS = {
    "assessment": "From the assessment",
    "decision": "From the decision",
    "council": "From the council",
    "owner": "From the owner",
    "": "",
}


def record_sections(record: AtrsRecord, standard: Standard) -> list[RecordSection]:
    """The record's sections in the standard's order, skipping sections it leaves out."""
    sections = []
    for section in standard.sections:
        if section.skipped(record.values):
            continue
        sections.append(
            RecordSection(
                section.id,
                section.title,
                [
                    RecordField(
                        f.name,
                        record.values.get(f.id, ""),
                        SOURCE_WORDS.get(record.sources.get(f.id, ""), ""),
                        f.required,
                    )
                    for f in section.fields
                ],
            )
        )
    return sections


@dataclass(frozen=True)
class WentWrong:
    """One way a kind of AI typically goes wrong, with the names of the risks it shows."""

    text: str
    risks: list[str]


@dataclass(frozen=True)
class ExplainedTechnique:
    """A kind of AI in plain English, for people new to AI (the "About AI" pages)."""

    id: str
    name: str
    description: str
    what_it_is: str
    good_at: list[str]
    goes_wrong: list[WentWrong]
    ask_supplier: list[str]


def explained_techniques(framework: Framework) -> list[ExplainedTechnique]:
    """Every technique the framework explains, in its order, risks named as people read them."""
    risk_names = {risk.id: risk.name for risk in framework.risks}
    return [
        ExplainedTechnique(
            id=technique.id,
            name=technique.name,
            description=technique.description,
            what_it_is=technique.explainer.what_it_is,
            good_at=list(technique.explainer.good_at),
            goes_wrong=[
                WentWrong(wrong.text, [risk_names.get(r, r) for r in wrong.risks])
                for wrong in technique.explainer.goes_wrong
            ],
            ask_supplier=list(technique.explainer.ask_supplier),
        )
        for technique in framework.techniques
        if technique.explainer is not None
    ]
