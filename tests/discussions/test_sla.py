"""The SLA clock: working-day arithmetic from the holiday table, due dates per category
profile, and `sla_tick` (overdue marks, reminders, automatic resolution, idempotence)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from discussions.models import (
    Holiday,
    Notification,
    ThreadEvent,
    ThreadKind,
    ThreadStatus,
)
from discussions.threads.sla import WorkingCalendar, sla_tick, thread_deadlines

from .factories import CategoryFactory, HolidayFactory, OfficialAnswerFactory, ThreadFactory

FRI = dt.date(2026, 8, 14)  # Friday before Independence Day (Monday 17 August 2026)
MON_HOLIDAY = dt.date(2026, 8, 17)


def test_working_days_skip_weekends(db):
    calendar = WorkingCalendar.load(FRI, FRI + dt.timedelta(days=30))
    assert calendar.add_working_days(dt.date(2026, 8, 6), 1) == dt.date(2026, 8, 7)  # Thu → Fri
    assert calendar.add_working_days(FRI, 1) == MON_HOLIDAY  # no holiday in the table yet
    assert calendar.add_working_days(FRI, 3) == dt.date(2026, 8, 19)


def test_working_days_skip_a_holiday_and_collective_leave(db):
    HolidayFactory(date=MON_HOLIDAY)
    HolidayFactory(date=dt.date(2026, 8, 18), name="Cuti Bersama Uji",
                   kind=Holiday.Kind.COLLECTIVE_LEAVE)
    calendar = WorkingCalendar.load(FRI, FRI + dt.timedelta(days=30))
    # Fri 14 → (Sat, Sun, Mon holiday, Tue leave) → Wed 19 is the first working day.
    assert calendar.add_working_days(FRI, 1) == dt.date(2026, 8, 19)
    assert calendar.add_working_days(FRI, 3) == dt.date(2026, 8, 21)
    assert calendar.working_days_between(FRI, dt.date(2026, 8, 21)) == 3
    assert not calendar.is_working_day(MON_HOLIDAY)
    assert calendar.is_working_day(dt.date(2026, 8, 19))


def test_a_weekend_start_counts_from_monday(db):
    calendar = WorkingCalendar.load(dt.date(2026, 8, 1), dt.date(2026, 9, 30))
    saturday = dt.date(2026, 8, 8)
    assert calendar.add_working_days(saturday, 1) == dt.date(2026, 8, 10)
    assert calendar.working_days_between(saturday, saturday) == 0


def test_calendar_fetches_holidays_in_one_query(db, django_assert_num_queries):
    HolidayFactory(date=MON_HOLIDAY)
    with django_assert_num_queries(1):
        calendar = WorkingCalendar.for_working_days(FRI, 10)
        for n in range(11):
            calendar.add_working_days(FRI, n)


def test_due_dates_follow_the_category_profile(db):
    HolidayFactory(date=MON_HOLIDAY)
    category = CategoryFactory(first_response_days=3, answer_days=5, information_request_days=10)
    question = thread_deadlines(category=category, kind=ThreadKind.QUESTION, start=FRI)
    # Mon 17 is a holiday: 18, 19, 20 → first response; 21, 24 → answer.
    assert question.first_response == dt.date(2026, 8, 20)
    assert question.answer == dt.date(2026, 8, 24)
    request = thread_deadlines(category=category, kind=ThreadKind.INFORMATION_REQUEST, start=FRI)
    assert request.answer == dt.date(2026, 8, 31)


def test_category_defaults_come_from_settings(db, settings):
    category = CategoryFactory()
    assert (category.first_response_days, category.answer_days,
            category.information_request_days, category.extension_days,
            category.closing_days) == (3, 5, 10, 7, 10)


def _overdue_candidate(**kwargs):
    return ThreadFactory(
        created_at=dt.datetime(2026, 8, 14, 9, tzinfo=dt.UTC),
        first_response_due=dt.date(2026, 8, 20), answer_due=dt.date(2026, 8, 24), **kwargs,
    )


def test_tick_marks_overdue_once_and_tells_the_unit(verified_asn, unit_a,
                                                    django_capture_on_commit_callbacks):
    thread = _overdue_candidate(category=CategoryFactory(default_unit=unit_a))
    with django_capture_on_commit_callbacks(execute=True):
        on_the_day = sla_tick(today=dt.date(2026, 8, 20))
        first = sla_tick(today=dt.date(2026, 8, 21))
    assert (on_the_day.overdue, on_the_day.reminded) == (0, 1)  # due today: still in time
    thread.refresh_from_db()
    assert first.overdue == 1 and thread.is_overdue and thread.overdue_since
    assert ThreadEvent.objects.filter(thread=thread, kind="overdue").count() == 1
    assert [m.to for m in mail.outbox] == [[verified_asn.email]] * 2  # reminder, then overdue

    events, notes = ThreadEvent.objects.count(), Notification.objects.count()
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        second = sla_tick(today=dt.date(2026, 8, 21))
    assert (second.overdue, second.reminded, second.resolved) == (0, 0, 0)
    assert (ThreadEvent.objects.count(), Notification.objects.count(), len(mail.outbox)) == (
        events, notes, sent)


def test_acknowledged_thread_is_overdue_only_after_the_answer_deadline(db):
    thread = _overdue_candidate(first_response_at=dt.datetime(2026, 8, 18, tzinfo=dt.UTC))
    assert sla_tick(today=dt.date(2026, 8, 24)).overdue == 0
    assert sla_tick(today=dt.date(2026, 8, 25)).overdue == 1
    thread.refresh_from_db()
    assert thread.is_overdue


def test_tick_reminds_the_unit_once_before_a_deadline(verified_asn, unit_a,
                                                      django_capture_on_commit_callbacks):
    thread = _overdue_candidate(
        category=CategoryFactory(default_unit=unit_a),
        first_response_at=dt.datetime(2026, 8, 18, tzinfo=dt.UTC),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sla_tick(today=dt.date(2026, 8, 19)).reminded == 0  # 3 working days away
        assert sla_tick(today=dt.date(2026, 8, 21)).reminded == 1  # the working day before
        assert sla_tick(today=dt.date(2026, 8, 21)).reminded == 0
        assert sla_tick(today=dt.date(2026, 8, 24)).reminded == 0  # same due date: once
    thread.refresh_from_db()
    assert thread.reminded_for_due == dt.date(2026, 8, 24)
    assert len([m for m in mail.outbox if verified_asn.email in m.to]) == 1


def test_tick_resolves_answered_threads_after_the_closing_window(
        citizen, django_capture_on_commit_callbacks):
    thread = ThreadFactory(author=citizen, status=ThreadStatus.ANSWERED,
                           closing_due=dt.date(2026, 8, 28), answers_count=1)
    OfficialAnswerFactory(thread=thread)
    assert sla_tick(today=dt.date(2026, 8, 28)).resolved == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert sla_tick(today=dt.date(2026, 8, 31)).resolved == 1
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.RESOLVED and thread.resolved_at
    event = ThreadEvent.objects.get(thread=thread, kind="auto_resolved")
    assert (event.from_status, event.to_status, event.actor) == ("answered", "resolved", None)
    # The status notice, then the one satisfaction survey invitation (SKM).
    assert [m.to for m in mail.outbox] == [[citizen.email], [citizen.email]]
    assert "/survei/" in mail.outbox[1].body
    assert sla_tick(today=dt.date(2026, 8, 31)).resolved == 0
    assert ThreadEvent.objects.filter(thread=thread).count() == 1


def test_tick_leaves_closed_resolved_and_answered_threads_alone(db):
    for status in (ThreadStatus.CLOSED, ThreadStatus.RESOLVED, ThreadStatus.ANSWERED):
        _overdue_candidate(status=status, close_reason="off_topic" if status == "closed" else "")
    result = sla_tick(today=dt.date(2026, 9, 30))
    assert result.overdue == 0


def test_sla_tick_command_and_task(db):
    _overdue_candidate()
    from io import StringIO

    out = StringIO()
    call_command("sla_tick", "--today", "2026-08-21", stdout=out)
    assert "1 marked overdue" in out.getvalue()
    from discussions.tasks import sla_tick_task

    result = sla_tick_task.enqueue()
    assert result.status == "SUCCESSFUL"


def test_sla_tick_command_rejects_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("sla_tick", "--today", "27-11-2026")


def test_holidays_sync_adds_a_year_and_keeps_edits(db):
    HolidayFactory(date=dt.date(2027, 1, 1), name="Tahun Baru (diedit moderator)")
    from io import StringIO

    call_command("holidays_sync", "--year", "2027", stdout=StringIO())
    days = dict(Holiday.objects.filter(date__year=2027).values_list("date", "name"))
    assert days[dt.date(2027, 1, 1)] == "Tahun Baru (diedit moderator)"
    assert len(days) > 15
    assert Holiday.objects.filter(date__year=2027, kind=Holiday.Kind.COLLECTIVE_LEAVE).exists()
    count = Holiday.objects.count()
    call_command("holidays_sync", "--year", "2027", stdout=StringIO())
    assert Holiday.objects.count() == count


def test_migration_seeds_this_and_next_year(db):
    import importlib

    from django.apps import apps
    from django.utils import timezone

    migration = importlib.import_module(
        "discussions.migrations.0003_holidays_and_moderator_permissions"
    )
    migration.seed_holidays(apps, None)
    year = timezone.localdate().year
    for seeded_year in (year, year + 1):
        assert Holiday.objects.filter(date__year=seeded_year, kind="national").count() > 10
    assert Holiday.objects.filter(kind=Holiday.Kind.COLLECTIVE_LEAVE).exists()


def test_tick_skips_threads_hidden_by_moderation(moderator, verified_asn, unit_a,
                                                 django_capture_on_commit_callbacks):
    """A thread a moderator hid (or that reports put pending review) is neither reminded
    about nor marked overdue while hidden; once restored, the next tick catches up."""
    from discussions.moderation.services import threads_moderate

    category = CategoryFactory(default_unit=unit_a)
    hidden = _overdue_candidate(category=category)
    pending = _overdue_candidate(category=category)
    with django_capture_on_commit_callbacks(execute=True):
        threads_moderate(moderator=moderator, thread_ids=[hidden.pk], action="hide",
                         rule="spam")
    pending.__class__.objects.filter(pk=pending.pk).update(visibility="pending")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminded = sla_tick(today=dt.date(2026, 8, 20))  # due today: reminder day
        late = sla_tick(today=dt.date(2026, 8, 25))  # past both deadlines
    assert (reminded.reminded, late.overdue) == (0, 0)
    for thread in (hidden, pending):
        thread.refresh_from_db()
        assert not thread.is_overdue and thread.reminded_for_due is None
    assert not ThreadEvent.objects.filter(kind="overdue").exists()
    # Only the asker's notice that the thread was hidden; no reminder, no overdue notice.
    assert not Notification.objects.exclude(event__kind="hidden").exists() and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        threads_moderate(moderator=moderator, thread_ids=[hidden.pk], action="restore")
        assert sla_tick(today=dt.date(2026, 8, 25)).overdue == 1
    hidden.refresh_from_db()
    pending.refresh_from_db()
    assert hidden.is_overdue and not pending.is_overdue
