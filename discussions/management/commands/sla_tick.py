import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from discussions.threads.sla import sla_tick


class Command(BaseCommand):
    help = (
        "Run the SLA clock: mark overdue threads, remind units of near deadlines, resolve "
        "answered threads whose closing window passed. Safe to run as often as you like "
        "(cron: every 15 minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Act as if today were this date (YYYY-MM-DD); for catching up."
        )

    def handle(self, *args, **options):
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today must be a date like 2026-11-27") from exc
        result = sla_tick(today=today)
        self.stdout.write(
            f"{result.overdue} marked overdue, {result.reminded} reminders, "
            f"{result.resolved} resolved automatically."
        )
