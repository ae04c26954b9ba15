import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forum_site.core import scheduler


class Command(BaseCommand):
    help = (
        "Run the site's periodic jobs (scheduled publishing every minute, deadlines, email "
        "retries, clean-ups, backups; see docs/operations.md) until SIGTERM or SIGINT."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true",
                            help="Print the jobs and when each next runs, then exit.")
        parser.add_argument("--once", action="store_true",
                            help="Run the jobs due now (every interval job) one after the "
                                 "other, then exit.")
        parser.add_argument("--job", action="append", default=[], metavar="NAME",
                            help="Run only this job (repeatable).")
        parser.add_argument("--tick", type=float, default=5.0,
                            help="Seconds between looks at the clock (default 5).")
        parser.add_argument("--grace", type=float, default=60.0,
                            help="Seconds running jobs get to finish after SIGTERM "
                                 "(default 60).")

    def handle(self, *args, **options):
        try:
            jobs = scheduler.enabled(options["job"])
        except KeyError as exc:
            raise CommandError(f"unknown job: {exc.args[0]}") from None
        if not jobs:
            raise CommandError("no job to run")
        sched = scheduler.Scheduler(jobs, tick=options["tick"],
                                    threaded=not options["once"])
        if options["list"]:
            for name, due in sched.next_due().items():
                job = next(j for j in jobs if j.name == name)
                self.stdout.write(f"{name:<24} {job.describe():<28} "
                                  f"next {timezone.localtime(due):%Y-%m-%d %H:%M}")
            return
        if options["once"]:
            sched.run_pending()
            return

        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        previous = {sig: signal.signal(sig, request_stop)
                    for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            sched.run(stop, grace=options["grace"])
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("scheduler stopped")
