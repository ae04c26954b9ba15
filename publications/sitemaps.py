"""The sitemap: every published, public page of the site in every language.

Wagtail's own sitemap walks the site's root page only, which with Wagtail i18n is the
Indonesian tree; the English tree hangs from the root page's translation, so we walk
each translation of the root."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from .selectors import published


class SiteSitemap(WagtailSitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
        in_any_tree = Q()
        for tree_root in roots:
            in_any_tree |= Q(path__startswith=tree_root.path)
        return (
            published(Page.objects.filter(in_any_tree))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
