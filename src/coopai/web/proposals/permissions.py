"""Who may read or change a proposal, for every app whose pages hang off one."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from coopai.framework import lifecycle
from coopai.web.access import membership_of
from coopai.web.councils.models import Membership, Role
from coopai.web.proposals import selectors
from coopai.web.proposals.models import Proposal
from coopai.web.proposals.services import ProposalFrozenError


def can_edit(membership: Membership, proposal: Proposal) -> bool:
    """Administrators edit any of their council's proposals; proposers edit their own."""
    if membership.role == Role.ADMINISTRATOR:
        return True
    return membership.role == Role.PROPOSER and proposal.owner_id == membership.user_id


def can_change_answers(membership: Membership, proposal: Proposal) -> bool:
    """An editor, while the proposal is a draft or returned for changes."""
    return can_edit(membership, proposal) and lifecycle.is_editable(proposal.stage)


def readable_proposal(request: HttpRequest, pk: int) -> Proposal:
    """A proposal of the member's own council, or 404."""
    return selectors.proposal_get(council=membership_of(request).council, pk=pk)


def editor_proposal(request: HttpRequest, pk: int) -> Proposal:
    """A proposal the member may act for as its editor, in any stage, or 404 (never a
    hint that it exists)."""
    proposal = readable_proposal(request, pk)
    if not can_edit(membership_of(request), proposal):
        raise Http404("You cannot change this proposal.")
    return proposal


def editable_proposal(request: HttpRequest, pk: int) -> Proposal:
    """A proposal whose answers the member may change now: refused while it is frozen."""
    proposal = editor_proposal(request, pk)
    if not lifecycle.is_editable(proposal.stage):
        raise ProposalFrozenError(proposal)
    return proposal
