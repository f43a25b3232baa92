"""List proposals due for periodic review and overdue conditions, and email their owners."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from coopai.web.reviews.attention import reminders_send


class Command(BaseCommand):
    help = (
        "Open periodic reviews whose date has come, list proposals due for review and "
        "overdue conditions, and email their owners (at most weekly each)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = reminders_send(today=timezone.localdate(), now=timezone.now())
        for proposal in report.opened:
            self.stdout.write(f"Opened the periodic review: {proposal.title} ({proposal.council})")
        self.stdout.write(f"Due for periodic review: {len(report.due)}")
        for proposal in report.due:
            self.stdout.write(
                f"  {proposal.title} ({proposal.council}), due {proposal.review_date:%d %B %Y}"
            )
        self.stdout.write(f"Overdue conditions: {len(report.overdue)}")
        for condition in report.overdue:
            self.stdout.write(
                f"  {condition.proposal.title}: {condition.text[:80]} "
                f"(due {condition.due:%d %B %Y})"
            )
        self.stdout.write(f"Emails sent: {report.emailed}")
