from django.core.management.base import BaseCommand
from django.db import transaction

from forum_site.core.demo import registered_seeders


class Command(BaseCommand):
    help = "Fill the site with realistic Indonesian demo content. Safe to run again."

    def handle(self, *args, **options):
        for seeder in registered_seeders():
            self.stdout.write(f"- {seeder.name}")
            with transaction.atomic():
                seeder.func(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
