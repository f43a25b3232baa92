"""What a council publishes about a system beyond its assessment: the transparency
record's fields that only its owner can fill in (a contact, how to challenge a decision,
the supplier, ...), and the stable public reference its public pages use.

Everything else on a public page is derived, when it is shown, from the assessment and
the decision on record.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from coopai.web.proposals.models import Proposal


def new_reference() -> str:
    """A public reference that reveals nothing (not the proposal's number, nor a count)."""
    return secrets.token_hex(5)


class TransparencyRecord(models.Model):
    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="transparency_record"
    )
    reference = models.CharField(max_length=20, unique=True, default=new_reference)
    # Transparency record field id -> the owner's text; a field left out is filled from
    # the assessment where it can be.
    values = models.JSONField(default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Transparency record of {self.proposal}"
