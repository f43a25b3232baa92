"""Dates, amounts and names as a report writes them: GOV.UK style, in UK time, and the
framework's names where the result holds ids."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from coopai.framework.content_schema import Source
from coopai.framework.loaded import Framework
from coopai.framework.result import Benefit

# Councils work in UK time, whatever zone a decision's timestamp was stored in.
UK = ZoneInfo("Europe/London")


def day(value: date) -> str:
    """A date as GOV.UK writes it: 5 March 2026."""
    return f"{value.day} {value:%B %Y}"


def uk_day(value: datetime) -> date:
    """The UK calendar day of a moment (a naive datetime is taken as UK time already)."""
    return (value.astimezone(UK) if value.tzinfo else value).date()


def when(value: datetime) -> str:
    """A moment as GOV.UK writes it, in UK time: 5 March 2026 at 3:04pm."""
    local = value.astimezone(UK) if value.tzinfo else value
    hour = local.hour % 12 or 12
    return f"{day(local.date())} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def benefit(item: Benefit) -> str:
    value = item.value
    if item.type == "money" and isinstance(value, int | float):
        return f"£{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def mitigations(ids: Iterable[str], framework: Framework) -> str:
    """Mitigations by name, in the order given."""
    known = framework.mitigation_by_id
    return ", ".join(known[m].name if m in known else m for m in ids)


def prompt(question_id: str, framework: Framework) -> str:
    found = framework.question_by_id.get(question_id)
    return found.prompt if found else question_id


def sources(items: Iterable[Source]) -> str:
    titles = [f"{s.title}, {s.reference}" if s.reference else s.title for s in items]
    return f" Sources: {'; '.join(titles)}." if titles else ""


def out_of(points: int, maximum: int) -> str:
    return f"{points} of {maximum}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
