"""The daily job under the worker: open due reviews and send reminders, then queue
itself for the next morning. `coopai manage schedule_reminders` queues the first run."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from coopai.web.reviews.attention import reminders_send

logger = logging.getLogger(__name__)
RUN_AT = time(7, 0)  # local time, before the working day


def next_run(now: datetime) -> datetime:
    """The next 7am (local time) after `now`."""
    local = timezone.localtime(now)
    day = local.date() if local.time() < RUN_AT else local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, RUN_AT))


@task()
def daily_reminders() -> str:
    now = timezone.now()
    try:
        report = reminders_send(today=timezone.localdate(), now=now)
    finally:
        # Queue tomorrow's run even if today's failed, so one bad day stops nothing.
        daily_reminders.using(run_after=next_run(now)).enqueue()
    summary = (
        f"{len(report.opened)} reviews opened, {len(report.due)} due, "
        f"{len(report.overdue)} conditions overdue, {report.emailed} emails"
    )
    logger.info("daily reminders: %s", summary)
    return summary
