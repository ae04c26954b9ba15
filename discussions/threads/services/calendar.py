"""The holiday calendar the SLA clock counts on."""

from __future__ import annotations

from django.db import transaction

from ...holiday_source import indonesian_holidays
from ...models import Holiday


@transaction.atomic
def holidays_sync(*, year: int) -> int:
    """Add the year's national holidays and cuti bersama from the `holidays` package.
    Existing days are not touched (moderators' corrections win). Returns days added."""
    existing = set(
        Holiday.objects.filter(date__year=year).values_list("date", flat=True)
    )
    rows = [
        Holiday(date=day, name=name, kind=kind)
        for day, name, kind in indonesian_holidays([year])
        if day not in existing
    ]
    Holiday.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def thread_durations_recompute(*, batch_size: int = 2000) -> int:
    """Recompute the working-day durations of every thread from its timestamps with the
    current holiday table (statistics aggregate these fields). Returns rows changed."""
    from ...models import Thread
    from ..sla import DURATION_FIELDS, WorkingCalendar, thread_durations

    calendar = None
    changed, batch = 0, []
    fields = list(DURATION_FIELDS.values())
    threads = Thread.objects.only("pk", "created_at", *DURATION_FIELDS, *fields)
    for thread in threads.order_by("pk").iterator(chunk_size=batch_size):
        if calendar is None:
            start = thread.created_at.date()
            calendar = WorkingCalendar.load(start.replace(year=start.year - 1), start)
        before = [getattr(thread, name) for name in fields]
        thread_durations(thread, calendar=calendar)
        if before != [getattr(thread, name) for name in fields]:
            batch.append(thread)
            changed += 1
        if len(batch) >= batch_size:
            Thread.objects.bulk_update(batch, fields)
            batch = []
    if batch:
        Thread.objects.bulk_update(batch, fields)
    return changed
