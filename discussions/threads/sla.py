"""The SLA clock: working days, due dates, and the periodic tick.

Working days are Monday–Friday minus the rows of the `Holiday` table (national holidays
and cuti bersama), which moderators edit in the Wagtail admin; no date is written in code.
A `WorkingCalendar` fetches the holidays of the span it needs in one query and then
answers every question about that span from memory.

Deadlines are dates: "3 working days" after a thread opened on day D is the third working
day after D (D itself does not count); the unit has until the end of that day, so the
thread is overdue from the next day on. Due dates are stored on the thread when it opens
(or is re-routed, reopened or extended), so a later change to the holiday table does not
move a deadline already announced to the citizen.

`sla_tick` is run by cron (`manage.py sla_tick`) or as a django-tasks task
(`discussions.tasks.sla_tick_task`). It marks threads overdue, reminds units of
deadlines, and resolves answered threads whose closing window passed. Every change it
makes is guarded by the state it records, so a second run on the same day changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ..models import (
    AWAITING_UNIT,
    Category,
    Holiday,
    Thread,
    ThreadKind,
    ThreadStatus,
    ThreadVisibility,
)

logger = logging.getLogger(__name__)

ONE_DAY = dt.timedelta(days=1)


def local_today(now: dt.datetime | None = None) -> dt.date:
    """Today in the site's time zone (WITA for Mamuju), which decides the working day."""
    from .. import clock

    return timezone.localdate(now) if now is not None else clock.today()


def _horizon(days: int) -> dt.timedelta:
    # Enough calendar days to hold `days` working days even around Idul Fitri (a week of
    # holidays and leave) or year's end: weekends take 2/7, plus a generous margin.
    return dt.timedelta(days=days * 2 + 45)


class WorkingCalendar:
    """Working days between `start` and `end`, from one query on the holiday table.

    Asking about a day past `end` loads the next span (one more query); callers pick a
    span that covers what they need, so in practice each call makes one query."""

    def __init__(self, start: dt.date, end: dt.date, holidays: set[dt.date] | None = None):
        self.start, self.end = start, end
        self.holidays: set[dt.date] = set(holidays) if holidays is not None else set()
        self._loaded = holidays is not None

    @classmethod
    def load(cls, start: dt.date, end: dt.date) -> WorkingCalendar:
        days = set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))
        return cls(start, end, days)

    @classmethod
    def for_working_days(cls, start: dt.date, days: int) -> WorkingCalendar:
        """A calendar from `start` long enough to count `days` working days forward."""
        return cls.load(start, start + _horizon(max(days, 1)))

    def _cover(self, day: dt.date) -> None:
        if day > self.end:
            extra = Holiday.objects.filter(date__gt=self.end, date__lte=day + _horizon(10))
            self.holidays.update(extra.values_list("date", flat=True))
            self.end = day + _horizon(10)
        elif day < self.start:
            extra = Holiday.objects.filter(date__gte=day, date__lt=self.start)
            self.holidays.update(extra.values_list("date", flat=True))
            self.start = day

    def is_working_day(self, day: dt.date) -> bool:
        self._cover(day)
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (start itself is not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day, remaining = start, days
        while remaining:
            day += ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 if end <= start)."""
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


# --- due dates -------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadlines:
    first_response: dt.date
    answer: dt.date


def answer_working_days(*, category: Category, kind: str) -> int:
    if kind == ThreadKind.INFORMATION_REQUEST:
        return category.information_request_days
    return category.answer_days


def thread_deadlines(
    *, category: Category, kind: str, start: dt.date, calendar: WorkingCalendar | None = None
) -> Deadlines:
    """Due dates for a thread that reaches its unit on `start` (opened or re-routed)."""
    answer_days = answer_working_days(category=category, kind=kind)
    longest = max(category.first_response_days, answer_days)
    calendar = calendar or WorkingCalendar.for_working_days(start, longest)
    return Deadlines(
        first_response=calendar.add_working_days(start, category.first_response_days),
        answer=calendar.add_working_days(start, answer_days),
    )


def answer_due_from(
    *, category: Category, kind: str, start: dt.date, calendar: WorkingCalendar | None = None
) -> dt.date:
    days = answer_working_days(category=category, kind=kind)
    calendar = calendar or WorkingCalendar.for_working_days(start, days)
    return calendar.add_working_days(start, days)


def closing_due_from(
    *, category: Category, answered_on: dt.date, calendar: WorkingCalendar | None = None
) -> dt.date:
    calendar = calendar or WorkingCalendar.for_working_days(answered_on, category.closing_days)
    return calendar.add_working_days(answered_on, category.closing_days)


def extended_due(
    *, category: Category, due: dt.date, calendar: WorkingCalendar | None = None
) -> dt.date:
    calendar = calendar or WorkingCalendar.for_working_days(due, category.extension_days)
    return calendar.add_working_days(due, category.extension_days)


def is_past_due(thread: Thread, *, today: dt.date) -> bool:
    """Whether a thread waiting for its unit has missed a deadline as of `today`."""
    if thread.status not in AWAITING_UNIT:
        return False
    if thread.answer_due and today > thread.answer_due:
        return True
    return bool(
        thread.first_response_at is None
        and thread.first_response_due
        and today > thread.first_response_due
    )


# --- durations (statistics) --------------------------------------------------------------

# Milestone timestamp -> the field holding its working days since the thread opened.
DURATION_FIELDS = {
    "first_response_at": "first_response_working_days",
    "answered_at": "answer_working_days",
    "resolved_at": "resolution_working_days",
}


def working_days_elapsed(
    start: dt.datetime, end: dt.datetime, *, calendar: WorkingCalendar | None = None
) -> int:
    """Working days from `start` to `end`, counted like deadlines: the days after the
    opening day up to and including the day of `end`, in the site's time zone. Answered
    on the opening day (or on a weekend after a Friday opening) is 0; answered on the
    due date of an N-day deadline is N."""
    first, last = timezone.localdate(start), timezone.localdate(end)
    if last <= first:
        return 0
    calendar = calendar or WorkingCalendar.load(first, last)
    return calendar.working_days_between(first, last)


def thread_durations(thread: Thread, *, calendar: WorkingCalendar | None = None) -> list[str]:
    """Set the thread's working-day durations from its milestone timestamps (None where
    a milestone is missing). Returns the field names, for `save(update_fields=…)`."""
    fields = []
    for stamp, name in DURATION_FIELDS.items():
        at = getattr(thread, stamp)
        value = (
            working_days_elapsed(thread.created_at, at, calendar=calendar)
            if at is not None else None
        )
        setattr(thread, name, value)
        fields.append(name)
    return fields


# --- the tick ------------------------------------------------------------------------------


@dataclass
class TickResult:
    overdue: int = 0
    reminded: int = 0
    resolved: int = 0
    objections_overdue: int = 0
    objections_reminded: int = 0

    def __str__(self) -> str:
        return (f"overdue={self.overdue} reminded={self.reminded} resolved={self.resolved} "
                f"objections_overdue={self.objections_overdue} "
                f"objections_reminded={self.objections_reminded}")


def sla_tick(*, today: dt.date | None = None) -> TickResult:
    """Mark overdue threads, remind units of near deadlines, auto-resolve answered threads
    whose closing window passed. Idempotent: state on each thread records what was done."""
    from .services import deadlines

    today = today or local_today()
    result = TickResult()

    # Threads hidden by moderation (pending review or hidden) are neither marked overdue
    # nor reminded about while hidden; once restored, the next tick catches up.
    published = Thread.objects.filter(visibility=ThreadVisibility.PUBLISHED)
    overdue_ids = list(
        published.filter(status__in=AWAITING_UNIT, is_overdue=False)
        .filter(_past_due_q(today))
        .values_list("pk", flat=True)
    )
    for pk in overdue_ids:
        if deadlines.thread_mark_overdue(thread_id=pk, today=today):
            result.overdue += 1

    lead = settings.SERAMBI_SLA_REMINDER_WORKING_DAYS
    calendar = WorkingCalendar.for_working_days(today, lead + 1)
    horizon = calendar.add_working_days(today, lead)
    candidates = published.filter(status__in=AWAITING_UNIT, is_overdue=False).filter(
        _due_by_q(horizon)
    )
    for thread in candidates.only(
        "pk", "status", "first_response_at", "first_response_due", "answer_due",
        "reminded_for_due",
    ):
        due = thread.active_due
        if due is None or due < today or thread.reminded_for_due == due:
            continue
        if deadlines.thread_remind(thread_id=thread.pk, due=due, today=today):
            result.reminded += 1

    resolve_ids = list(
        Thread.objects.filter(status=ThreadStatus.ANSWERED, closing_due__lt=today).values_list(
            "pk", flat=True
        )
    )
    for pk in resolve_ids:
        if deadlines.thread_auto_resolve(thread_id=pk, today=today):
            result.resolved += 1

    # Objections to the atasan PPID run on the same clock (ppid.services).
    from ..ppid.services import objections_tick

    result.objections_overdue, result.objections_reminded = objections_tick(today=today)

    if (result.overdue or result.reminded or result.resolved or result.objections_overdue
            or result.objections_reminded):
        logger.info("sla_tick %s: %s", today.isoformat(), result)
    return result


def _past_due_q(today: dt.date) -> Q:
    return Q(answer_due__lt=today) | Q(first_response_at__isnull=True, first_response_due__lt=today)


def _due_by_q(day: dt.date) -> Q:
    return Q(answer_due__lte=day) | Q(first_response_at__isnull=True, first_response_due__lte=day)
