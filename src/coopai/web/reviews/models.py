"""Review and decision on the record: rounds of review, votes, comments, conditions,
the evidence that settles each requirement, and exceptions the board records.

The rules (what a tally decides, what counts as evidence, what blocks approval) are the
engine's (`coopai.framework.review` and `lifecycle`); these models only store.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models

from coopai.framework.review import (
    CONDITION_LABELS,
    VOTE_LABELS,
    ConditionState,
    EvidenceKind,
    Vote,
)
from coopai.web.evidence.models import AuditRun
from coopai.web.proposals.models import Proposal

VOTE_CHOICES = [(vote.value, VOTE_LABELS[vote]) for vote in Vote]
CONDITION_CHOICES = [(state.value, CONDITION_LABELS[state]) for state in ConditionState]
EVIDENCE_CHOICES = [
    (EvidenceKind.DOCUMENT.value, "Document"),
    (EvidenceKind.LINK.value, "Link"),
    (EvidenceKind.AUDIT.value, "Audit result"),
]
GENERAL = "general"  # a comment on the proposal as a whole, not one section


class Review(models.Model):
    """One round of review, from its start to its decision. A proposal returned for
    changes and submitted again is reviewed in a new round; old rounds stay on record."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    number = models.PositiveSmallIntegerField()
    quorum = models.PositiveSmallIntegerField()  # the council's rule when the round began
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=30, choices=VOTE_CHOICES, blank=True)
    reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="one_round_number")
        ]

    def __str__(self) -> str:
        return f"Review {self.number} of {self.proposal}"


class ReviewVote(models.Model):
    """A reviewer's vote in a round; voting again replaces it (the history keeps both)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="votes")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vote = models.CharField(max_length=30, choices=VOTE_CHOICES)
    reasons = models.TextField(max_length=5000)
    review_date = models.DateField(null=True, blank=True)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "reviewer"], name="one_vote_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.vote}"


class Comment(models.Model):
    """A reviewer's or proposer's comment on one section of the assessment. Private to
    the council: never on a public page."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=60, default=GENERAL)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=5000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Comment on {self.section} by {self.author}"


class Condition(models.Model):
    """A condition of approval: an owner, a due date, and open / met / waived."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="conditions")
    # The round of review that set it: a new round after a return starts without conditions.
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="conditions")
    text = models.TextField(max_length=2000)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due = models.DateField()
    state = models.CharField(max_length=20, choices=CONDITION_CHOICES, default=ConditionState.OPEN)
    note = models.TextField(blank=True, max_length=2000)  # why it was waived, or how it was met
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.text[:60]


def document_path(evidence: Evidence, file_name: str) -> str:
    """A random name, outside the web root: a document is served only through a view
    that checks who is asking. The suffix is the checked type's, not the uploader's."""
    return f"documents/{uuid.uuid4().hex}{PurePath(file_name).suffix.lower()}"


class Evidence(models.Model):
    """Evidence for one requirement on the checklist: a document, a link or an audit.

    It counts only once a reviewer accepts it; withdrawn evidence never counts.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="evidence")
    requirement = models.CharField(max_length=60)
    kind = models.CharField(max_length=20, choices=EVIDENCE_CHOICES)
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500, blank=True)
    document = models.FileField(upload_to=document_path, max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    audit_run = models.ForeignKey(
        AuditRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    acceptance_note = models.TextField(blank=True, max_length=5000)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]
        indexes = [models.Index(fields=["proposal", "requirement"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.kind}) for {self.requirement}"


class RequirementException(models.Model):
    """The board's explicit, reasoned decision to approve although a requirement is not
    met. Shown wherever the decision is shown."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="exceptions")
    requirement = models.CharField(max_length=60)
    reason = models.TextField(max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "requirement"], name="one_exception_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return f"Exception for {self.requirement}"
