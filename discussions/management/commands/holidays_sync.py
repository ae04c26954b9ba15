import datetime as dt

from django.core.management.base import BaseCommand

from discussions.threads.services.calendar import holidays_sync


class Command(BaseCommand):
    help = (
        "Add Indonesia's national holidays and cuti bersama for a year from the `holidays` "
        "package. Days already in the table are left as moderators edited them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append",
            help="Year to add (repeatable). Default: this year and next year.",
        )

    def handle(self, *args, **options):
        this_year = dt.date.today().year
        years = options["year"] or [this_year, this_year + 1]
        for year in years:
            added = holidays_sync(year=year)
            self.stdout.write(f"{year}: {added} holidays added.")
