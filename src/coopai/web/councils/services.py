"""Writes for councils and people."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from coopai.web.councils.models import Council, Membership


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
