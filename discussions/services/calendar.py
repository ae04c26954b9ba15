"""The holiday calendar the SLA clock counts on."""

from __future__ import annotations

from django.db import transaction

from ..holiday_source import indonesian_holidays
from ..models import Holiday


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
