"""Recompute every thread's working-day durations (after a correction to the holiday
table, or to fill rows imported without them)."""

from django.core.management.base import BaseCommand

from discussions.threads.services.calendar import thread_durations_recompute


class Command(BaseCommand):
    help = "Recompute the working days from opening to each milestone of every thread."

    def handle(self, *args, **options):
        changed = thread_durations_recompute()
        self.stdout.write(f"thread durations: {changed} threads updated")
