"""Writes for councils and people."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from coopai.web.councils.models import AccessibilityStatement, Council, Membership


def council_get_or_create(*, name: str, slug: str, brand_colour: str) -> Council:
    council, _ = Council.objects.get_or_create(
        slug=slug, defaults={"name": name, "brand_colour": brand_colour}
    )
    return council


def member_add(
    *, council: Council, username: str, password: str, role: str, full_name: str = ""
) -> User:
    """Create a person in a council, or update their role and password if they exist."""
    with transaction.atomic():
        user, _ = User.objects.get_or_create(username=username)
        first, _, last = full_name.partition(" ")
        user.first_name, user.last_name = first, last
        user.set_password(password)
        user.save()
        Membership.objects.update_or_create(user=user, defaults={"council": council, "role": role})
    return user


def council_settings_update(
    *,
    council: Council,
    quorum: int,
    region: str,
    website: str,
    contact_email: str,
    statement: dict[str, Any],
) -> None:
    """Save the review rule, what is published and the accessibility statement together."""
    with transaction.atomic():
        council.review_quorum = quorum
        council.region, council.website, council.contact_email = region, website, contact_email
        council.full_clean()
        council.save()
        AccessibilityStatement.objects.update_or_create(council=council, defaults=statement)
