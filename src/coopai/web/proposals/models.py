"""Proposals, their answers (a row each, so they can be queried and audited), and history.

The tier and recommendation stored on a proposal are a cache of the engine's result,
refreshed by the services whenever an answer changes; the web layer never computes a
score itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from coopai.framework.lifecycle import STAGE_LABELS, Stage
from coopai.web.councils.models import Council

# The stages, and their words, are the engine's (coopai.framework.lifecycle).
STAGE_CHOICES = [(stage.value, STAGE_LABELS[stage]) for stage in Stage]


class Proposal(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="proposals")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(max_length=200)
    service_area = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=60, blank=True)
    technique = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)
    stage = models.CharField(max_length=30, choices=STAGE_CHOICES, default=Stage.DRAFT)
    framework_version = models.CharField(max_length=40)
    # The engine's latest result, cached for listing, filtering and sorting.
    tier = models.PositiveSmallIntegerField(null=True, blank=True)
    recommendation = models.CharField(max_length=40, blank=True)
    score = models.IntegerField(null=True, blank=True)
    red_line_count = models.PositiveSmallIntegerField(default=0)
    complete = models.BooleanField(default=False)
    # Who last submitted it: the proposer, or an administrator acting for them. Neither
    # may review or decide on it.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When a live system next comes up for periodic review; set when it is approved.
    review_date = models.DateField(null=True, blank=True)
    # When its owner was last reminded that the review is due (at most weekly).
    review_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["council", "stage"]),
            models.Index(fields=["council", "tier"]),
        ]

    def __str__(self) -> str:
        return self.title


class Answer(models.Model):
    """One answer: a fact, a mitigation in place, an enabler or principle rating, ...

    A fact question answered "not known" is a row of its own in `not_known` (value true)
    and has no row in `facts`: the engine scores it as its content says.
    """

    class Part(models.TextChoices):
        FACTS = "facts", "Fact"
        NOT_KNOWN = "not_known", "Not known"
        MITIGATIONS = "mitigations", "Mitigations"
        ENABLERS = "enablers", "Enabler"
        PRINCIPLES = "principles", "Principle"
        SUITABILITY = "suitability", "Suitability"
        BENEFITS = "benefits", "Benefit"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="answers")
    part = models.CharField(max_length=20, choices=Part.choices)
    key = models.CharField(max_length=60)
    value = models.JSONField()
    evidence = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "part", "key"], name="one_answer_per_key")
        ]
        ordering = ["part", "key"]

    def __str__(self) -> str:
        return f"{self.part}.{self.key} = {self.value!r}"


class Change(models.Model):
    """One recorded change: who, when, which field, the old and the new value."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    field = models.CharField(max_length=120)
    old = models.JSONField(null=True)
    new = models.JSONField(null=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old!r} -> {self.new!r}"
