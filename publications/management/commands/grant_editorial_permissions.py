from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from publications.models import HomePage
from publications.services import editorial_permissions_grant


class Command(BaseCommand):
    help = (
        "Confine Tim Komunikasi's page permissions to the publications tree (the default "
        "site's home page and its translations). Run once after creating the home page."
    )

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None or not isinstance(site.root_page.specific, HomePage):
            raise CommandError("The default site's root page is not a HomePage yet.")
        editorial_permissions_grant(home=site.root_page.specific)
        self.stdout.write(self.style.SUCCESS("Tim Komunikasi now edits below the home page."))
