"""Threads with known timelines for the transparency tests."""

import csv
import datetime as dt
import io

from django.utils import timezone

from discussions.models import ThreadStatus
from discussions.threads.services.calendar import thread_durations_recompute
from discussions.threads.sla import WorkingCalendar
from tests.discussions.factories import ThreadFactory

# Friday 14 August 2026; Monday 17 August is Independence Day (a Holiday row in the tests).
FRIDAY = dt.date(2026, 8, 14)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def answered_after(days: list[int], *, category, start: dt.date = FRIDAY, **fields) -> list:
    """One answered thread per value: opened on `start`, answered `n` working days later
    (so answer_working_days is n once the durations are computed)."""
    calendar = WorkingCalendar.load(start, start + dt.timedelta(days=120))
    threads = []
    for n in days:
        answered = at(calendar.add_working_days(start, n), 14)
        threads.append(ThreadFactory(
            category=category, created_at=at(start), status=ThreadStatus.ANSWERED,
            answered_at=answered, first_response_at=answered, answers_count=1, **fields,
        ))
    thread_durations_recompute()
    return threads


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def nearest_rank(values: list[int], p: int) -> int:
    """The documented definition, in plain Python: value at rank ceil(p·n/100)."""
    ordered = sorted(values)
    rank = -(-p * len(ordered) // 100)
    return ordered[rank - 1]
