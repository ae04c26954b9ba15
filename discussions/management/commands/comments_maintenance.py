"""Periodic job (run_scheduler, every 10 minutes): delete anonymous comments never
confirmed within SERAMBI_COMMENT_UNCONFIRMED_PURGE_AFTER, and delete confirmed anonymous
commenters' email addresses SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS after the last decision
email. Their emails are retried by the site's one outbox (`manage.py outbox_retry`)."""

from django.core.management.base import BaseCommand

from discussions.comments.services import anonymous_emails_forget, comments_purge_unconfirmed


class Command(BaseCommand):
    help = ("Purge unconfirmed anonymous comments, delete anonymous email addresses past "
            "their retention.")

    def handle(self, *args, **options):
        purged = comments_purge_unconfirmed()
        forgotten = anonymous_emails_forget()
        self.stdout.write(f"unconfirmed purged: {purged}; "
                          f"anonymous email addresses deleted: {forgotten}")
