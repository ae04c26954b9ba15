"""What every publication page shares: a summary for listings, feeds and link previews,
a breadcrumb parent, and structured data (schema.org JSON-LD)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from forum_site.core.office import current_office
from forum_site.core.pages import ViewRestrictionsInOneQuery
from forum_site.core.public_url import absolute_url


class PublicationPage(ViewRestrictionsInOneQuery, Page):
    """Abstract base of the detail pages (program, outcome, report, news)."""

    summary = models.TextField(
        _("summary"), max_length=400,
        help_text=_("Two or three plain sentences: shown in listings, feeds and link previews."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    schema_type = "Article"
    og_type = "article"

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parent_page"] = self.get_parent()
        context["structured_data"] = self.structured_data(request)
        return context

    def structured_data(self, request) -> dict:
        """schema.org description of this page; subclasses add their own facts."""
        data = {
            "@context": "https://schema.org",
            "@type": self.schema_type,
            "headline": self.title,
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "publisher": current_office().structured_data(absolute=absolute_url),
        }
        if self.first_published_at:
            data["datePublished"] = self.first_published_at.isoformat()
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        return data


class PublicationIndexPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    """Abstract base of the listing pages: an introduction, pagination and an Atom feed
    at `<index>/feed/`."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["publications.HomePage"]
    max_count_per_parent = 1
    per_page = 12

    class Meta:
        abstract = True

    def feed_items(self, request):
        """The newest public children, for the Atom feed."""
        raise NotImplementedError

    @path("feed/", name="feed")
    def feed(self, request):
        from publications.feeds import PageFeed

        return PageFeed(index=self)(request)

    @property
    def feed_url(self) -> str:
        return self.url + self.reverse_subpage("feed")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feed_url"] = self.feed_url
        return context
