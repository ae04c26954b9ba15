"""Periodic job (run_scheduler, every 5 minutes): send again the emails a mail outage or
a lost task left pending, once their next attempt is due (forum_site/core/outbox.py)."""

from django.core.management.base import BaseCommand

from forum_site.core.outbox import retry_due


class Command(BaseCommand):
    help = "Send again the pending emails of the outbox whose next attempt is due."

    def handle(self, *args, **options):
        count = retry_due()
        self.stdout.write(f"{count} emails queued again.")
