"""Periodic job (run_scheduler, every 10 minutes): re-send comment emails a mail outage
left pending, delete anonymous comments never confirmed within
SERAMBI_COMMENT_UNCONFIRMED_PURGE_AFTER, and delete confirmed anonymous commenters' email
addresses SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS after the last decision email."""

from django.core.management.base import BaseCommand

from discussions.comments.services import anonymous_emails_forget, comments_purge_unconfirmed
from discussions.comments.services.emails import comment_emails_retry


class Command(BaseCommand):
    help = ("Retry pending comment emails, purge unconfirmed anonymous comments, delete "
            "anonymous email addresses past their retention.")

    def handle(self, *args, **options):
        retried = comment_emails_retry()
        purged = comments_purge_unconfirmed()
        forgotten = anonymous_emails_forget()
        self.stdout.write(f"comment emails re-sent: {retried}; unconfirmed purged: {purged}; "
                          f"anonymous email addresses deleted: {forgotten}")
