"""The sitemap. Publication pages themselves are Wagtail pages; their open datasets are
registered with forum_site.core.opendata (see apps.py) and served at /data/."""

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .sitemaps import SiteSitemap


def sitemap(request):
    # Django's view hands the sitemap `get_current_site(request)` (with
    # django.contrib.sites installed: the example.com row); Wagtail's sitemap ignores it
    # and builds each address from the page's Wagtail Site, so no domain is needed here.
    return wagtail_sitemap(request, sitemaps={"pages": SiteSitemap})
