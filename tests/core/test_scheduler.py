"""`manage.py run_scheduler`: every periodic job of the site, on its interval, in one
process that survives failing jobs and stops cleanly on SIGTERM."""

import datetime as dt
import io
import logging
import os
import signal
import threading
import time
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from forum_site.core import scheduler

WITA = ZoneInfo("Asia/Makassar")
T0 = dt.datetime(2026, 12, 4, 9, 0, 20, tzinfo=WITA)

# What docs/operations.md lists; a new periodic command must be registered to run.
EXPECTED = {
    "publish_scheduled": "every 1 min",
    "sla_tick": "every 15 min",
    "outbox_retry": "every 5 min",
    "comments_maintenance": "every 10 min",
    "holidays_sync": "at 03:00 on day 1 of month 12",
    "clearsessions": "daily at 02:30",
    "purge_personal_data": "daily at 02:40",
    "search_reconcile": "daily at 02:50",
    "search_optimise": "at 03:15 on day 1",
    "backup": "daily at 01:00",
}


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def ran(monkeypatch):
    """Record the jobs the scheduler starts instead of running the commands."""
    names = []
    monkeypatch.setattr(scheduler, "run_job", lambda job: names.append(job.name) or True)
    return names


def test_every_periodic_job_of_the_site_is_registered():
    assert {job.name: job.describe() for job in scheduler.registered()} == EXPECTED


def test_list_shows_each_job_and_its_next_run():
    out = io.StringIO()
    call_command("run_scheduler", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(EXPECTED)
    assert any(line.startswith("publish_scheduled") and "every 1 min" in line for line in lines)


def test_publishing_runs_at_start_and_then_every_minute(ran):
    clock = Clock(T0)
    sched = scheduler.Scheduler(scheduler.enabled(), clock=clock, threaded=False)
    sched.run_pending()
    assert set(ran) == {"publish_scheduled", "sla_tick", "outbox_retry",
                        "comments_maintenance"}  # interval jobs start at once
    for seconds, expected in ((30, []), (59, []), (60, ["publish_scheduled"]),
                              (61, []), (120, ["publish_scheduled"]),
                              (300, ["outbox_retry", "publish_scheduled"])):
        ran.clear()
        clock.now = T0 + dt.timedelta(seconds=seconds)
        sched.run_pending()
        assert sorted(ran) == expected, seconds
    # A late scheduler (machine suspended) runs a job once, not once per missed minute.
    ran.clear()
    clock.now = T0 + dt.timedelta(minutes=17, seconds=5)
    sched.run_pending()
    assert ran.count("publish_scheduled") == 1
    assert sched.next_due()["publish_scheduled"] == T0 + dt.timedelta(minutes=18)


def test_daily_and_yearly_jobs_run_at_their_local_time(ran):
    clock = Clock(dt.datetime(2026, 11, 30, 23, 0, tzinfo=WITA))
    sched = scheduler.Scheduler(scheduler.enabled(["backup", "holidays_sync",
                                                   "search_optimise"]),
                                clock=clock, threaded=False)
    assert sched.run_pending() == []
    due = sched.next_due()
    assert due["backup"] == dt.datetime(2026, 12, 1, 1, 0, tzinfo=WITA)
    assert due["holidays_sync"] == dt.datetime(2026, 12, 1, 3, 0, tzinfo=WITA)
    assert due["search_optimise"] == dt.datetime(2026, 12, 1, 3, 15, tzinfo=WITA)
    clock.now = dt.datetime(2026, 12, 1, 3, 0, 4, tzinfo=WITA)
    assert sorted(sched.run_pending()) == ["backup", "holidays_sync"]
    assert sched.next_due()["backup"] == dt.datetime(2026, 12, 2, 1, 0, tzinfo=WITA)
    assert sched.next_due()["holidays_sync"] == dt.datetime(2027, 12, 1, 3, 0, tzinfo=WITA)


def test_disabled_jobs_are_left_to_another_runner(settings):
    settings.SERAMBI_SCHEDULER_DISABLED = ["backup"]
    assert "backup" not in {job.name for job in scheduler.enabled()}
    assert "publish_scheduled" in {job.name for job in scheduler.enabled()}
    with pytest.raises(CommandError, match="unknown job: nope"):
        call_command("run_scheduler", "--job", "nope", "--once")


def test_a_failing_job_is_logged_and_the_others_still_run(db, caplog):
    broken = scheduler.Job(name="broken", command="no_such_command", every=60)
    clock = Clock(T0)
    sched = scheduler.Scheduler([broken, *scheduler.enabled(["clearsessions"])],
                                clock=clock, threaded=False)
    clock.now = dt.datetime(2026, 12, 5, 2, 30, tzinfo=WITA)
    with caplog.at_level(logging.INFO, logger="serambi.scheduler"):
        assert sched.run_pending() == ["broken", "clearsessions"]
    failed = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failed) == 1 and "job broken failed" in failed[0].getMessage()
    assert failed[0].exc_info is not None  # the traceback is in the log
    assert any("job clearsessions done" in r.getMessage() for r in caplog.records)
    # …and it is tried again at its next time.
    clock.now += dt.timedelta(seconds=60)
    assert sched.run_pending() == ["broken"]


def test_a_job_never_overlaps_itself(caplog, monkeypatch):
    release = threading.Event()
    started = threading.Event()

    def slow(job):
        started.set()
        release.wait(5)
        return True

    clock = Clock(T0)
    job = scheduler.Job(name="slow", command="slow", every=60)
    sched = scheduler.Scheduler([job], clock=clock)
    monkeypatch.setattr(scheduler, "run_job", slow)
    try:
        assert sched.run_pending() == ["slow"]
        assert started.wait(5)
        clock.now += dt.timedelta(seconds=60)
        with caplog.at_level(logging.WARNING, logger="serambi.scheduler"):
            assert sched.run_pending() == []
        assert "still running" in caplog.text
        release.set()
        assert sched.wait(5) == []
    finally:
        release.set()


def test_sigterm_stops_the_scheduler_cleanly():
    """The loop wakes at once on SIGTERM (no waiting for the next tick) and returns."""
    out = io.StringIO()
    timer = threading.Timer(0.3, os.kill, args=(os.getpid(), signal.SIGTERM))
    before = signal.getsignal(signal.SIGTERM)
    started = time.monotonic()
    timer.start()
    try:
        # backup is not due now: nothing runs, the loop only waits.
        call_command("run_scheduler", "--job", "backup", "--tick", "30", stdout=out)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 5
    assert "scheduler stopped" in out.getvalue()
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is put back
