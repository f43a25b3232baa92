"""What needs each person's attention, and the reminders the daily job sends.

The same reading serves the in-app "Needs your attention" list and the emails, so a
person is told by email only what the list also shows them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from coopai.framework.lifecycle import PUBLISHED_STAGES, Stage
from coopai.framework.review import APPROVING, ConditionState, condition_overdue
from coopai.web.access import REVIEWERS
from coopai.web.councils.models import Membership, Role
from coopai.web.proposals.models import Proposal
from coopai.web.reviews import services
from coopai.web.reviews.models import Condition, Evidence, ReviewVote

logger = logging.getLogger(__name__)
SOON = timedelta(days=30)
REMIND_EVERY = timedelta(days=7)
# Conditions that bind: those of an approval that stands. A condition set in a review
# that ended in a return or a rejection, or of a retired system, no longer applies.
BINDING = Q(
    state=ConditionState.OPEN,
    proposal__stage__in=[stage.value for stage in PUBLISHED_STAGES],
    review__outcome__in=[vote.value for vote in APPROVING],
)


@dataclass(frozen=True)
class Item:
    proposal: Proposal
    what: str
    url: str
    urgent: bool = False


def _review_url(proposal: Proposal) -> str:
    return reverse("review", args=[proposal.pk])


def attention_for(*, membership: Membership, today: date) -> list[Item]:
    """Everything waiting on this person, most urgent first."""
    items = _as_reviewer(membership) if membership.role in REVIEWERS else []
    items += _as_owner(membership, today) + _as_condition_owner(membership, today)
    return sorted(items, key=lambda item: (not item.urgent, item.proposal.title))


def _as_reviewer(membership: Membership) -> list[Item]:
    theirs = Proposal.objects.filter(council=membership.council).exclude(owner=membership.user)
    items = [
        Item(p, "Submitted: waiting for a reviewer to start the review", _review_url(p))
        for p in theirs.filter(stage=Stage.SUBMITTED)
    ]
    voted = set(
        ReviewVote.objects.filter(
            reviewer=membership.user, review__decided_at__isnull=True
        ).values_list("review__proposal_id", flat=True)
    )
    for proposal in theirs.filter(stage=Stage.IN_REVIEW):
        waiting = Evidence.objects.filter(
            proposal=proposal, accepted_at__isnull=True, withdrawn_at__isnull=True
        ).count()
        parts = [] if proposal.pk in voted else ["your vote"]
        if waiting:
            parts.append(f"{waiting} piece{'s' if waiting != 1 else ''} of evidence to accept")
        if parts:
            items.append(Item(proposal, f"In review: {' and '.join(parts)}", _review_url(proposal)))
    items += [
        Item(p, "Due for its periodic review: renew or retire it", _review_url(p), urgent=True)
        for p in theirs.filter(stage=Stage.REVIEW_DUE)
    ]
    return items


def _as_owner(membership: Membership, today: date) -> list[Item]:
    mine = Proposal.objects.filter(council=membership.council, owner=membership.user)
    words = {
        Stage.RETURNED: ("Returned for changes: read the decision and change the answers", True),
        Stage.APPROVED: ("Approved: mark it live when it is in use", False),
        Stage.APPROVED_WITH_CONDITIONS: (
            "Approved with conditions: mark it live when in use",
            False,
        ),
        Stage.REVIEW_DUE: ("Due for its periodic review", True),
    }
    items = [
        Item(p, words[Stage(p.stage)][0], _review_url(p), words[Stage(p.stage)][1])
        for p in mine.filter(stage__in=list(words))
    ]
    items += [
        Item(p, f"Periodic review due on {p.review_date:%d %B %Y}", _review_url(p))
        for p in mine.filter(stage=Stage.LIVE, review_date__lte=today + SOON)
    ]
    return items


def _as_condition_owner(membership: Membership, today: date) -> list[Item]:
    conditions = Condition.objects.filter(
        BINDING,
        Q(owner=membership.user) | Q(proposal__owner=membership.user),
        proposal__council=membership.council,
    ).select_related("proposal")
    items = []
    for c in conditions:
        if c.due >= today + SOON:
            continue
        overdue = condition_overdue(c.state, c.due, today)
        words = f"Condition {'overdue since' if overdue else 'due'} {c.due:%d %B %Y}: {c.text}"
        items.append(Item(c.proposal, words, _review_url(c.proposal), urgent=overdue))
    return items


def attention_count(*, membership: Membership) -> int:
    return len(attention_for(membership=membership, today=timezone.localdate()))


@dataclass
class ReminderReport:
    opened: list[Proposal] = field(default_factory=list)
    due: list[Proposal] = field(default_factory=list)
    overdue: list[Condition] = field(default_factory=list)
    emailed: int = 0


def _stale(reminded: datetime | None, now: datetime) -> bool:
    return reminded is None or now - reminded >= REMIND_EVERY


def reminders_send(*, today: date, now: datetime) -> ReminderReport:
    """Open the periodic reviews that have come due, then remind, at most weekly, the
    owners of proposals due for review and the owners of overdue conditions.

    Safe to run twice a day, or again after a worker died part-way: a reminder is marked
    sent just after the mail server takes it, so a crash between the two sends it again
    at the next run rather than never.
    """
    report = ReminderReport(opened=services.reviews_open_due(today=today))
    for proposal in Proposal.objects.filter(stage=Stage.REVIEW_DUE).select_related(
        "owner", "council"
    ):
        report.due.append(proposal)
        if not _stale(proposal.review_reminded_at, now):
            continue
        people = [proposal.owner, *_reviewers(proposal)]
        report.emailed += _email(
            people,
            f"Periodic review due: {proposal.title}",
            f"{proposal.title} ({proposal.council.name}) came up for its periodic review on "
            f"{proposal.review_date:%d %B %Y}. A reviewer renews it until a next review, "
            f"or it is retired.",
            proposal,
        )
        Proposal.objects.filter(pk=proposal.pk).update(review_reminded_at=now)
    overdue = Condition.objects.filter(BINDING, due__lt=today).select_related(
        "owner", "proposal__owner", "proposal__council"
    )
    for condition in overdue:
        report.overdue.append(condition)
        if not _stale(condition.reminded_at, now):
            continue
        report.emailed += _email(
            [condition.owner, condition.proposal.owner],
            f"Condition overdue: {condition.proposal.title}",
            f"A condition of approval for {condition.proposal.title} was due on "
            f"{condition.due:%d %B %Y} and is still open:\n\n{condition.text}\n\n"
            "Mark it met, or ask a reviewer to waive it with a reason.",
            condition.proposal,
        )
        Condition.objects.filter(pk=condition.pk).update(reminded_at=now)
    return report


def _reviewers(proposal: Proposal) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(
            council=proposal.council, role__in=[Role.REVIEWER, Role.ADMINISTRATOR]
        ).select_related("user")
        if m.user_id != proposal.owner_id
    ]


def _email(people: list[User], subject: str, body: str, proposal: Proposal) -> int:
    addresses = sorted({p.email for p in people if p.email})
    if not addresses:
        logger.info("no email address to remind about proposal %s: %s", proposal.pk, subject)
        return 0
    link = f"{settings.COOPAI_SITE_URL}{_review_url(proposal)}"
    send_mail(
        subject,
        f"{body}\n\n{link}\n\nYou get this because you own the proposal or the condition, "
        "or review for the council. See everything waiting for you under "
        "'Needs your attention'.",
        None,
        addresses,
    )
    return len(addresses)
