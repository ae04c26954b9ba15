from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = _("Discussions")

    def ready(self):
        from forum_site.accounts import personal_data

        from . import search_records, signals  # noqa: F401 - register projections, receivers
        from .opendata import register_datasets
        from .personal_data import erase_user_data, export_user_data

        personal_data.register_exporter("discussions", export_user_data)
        personal_data.register_eraser(erase_user_data)
        register_datasets()
        search_records.connect_signals()
        _feeds_and_sitemaps_use_the_request_address()


def _feeds_and_sitemaps_use_the_request_address():
    """django-contrib-comments needs `django.contrib.sites` installed, and with it
    installed Django's feeds and sitemap index take their domain from the Site row
    (example.com) instead of the request. Serambi serves one site at the address it is
    requested on (Wagtail's Site decides the rest), as before comments were added."""
    from django.contrib.sitemaps import views as sitemap_views
    from django.contrib.sites.requests import RequestSite
    from django.contrib.syndication import views as syndication_views

    syndication_views.get_current_site = RequestSite
    sitemap_views.get_current_site = RequestSite
