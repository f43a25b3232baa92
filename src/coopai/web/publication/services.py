"""Writes for publication: the owner's answers on the transparency record."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from coopai.web.proposals.models import Change, Proposal
from coopai.web.publication import selectors
from coopai.web.publication.models import TransparencyRecord


def record_update(*, proposal: Proposal, user: User, values: dict[str, str]) -> None:
    """Save the owner's values, all or none: the record is built with them first, so a
    value the standard refuses (too long, not a choice) changes nothing."""
    kept = {key: value.strip() for key, value in values.items() if value.strip()}
    with transaction.atomic():
        row, _ = TransparencyRecord.objects.select_for_update().get_or_create(proposal=proposal)
        previous = dict(row.values)
        row.values = kept
        row.save()
        # Raises RecordError, naming the field, for a value the standard refuses; the
        # transaction then rolls back, leaving the previous values.
        selectors.public_record(proposal=proposal)
        for key in sorted(set(previous) | set(kept)):
            if previous.get(key) != kept.get(key):
                Change.objects.create(
                    proposal=proposal,
                    user=user,
                    field=f"transparency.{key}",
                    old=previous.get(key),
                    new=kept.get(key),
                    note="Transparency record",
                )
