"""The sitemap. Publication pages themselves are Wagtail pages; their open datasets are
registered with forum_site.core.opendata (see apps.py) and served at /data/."""

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .sitemaps import SiteSitemap


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": SiteSitemap})
