from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from . import search_records  # registers the search projections
        from .opendata import register_datasets

        search_records.connect_signals()
        register_datasets()
