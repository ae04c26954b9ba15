"""Cron job (every 10 minutes): re-send comment emails a mail outage left pending, and
delete anonymous comments never confirmed within SERAMBI_COMMENT_UNCONFIRMED_PURGE_AFTER."""

from django.core.management.base import BaseCommand

from discussions.services.comment_emails import comment_emails_retry
from discussions.services.comments import comments_purge_unconfirmed


class Command(BaseCommand):
    help = "Retry pending comment emails and purge unconfirmed anonymous comments."

    def handle(self, *args, **options):
        retried = comment_emails_retry()
        purged = comments_purge_unconfirmed()
        self.stdout.write(f"comment emails re-sent: {retried}; unconfirmed purged: {purged}")
