from django.core.management.base import BaseCommand

from discussions.notifications.services import notification_emails_retry


class Command(BaseCommand):
    help = (
        "Send again the notification emails still pending (mail server down, lost task). "
        "Run from cron every few minutes."
    )

    def handle(self, *args, **options):
        count = notification_emails_retry()
        self.stdout.write(f"{count} notification emails queued again.")
