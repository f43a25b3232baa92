"""The Jinja2 environment: our templates, GOV.UK Frontend's macros, and Django's helpers."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader
from markupsafe import Markup, escape

from coopai.framework.review import (
    CONDITION_LABELS,
    VOTE_LABELS,
    ConditionState,
    Vote,
    condition_overdue,
)
from coopai.web.councils.models import Membership
from coopai.web.reviews import attention as reviews_attention

TEMPLATE_DIRS = [Path(__file__).resolve().parent / "templates"]


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def membership_for(request: HttpRequest | None) -> Membership | None:
    """The signed-in person's council membership, if they have one."""
    if request is None or not request.user.is_authenticated:
        return None
    found: Membership | None = getattr(request, "membership", None)  # set by access.member()
    if found is None:
        found = Membership.objects.select_related("council").filter(user=request.user).first()
    return found


def govuk_day(day: date) -> str:
    """A day as GOV.UK writes it: 26 November 2026."""
    return f"{day.day} {day:%B %Y}"


def govuk_date(value: datetime | None, with_time: bool = False) -> str:
    """A date as GOV.UK writes it: 26 November 2026, or 26 November 2026 at 3:04pm."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    text = govuk_day(local.date())
    if with_time:
        hour = local.hour % 12 or 12
        text += f" at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
    return text


def attention_count(request: HttpRequest | None) -> int:
    """How many things wait for the signed-in member, for the navigation."""
    found = membership_for(request)
    return 0 if found is None else reviews_attention.attention_count(membership=found)


def paragraphs(text: str | None) -> list[str]:
    """Text as its paragraphs (split at blank lines), for <p> elements."""
    if not text:
        return []
    lines = text.replace("\r\n", "\n").split("\n\n")
    return [" ".join(part.split()) for part in lines if part.strip()]


BREAK_AFTER = re.compile(r"([./@_-])")
"""Characters after which a long name (a username, an email address, a file name, a web
address) may break, so it wraps within a narrow column instead of widening the page."""


def breakable(text: str | None) -> Markup:
    """Text, escaped, with a line-break opportunity (<wbr>) after each . / @ _ and -."""
    return Markup(BREAK_AFTER.sub(r"\1<wbr>", str(escape(text or ""))))


def environment(**options: Any) -> Environment:
    options["loader"] = ChoiceLoader(
        [
            FileSystemLoader([str(path) for path in TEMPLATE_DIRS]),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    options.setdefault("autoescape", True)
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.do"]
    env = Environment(**options)
    env.filters["date"] = govuk_date
    env.filters["paragraphs"] = paragraphs
    env.filters["breakable"] = breakable
    env.globals.update(
        url=url,
        static=static,
        get_messages=messages.get_messages,
        brand_default=settings.COOPAI_DEFAULT_BRAND,
        membership_for=membership_for,
        attention_count=attention_count,
        vote_label=lambda vote: VOTE_LABELS[Vote(vote)],
        condition_label=lambda state: CONDITION_LABELS[ConditionState(state)],
        today=timezone.localdate,
        condition_overdue=condition_overdue,
    )
    return env
