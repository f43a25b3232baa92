"""Demo data, made the way people would make it: every proposal is imported, submitted,
reviewed, given evidence and decided through the same services the pages use, so the
demo shows the whole record (history, votes, conditions, public register)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone

from coopai.framework.lifecycle import Stage
from coopai.framework.review import Vote
from coopai.web.councils.models import Council, Membership, Role
from coopai.web.councils.services import council_get_or_create, member_add
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals.models import Proposal
from coopai.web.proposals.services import proposal_import
from coopai.web.publication.services import record_update
from coopai.web.reviews import services as reviews

DEMO_PASSWORD = "coopai-demo-2026"


@dataclass(frozen=True)
class DemoCouncil:
    name: str
    slug: str
    colour: str
    quorum: int
    region: str


COUNCILS = [
    DemoCouncil("Exampleshire Council", "exampleshire", "#1f5c4a", 1, "North West"),
    DemoCouncil("Sampleton Borough Council", "sampleton", "#4c2c69", 2, "West Midlands"),
]
# example file -> (council slug, the stage the demo takes it to)
PROPOSALS = {
    "resident-chatbot.yaml": ("exampleshire", Stage.APPROVED_WITH_CONDITIONS),
    "staff-writing-assistant.yaml": ("exampleshire", Stage.LIVE),
    "social-care-note-taking.yaml": ("exampleshire", Stage.SUBMITTED),
    "council-tax-fraud-risk-score.yaml": ("exampleshire", Stage.DRAFT),
    "childrens-risk-model.yaml": ("exampleshire", Stage.REJECTED),
    "predictive-repairs.yaml": ("exampleshire", Stage.LIVE),
    "rent-arrears-prioritisation.yaml": ("exampleshire", Stage.IN_REVIEW),
    "document-translation.yaml": ("sampleton", Stage.LIVE),
    "automated-benefit-decision.yaml": ("sampleton", Stage.DRAFT),
    "meeting-minutes-summariser.yaml": ("sampleton", Stage.APPROVED),
    "larger-bin-eligibility.yaml": ("sampleton", Stage.RETURNED),
    "care-budget-estimate.yaml": ("sampleton", Stage.DRAFT),
}
FULL_NAMES = {
    Role.ADMINISTRATOR: "Alex Admin",
    Role.PROPOSER: "Priya Proposer",
    Role.REVIEWER: "Rowan Reviewer",
    Role.VIEWER: "Vic Viewer",
}


def load(examples: Path) -> list[str]:
    """Load the demo councils, people and proposals; return the logins. Safe to rerun:
    a proposal already there (by title) is left as it is."""
    for spec in COUNCILS:
        council = council_get_or_create(name=spec.name, slug=spec.slug, brand_colour=spec.colour)
        Council.objects.filter(pk=council.pk).update(
            review_quorum=spec.quorum,
            region=spec.region,
            website=f"https://www.{spec.slug}.example",
            contact_email=f"ai@{spec.slug}.example",
        )
        for role in Role:
            user = member_add(
                council=council,
                username=f"{role.value}.{spec.slug}",
                password=DEMO_PASSWORD,
                role=role.value,
                full_name=FULL_NAMES[role],
            )
            User.objects.filter(pk=user.pk).update(email=f"{role.value}@{spec.slug}.example")
        if spec.quorum > 1:  # a board needs a second reviewer to reach its quorum
            member_add(
                council=council,
                username=f"reviewer2.{spec.slug}",
                password=DEMO_PASSWORD,
                role=Role.REVIEWER,
                full_name="Robin Reviewer",
            )
    for file_name, (slug, stage) in PROPOSALS.items():
        _proposal(examples / file_name, slug, stage)
    return [
        f"{spec.slug}: " + ", ".join(f"{role.value}.{spec.slug}" for role in Role)
        for spec in COUNCILS
    ]


def _member(slug: str, username: str) -> Membership:
    return Membership.objects.select_related("council", "user").get(
        council__slug=slug, user__username=f"{username}.{slug}"
    )


def _proposal(path: Path, slug: str, stage: Stage) -> None:
    proposer = _member(slug, "proposer")
    text = path.read_text(encoding="utf-8")
    title = text.split("title:", 1)[1].splitlines()[0].strip()
    if Proposal.objects.filter(council=proposer.council, title=title).exists():
        return
    proposal = proposal_import(
        council=proposer.council, user=proposer.user, text=text, file_name=path.name
    )
    if stage is Stage.DRAFT:
        return
    reviews.proposal_submit(proposal=proposal, membership=proposer)
    if stage is Stage.SUBMITTED:
        return
    reviewer = _member(slug, "reviewer")
    reviews.review_start(proposal=proposal, membership=reviewer)
    if stage is Stage.IN_REVIEW:
        return
    if stage in (Stage.REJECTED, Stage.RETURNED):
        decision = Vote.REJECT if stage is Stage.REJECTED else Vote.RETURN
        for voter in _voters(slug):
            if reviews.vote_cast(
                proposal=proposal,
                membership=voter,
                vote=decision,
                reasons="The risks to the people affected are not yet answered by the evidence.",
            ):
                break
        return
    _settle_requirements(proposal, proposer, reviewer)
    if stage is Stage.APPROVED_WITH_CONDITIONS:
        reviews.condition_add(
            proposal=proposal,
            membership=reviewer,
            text="Publish the transparency record and tell residents they are talking to AI.",
            owner=proposer.user,
            due=timezone.localdate() + timedelta(days=60),
        )
    for voter in _voters(slug):
        if reviews.vote_cast(
            proposal=proposal,
            membership=voter,
            vote=Vote.APPROVE,
            reasons="The evidence meets every requirement that applies at this tier.",
        ):
            break
    record_update(
        proposal=proposal,
        user=proposer.user,
        values={
            "appeals_and_review": "Ask for a person to look at your case by emailing the "
            "service, or through the council's complaints procedure.",
            "team": f"{proposal.service_area or 'Digital'} team",
            "senior_responsible_owner": "Head of service",
        },
    )
    if stage is Stage.LIVE:
        reviews.proposal_go_live(proposal=proposal, membership=proposer)


def _voters(slug: str) -> list[Membership]:
    return [
        _member(slug, "reviewer"),
        *Membership.objects.filter(
            council__slug=slug, user__username=f"reviewer2.{slug}"
        ).select_related("council", "user"),
    ]


def _settle_requirements(proposal: Proposal, proposer: Membership, reviewer: Membership) -> None:
    """A link to a (made-up) council document for each requirement, accepted by a reviewer."""
    result = proposal_selectors.proposal_result(proposal=proposal)
    for requirement in result.requirements:
        if requirement.status == "at_decision" and requirement.id != "cabinet_approval":
            continue
        evidence = reviews.evidence_add_link(
            proposal=proposal,
            user=proposer.user,
            requirement=requirement.id,
            title=f"{requirement.name} for {proposal.title}",
            url=f"https://www.{proposal.council.slug}.example/ai/{proposal.pk}/{requirement.id}",
        )
        reviews.evidence_accept(evidence=evidence, membership=reviewer, note="")
