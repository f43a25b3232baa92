"""A council and the people in it, each with one role."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from coopai.framework.review import MAX_QUORUM, ReviewRule

MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal text: the header's white text sits on the brand


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of white text on this #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def validate_brand_colour(colour: str) -> None:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise ValidationError(f"{colour!r} is not a colour like #1f5c4a.")
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            f"White text on {colour} has a contrast of {ratio:.1f}:1; choose a darker colour "
            f"with at least {MIN_CONTRAST}:1 so the header stays readable."
        )


class Council(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    brand_colour = models.CharField(
        max_length=7,
        default="#1f5c4a",
        validators=[validate_brand_colour],
        help_text="Header colour, as #rrggbb. Choose one with 4.5:1 contrast against white.",
    )
    # How proposals are decided: 1 is one reviewer; more is a board needing that many votes.
    review_quorum = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_QUORUM)]
    )
    # Published with the council's transparency records and on its public register.
    region = models.CharField(max_length=40, blank=True)
    website = models.URLField(max_length=300, blank=True)
    contact_email = models.EmailField(max_length=254, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def review_rule(self) -> ReviewRule:
        return ReviewRule(quorum=self.review_quorum)


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    PROPOSER = "proposer", "Proposer"
    REVIEWER = "reviewer", "Reviewer"
    VIEWER = "viewer", "Viewer"


class Membership(models.Model):
    """A person's place in one council. Everything they see is scoped to it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["council", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.council})"


class ComplianceStatus(models.TextChoices):
    FULL = "full", "Fully compliant"
    PARTIAL = "partial", "Partially compliant"
    NOT = "not", "Not compliant"


class AccessibilityStatement(models.Model):
    """A council's accessibility statement for its coopai pages, in the sections of the
    GOV.UK model statement; the council's administrator completes it."""

    council = models.OneToOneField(
        Council, on_delete=models.CASCADE, related_name="accessibility_statement"
    )
    compliance_status = models.CharField(
        max_length=20, choices=ComplianceStatus.choices, default=ComplianceStatus.PARTIAL
    )
    non_compliance = models.TextField(blank=True, max_length=5000)
    disproportionate_burden = models.TextField(blank=True, max_length=5000)
    out_of_scope = models.TextField(blank=True, max_length=5000)
    contact_email = models.EmailField(max_length=254, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    response_days = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    testing = models.TextField(blank=True, max_length=5000)
    prepared_on = models.DateField(null=True, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Accessibility statement of {self.council}"
