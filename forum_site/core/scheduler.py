"""The site's periodic jobs, and the one process that runs them (`manage.py run_scheduler`).

django-tasks has no scheduler, and Wagtail's scheduled publishing (go-live, expiry,
scheduled revisions) only happens when `publish_scheduled` runs. Rather than a crontab
each deployment must copy correctly, every app declares its periodic management commands
here, in its `AppConfig.ready()`::

    from forum_site.core import scheduler

    scheduler.register("sla_tick", every=15 * 60)
    scheduler.register("holidays_sync", at="03:00", day=1, month=12)

`every=` seconds: the first run is when the scheduler starts, then every N seconds.
`at="HH:MM"` in the site's time zone, optionally only on a day of the month and a month
(a small subset of cron). The core never imports a feature app: it only knows command
names. `SERAMBI_SCHEDULER_DISABLED` (job names) leaves jobs to another runner, e.g. a
backup the operators already take from cron.

Each job runs in its own thread, so a long nightly job (backup, search_reconcile) never
delays publishing by more than the scheduler's tick. A job never overlaps itself: when it
is due while still running, that run is skipped and logged. An exception in a job is
logged with its traceback and the job runs again at its next time; nothing stops the
scheduler but a signal. Times come from `django.utils.timezone.now()`, which is also what
Wagtail's `publish_scheduled` compares `go_live_at` and `expire_at` with.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from .plugins import Registry

logger = logging.getLogger("serambi.scheduler")


@dataclass(frozen=True)
class Job:
    """A management command run periodically, with fixed arguments."""

    name: str
    command: str
    args: tuple[str, ...] = ()
    every: int | None = None  # seconds
    at: dt.time | None = None  # local time of day
    day: int | None = None  # day of the month, with `at`
    month: int | None = None  # month, with `at`

    def describe(self) -> str:
        if self.every is not None:
            if self.every % 3600 == 0:
                return f"every {self.every // 3600} h"
            if self.every % 60 == 0:
                return f"every {self.every // 60} min"
            return f"every {self.every} s"
        when = f"{self.at:%H:%M}"
        if self.day is not None:
            when += f" on day {self.day}"
        if self.month is not None:
            when += f" of month {self.month}"
        return f"daily at {when}" if self.day is None and self.month is None else f"at {when}"

    def first_run(self, now: dt.datetime) -> dt.datetime:
        """When the job first runs in a scheduler started at `now`."""
        if self.every is not None:
            return now
        return self.next_run(after=now)

    def next_run(self, *, after: dt.datetime, previous: dt.datetime | None = None
                 ) -> dt.datetime:
        """The first time strictly after `after` the job is due. An interval job keeps its
        rhythm from `previous` (its last planned time); a run that was late or skipped is
        not repeated to catch up."""
        if self.every is not None:
            step = dt.timedelta(seconds=self.every)
            due = (previous or after) + step
            if due <= after:  # late: skip the missed beats, keep the phase
                missed = (after - due) // step + 1
                due += missed * step
            return due
        local = timezone.localtime(after)
        candidate = local.replace(hour=self.at.hour, minute=self.at.minute, second=0,
                                  microsecond=0)
        for _ in range(400 * 2):  # a day at a time, at most a leap year and then some
            if candidate > local and self._matches(candidate.date()):
                return candidate
            candidate = _next_day(candidate, self.at)
        raise ValueError(f"job {self.name}: no date matches day={self.day} month={self.month}")

    def _matches(self, day: dt.date) -> bool:
        return ((self.day is None or day.day == self.day)
                and (self.month is None or day.month == self.month))


def _next_day(moment: dt.datetime, at: dt.time) -> dt.datetime:
    """The same local time of day, one calendar day later (daylight-saving safe)."""
    day = moment.date() + dt.timedelta(days=1)
    naive = dt.datetime.combine(day, at.replace(second=0, microsecond=0))
    return timezone.make_aware(naive, moment.tzinfo)


JOBS: Registry[Job] = Registry("periodic jobs", owner="forum_site/core/scheduler.py")


def register(command: str, *args: str, name: str | None = None, every: int | None = None,
             at: str | None = None, day: int | None = None, month: int | None = None) -> None:
    """Declare a periodic job: `every` seconds, or `at` "HH:MM" local time (optionally only
    on `day` of the month and in `month`). `name` defaults to the command's name."""
    if (every is None) == (at is None):
        raise ValueError("give either every= or at=")
    if every is not None and every <= 0:
        raise ValueError("every= must be a positive number of seconds")
    if at is None and (day is not None or month is not None):
        raise ValueError("day= and month= go with at=")
    job = Job(
        name=name or command, command=command, args=tuple(args), every=every,
        at=dt.time.fromisoformat(at) if at else None, day=day, month=month,
    )
    if job.at is not None:
        job.next_run(after=timezone.now())  # refuses an impossible date now, not at 3 a.m.
    JOBS.add(job.name, job)


def registered() -> list[Job]:
    """Every job declared by the apps, by name."""
    return JOBS.items()  # all in the same order: by name


def enabled(only: Iterable[str] = ()) -> list[Job]:
    """The jobs this site runs: the registered ones minus SERAMBI_SCHEDULER_DISABLED, or
    just the names in `only` (unknown names raise KeyError)."""
    only = list(only)
    if only:
        unknown = [name for name in only if name not in JOBS]
        if unknown:
            raise KeyError(", ".join(unknown))
        return [JOBS.get(name) for name in only]
    disabled = set(getattr(settings, "SERAMBI_SCHEDULER_DISABLED", ()))
    return [job for job in registered() if job.name not in disabled]


def run_job(job: Job) -> bool:
    """Run one job now, in this thread; log its output. True when it succeeded."""
    started = time.monotonic()
    output = io.StringIO()
    try:
        call_command(job.command, *job.args, stdout=output, stderr=output)
    except (Exception, SystemExit):  # noqa: BLE001 - a command's sys.exit() is a failure too
        logger.exception("job %s failed after %.1f s; output: %s", job.name,
                         time.monotonic() - started, output.getvalue().strip() or "(none)")
        return False
    logger.info("job %s done in %.1f s%s", job.name, time.monotonic() - started,
                f": {output.getvalue().strip()}" if output.getvalue().strip() else "")
    return True


@dataclass
class Scheduler:
    """Decides which jobs are due and starts them; `run()` is the process's loop."""

    jobs: list[Job]
    tick: float = 5.0  # seconds between looks at the clock
    clock: Callable[[], dt.datetime] = timezone.now
    threaded: bool = True
    _due: dict[str, dt.datetime] = field(default_factory=dict)
    _running: dict[str, threading.Thread] = field(default_factory=dict)

    def __post_init__(self):
        now = self.clock()
        self._due = {job.name: job.first_run(now) for job in self.jobs}

    def next_due(self) -> dict[str, dt.datetime]:
        return dict(self._due)

    def run_pending(self) -> list[str]:
        """Start every job whose time has come; returns their names. The next time is
        planned before the job runs, so a failing job is simply tried again then."""
        now = self.clock()
        started = []
        for job in self.jobs:
            if self._due[job.name] > now:
                continue
            self._due[job.name] = job.next_run(after=now, previous=self._due[job.name])
            running = self._running.get(job.name)
            if running is not None and running.is_alive():
                logger.warning("job %s is still running; this run is skipped", job.name)
                continue
            started.append(job.name)
            if self.threaded:
                thread = threading.Thread(target=_run_in_thread, args=(job,),
                                          name=f"job-{job.name}", daemon=True)
                self._running[job.name] = thread
                thread.start()
            else:
                run_job(job)
        return started

    def run(self, stop: threading.Event, *, grace: float = 60.0) -> None:
        """Run until `stop` is set (by SIGTERM/SIGINT), then give running jobs `grace`
        seconds to finish."""
        logger.info("scheduler started: %s", ", ".join(
            f"{job.name} ({job.describe()})" for job in self.jobs))
        while not stop.is_set():
            try:
                self.run_pending()
            except Exception:  # noqa: BLE001 - the loop itself must outlive any surprise
                logger.exception("scheduler: planning the next runs failed")
            stop.wait(self.tick)
        self.wait(grace)
        logger.info("scheduler stopped")

    def wait(self, timeout: float) -> list[str]:
        """Wait up to `timeout` seconds for running jobs; returns those still running."""
        deadline = time.monotonic() + timeout
        for thread in list(self._running.values()):
            thread.join(max(0.0, deadline - time.monotonic()))
        still = [name for name, t in self._running.items() if t.is_alive()]
        if still:
            logger.warning("stopping while %s still running", ", ".join(still))
        return still


def _run_in_thread(job: Job) -> None:
    # A thread has its own database connections: opened by the job, closed with it, so a
    # database restart between runs costs nothing but a reconnect.
    try:
        run_job(job)
    finally:
        connections.close_all()
