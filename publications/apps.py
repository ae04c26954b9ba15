from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from forum_site.core import scheduler

        from . import search_records  # registers the search projections
        from .opendata import register_datasets

        search_records.connect_signals()
        register_datasets()
        # Wagtail's go-live, expiry and scheduled revisions happen only when this runs.
        scheduler.register("publish_scheduled", every=60)
