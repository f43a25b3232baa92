"""Helpers that take a proposal through its lifecycle with the services, for tests that
need one in a given stage. The behaviour under test is then driven through the pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from coopai.framework.review import Vote
from coopai.web.councils.models import Membership
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals.models import Proposal
from coopai.web.reviews import services

from .conftest import Personas


def member(user: Any) -> Membership:
    return Membership.objects.select_related("council", "user").get(user=user)


def submitted(personas: Personas, proposal: Proposal | None = None) -> Proposal:
    proposal = proposal or personas.proposal_a
    services.proposal_submit(proposal=proposal, membership=member(proposal.owner))
    proposal.refresh_from_db()
    return proposal


def in_review(personas: Personas, proposal: Proposal | None = None) -> Proposal:
    proposal = submitted(personas, proposal)
    services.review_start(proposal=proposal, membership=member(personas.reviewer_a))
    proposal.refresh_from_db()
    return proposal


def settle(personas: Personas, proposal: Proposal, *, except_for: tuple[str, ...] = ()) -> None:
    """Evidence (a link) for every requirement that needs some, accepted by a reviewer."""
    reviewer = member(personas.reviewer_a)
    for requirement in proposal_selectors.proposal_result(proposal=proposal).requirements:
        if requirement.id in except_for or requirement.id == "ethics_board_sign_off":
            continue
        evidence = services.evidence_add_link(
            proposal=proposal,
            user=proposal.owner,
            requirement=requirement.id,
            title=f"{requirement.name} (signed off)",
            url=f"https://council.example/evidence/{requirement.id}",
        )
        services.evidence_accept(evidence=evidence, membership=reviewer, note="")


def approved(personas: Personas, proposal: Proposal | None = None) -> Proposal:
    proposal = in_review(personas, proposal)
    settle(personas, proposal)
    services.vote_cast(
        proposal=proposal,
        membership=member(personas.reviewer_a),
        vote=Vote.APPROVE,
        reasons="Every requirement is met by evidence we have read.",
    )
    proposal.refresh_from_db()
    return proposal


def url(name: str, proposal: Proposal, **kwargs: Any) -> str:
    return reverse(name, kwargs={"pk": proposal.pk, **kwargs})
