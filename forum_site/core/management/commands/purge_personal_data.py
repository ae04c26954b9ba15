from django.conf import settings
from django.core.management.base import BaseCommand

from forum_site.core.retention import purge_ip_addresses


class Command(BaseCommand):
    help = (
        "Blank IP addresses older than SERAMBI_IP_RETENTION_DAYS (30) in every table that "
        "registered one (forum_site/core/retention.py). Idempotent; run daily from cron, "
        "next to `manage.py clearsessions`."
    )

    def handle(self, *args, **options):
        changed = purge_ip_addresses()
        days = settings.SERAMBI_IP_RETENTION_DAYS
        if not changed:
            self.stdout.write(f"No table stores IP addresses; nothing older than {days} days.")
        for model, count in changed.items():
            self.stdout.write(f"{model}: {count} IP addresses older than {days} days removed")
